//! `POST /api/contests`.

use actix_web::{HttpResponse, web};
use hocdvc_api::{ContestView, CreateContestRequest};

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::contests;

/// Creates a knowledge contest of a unit with its groups (ban tổ chức).
#[utoipa::path(
    post,
    path = "/api/contests",
    tag = "contests",
    request_body = CreateContestRequest,
    params(("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")),
    responses(
        (status = 201, description = "Đã tạo cuộc thi", body = ContestView),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 403, description = "Không có quyền tổ chức cuộc thi ở đơn vị này, hoặc thiếu mã CSRF", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Đơn vị ngoài phạm vi", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Dữ liệu không hợp lệ (thông báo nêu trường sai)", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn create(
    current: CurrentUser,
    db: web::Data<Db>,
    body: web::Json<CreateContestRequest>,
) -> AppResult<HttpResponse> {
    let principal = current.0;
    let request = body.into_inner();
    let view = db
        .run(move |conn| contests::create(conn, &principal, request))
        .await?;
    Ok(HttpResponse::Created().json(view))
}
