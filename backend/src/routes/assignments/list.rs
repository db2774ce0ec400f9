//! `GET /api/assignments`.

use actix_web::web;
use hocdvc_api::AssignmentBoard;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::assignments;

/// The classes the signed-in teacher may assign to, and this school year's assignments.
#[utoipa::path(
    get,
    path = "/api/assignments",
    tag = "assignments",
    responses(
        (status = 200, description = "Lớp được giao bài và các bài đã giao", body = AssignmentBoard),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 403, description = "Không có quyền giao bài", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn list(
    current: CurrentUser,
    db: web::Data<Db>,
) -> AppResult<web::Json<AssignmentBoard>> {
    let principal = current.0;
    let board = db
        .run(move |conn| assignments::board(conn, &principal))
        .await?;
    Ok(web::Json(board))
}
