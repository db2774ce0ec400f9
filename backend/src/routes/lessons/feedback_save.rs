//! `POST /api/lessons/{id}/feedback`.

use actix_web::web;
use hocdvc_api::{FeedbackRequest, MyFeedback};

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::feedback;

/// Rates the lesson (1–5) with an optional comment; sending again replaces one's own feedback.
#[utoipa::path(
    post,
    path = "/api/lessons/{id}/feedback",
    tag = "feedback",
    request_body = FeedbackRequest,
    params(
        ("id" = String, Path, description = "Mã bài học"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    responses(
        (status = 200, description = "Góp ý đã lưu", body = MyFeedback),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có hoặc không dành cho người học này", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Điểm hoặc góp ý không hợp lệ", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn save(
    current: CurrentUser,
    db: web::Data<Db>,
    id: web::Path<String>,
    body: web::Json<FeedbackRequest>,
) -> AppResult<web::Json<MyFeedback>> {
    let principal = current.0;
    let id = id.into_inner();
    let request = body.into_inner();
    let saved = db
        .run(move |conn| feedback::save_own(conn, &principal, &id, &request))
        .await?;
    Ok(web::Json(saved))
}
