//! `GET /api/coverage-targets`.

use actix_web::web;
use hocdvc_api::CoverageTargets;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::coverage;

/// Chỉ tiêu của các chỉ số theo năm và ngưỡng đỏ của đèn báo.
#[utoipa::path(
    get,
    path = "/api/coverage-targets",
    tag = "coverage",
    responses(
        (status = 200, description = "Chỉ tiêu và ngưỡng", body = CoverageTargets),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 403, description = "Không có quyền xem độ bao phủ", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn targets(
    current: CurrentUser,
    db: web::Data<Db>,
) -> AppResult<web::Json<CoverageTargets>> {
    let principal = current.0;
    let targets = db
        .run(move |conn| coverage::targets(conn, &principal))
        .await?;
    Ok(web::Json(targets))
}
