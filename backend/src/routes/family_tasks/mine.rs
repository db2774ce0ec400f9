//! `GET /api/me/family-tasks`.

use actix_web::web;
use hocdvc_api::FamilyTaskView;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::family_tasks;

/// The signed-in student's family-helper tasks this school year, newest first.
#[utoipa::path(
    get,
    path = "/api/me/family-tasks",
    tag = "family_tasks",
    responses(
        (status = 200, description = "Nhiệm vụ gia đình của em", body = [FamilyTaskView]),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn mine(
    current: CurrentUser,
    db: web::Data<Db>,
) -> AppResult<web::Json<Vec<FamilyTaskView>>> {
    let principal = current.0;
    let tasks = db
        .run(move |conn| family_tasks::mine(conn, &principal))
        .await?;
    Ok(web::Json(tasks))
}
