//! `PATCH /api/units/{code}`.

use actix_web::web;
use hocdvc_api::{UnitView, UpdateUnitRequest};

use crate::db::Db;
use crate::domain::{UnitKind, UnitName};
use crate::error::{AppError, AppResult};
use crate::models::{self, unit};
use crate::routes::extract::CurrentUser;
use crate::services::gate::{self, Permission};
use crate::services::units;

/// Renames and/or moves a unit; its history records each change.
#[utoipa::path(
    patch,
    path = "/api/units/{code}",
    tag = "units",
    request_body = UpdateUnitRequest,
    params(
        ("code" = String, Path, description = "Mã đơn vị"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    responses(
        (status = 200, description = "Đơn vị sau khi sửa", body = UnitView),
        (status = 422, description = "Dữ liệu không hợp lệ", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn update(
    current: CurrentUser,
    db: web::Data<Db>,
    code: web::Path<String>,
    body: web::Json<UpdateUnitRequest>,
) -> AppResult<web::Json<UnitView>> {
    let principal = current.0;
    let code = code.into_inner();
    let req = body.into_inner();
    let name = req
        .name
        .as_deref()
        .map(UnitName::parse)
        .transpose()
        .map_err(AppError::Validation)?;
    let view = db
        .run(move |conn| {
            let target = unit::find_by_code(conn, &code)?.ok_or(AppError::NotFound)?;
            let permission = Permission::to_manage(target.kind().unwrap_or(UnitKind::Area));
            gate::authorize(conn, &principal, permission, target.id)?;
            let parent = match &req.parent_code {
                Some(parent_code) => {
                    let parent =
                        unit::find_by_code(conn, parent_code)?.ok_or(AppError::NotFound)?;
                    gate::authorize(conn, &principal, permission, parent.id)?;
                    Some(parent)
                }
                None => None,
            };
            units::update(conn, &target, name.as_ref(), parent.as_ref(), models::now())?;
            let updated = unit::find(conn, target.id)?;
            let parent_code = match updated.parent_id {
                Some(p) => Some(unit::find(conn, p)?.code),
                None => None,
            };
            Ok(units::view(&updated, parent_code))
        })
        .await?;
    Ok(web::Json(view))
}
