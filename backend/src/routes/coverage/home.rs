//! `GET /api/coverage?year=2025-2026`: the viewer's own unit.

use actix_web::web;
use hocdvc_api::CoverageReport;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::coverage::CoverageQuery;
use crate::routes::extract::CurrentUser;
use crate::services::coverage;

/// Độ bao phủ của đơn vị của người xem (đơn vị cao nhất trong phạm vi được xem).
#[utoipa::path(
    get,
    path = "/api/coverage",
    tag = "coverage",
    params(CoverageQuery),
    responses(
        (status = 200, description = "Các chỉ số của đơn vị và các đơn vị con", body = CoverageReport),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 403, description = "Không có quyền xem độ bao phủ", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Năm học không hợp lệ", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn home(
    current: CurrentUser,
    db: web::Data<Db>,
    query: web::Query<CoverageQuery>,
) -> AppResult<web::Json<CoverageReport>> {
    let principal = current.0;
    let year = coverage::school_year(query.year.as_deref())?;
    let report = db
        .run(move |conn| {
            let code = coverage::home_unit(conn, &principal)?;
            coverage::report(conn, &principal, &code, year)
        })
        .await?;
    Ok(web::Json(report))
}
