//! `GET /api/creative-contests/{id}`.

use actix_web::web;
use hocdvc_api::CreativeContestView;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::judging;

/// One creative contest: rules, rubric and phase.
#[utoipa::path(
    get,
    path = "/api/creative-contests/{id}",
    tag = "judging",
    params(("id" = i32, Path, description = "Mã cuộc thi")),
    responses(
        (status = 200, description = "Cuộc thi", body = CreativeContestView),
        (status = 404, description = "Không có", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn show(
    _current: CurrentUser,
    db: web::Data<Db>,
    id: web::Path<i32>,
) -> AppResult<web::Json<CreativeContestView>> {
    let id = id.into_inner();
    Ok(web::Json(
        db.run(move |conn| judging::show_contest(conn, id)).await?,
    ))
}
