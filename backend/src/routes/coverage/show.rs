//! `GET /api/coverage/{unit_code}?year=2025-2026`.

use actix_web::web;
use hocdvc_api::CoverageReport;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::coverage::CoverageQuery;
use crate::routes::extract::CurrentUser;
use crate::services::coverage;

/// Độ bao phủ của một đơn vị (cả cây bên dưới) trong một năm học: từng chỉ số với tử số, mẫu
/// số, giá trị, chỉ tiêu; các đơn vị con, đơn vị chậm nhất và xu hướng theo tháng.
#[utoipa::path(
    get,
    path = "/api/coverage/{unit_code}",
    tag = "coverage",
    params(
        ("unit_code" = String, Path, description = "Mã đơn vị, ví dụ AG"),
        CoverageQuery
    ),
    responses(
        (status = 200, description = "Các chỉ số của đơn vị và các đơn vị con", body = CoverageReport),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 403, description = "Không có quyền xem độ bao phủ", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có đơn vị này trong phạm vi", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Năm học không hợp lệ", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn show(
    current: CurrentUser,
    db: web::Data<Db>,
    unit_code: web::Path<String>,
    query: web::Query<CoverageQuery>,
) -> AppResult<web::Json<CoverageReport>> {
    let principal = current.0;
    let code = unit_code.into_inner();
    let year = coverage::school_year(query.year.as_deref())?;
    let report = db
        .run(move |conn| coverage::report(conn, &principal, &code, year))
        .await?;
    Ok(web::Json(report))
}
