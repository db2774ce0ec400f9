//! `GET /api/entries/{id}/files/{file_id}`.

use actix_web::{HttpResponse, web};

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::judging::storage;

/// A file of an entry: for its team, its judges and the organisers; for anyone once the entry
/// won a prize and results are published.
#[utoipa::path(
    get,
    path = "/api/entries/{id}/files/{file_id}",
    tag = "judging",
    params(
        ("id" = i32, Path, description = "Mã bài dự thi"),
        ("file_id" = i32, Path, description = "Mã tệp")
    ),
    responses(
        (status = 200, description = "Nội dung tệp", content_type = "application/octet-stream", body = Vec<u8>),
        (status = 404, description = "Không có hoặc không được xem", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn file(
    current: Option<CurrentUser>,
    db: web::Data<Db>,
    store: web::Data<dyn storage::FileStore>,
    path: web::Path<(i32, i32)>,
) -> AppResult<HttpResponse> {
    let (entry_id, file_id) = path.into_inner();
    super::serve(current, db, store, entry_id, file_id, false).await
}
