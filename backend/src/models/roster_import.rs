//! `roster_imports`: the record of every roster import that wrote something, and the schools
//! it touched (so a school admin sees the imports of their school).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::schema::{roster_import_units, roster_imports, unit_closure, users};

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = roster_imports)]
pub struct NewRosterImport {
    pub kind: String,
    pub file_name: String,
    pub school_year: String,
    pub by_user_id: Option<i32>,
    pub at: NaiveDateTime,
    pub row_count: i32,
    pub created: i32,
    pub updated: i32,
    pub moved: i32,
    pub unchanged: i32,
    pub classes_created: i32,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = roster_imports)]
pub struct RosterImport {
    pub id: i32,
    pub kind: String,
    pub file_name: String,
    pub school_year: String,
    pub by_user_id: Option<i32>,
    pub at: NaiveDateTime,
    pub row_count: i32,
    pub created: i32,
    pub updated: i32,
    pub moved: i32,
    pub unchanged: i32,
    pub classes_created: i32,
}

/// Records an import and the schools it touched; returns its id.
pub fn record(
    conn: &mut DbConnection,
    new: &NewRosterImport,
    school_ids: &[i32],
) -> QueryResult<i32> {
    // MultiConnection has no RETURNING; both concrete connections do.
    let insert = diesel::insert_into(roster_imports::table)
        .values(new)
        .returning(roster_imports::id);
    let id: i32 = match conn {
        DbConnection::Sqlite(c) => insert.get_result(c)?,
        DbConnection::Postgres(c) => insert.get_result(c)?,
    };
    let rows: Vec<_> = school_ids
        .iter()
        .map(|unit| {
            (
                roster_import_units::import_id.eq(id),
                roster_import_units::unit_id.eq(*unit),
            )
        })
        .collect();
    for row in rows {
        diesel::insert_into(roster_import_units::table)
            .values(row)
            .execute(conn)?;
    }
    Ok(id)
}

/// The newest imports that touched a school inside any of `scope_unit_ids`' subtrees, with the
/// importer's username (`None` for the command line).
pub fn list_within(
    conn: &mut DbConnection,
    scope_unit_ids: &[i32],
    limit: i64,
) -> QueryResult<Vec<(RosterImport, Option<String>)>> {
    let touched = roster_import_units::table
        .inner_join(
            unit_closure::table.on(unit_closure::descendant_id.eq(roster_import_units::unit_id)),
        )
        .filter(unit_closure::ancestor_id.eq_any(scope_unit_ids.to_vec()))
        .select(roster_import_units::import_id);
    roster_imports::table
        .left_join(users::table)
        .filter(roster_imports::id.eq_any(touched))
        .order(roster_imports::id.desc())
        .limit(limit)
        .select((RosterImport::as_select(), users::username.nullable()))
        .load(conn)
}
