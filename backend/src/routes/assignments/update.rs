//! `PATCH /api/assignments/{id}`.

use actix_web::web;
use hocdvc_api::{AssignmentView, UpdateAssignmentRequest};

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::assignments;

/// Changes an assignment's open and due dates.
#[utoipa::path(
    patch,
    path = "/api/assignments/{id}",
    tag = "assignments",
    request_body = UpdateAssignmentRequest,
    params(
        ("id" = i32, Path, description = "Mã lần giao bài"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    responses(
        (status = 200, description = "Lần giao bài sau khi đổi ngày", body = AssignmentView),
        (status = 403, description = "Không có quyền với lớp này", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có hoặc ngoài phạm vi", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Ngày không hợp lệ", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn update(
    current: CurrentUser,
    db: web::Data<Db>,
    id: web::Path<i32>,
    body: web::Json<UpdateAssignmentRequest>,
) -> AppResult<web::Json<AssignmentView>> {
    let principal = current.0;
    let id = id.into_inner();
    let request = body.into_inner();
    let view = db
        .run(move |conn| assignments::update(conn, &principal, id, &request))
        .await?;
    Ok(web::Json(view))
}
