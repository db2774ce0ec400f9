//! `GET /api/search?q=…`.

use actix_web::web;
use hocdvc_api::SearchResults;
use serde::Deserialize;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::search as search_service;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct SearchQuery {
    /// Từ khóa, ít nhất 2 ký tự; không phân biệt hoa thường và dấu
    #[serde(default)]
    pub q: String,
}

/// Lessons (of the modules open to the learner) and, for content authors, questions whose
/// text matches, ignoring diacritics; title matches first, at most 20 of each.
#[utoipa::path(
    get,
    path = "/api/search",
    tag = "search",
    params(SearchQuery),
    responses(
        (status = 200, description = "Kết quả tìm kiếm", body = SearchResults),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Từ khóa quá ngắn hoặc quá dài", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn search(
    current: CurrentUser,
    db: web::Data<Db>,
    query: web::Query<SearchQuery>,
) -> AppResult<web::Json<SearchResults>> {
    let principal = current.0;
    let q = query.into_inner().q;
    let results = db
        .run(move |conn| search_service::search(conn, &principal, &q))
        .await?;
    Ok(web::Json(results))
}
