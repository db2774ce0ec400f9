//! `GET /api/lessons/{id}?lang=vi|km|en`.

use actix_web::web;
use hocdvc_api::LessonView;
use serde::Deserialize;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::lessons;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct LessonQuery {
    /// Ngôn ngữ: vi (mặc định), km, en; bản gốc khi không có bản dịch
    #[serde(default)]
    pub lang: Option<String>,
}

/// A lesson rendered to safe HTML, with previous/next and the learner's done flag.
#[utoipa::path(
    get,
    path = "/api/lessons/{id}",
    tag = "lessons",
    params(("id" = String, Path, description = "Mã bài học"), LessonQuery),
    responses(
        (status = 200, description = "Bài học", body = LessonView),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có hoặc không dành cho người học này", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn show(
    current: CurrentUser,
    db: web::Data<Db>,
    id: web::Path<String>,
    query: web::Query<LessonQuery>,
) -> AppResult<web::Json<LessonView>> {
    let principal = current.0;
    let id = id.into_inner();
    let lang = query.into_inner().lang;
    let view = db
        .run(move |conn| lessons::lesson_view(conn, &principal, &id, lang.as_deref()))
        .await?;
    Ok(web::Json(view))
}
