//! `GET /api/lessons/{id}/feedback`.

use actix_web::web;
use hocdvc_api::LessonFeedback;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::feedback;

/// The learner's own feedback on the lesson and the answered feedback of all learners,
/// without names or accounts.
#[utoipa::path(
    get,
    path = "/api/lessons/{id}/feedback",
    tag = "feedback",
    params(("id" = String, Path, description = "Mã bài học")),
    responses(
        (status = 200, description = "Góp ý của bạn và các góp ý đã được trả lời", body = LessonFeedback),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có hoặc không dành cho người học này", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn show(
    current: CurrentUser,
    db: web::Data<Db>,
    id: web::Path<String>,
) -> AppResult<web::Json<LessonFeedback>> {
    let principal = current.0;
    let id = id.into_inner();
    let view = db
        .run(move |conn| feedback::for_lesson(conn, &principal, &id))
        .await?;
    Ok(web::Json(view))
}
