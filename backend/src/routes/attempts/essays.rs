//! `GET /api/grading/essays`.

use actix_web::web;
use hocdvc_api::EssayToGrade;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::attempts;

/// The manual-grading queue: essays of submitted attempts by the students of the classes the
/// teacher may grade, oldest first (at most 200).
#[utoipa::path(
    get,
    path = "/api/grading/essays",
    tag = "attempts",
    responses(
        (status = 200, description = "Bài tự luận chờ chấm", body = Vec<EssayToGrade>),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 403, description = "Không phải giáo viên", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn essays(
    current: CurrentUser,
    db: web::Data<Db>,
) -> AppResult<web::Json<Vec<EssayToGrade>>> {
    let principal = current.0;
    let queue = db
        .run(move |conn| attempts::essays_to_grade(conn, &principal))
        .await?;
    Ok(web::Json(queue))
}
