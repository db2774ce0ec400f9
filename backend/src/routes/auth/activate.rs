//! `POST /api/auth/activate`: first sign-in with the one-time activation code.

use actix_web::{HttpRequest, HttpResponse, web};
use hocdvc_api::{ActivateRequest, SessionInfo};

use super::{CookiePolicy, client_ip, session_cookie, session_info};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::models::{self, grant, user};
use crate::services::auth::{self, PasswordPool};

/// Sets the first password of an account that holds an activation code, and signs in.
#[utoipa::path(
    post,
    path = "/api/auth/activate",
    tag = "auth",
    request_body = ActivateRequest,
    responses(
        (status = 200, description = "Kích hoạt thành công; cookie phiên được đặt", body = SessionInfo),
        (status = 401, description = "Sai tên đăng nhập hoặc mã kích hoạt", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Mật khẩu mới không đạt yêu cầu", body = hocdvc_api::ErrorBody),
        (status = 429, description = "Thử sai quá nhiều lần", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn activate(
    req: HttpRequest,
    db: web::Data<Db>,
    passwords: web::Data<PasswordPool>,
    policy: web::Data<CookiePolicy>,
    body: web::Json<ActivateRequest>,
) -> AppResult<HttpResponse> {
    let ActivateRequest {
        username,
        activation_code,
        new_password,
    } = body.into_inner();
    let ip = client_ip(&req);
    auth::check_throttle(&db, &username, &ip).await?;
    let lookup = username.clone();
    let found = db
        .run(move |conn| Ok(user::find_by_username(conn, &lookup)?))
        .await?
        .filter(|u| !u.disabled);
    let matches = found
        .as_ref()
        .and_then(|u| u.activation_code.as_deref())
        .is_some_and(|code| {
            let given = auth::normalise_code(&activation_code);
            !given.is_empty() && auth::normalise_code(code) == given
        });
    let Some(found) = found.filter(|_| matches) else {
        auth::record_failure(&db, &username, &ip).await?;
        return Err(AppError::InvalidCredentials);
    };
    auth::check_new_password(&new_password, &found.username)?;
    let hash = passwords.hash(new_password).await?;
    auth::clear_failures(&db, &username).await?;
    let user_id = found.id;
    let (session, grants) = db
        .run(move |conn| {
            use diesel::Connection;
            conn.transaction(|conn| {
                user::set_password_hash(conn, user_id, &hash)?;
                let session = auth::open_session(conn, user_id, models::now())?;
                Ok((session, grant::for_user(conn, user_id)?))
            })
        })
        .await?;
    Ok(HttpResponse::Ok()
        .cookie(session_cookie(&session.token, policy.secure))
        .json(session_info(&found, &grants, &session.csrf_token)))
}
