//! `GET /api/feedback?status=…`.

use actix_web::web;
use hocdvc_api::FeedbackItem;
use serde::Deserialize;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::feedback;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct FeedbackQuery {
    /// received (đã nhận), answered (đã trả lời) hoặc updated (đã cập nhật); trống: tất cả
    #[serde(default)]
    pub status: Option<String>,
}

/// The feedback queue, longest waiting first, for content owners; learners stay anonymous.
#[utoipa::path(
    get,
    path = "/api/feedback",
    tag = "feedback",
    params(FeedbackQuery),
    responses(
        (status = 200, description = "Hàng góp ý", body = [FeedbackItem]),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 403, description = "Không có quyền xử lý góp ý", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Trạng thái không hợp lệ", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn list(
    current: CurrentUser,
    db: web::Data<Db>,
    query: web::Query<FeedbackQuery>,
) -> AppResult<web::Json<Vec<FeedbackItem>>> {
    let principal = current.0;
    let status = feedback::parse_status(query.status.as_deref())?;
    let items = db
        .run(move |conn| feedback::queue(conn, &principal, status))
        .await?;
    Ok(web::Json(items))
}
