//! `PUT /api/attempts/{attempt_id}/slots/{slot}/grade`.

use actix_web::web;
use hocdvc_api::{AttemptResult, GradeSlotRequest};

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::attempts;

/// A teacher grades an essay (mark 0..max_mark, optional comment); answers the attempt's
/// result, which gets its score once no essay waits any more.
#[utoipa::path(
    put,
    path = "/api/attempts/{attempt_id}/slots/{slot}/grade",
    tag = "attempts",
    params(
        ("attempt_id" = i32, Path, description = "Mã lượt làm bài"),
        ("slot" = i32, Path, description = "Vị trí câu hỏi (từ 1)"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    request_body = GradeSlotRequest,
    responses(
        (status = 200, description = "Kết quả lượt làm bài sau khi chấm", body = AttemptResult),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 403, description = "Không phải giáo viên của học sinh này, hoặc thiếu mã CSRF", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có lượt làm bài (đã nộp) hoặc câu hỏi này", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Không phải câu tự luận, hoặc điểm ngoài khoảng", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn grade(
    current: CurrentUser,
    db: web::Data<Db>,
    path: web::Path<(i32, i32)>,
    body: web::Json<GradeSlotRequest>,
) -> AppResult<web::Json<AttemptResult>> {
    let principal = current.0;
    let (attempt_id, slot) = path.into_inner();
    let request = body.into_inner();
    let result = db
        .run(move |conn| attempts::grade_slot(conn, &principal, attempt_id, slot, request))
        .await?;
    Ok(web::Json(result))
}
