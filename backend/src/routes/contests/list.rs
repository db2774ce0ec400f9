//! `GET /api/contests`.

use actix_web::web;
use hocdvc_api::ContestView;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::contests;

/// The knowledge contests the signed-in user organises or may enter, newest first.
#[utoipa::path(
    get,
    path = "/api/contests",
    tag = "contests",
    responses(
        (status = 200, description = "Các cuộc thi tìm hiểu", body = [ContestView]),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn list(
    current: CurrentUser,
    db: web::Data<Db>,
) -> AppResult<web::Json<Vec<ContestView>>> {
    let principal = current.0;
    let views = db.run(move |conn| contests::list(conn, &principal)).await?;
    Ok(web::Json(views))
}
