//! `GET /api/modules/{module_id}/statistics.csv?year=2025-2026`.

use actix_web::{HttpResponse, http::header, web};

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::routes::statistics::StatisticsQuery;
use crate::services::item_statistics;

/// The same statistics as a CSV file for Excel (UTF-8 with BOM, Vietnamese headers).
#[utoipa::path(
    get,
    path = "/api/modules/{module_id}/statistics.csv",
    tag = "statistics",
    params(
        ("module_id" = String, Path, description = "Mã học phần, ví dụ thpt-core"),
        StatisticsQuery
    ),
    responses(
        (status = 200, description = "Tệp CSV (UTF-8 có BOM)", content_type = "text/csv", body = String),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 403, description = "Không có quyền xem thống kê câu hỏi", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có học phần này", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Năm học không hợp lệ", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn csv(
    current: CurrentUser,
    db: web::Data<Db>,
    module_id: web::Path<String>,
    query: web::Query<StatisticsQuery>,
) -> AppResult<HttpResponse> {
    let principal = current.0;
    let module_id = module_id.into_inner();
    let year = query.school_year()?;
    let (bytes, file_name) = db
        .run(move |conn| {
            let stats = item_statistics::for_module(conn, &principal, &module_id, year)?;
            let name = format!(
                "thong-ke-cau-hoi-{}-{}.csv",
                stats.module_id, stats.school_year
            );
            Ok::<_, crate::error::AppError>((item_statistics::to_csv(&stats)?, name))
        })
        .await?;
    // Module ids are ASCII slugs; anything else is replaced so the header stays valid.
    let safe: String = file_name
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
