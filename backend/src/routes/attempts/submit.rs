//! `POST /api/attempts/{attempt_id}/submit`.

use actix_web::web;
use hocdvc_api::AttemptResult;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::attempts;

/// Submits and grades the attempt. Idempotent: submitting again answers the same result.
#[utoipa::path(
    post,
    path = "/api/attempts/{attempt_id}/submit",
    tag = "attempts",
    params(
        ("attempt_id" = i32, Path, description = "Mã lượt làm bài"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    responses(
        (status = 200, description = "Kết quả (điểm là null khi còn câu tự luận chờ chấm)", body = AttemptResult),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 403, description = "Thiếu mã CSRF", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có lượt làm bài này", body = hocdvc_api::ErrorBody),
        (status = 409, description = "Bài làm đã bị hủy vì quá hạn", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn submit(
    current: CurrentUser,
    db: web::Data<Db>,
    attempt_id: web::Path<i32>,
) -> AppResult<web::Json<AttemptResult>> {
    let principal = current.0;
    let attempt_id = attempt_id.into_inner();
    let result = db
        .run(move |conn| attempts::submit(conn, &principal, attempt_id))
        .await?;
    Ok(web::Json(result))
}
