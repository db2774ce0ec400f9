//! `role_grants`: a role given to a user on a unit; it applies to the unit's whole subtree.

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::domain::Role;
use crate::schema::{role_grants, unit_closure, units};

/// A grant with the unit it is on, as the authorisation gate and `/api/me` use it.
#[derive(Debug, Clone, PartialEq)]
pub struct Grant {
    pub role: Role,
    pub unit_id: i32,
    pub unit_code: String,
    pub unit_name: String,
}

pub fn for_user(conn: &mut DbConnection, user_id: i32) -> QueryResult<Vec<Grant>> {
    let rows: Vec<(String, i32, String, String)> = role_grants::table
        .inner_join(units::table)
        .filter(role_grants::user_id.eq(user_id))
        .order((role_grants::role.asc(), units::code.asc()))
        .select((role_grants::role, units::id, units::code, units::name))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(role, unit_id, unit_code, unit_name)| {
            Role::from_stored(&role).map(|role| Grant {
                role,
                unit_id,
                unit_code,
                unit_name,
            })
        })
        .collect())
}

/// Gives `role` on `unit_id` (no-op when already given).
pub fn grant(conn: &mut DbConnection, user_id: i32, role: Role, unit_id: i32) -> QueryResult<()> {
    let exists: bool = diesel::select(diesel::dsl::exists(
        role_grants::table
            .filter(role_grants::user_id.eq(user_id))
            .filter(role_grants::role.eq(role.as_str()))
            .filter(role_grants::unit_id.eq(unit_id)),
    ))
    .get_result(conn)?;
    if !exists {
        diesel::insert_into(role_grants::table)
            .values((
                role_grants::user_id.eq(user_id),
                role_grants::role.eq(role.as_str()),
                role_grants::unit_id.eq(unit_id),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Whether any of `user_id`'s grants sits on a unit inside the subtree of `ancestor_id`.
pub fn user_has_grant_within(
    conn: &mut DbConnection,
    user_id: i32,
    ancestor_id: i32,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        role_grants::table
            .inner_join(
                unit_closure::table.on(unit_closure::descendant_id.eq(role_grants::unit_id)),
            )
            .filter(role_grants::user_id.eq(user_id))
            .filter(unit_closure::ancestor_id.eq(ancestor_id)),
    ))
    .get_result(conn)
}
