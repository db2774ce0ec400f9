//! `PATCH /api/feedback/{id}`.

use actix_web::web;
use hocdvc_api::{FeedbackItem, FeedbackUpdate};

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::feedback;

/// Writes the public answer and/or moves the feedback forward: đã nhận → đã trả lời (needs an
/// answer) → đã cập nhật.
#[utoipa::path(
    patch,
    path = "/api/feedback/{id}",
    tag = "feedback",
    request_body = FeedbackUpdate,
    params(
        ("id" = i32, Path, description = "Số của góp ý"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    responses(
        (status = 200, description = "Góp ý sau khi sửa", body = FeedbackItem),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 403, description = "Không có quyền xử lý góp ý", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có góp ý này", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Thiếu câu trả lời hoặc chuyển trạng thái không hợp lệ", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn update(
    current: CurrentUser,
    db: web::Data<Db>,
    id: web::Path<i32>,
    body: web::Json<FeedbackUpdate>,
) -> AppResult<web::Json<FeedbackItem>> {
    let principal = current.0;
    let id = id.into_inner();
    let request = body.into_inner();
    let item = db
        .run(move |conn| feedback::update(conn, &principal, id, &request))
        .await?;
    Ok(web::Json(item))
}
