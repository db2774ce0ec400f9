//! `DELETE /api/assignments/{id}`.

use actix_web::{HttpResponse, web};

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::assignments;

/// Removes an assignment; the students' progress, attempts and completions stay.
#[utoipa::path(
    delete,
    path = "/api/assignments/{id}",
    tag = "assignments",
    params(
        ("id" = i32, Path, description = "Mã lần giao bài"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    responses(
        (status = 204, description = "Đã bỏ lần giao bài"),
        (status = 403, description = "Không có quyền với lớp này", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có hoặc ngoài phạm vi", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn delete(
    current: CurrentUser,
    db: web::Data<Db>,
    id: web::Path<i32>,
) -> AppResult<HttpResponse> {
    let principal = current.0;
    let id = id.into_inner();
    db.run(move |conn| assignments::remove(conn, &principal, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
