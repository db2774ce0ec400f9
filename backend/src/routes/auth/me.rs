//! `GET /api/me`.

use actix_web::web;
use hocdvc_api::SessionInfo;

use super::session_info;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;

/// The signed-in user, their roles, and the session's CSRF token.
#[utoipa::path(
    get,
    path = "/api/me",
    tag = "auth",
    responses(
        (status = 200, description = "Người dùng đang đăng nhập", body = SessionInfo),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn me(current: CurrentUser) -> AppResult<web::Json<SessionInfo>> {
    let p = current.0;
    Ok(web::Json(session_info(&p.user, &p.grants, &p.csrf_token)))
}
