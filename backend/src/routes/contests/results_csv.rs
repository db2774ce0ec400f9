//! `GET /api/contests/{contest_id}/rounds/{round_id}/results.csv`.

use actix_web::{HttpResponse, http::header, web};

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::contests::RoundPath;
use crate::routes::extract::CurrentUser;
use crate::services::contests;

/// Every group's ranking of the round as a CSV file for Excel (UTF-8 with BOM, Vietnamese
/// headers): organisers only.
#[utoipa::path(
    get,
    path = "/api/contests/{contest_id}/rounds/{round_id}/results.csv",
    tag = "contests",
    params(
        ("contest_id" = i32, Path, description = "Mã cuộc thi"),
        ("round_id" = i32, Path, description = "Mã vòng thi")
    ),
    responses(
        (status = 200, description = "Tệp CSV (UTF-8 có BOM)", content_type = "text/csv", body = String),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 403, description = "Không phải ban tổ chức cuộc thi này", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có cuộc thi hoặc vòng thi này", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn results_csv(
    current: CurrentUser,
    db: web::Data<Db>,
    path: web::Path<RoundPath>,
) -> AppResult<HttpResponse> {
    let principal = current.0;
    let path = path.into_inner();
    let (bytes, file_name) = db
        .run(move |conn| contests::results_csv(conn, &principal, path.contest_id, path.round_id))
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{file_name}\""),
        ))
        .body(bytes))
}
