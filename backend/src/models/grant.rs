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
    pub unit_kind: String,
}

pub fn for_user(conn: &mut DbConnection, user_id: i32) -> QueryResult<Vec<Grant>> {
    let rows: Vec<(String, i32, String, String, String)> = role_grants::table
        .inner_join(units::table)
        .filter(role_grants::user_id.eq(user_id))
        .order((role_grants::role.asc(), units::code.asc()))
        .select((
            role_grants::role,
            units::id,
            units::code,
            units::name,
            units::kind,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(role, unit_id, unit_code, unit_name, unit_kind)| {
            Role::from_stored(&role).map(|role| Grant {
                role,
                unit_id,
                unit_code,
                unit_name,
                unit_kind,
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
        crate::services::principal_cache::changed();
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

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = role_grants, treat_none_as_default_value = false)]
pub struct NewGrant {
    pub user_id: i32,
    pub role: String,
    pub unit_id: i32,
}

impl NewGrant {
    pub fn new(user_id: i32, role: Role, unit_id: i32) -> NewGrant {
        NewGrant {
            user_id,
            role: role.as_str().to_owned(),
            unit_id,
        }
    }
}

/// Inserts grants known to be new, with multi-row INSERTs.
pub fn insert_many(conn: &mut DbConnection, grants: &[NewGrant]) -> QueryResult<usize> {
    let inserted = crate::insert_rows!(conn, role_grants::table, grants);
    crate::services::principal_cache::changed();
    Ok(inserted)
}

/// Removes every grant of `role` held by `user_ids` on units inside `within`'s subtree.
pub fn revoke_within(
    conn: &mut DbConnection,
    user_ids: &[i32],
    role: Role,
    within: i32,
) -> QueryResult<usize> {
    let subtree = unit_closure::table
        .filter(unit_closure::ancestor_id.eq(within))
        .select(unit_closure::descendant_id);
    let mut removed = 0;
    for chunk in user_ids.chunks(crate::db::BULK_ROWS) {
        removed += diesel::delete(
            role_grants::table
                .filter(role_grants::user_id.eq_any(chunk))
                .filter(role_grants::role.eq(role.as_str()))
                .filter(role_grants::unit_id.eq_any(subtree)),
        )
        .execute(conn)?;
    }
    crate::services::principal_cache::changed();
    Ok(removed)
}

/// Removes every grant of `role` held by `user_ids`, wherever it is.
pub fn revoke_all(conn: &mut DbConnection, user_ids: &[i32], role: Role) -> QueryResult<usize> {
    let mut removed = 0;
    for chunk in user_ids.chunks(crate::db::BULK_ROWS) {
        removed += diesel::delete(
            role_grants::table
                .filter(role_grants::user_id.eq_any(chunk))
                .filter(role_grants::role.eq(role.as_str())),
        )
        .execute(conn)?;
    }
    crate::services::principal_cache::changed();
    Ok(removed)
}

/// Units on which each of `user_ids` holds `role`, keyed by user.
pub fn units_of_role(
    conn: &mut DbConnection,
    user_ids: &[i32],
    role: Role,
) -> QueryResult<std::collections::HashMap<i32, Vec<i32>>> {
    let mut found: std::collections::HashMap<i32, Vec<i32>> = std::collections::HashMap::new();
    for chunk in user_ids.chunks(crate::db::BULK_ROWS) {
        let rows: Vec<(i32, i32)> = role_grants::table
            .filter(role_grants::user_id.eq_any(chunk))
            .filter(role_grants::role.eq(role.as_str()))
            .select((role_grants::user_id, role_grants::unit_id))
            .load(conn)?;
        for (user, unit) in rows {
            found.entry(user).or_default().push(unit);
        }
    }
    Ok(found)
}
