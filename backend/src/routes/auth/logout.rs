//! `POST /api/auth/logout`.

use actix_web::{HttpResponse, web};

use super::{CookiePolicy, expired_cookie};
use crate::db::Db;
use crate::error::AppResult;
use crate::models::session;
use crate::routes::extract::CurrentUser;

/// Ends the current session (on the server, not only in the browser).
#[utoipa::path(
    post,
    path = "/api/auth/logout",
    tag = "auth",
    params(("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")),
    responses((status = 204, description = "Đã đăng xuất"))
)]
pub async fn logout(
    current: CurrentUser,
    db: web::Data<Db>,
    policy: web::Data<CookiePolicy>,
) -> AppResult<HttpResponse> {
    let id = current.0.session_id;
    db.run(move |conn| Ok(session::delete(conn, &id)?)).await?;
    Ok(HttpResponse::NoContent()
        .cookie(expired_cookie(policy.secure))
        .finish())
}
