//! `GET /api/entries/{id}/files/{file_id}/thumb`.

use actix_web::{HttpResponse, web};

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::judging::storage;

/// The JPEG thumbnail of an image file (same access as the file).
#[utoipa::path(
    get,
    path = "/api/entries/{id}/files/{file_id}/thumb",
    tag = "judging",
    params(
        ("id" = i32, Path, description = "Mã bài dự thi"),
        ("file_id" = i32, Path, description = "Mã tệp")
    ),
    responses(
        (status = 200, description = "Ảnh thu nhỏ (JPEG)", content_type = "image/jpeg", body = Vec<u8>),
        (status = 404, description = "Không có hoặc không được xem", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn thumb(
    current: Option<CurrentUser>,
    db: web::Data<Db>,
    store: web::Data<dyn storage::FileStore>,
    path: web::Path<(i32, i32)>,
) -> AppResult<HttpResponse> {
    let (entry_id, file_id) = path.into_inner();
    super::serve(current, db, store, entry_id, file_id, true).await
}
