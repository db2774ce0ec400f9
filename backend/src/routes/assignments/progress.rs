//! `GET /api/units/{code}/progress`.

use actix_web::web;
use hocdvc_api::ClassProgress;
use serde::Deserialize;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::assignments;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ProgressQuery {
    /// Mã học phần; mặc định học phần giao đầu tiên của lớp (không có: chỉ danh sách học sinh)
    #[serde(default)]
    pub module: Option<String>,
}

/// A class's progress matrix for one module: students × required lessons, assessment, completion.
#[utoipa::path(
    get,
    path = "/api/units/{code}/progress",
    tag = "assignments",
    params(("code" = String, Path, description = "Mã lớp"), ProgressQuery),
    responses(
        (status = 200, description = "Tiến độ của lớp", body = ClassProgress),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 403, description = "Không có quyền", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có hoặc ngoài phạm vi", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Không phải lớp", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn progress(
    current: CurrentUser,
    db: web::Data<Db>,
    code: web::Path<String>,
    query: web::Query<ProgressQuery>,
) -> AppResult<web::Json<ClassProgress>> {
    let principal = current.0;
    let code = code.into_inner();
    let module = query.into_inner().module;
    let matrix = db
        .run(move |conn| assignments::class_progress(conn, &principal, &code, module.as_deref()))
        .await?;
    Ok(web::Json(matrix))
}
