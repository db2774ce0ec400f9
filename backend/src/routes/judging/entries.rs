//! The entrant's routes (`/api/creative-contests/{id}/entries`, `/api/me/entries`,
//! `/api/entries/{id}…`), file download and the popular vote. Uploads are streamed and cut
//! off at the contest's size limit, so an oversize body is never held whole in memory.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use futures_util::StreamExt;
use hocdvc_api::{EntryRequest, ErrorDetail, MyEntry, VoteResult};

use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::routes::extract::CurrentUser;
use crate::services::judging::{self, files, storage};

/// Creates an entry for the signed-in student (and team-mates of the same school).
#[utoipa::path(
    post,
    path = "/api/creative-contests/{id}/entries",
    tag = "judging",
    request_body = EntryRequest,
    params(
        ("id" = i32, Path, description = "Mã cuộc thi"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    responses(
        (status = 201, description = "Bài dự thi đã tạo", body = MyEntry),
        (status = 403, description = "Không phải học sinh trong phạm vi cuộc thi", body = hocdvc_api::ErrorBody),
        (status = 409, description = "Ngoài thời gian nhận bài", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Trường không hợp lệ", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn create(
    current: CurrentUser,
    db: web::Data<Db>,
    id: web::Path<i32>,
    body: web::Json<EntryRequest>,
) -> AppResult<HttpResponse> {
    let principal = current.0;
    let id = id.into_inner();
    let request = body.into_inner();
    let view = db
        .run(move |conn| judging::create_entry(conn, &principal, id, &request))
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// The signed-in student's entries.
#[utoipa::path(
    get,
    path = "/api/me/entries",
    tag = "judging",
    responses((status = 200, description = "Bài dự thi của em", body = [MyEntry]))
)]
pub async fn mine(current: CurrentUser, db: web::Data<Db>) -> AppResult<web::Json<Vec<MyEntry>>> {
    let principal = current.0;
    Ok(web::Json(
        db.run(move |conn| judging::my_entries(conn, &principal))
            .await?,
    ))
}

/// Edits an entry (before the deadline).
#[utoipa::path(
    patch,
    path = "/api/entries/{id}",
    tag = "judging",
    request_body = EntryRequest,
    params(
        ("id" = i32, Path, description = "Mã bài dự thi"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    responses(
        (status = 200, description = "Bài dự thi sau khi sửa", body = MyEntry),
        (status = 409, description = "Đã hết hạn nộp bài", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn update(
    current: CurrentUser,
    db: web::Data<Db>,
    id: web::Path<i32>,
    body: web::Json<EntryRequest>,
) -> AppResult<web::Json<MyEntry>> {
    let principal = current.0;
    let id = id.into_inner();
    let request = body.into_inner();
    Ok(web::Json(
        db.run(move |conn| judging::update_entry(conn, &principal, id, &request))
            .await?,
    ))
}

/// Withdraws an entry (before the deadline).
#[utoipa::path(
    post,
    path = "/api/entries/{id}/withdraw",
    tag = "judging",
    params(
        ("id" = i32, Path, description = "Mã bài dự thi"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    responses(
        (status = 200, description = "Bài dự thi đã rút", body = MyEntry),
        (status = 409, description = "Đã hết hạn nộp bài", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn withdraw(
    current: CurrentUser,
    db: web::Data<Db>,
    id: web::Path<i32>,
) -> AppResult<web::Json<MyEntry>> {
    let principal = current.0;
    let id = id.into_inner();
    Ok(web::Json(
        db.run(move |conn| judging::withdraw_entry(conn, &principal, id))
            .await?,
    ))
}

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

/// Removes a file from an entry (before the deadline).
#[utoipa::path(
    delete,
    path = "/api/entries/{id}/files/{file_id}",
    tag = "judging",
    params(
        ("id" = i32, Path, description = "Mã bài dự thi"),
        ("file_id" = i32, Path, description = "Mã tệp"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    responses(
        (status = 200, description = "Bài dự thi sau khi xóa tệp", body = MyEntry),
        (status = 409, description = "Đã hết hạn nộp bài", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn delete_file(
    current: CurrentUser,
    db: web::Data<Db>,
    path: web::Path<(i32, i32)>,
) -> AppResult<web::Json<MyEntry>> {
    let principal = current.0;
    let (id, file_id) = path.into_inner();
    Ok(web::Json(
        db.run(move |conn| judging::delete_file(conn, &principal, id, file_id))
            .await?,
    ))
}

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
    serve(current, db, store, entry_id, file_id, false).await
}

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
    serve(current, db, store, entry_id, file_id, true).await
}

/// Bình chọn: one vote per account per prize-winning entry (counted apart from the jury).
#[utoipa::path(
    post,
    path = "/api/entries/{id}/vote",
    tag = "judging",
    params(
        ("id" = i32, Path, description = "Mã bài dự thi"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    responses(
        (status = 200, description = "Số phiếu bình chọn", body = VoteResult),
        (status = 409, description = "Cuộc thi không mở bình chọn", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn vote(
    current: CurrentUser,
    db: web::Data<Db>,
    id: web::Path<i32>,
) -> AppResult<web::Json<VoteResult>> {
    let principal = current.0;
    let id = id.into_inner();
    Ok(web::Json(
        db.run(move |conn| judging::vote(conn, &principal, id))
            .await?,
    ))
}
