//! `POST /api/auth/login`.

use actix_web::{HttpRequest, HttpResponse, web};
use hocdvc_api::{LoginRequest, SessionInfo};

use super::{CookiePolicy, client_ip, session_cookie, session_info};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::models::{self, grant, user};
use crate::services::auth::{self, PasswordPool};

/// Sign in with username and password. A wrong password and an unknown user get the same
/// answer; repeated failures are slowed down per account and per address.
#[utoipa::path(
    post,
    path = "/api/auth/login",
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Đăng nhập thành công; cookie phiên được đặt", body = SessionInfo),
        (status = 401, description = "Sai tên đăng nhập hoặc mật khẩu", body = hocdvc_api::ErrorBody),
        (status = 429, description = "Thử sai quá nhiều lần", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn login(
    req: HttpRequest,
    db: web::Data<Db>,
    passwords: web::Data<PasswordPool>,
    policy: web::Data<CookiePolicy>,
    body: web::Json<LoginRequest>,
) -> AppResult<HttpResponse> {
    let LoginRequest { username, password } = body.into_inner();
    let ip = client_ip(&req);
    auth::check_throttle(&db, &username, &ip).await?;
    let lookup = username.clone();
    let found = db
        .run(move |conn| Ok(user::find_by_username(conn, &lookup)?))
        .await?
        .filter(|u| !u.disabled);
    let stored = found.as_ref().and_then(|u| u.password_hash.clone());
    let verified = passwords
        .verify(
            password,
            stored
                .clone()
                .unwrap_or_else(|| auth::dummy_hash().to_owned()),
        )
        .await?;
    let Some(found) = found.filter(|_| verified && stored.is_some()) else {
        auth::record_failure(&db, &username, &ip).await?;
        return Err(AppError::InvalidCredentials);
    };
    auth::clear_failures(&db, &username).await?;
    let user_id = found.id;
    let (session, grants) = db
        .run(move |conn| {
            let session = auth::open_session(conn, user_id, models::now())?;
            Ok((session, grant::for_user(conn, user_id)?))
        })
        .await?;
    Ok(HttpResponse::Ok()
        .cookie(session_cookie(&session.token, policy.secure))
        .json(session_info(&found, &grants, &session.csrf_token)))
}
