//! `GET /api/training/report/{unit_code}.csv?year=2026`.

use actix_web::{HttpResponse, web};

use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::routes::extract::CurrentUser;
use crate::routes::training::{YearQuery, csv_download};
use crate::services::training;

/// The same report as a CSV file for Excel (UTF-8 with BOM, Vietnamese headers), the overdue
/// list below the figures.
#[utoipa::path(
    get,
    path = "/api/training/report/{unit_code}.csv",
    tag = "training",
    params(("unit_code" = String, Path, description = "Mã đơn vị, ví dụ AG-VPUB"), YearQuery),
    responses(
        (status = 200, description = "Tệp CSV (UTF-8 có BOM)", content_type = "text/csv", body = String),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 403, description = "Không có quyền xem báo cáo đào tạo", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có đơn vị này", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn report_csv(
    current: CurrentUser,
    db: web::Data<Db>,
    unit_code: web::Path<String>,
    query: web::Query<YearQuery>,
) -> AppResult<HttpResponse> {
    let principal = current.0;
    let year = query.year();
    let code = unit_code.into_inner();
    let (bytes, name) = db
        .run(move |conn| {
            let report = training::report(conn, &principal, &code, year)?;
            let name = format!("bao-cao-dao-tao-{}-{}.csv", report.unit_code, report.year);
            Ok::<_, AppError>((training::report_csv(&report)?, name))
        })
        .await?;
    csv_download(bytes, &name)
}
