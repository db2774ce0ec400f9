//! `GET /api/imports`: past roster imports the user may see.

use actix_web::web;
use hocdvc_api::{ImportRecord, RosterKind};

use crate::db::Db;
use crate::error::AppResult;
use crate::models::roster_import;
use crate::routes::extract::CurrentUser;
use crate::services::gate::{self, Permission};

/// The 50 newest imports touching a school within the user's import scope, newest first.
#[utoipa::path(
    get,
    path = "/api/imports",
    tag = "imports",
    responses(
        (status = 200, description = "Lịch sử nhập danh sách", body = Vec<ImportRecord>),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn list(
    current: CurrentUser,
    db: web::Data<Db>,
) -> AppResult<web::Json<Vec<ImportRecord>>> {
    let principal = current.0;
    let scope: Vec<i32> = principal
        .grants
        .iter()
        .filter(|g| {
            gate::role_allows(g.role, Permission::ImportRoster)
                || gate::role_allows(g.role, Permission::ManageTraining)
        })
        .map(|g| g.unit_id)
        .collect();
    let records = db
        .run(move |conn| Ok(roster_import::list_within(conn, &scope, 50)?))
        .await?;
    let count = |n: i32| usize::try_from(n).unwrap_or(0);
    Ok(web::Json(
        records
            .into_iter()
            .map(|(r, by)| ImportRecord {
                id: r.id,
                kind: match r.kind.as_str() {
                    "teachers" => RosterKind::Teachers,
                    "members" => RosterKind::Members,
                    _ => RosterKind::Students,
                },
                file_name: r.file_name,
                school_year: r.school_year,
                by: by.unwrap_or_else(|| "cli".to_owned()),
                at: r.at.format("%Y-%m-%dT%H:%M:%S").to_string(),
                rows: count(r.row_count),
                created: count(r.created),
                updated: count(r.updated),
                moved: count(r.moved),
                classes_created: count(r.classes_created),
            })
            .collect(),
    ))
}
