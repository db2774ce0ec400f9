//! `POST /api/modules/{module_id}/attempts`.

use actix_web::{HttpResponse, web};
use hocdvc_api::AttemptStarted;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::attempts;

/// Starts an attempt at the module's assessment (201), or resumes the learner's open one (200).
#[utoipa::path(
    post,
    path = "/api/modules/{module_id}/attempts",
    tag = "attempts",
    params(
        ("module_id" = String, Path, description = "Mã học phần"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    responses(
        (status = 201, description = "Lượt làm bài mới", body = AttemptStarted),
        (status = 200, description = "Tiếp tục lượt đang làm", body = AttemptStarted),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 403, description = "Học phần không dành cho người học này, hoặc thiếu mã CSRF", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có học phần", body = hocdvc_api::ErrorBody),
        (status = 409, description = "Hết lượt, chưa hết thời gian chờ, hoặc bài kiểm tra chưa mở / đã đóng", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn start(
    current: CurrentUser,
    db: web::Data<Db>,
    module_id: web::Path<String>,
) -> AppResult<HttpResponse> {
    let principal = current.0;
    let module_id = module_id.into_inner();
    let (created, started) = db
        .run(move |conn| attempts::start(conn, &principal, &module_id))
        .await?;
    Ok(if created {
        HttpResponse::Created().json(started)
    } else {
        HttpResponse::Ok().json(started)
    })
}
