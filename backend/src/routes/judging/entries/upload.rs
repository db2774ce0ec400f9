//! `POST /api/entries/{id}/files`.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use futures_util::StreamExt;
use hocdvc_api::{ErrorDetail, MyEntry};

use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::routes::extract::CurrentUser;
use crate::services::judging::{self, files, storage};

/// Uploads one file (the raw body): PNG, JPEG or PDF — MP4 for video contests — checked by
/// its content; the name and declared type are ignored.
#[utoipa::path(
    post,
    path = "/api/entries/{id}/files",
    tag = "judging",
    params(
        ("id" = i32, Path, description = "Mã bài dự thi"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "Nội dung tệp"),
    responses(
        (status = 201, description = "Bài dự thi với tệp mới", body = MyEntry),
        (status = 409, description = "Đã hết hạn nộp bài", body = hocdvc_api::ErrorBody),
        (status = 413, description = "Tệp quá lớn", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Nội dung tệp không hợp lệ", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn upload(
    current: CurrentUser,
    db: web::Data<Db>,
    store: web::Data<dyn storage::FileStore>,
    id: web::Path<i32>,
    request: HttpRequest,
    mut payload: web::Payload,
) -> AppResult<HttpResponse> {
    let principal = current.0;
    let id = id.into_inner();
    let who = principal.clone();
    let slot = db
        .run(move |conn| judging::upload_slot(conn, &who, id))
        .await?;
    let limit = usize::try_from(slot.max_bytes).unwrap_or(usize::MAX);
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(AppError::PayloadTooLarge);
    }
    let mut bytes = Vec::with_capacity(declared.unwrap_or(0).min(limit));
    while let Some(chunk) = payload.next().await {
        let chunk =
            chunk.map_err(|e| AppError::BadRequest(format!("Tải tệp bị gián đoạn: {e}")))?;
        if bytes.len() + chunk.len() > limit {
            return Err(AppError::PayloadTooLarge);
        }
        bytes.extend_from_slice(&chunk);
    }
    if bytes.is_empty() {
        return Err(rejected("Tệp: tệp rỗng.".to_owned()));
    }
    let allow_video = slot.allow_video;
    let (checked, bytes) = web::block(move || (files::check(&bytes, allow_video), bytes)).await?;
    let checked = checked.map_err(rejected)?;
    let size = bytes.len();
    let key = storage::key_for(&bytes);
    store.put(key.clone(), bytes).await?;
    let thumb_key = match &checked.thumbnail {
        Some(thumb) => {
            let thumb_key = storage::key_for(thumb);
            store.put(thumb_key.clone(), thumb.clone()).await?;
            Some(thumb_key)
        }
        None => None,
    };
    let view = db
        .run(move |conn| judging::record_file(conn, &principal, id, &checked, key, thumb_key, size))
        .await?;
    Ok(HttpResponse::Created().json(view))
}

fn rejected(message: String) -> AppError {
    AppError::Rejected {
        message: message.clone(),
        details: vec![ErrorDetail {
            line: None,
            column: Some("Tệp".to_owned()),
            message,
        }],
    }
}
