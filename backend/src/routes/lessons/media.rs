//! `GET /api/modules/{id}/media/{path}`.

use actix_web::http::header;
use actix_web::{HttpResponse, web};

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::lessons;

/// An image (or other file) shipped beside a module's lessons, with its stored type.
#[utoipa::path(
    get,
    path = "/api/modules/{id}/media/{path}",
    tag = "lessons",
    params(
        ("id" = String, Path, description = "Mã học phần"),
        ("path" = String, Path, description = "Đường dẫn tệp trong thư mục học phần")
    ),
    responses(
        (status = 200, description = "Nội dung tệp", content_type = "application/octet-stream"),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có tệp", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn media(
    current: CurrentUser,
    db: web::Data<Db>,
    path: web::Path<(String, String)>,
) -> AppResult<HttpResponse> {
    let principal = current.0;
    let (module_id, file) = path.into_inner();
    let (media_type, data) = db
        .run(move |conn| lessons::media(conn, &principal, &module_id, &file))
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, media_type))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::CACHE_CONTROL, "private, max-age=3600"))
        .body(data))
}
