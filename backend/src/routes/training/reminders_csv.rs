//! `GET /api/training/reminders/{unit_code}.csv?year=2026&days=14`.

use actix_web::{HttpResponse, web};

use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::routes::extract::CurrentUser;
use crate::routes::training::{RemindersQuery, csv_download};
use crate::services::training;

/// The reminder list as a CSV file for Excel (UTF-8 with BOM, Vietnamese headers).
#[utoipa::path(
    get,
    path = "/api/training/reminders/{unit_code}.csv",
    tag = "training",
    params(("unit_code" = String, Path, description = "Mã đơn vị, ví dụ AG-VPUB"), RemindersQuery),
    responses(
        (status = 200, description = "Tệp CSV (UTF-8 có BOM)", content_type = "text/csv", body = String),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 403, description = "Không có quyền xem báo cáo đào tạo", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có đơn vị này", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn reminders_csv(
    current: CurrentUser,
    db: web::Data<Db>,
    unit_code: web::Path<String>,
    query: web::Query<RemindersQuery>,
) -> AppResult<HttpResponse> {
    let principal = current.0;
    let (year, days) = (query.year(), query.days());
    let code = unit_code.into_inner();
    let (bytes, name) = db
        .run(move |conn| {
            let list = training::reminders(conn, &principal, &code, year, days)?;
            let name = format!("nhac-hoc-{}-{}.csv", list.unit_code, list.year);
            Ok::<_, AppError>((training::reminders_csv(&list)?, name))
        })
        .await?;
    csv_download(bytes, &name)
}
