//! `POST /api/family-tasks/{id}/review`.

use actix_web::web;
use hocdvc_api::{FamilyTaskReview, FamilyTaskView};

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::family_tasks;

/// Confirms or rejects a student's family-helper task.
#[utoipa::path(
    post,
    path = "/api/family-tasks/{id}/review",
    tag = "family_tasks",
    request_body = FamilyTaskReview,
    params(
        ("id" = i32, Path, description = "Mã nhiệm vụ"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    responses(
        (status = 200, description = "Nhiệm vụ sau khi duyệt", body = FamilyTaskView),
        (status = 403, description = "Không phải giáo viên của lớp", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có hoặc ngoài phạm vi", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Quyết định không hợp lệ", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn review(
    current: CurrentUser,
    db: web::Data<Db>,
    id: web::Path<i32>,
    body: web::Json<FamilyTaskReview>,
) -> AppResult<web::Json<FamilyTaskView>> {
    let principal = current.0;
    let id = id.into_inner();
    let status = body.into_inner().status;
    let view = db
        .run(move |conn| family_tasks::review(conn, &principal, id, status))
        .await?;
    Ok(web::Json(view))
}
