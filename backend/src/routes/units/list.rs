//! `GET /api/units`: where the signed-in user's view of the tree starts.

use actix_web::web;
use hocdvc_api::UnitView;

use crate::db::Db;
use crate::error::AppResult;
use crate::models::unit;
use crate::routes::extract::CurrentUser;
use crate::services::gate::{self, Permission};
use crate::services::units;

/// The top units the user may browse: each unit they hold a browsing role on, leaving out
/// those already inside another.
#[utoipa::path(
    get,
    path = "/api/units",
    tag = "units",
    responses(
        (status = 200, description = "Các đơn vị gốc mà người dùng được xem", body = Vec<UnitView>),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn list(current: CurrentUser, db: web::Data<Db>) -> AppResult<web::Json<Vec<UnitView>>> {
    let principal = current.0;
    let views = db
        .run(move |conn| {
            let mut tops: Vec<i32> = Vec::new();
            let candidates: Vec<i32> = principal
                .grants
                .iter()
                .filter(|g| gate::role_allows(g.role, Permission::ViewUnit))
                .map(|g| g.unit_id)
                .collect();
            for id in &candidates {
                let mut covered = false;
                for other in &candidates {
                    if other != id && unit::is_within(conn, *id, *other)? {
                        covered = true;
                    }
                }
                if !covered && !tops.contains(id) {
                    tops.push(*id);
                }
            }
            let mut views = Vec::new();
            for id in tops {
                let found = unit::find(conn, id)?;
                let parent = match found.parent_id {
                    Some(p) => Some(unit::find(conn, p)?.code),
                    None => None,
                };
                views.push(units::view(&found, parent));
            }
            Ok(views)
        })
        .await?;
    Ok(web::Json(views))
}
