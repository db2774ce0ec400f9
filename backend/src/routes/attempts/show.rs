//! `GET /api/attempts/{attempt_id}`.

use actix_web::web;
use hocdvc_api::AttemptView;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::attempts;

/// The attempt with every saved answer; after submission its result and, as the review
/// options allow, the review. Teachers of the student's class may see it once submitted.
#[utoipa::path(
    get,
    path = "/api/attempts/{attempt_id}",
    tag = "attempts",
    params(("attempt_id" = i32, Path, description = "Mã lượt làm bài")),
    responses(
        (status = 200, description = "Lượt làm bài", body = AttemptView),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 403, description = "Không có quyền xem bài của học sinh này", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có lượt làm bài này", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn show(
    current: CurrentUser,
    db: web::Data<Db>,
    attempt_id: web::Path<i32>,
) -> AppResult<web::Json<AttemptView>> {
    let principal = current.0;
    let attempt_id = attempt_id.into_inner();
    let view = db
        .run(move |conn| attempts::view(conn, &principal, attempt_id))
        .await?;
    Ok(web::Json(view))
}
