//! `POST /api/users/{username}/reset-password`.

use actix_web::web;
use hocdvc_api::ResetPasswordResponse;

use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::models::{grant, session, user};
use crate::routes::extract::CurrentUser;
use crate::services::auth;
use crate::services::gate::{self, Permission};

/// Replaces a person's password with a new one-time activation code (to hand over on paper)
/// and ends all their sessions. Allowed to whoever may reset passwords on one of the units
/// the person belongs to.
#[utoipa::path(
    post,
    path = "/api/users/{username}/reset-password",
    tag = "users",
    params(
        ("username" = String, Path, description = "Tên đăng nhập"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    responses(
        (status = 200, description = "Mã kích hoạt mới", body = ResetPasswordResponse),
        (status = 403, description = "Không có quyền", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có hoặc ngoài phạm vi", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn reset_password(
    current: CurrentUser,
    db: web::Data<Db>,
    username: web::Path<String>,
) -> AppResult<web::Json<ResetPasswordResponse>> {
    let principal = current.0;
    let username = username.into_inner();
    let response = db
        .run(move |conn| {
            let target = user::find_by_username(conn, &username)?.ok_or(AppError::NotFound)?;
            let mut outcome = Err(AppError::NotFound);
            for g in grant::for_user(conn, target.id)? {
                outcome = gate::authorize(conn, &principal, Permission::ResetPassword, g.unit_id);
                if outcome.is_ok() {
                    break;
                }
            }
            outcome?;
            let code = auth::activation_code();
            user::reset_to_activation(conn, target.id, &code)?;
            session::delete_for_user(conn, target.id, None)?;
            Ok(ResetPasswordResponse {
                username: target.username,
                activation_code: code,
            })
        })
        .await?;
    Ok(web::Json(response))
}
