//! `PUT /api/attempts/{attempt_id}/answers/{slot}`.

use actix_web::web;
use hocdvc_api::{SaveAnswerAck, SaveAnswerRequest};

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::attempts;

/// Saves one answer. Idempotent: a `seq` not above the one kept changes nothing and answers
/// the kept one.
#[utoipa::path(
    put,
    path = "/api/attempts/{attempt_id}/answers/{slot}",
    tag = "attempts",
    params(
        ("attempt_id" = i32, Path, description = "Mã lượt làm bài"),
        ("slot" = i32, Path, description = "Vị trí câu hỏi (từ 1)"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    request_body = SaveAnswerRequest,
    responses(
        (status = 200, description = "Số thứ tự đã lưu", body = SaveAnswerAck),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 403, description = "Thiếu mã CSRF", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có lượt làm bài hoặc câu hỏi này", body = hocdvc_api::ErrorBody),
        (status = 409, description = "Đã hết giờ hoặc đã nộp bài", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Câu trả lời không đúng dạng của câu hỏi", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn save(
    current: CurrentUser,
    db: web::Data<Db>,
    path: web::Path<(i32, i32)>,
    body: web::Json<SaveAnswerRequest>,
) -> AppResult<web::Json<SaveAnswerAck>> {
    let principal = current.0;
    let (attempt_id, slot) = path.into_inner();
    let request = body.into_inner();
    let ack = db
        .run(move |conn| attempts::save(conn, &principal, attempt_id, slot, request))
        .await?;
    Ok(web::Json(ack))
}
