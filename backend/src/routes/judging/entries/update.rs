//! `PATCH /api/entries/{id}`.

use actix_web::web;
use hocdvc_api::{EntryRequest, MyEntry};

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::judging;

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
