//! `GET /api/modules/{module_id}/statistics?year=2025-2026`.

use actix_web::web;
use hocdvc_api::ItemStatistics;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::routes::statistics::StatisticsQuery;
use crate::services::item_statistics;

/// Item statistics of the module's assessment in a school year, on each learner's first
/// finished attempt (as Moodle's quiz statistics report).
#[utoipa::path(
    get,
    path = "/api/modules/{module_id}/statistics",
    tag = "statistics",
    params(
        ("module_id" = String, Path, description = "Mã học phần, ví dụ thpt-core"),
        StatisticsQuery
    ),
    responses(
        (status = 200, description = "Chỉ số của từng câu hỏi và của cả bài kiểm tra", body = ItemStatistics),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 403, description = "Không có quyền xem thống kê câu hỏi", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có học phần này", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Năm học không hợp lệ", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn show(
    current: CurrentUser,
    db: web::Data<Db>,
    module_id: web::Path<String>,
    query: web::Query<StatisticsQuery>,
) -> AppResult<web::Json<ItemStatistics>> {
    let principal = current.0;
    let module_id = module_id.into_inner();
    let year = query.school_year()?;
    let stats = db
        .run(move |conn| item_statistics::for_module(conn, &principal, &module_id, year))
        .await?;
    Ok(web::Json(stats))
}
