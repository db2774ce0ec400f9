//! `GET /api/judging/assignments`.

use actix_web::web;
use hocdvc_api::JudgeAssignment;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::judging;

/// The signed-in judge's entries to score (no entrant names, schools or accounts).
#[utoipa::path(
    get,
    path = "/api/judging/assignments",
    tag = "judging",
    responses(
        (status = 200, description = "Bài được phân công chấm", body = [JudgeAssignment]),
        (status = 403, description = "Không phải giám khảo", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn assignments(
    current: CurrentUser,
    db: web::Data<Db>,
) -> AppResult<web::Json<Vec<JudgeAssignment>>> {
    let principal = current.0;
    Ok(web::Json(
        db.run(move |conn| judging::my_assignments(conn, &principal))
            .await?,
    ))
}
