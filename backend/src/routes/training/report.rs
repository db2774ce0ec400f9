//! `GET /api/training/report/{unit_code}?year=2026`.

use actix_web::web;
use hocdvc_api::TrainingReport;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::routes::training::YearQuery;
use crate::services::training;

/// The annual training report of a unit's subtree: per agency or team, job group and track
/// (bồi dưỡng / phổ biến), how many must learn, completed, overdue, the percent against the
/// 100% target, and the list of who is overdue.
#[utoipa::path(
    get,
    path = "/api/training/report/{unit_code}",
    tag = "training",
    params(("unit_code" = String, Path, description = "Mã đơn vị, ví dụ AG-VPUB"), YearQuery),
    responses(
        (status = 200, description = "Báo cáo đào tạo hằng năm", body = TrainingReport),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 403, description = "Không có quyền xem báo cáo đào tạo", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có đơn vị này", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Năm không hợp lệ", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn report(
    current: CurrentUser,
    db: web::Data<Db>,
    unit_code: web::Path<String>,
    query: web::Query<YearQuery>,
) -> AppResult<web::Json<TrainingReport>> {
    let principal = current.0;
    let year = query.year();
    let code = unit_code.into_inner();
    let report = db
        .run(move |conn| training::report(conn, &principal, &code, year))
        .await?;
    Ok(web::Json(report))
}
