//! `POST /api/me/family-tasks`.

use actix_web::{HttpResponse, web};
use hocdvc_api::{FamilyTaskRequest, FamilyTaskView};

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::family_tasks;

/// Records that the signed-in student guided a relative through an online public service.
#[utoipa::path(
    post,
    path = "/api/me/family-tasks",
    tag = "family_tasks",
    request_body = FamilyTaskRequest,
    params(("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")),
    responses(
        (status = 201, description = "Đã ghi nhận, chờ giáo viên xác nhận", body = FamilyTaskView),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 403, description = "Chỉ học sinh ghi nhận nhiệm vụ gia đình", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Trường không hợp lệ (từng trường trong details)", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn create(
    current: CurrentUser,
    db: web::Data<Db>,
    body: web::Json<FamilyTaskRequest>,
) -> AppResult<HttpResponse> {
    let principal = current.0;
    let request = body.into_inner();
    let view = db
        .run(move |conn| family_tasks::record(conn, &principal, &request))
        .await?;
    Ok(HttpResponse::Created().json(view))
}
