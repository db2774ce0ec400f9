//! `POST /api/contests/{contest_id}/rounds/{round_id}/qualify`.

use actix_web::web;
use hocdvc_api::{QualifyRequest, QualifySummary};

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::contests::RoundPath;
use crate::routes::extract::CurrentUser;
use crate::services::contests;

/// Applies the qualification rule of a closed round (top K per school in each group, or a score
/// threshold): marks who may enter the next round. Applying again replaces the earlier marks.
#[utoipa::path(
    post,
    path = "/api/contests/{contest_id}/rounds/{round_id}/qualify",
    tag = "contests",
    request_body = QualifyRequest,
    params(
        ("contest_id" = i32, Path, description = "Mã cuộc thi"),
        ("round_id" = i32, Path, description = "Mã vòng thi"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    responses(
        (status = 200, description = "Số thí sinh được vào vòng sau", body = QualifySummary),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 403, description = "Không phải ban tổ chức cuộc thi này, hoặc thiếu mã CSRF", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có cuộc thi hoặc vòng thi này", body = hocdvc_api::ErrorBody),
        (status = 409, description = "Vòng thi chưa kết thúc", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Quy tắc không hợp lệ", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn qualify(
    current: CurrentUser,
    db: web::Data<Db>,
    path: web::Path<RoundPath>,
    body: web::Json<QualifyRequest>,
) -> AppResult<web::Json<QualifySummary>> {
    let principal = current.0;
    let path = path.into_inner();
    let request = body.into_inner();
    let summary = db
        .run(move |conn| {
            contests::qualify(conn, &principal, path.contest_id, path.round_id, request)
        })
        .await?;
    Ok(web::Json(summary))
}
