//! `GET /api/family-tasks?status=pending|confirmed|rejected`.

use actix_web::web;
use hocdvc_api::{FamilyTaskStatus, FamilyTaskView};
use serde::Deserialize;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::family_tasks;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ReviewQuery {
    /// pending (mặc định), confirmed hoặc rejected
    #[serde(default)]
    #[param(value_type = Option<String>)]
    pub status: Option<FamilyTaskStatus>,
}

/// The family-helper tasks of the reviewer's classes' students this school year.
#[utoipa::path(
    get,
    path = "/api/family-tasks",
    tag = "family_tasks",
    params(ReviewQuery),
    responses(
        (status = 200, description = "Nhiệm vụ gia đình của học sinh các lớp", body = [FamilyTaskView]),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 403, description = "Không có quyền duyệt", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn list(
    current: CurrentUser,
    db: web::Data<Db>,
    query: web::Query<ReviewQuery>,
) -> AppResult<web::Json<Vec<FamilyTaskView>>> {
    let principal = current.0;
    let status = query
        .into_inner()
        .status
        .unwrap_or(FamilyTaskStatus::Pending);
    let tasks = db
        .run(move |conn| family_tasks::for_review(conn, &principal, status))
        .await?;
    Ok(web::Json(tasks))
}
