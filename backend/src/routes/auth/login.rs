//! `POST /api/auth/login`.

use actix_web::{HttpRequest, HttpResponse, web};
use hocdvc_api::{LoginRequest, SessionInfo};

use super::{CookiePolicy, client_ip, signed_in};
use crate::db::Db;
use crate::error::{AppError, AppResult};
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
    let found = auth::find_enabled(&db, &username).await?;
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
    let (session, grants) = auth::complete_sign_in(&db, &found, None).await?;
    Ok(signed_in(&policy, &found, &session, &grants))
}
