//! `GET /api/units/{code}`.

use actix_web::web;
use hocdvc_api::UnitPage;

use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::models::unit;
use crate::routes::extract::CurrentUser;
use crate::services::gate::{self, Permission};
use crate::services::units;

/// A unit, its path from the root and its children.
#[utoipa::path(
    get,
    path = "/api/units/{code}",
    tag = "units",
    params(("code" = String, Path, description = "Mã đơn vị")),
    responses(
        (status = 200, description = "Đơn vị và các đơn vị con", body = UnitPage),
        (status = 404, description = "Không có hoặc ngoài phạm vi được xem", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn show(
    current: CurrentUser,
    db: web::Data<Db>,
    code: web::Path<String>,
) -> AppResult<web::Json<UnitPage>> {
    let principal = current.0;
    let code = code.into_inner();
    let page = db
        .run(move |conn| {
            let found = unit::find_by_code(conn, &code)?.ok_or(AppError::NotFound)?;
            gate::authorize(conn, &principal, Permission::ViewUnit, found.id)?;
            let mut path = unit::path(conn, found.id)?;
            path.pop();
            let parent_code = path.last().map(|p| p.code.clone());
            let path_views = path
                .iter()
                .scan(None, |parent: &mut Option<String>, u| {
                    let view = units::view(u, parent.clone());
                    *parent = Some(u.code.clone());
                    Some(view)
                })
                .collect();
            let children = unit::children(conn, found.id)?
                .iter()
                .map(|c| units::view(c, Some(found.code.clone())))
                .collect();
            Ok(UnitPage {
                subtree_size: unit::subtree_size(conn, found.id)?,
                unit: units::view(&found, parent_code),
                path: path_views,
                children,
            })
        })
        .await?;
    Ok(web::Json(page))
}
