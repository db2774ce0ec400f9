//! `GET /api/modules`.

use actix_web::web;
use hocdvc_api::ModuleSummary;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::lessons;

/// The modules written for the signed-in learner, with their progress.
#[utoipa::path(
    get,
    path = "/api/modules",
    tag = "lessons",
    responses(
        (status = 200, description = "Các học phần dành cho người học", body = [ModuleSummary]),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn list(
    current: CurrentUser,
    db: web::Data<Db>,
) -> AppResult<web::Json<Vec<ModuleSummary>>> {
    let principal = current.0;
    let modules = db
        .run(move |conn| lessons::list_modules(conn, &principal))
        .await?;
    Ok(web::Json(modules))
}
