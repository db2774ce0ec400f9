//! `GET /api/gallery`: the public gallery of prize-winning entries (no sign-in).

use actix_web::web;
use hocdvc_api::GalleryEntry;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::judging;

/// Prize-winning entries of published contests: title, thumbnail and prize — no names and no
/// school (entrants are minors). A signed-in viewer also learns which they voted for.
#[utoipa::path(
    get,
    path = "/api/gallery",
    tag = "judging",
    responses((status = 200, description = "Các bài đoạt giải", body = [GalleryEntry]))
)]
pub async fn gallery(
    current: Option<CurrentUser>,
    db: web::Data<Db>,
) -> AppResult<web::Json<Vec<GalleryEntry>>> {
    let viewer = current.map(|c| c.0.user.id);
    Ok(web::Json(
        db.run(move |conn| judging::gallery(conn, viewer)).await?,
    ))
}
