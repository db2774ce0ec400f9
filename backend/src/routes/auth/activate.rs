//! `POST /api/auth/activate`: first sign-in with the one-time activation code.

use actix_web::{HttpRequest, HttpResponse, web};
use hocdvc_api::{ActivateRequest, SessionInfo};

use super::{CookiePolicy, client_ip, signed_in};
use crate::db::Db;
use crate::error::{AppError, AppResult};
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
    let found = auth::find_enabled(&db, &username).await?;
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
    let (session, grants) = auth::complete_sign_in(&db, &found, Some(hash)).await?;
    Ok(signed_in(&policy, &found, &session, &grants))
}
