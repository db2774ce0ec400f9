//! `GET /api/me/todo`.

use actix_web::web;
use hocdvc_api::TodoItem;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::assignments;

/// The modules assigned to the signed-in student's class, with dates, state and progress.
#[utoipa::path(
    get,
    path = "/api/me/todo",
    tag = "assignments",
    responses(
        (status = 200, description = "Việc cần làm: việc chưa xong trước, hạn gần trước", body = [TodoItem]),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn todo(current: CurrentUser, db: web::Data<Db>) -> AppResult<web::Json<Vec<TodoItem>>> {
    let principal = current.0;
    let items = db
        .run(move |conn| assignments::todo(conn, &principal))
        .await?;
    Ok(web::Json(items))
}
