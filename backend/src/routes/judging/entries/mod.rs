//! The entrant's routes (`/api/creative-contests/{id}/entries`, `/api/me/entries`,
//! `/api/entries/{id}…`), file download and the popular vote. Uploads are streamed and cut
//! off at the contest's size limit, so an oversize body is never held whole in memory.

pub mod create;
pub mod delete_file;
pub mod file;
pub mod mine;
pub mod thumb;
pub mod update;
pub mod upload;
pub mod vote;
pub mod withdraw;

use actix_web::http::header;
use actix_web::{HttpResponse, web};

use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::routes::extract::CurrentUser;
use crate::services::judging::{self, files, storage};

async fn serve(
    current: Option<CurrentUser>,
    db: web::Data<Db>,
    store: web::Data<dyn storage::FileStore>,
    entry_id: i32,
    file_id: i32,
    thumb: bool,
) -> AppResult<HttpResponse> {
    let principal = current.map(|c| c.0);
    let (key, mime) = db
        .run(move |conn| judging::file_for(conn, principal.as_ref(), entry_id, file_id, thumb))
        .await?;
    let bytes = store.get(key).await?.ok_or(AppError::NotFound)?;
    let extension = files::MediaType::from_mime(&mime).map_or("bin", |m| m.extension());
    // PDFs and videos download; images show inline. The name is ours, never the uploader's.
    let disposition = if mime.starts_with("image/") {
        "inline"
    } else {
        "attachment"
    };
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, mime))
        .insert_header(("x-content-type-options", "nosniff"))
        .insert_header(("content-security-policy", "sandbox; default-src 'none'"))
        .insert_header(("cache-control", "private, max-age=3600"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("{disposition}; filename=\"bai-du-thi-{entry_id}-{file_id}.{extension}\""),
        ))
        .body(bytes))
}
