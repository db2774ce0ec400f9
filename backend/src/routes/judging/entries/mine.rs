//! `GET /api/me/entries`.

use actix_web::web;
use hocdvc_api::MyEntry;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::judging;

/// The signed-in student's entries.
#[utoipa::path(
    get,
    path = "/api/me/entries",
    tag = "judging",
    responses((status = 200, description = "Bài dự thi của em", body = [MyEntry]))
)]
pub async fn mine(current: CurrentUser, db: web::Data<Db>) -> AppResult<web::Json<Vec<MyEntry>>> {
    let principal = current.0;
    Ok(web::Json(
        db.run(move |conn| judging::my_entries(conn, &principal))
            .await?,
    ))
}
