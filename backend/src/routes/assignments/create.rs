//! `POST /api/assignments`.

use actix_web::{HttpResponse, web};
use hocdvc_api::{AssignmentView, CreateAssignmentRequest};

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::assignments;

/// Assigns a module to one or more classes for the current school year: all or none.
#[utoipa::path(
    post,
    path = "/api/assignments",
    tag = "assignments",
    request_body = CreateAssignmentRequest,
    params(("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")),
    responses(
        (status = 201, description = "Đã giao bài, mỗi lớp một dòng", body = [AssignmentView]),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 403, description = "Không có quyền với lớp này", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có lớp này trong phạm vi", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Ngày, lớp hoặc học phần không hợp lệ (từng trường trong details)", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn create(
    current: CurrentUser,
    db: web::Data<Db>,
    body: web::Json<CreateAssignmentRequest>,
) -> AppResult<HttpResponse> {
    let principal = current.0;
    let request = body.into_inner();
    let views = db
        .run(move |conn| assignments::create(conn, &principal, &request))
        .await?;
    Ok(HttpResponse::Created().json(views))
}
