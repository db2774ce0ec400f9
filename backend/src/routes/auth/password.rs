//! `POST /api/auth/password`.

use actix_web::{HttpResponse, web};
use hocdvc_api::ChangePasswordRequest;

use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::models::{session, user};
use crate::routes::extract::CurrentUser;
use crate::services::auth::{self, PasswordPool};

/// Changes the signed-in user's password; every other session of the account ends.
#[utoipa::path(
    post,
    path = "/api/auth/password",
    tag = "auth",
    request_body = ChangePasswordRequest,
    params(("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")),
    responses(
        (status = 204, description = "Đã đổi mật khẩu"),
        (status = 401, description = "Mật khẩu hiện tại không đúng", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Mật khẩu mới không đạt yêu cầu", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn change_password(
    current: CurrentUser,
    db: web::Data<Db>,
    passwords: web::Data<PasswordPool>,
    body: web::Json<ChangePasswordRequest>,
) -> AppResult<HttpResponse> {
    let ChangePasswordRequest {
        current_password,
        new_password,
    } = body.into_inner();
    let principal = current.0;
    let stored = principal.user.password_hash.clone().unwrap_or_default();
    if !passwords.verify(current_password, stored).await? {
        return Err(AppError::InvalidCredentials);
    }
    auth::check_new_password(&new_password, &principal.user.username)?;
    let hash = passwords.hash(new_password).await?;
    let (user_id, keep) = (principal.user.id, principal.session_id);
    db.run(move |conn| {
        user::set_password_hash(conn, user_id, &hash)?;
        session::delete_for_user(conn, user_id, Some(&keep))?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
