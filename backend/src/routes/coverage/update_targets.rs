//! `PUT /api/coverage-targets`.

use actix_web::web;
use hocdvc_api::CoverageTargets;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::coverage;

/// Thay toàn bộ chỉ tiêu và ngưỡng đỏ (tất cả hoặc không): chỉ quản trị hệ thống.
#[utoipa::path(
    put,
    path = "/api/coverage-targets",
    tag = "coverage",
    request_body = CoverageTargets,
    params(("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")),
    responses(
        (status = 200, description = "Chỉ tiêu sau khi lưu", body = CoverageTargets),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 403, description = "Không có quyền sửa chỉ tiêu", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Dòng chỉ tiêu không hợp lệ (details nêu dòng và cột)", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn update_targets(
    current: CurrentUser,
    db: web::Data<Db>,
    body: web::Json<CoverageTargets>,
) -> AppResult<web::Json<CoverageTargets>> {
    let principal = current.0;
    let request = body.into_inner();
    let targets = db
        .run(move |conn| coverage::set_targets(conn, &principal, &request))
        .await?;
    Ok(web::Json(targets))
}
