//! `POST /api/contests/{contest_id}/rounds/{round_id}/entries`.

use actix_web::{HttpResponse, web};
use hocdvc_api::{AttemptStarted, EnterRoundRequest};

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::contests::RoundPath;
use crate::routes::extract::CurrentUser;
use crate::services::contests;

/// Enters the round with a prediction: starts an attempt (201) or resumes the live one (200).
/// The attempt is then answered and submitted through `/api/attempts/…`.
#[utoipa::path(
    post,
    path = "/api/contests/{contest_id}/rounds/{round_id}/entries",
    tag = "contests",
    request_body = EnterRoundRequest,
    params(
        ("contest_id" = i32, Path, description = "Mã cuộc thi"),
        ("round_id" = i32, Path, description = "Mã vòng thi"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    responses(
        (status = 201, description = "Lượt thi mới", body = AttemptStarted),
        (status = 200, description = "Tiếp tục lượt đang thi", body = AttemptStarted),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 403, description = "Không phải thí sinh của cuộc thi, hoặc thiếu mã CSRF", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có cuộc thi hoặc vòng thi này", body = hocdvc_api::ErrorBody),
        (status = 409, description = "Vòng thi chưa mở / đã kết thúc, hết lượt, hoặc chưa được vào vòng này", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Câu trả lời dự đoán không hợp lệ", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn enter(
    current: CurrentUser,
    db: web::Data<Db>,
    path: web::Path<RoundPath>,
    body: web::Json<EnterRoundRequest>,
) -> AppResult<HttpResponse> {
    let principal = current.0;
    let path = path.into_inner();
    let request = body.into_inner();
    let (created, started) = db
        .run(move |conn| contests::enter(conn, &principal, path.contest_id, path.round_id, request))
        .await?;
    Ok(if created {
        HttpResponse::Created().json(started)
    } else {
        HttpResponse::Ok().json(started)
    })
}
