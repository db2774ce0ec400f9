//! `GET /api/modules/{id}`.

use actix_web::web;
use hocdvc_api::ModuleDetail;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::lessons;

/// A module with its lessons in learning order and which are done.
#[utoipa::path(
    get,
    path = "/api/modules/{id}",
    tag = "lessons",
    params(("id" = String, Path, description = "Mã học phần, ví dụ thpt-core")),
    responses(
        (status = 200, description = "Học phần và các bài học", body = ModuleDetail),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có hoặc không dành cho người học này", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn show(
    current: CurrentUser,
    db: web::Data<Db>,
    id: web::Path<String>,
) -> AppResult<web::Json<ModuleDetail>> {
    let principal = current.0;
    let id = id.into_inner();
    let detail = db
        .run(move |conn| lessons::module_detail(conn, &principal, &id))
        .await?;
    Ok(web::Json(detail))
}
