//! `POST /api/creative-contests/{id}/entries`.

use actix_web::{HttpResponse, web};
use hocdvc_api::{EntryRequest, MyEntry};

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::judging;

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
