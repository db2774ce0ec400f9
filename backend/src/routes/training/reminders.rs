//! `GET /api/training/reminders/{unit_code}?year=2026&days=14`.

use actix_web::web;
use hocdvc_api::TrainingReminders;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::routes::training::RemindersQuery;
use crate::services::training;

/// Who in a unit's subtree has not completed this year's training and is due within `days`
/// days, with a Vietnamese reminder ready to paste into an e-mail (no mail is sent).
#[utoipa::path(
    get,
    path = "/api/training/reminders/{unit_code}",
    tag = "training",
    params(("unit_code" = String, Path, description = "Mã đơn vị, ví dụ AG-VPUB"), RemindersQuery),
    responses(
        (status = 200, description = "Danh sách cần nhắc và nội dung thư nhắc", body = TrainingReminders),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 403, description = "Không có quyền xem báo cáo đào tạo", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có đơn vị này", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Năm hoặc số ngày không hợp lệ", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn reminders(
    current: CurrentUser,
    db: web::Data<Db>,
    unit_code: web::Path<String>,
    query: web::Query<RemindersQuery>,
) -> AppResult<web::Json<TrainingReminders>> {
    let principal = current.0;
    let (year, days) = (query.year(), query.days());
    let code = unit_code.into_inner();
    let list = db
        .run(move |conn| training::reminders(conn, &principal, &code, year, days))
        .await?;
    Ok(web::Json(list))
}
