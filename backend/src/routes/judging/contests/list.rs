//! `GET /api/creative-contests`.

use actix_web::web;
use hocdvc_api::CreativeContestView;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::judging;

/// Every creative contest, newest first.
#[utoipa::path(
    get,
    path = "/api/creative-contests",
    tag = "judging",
    responses(
        (status = 200, description = "Các cuộc thi sáng tạo", body = [CreativeContestView]),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn list(
    _current: CurrentUser,
    db: web::Data<Db>,
) -> AppResult<web::Json<Vec<CreativeContestView>>> {
    Ok(web::Json(db.run(judging::list_contests).await?))
}
