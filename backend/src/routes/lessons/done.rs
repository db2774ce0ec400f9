//! `POST /api/lessons/{id}/done`.

use actix_web::web;
use hocdvc_api::LessonDone;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::lessons;

/// Marks the lesson learned for the signed-in learner; marking again changes nothing.
#[utoipa::path(
    post,
    path = "/api/lessons/{id}/done",
    tag = "lessons",
    params(("id" = String, Path, description = "Mã bài học")),
    responses(
        (status = 200, description = "Đã ghi nhận; tiến độ mới của học phần", body = LessonDone),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 403, description = "Thiếu mã chống giả mạo (X-CSRF-Token)", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có hoặc không dành cho người học này", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn done(
    current: CurrentUser,
    db: web::Data<Db>,
    id: web::Path<String>,
) -> AppResult<web::Json<LessonDone>> {
    let principal = current.0;
    let id = id.into_inner();
    let done = db
        .run(move |conn| lessons::mark_done(conn, &principal, &id))
        .await?;
    Ok(web::Json(done))
}
