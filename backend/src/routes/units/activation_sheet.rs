//! `GET /api/units/{code}/activation-sheet`.

use actix_web::web;
use hocdvc_api::ActivationSheet;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::people;

/// The students of a class with their one-time activation codes, for the printed sheet.
#[utoipa::path(
    get,
    path = "/api/units/{code}/activation-sheet",
    tag = "users",
    params(("code" = String, Path, description = "Mã lớp")),
    responses(
        (status = 200, description = "Phiếu kích hoạt của lớp", body = ActivationSheet),
        (status = 403, description = "Không có quyền", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có hoặc ngoài phạm vi", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Đơn vị không phải là lớp", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn activation_sheet(
    current: CurrentUser,
    db: web::Data<Db>,
    code: web::Path<String>,
) -> AppResult<web::Json<ActivationSheet>> {
    let principal = current.0;
    let code = code.into_inner();
    let sheet = db
        .run(move |conn| people::activation_sheet(conn, &principal, &code))
        .await?;
    Ok(web::Json(sheet))
}
