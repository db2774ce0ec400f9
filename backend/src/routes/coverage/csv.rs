//! `GET /api/coverage/{unit_code}.csv?year=2025-2026`.

use actix_web::{HttpResponse, http::header, web};

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::coverage::CoverageQuery;
use crate::routes::extract::CurrentUser;
use crate::services::coverage;

/// Cùng các dòng với báo cáo JSON (đơn vị và các đơn vị con, mỗi chỉ số một dòng), dạng CSV
/// cho Excel (UTF-8 có BOM, tiêu đề tiếng Việt).
#[utoipa::path(
    get,
    path = "/api/coverage/{unit_code}.csv",
    tag = "coverage",
    params(
        ("unit_code" = String, Path, description = "Mã đơn vị, ví dụ AG"),
        CoverageQuery
    ),
    responses(
        (status = 200, description = "Tệp CSV (UTF-8 có BOM)", content_type = "text/csv", body = String),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 403, description = "Không có quyền xem độ bao phủ", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có đơn vị này trong phạm vi", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Năm học không hợp lệ", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn csv(
    current: CurrentUser,
    db: web::Data<Db>,
    unit_code: web::Path<String>,
    query: web::Query<CoverageQuery>,
) -> AppResult<HttpResponse> {
    let principal = current.0;
    let code = unit_code.into_inner();
    let year = coverage::school_year(query.year.as_deref())?;
    let (bytes, name) = db
        .run(move |conn| {
            let report = coverage::report(conn, &principal, &code, year)?;
            let name = format!("bao-phu-{}-{}.csv", report.unit.code, report.school_year);
            Ok::<_, crate::error::AppError>((coverage::to_csv(&report)?, name))
        })
        .await?;
    // Unit codes are free text; anything outside a safe set is replaced in the header.
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{safe}\""),
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(bytes))
}
