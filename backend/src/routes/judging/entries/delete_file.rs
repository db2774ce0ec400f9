//! `DELETE /api/entries/{id}/files/{file_id}`.

use actix_web::web;
use hocdvc_api::MyEntry;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::judging;

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
