//! `users`: accounts. A password hash exists once the account is activated; until then the
//! account holds a one-time activation code (printed on the class sheet for students).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::domain::text;
use crate::schema::users;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = users)]
pub struct User {
    pub id: i32,
    pub username: String,
    pub full_name: String,
    pub search_name: String,
    pub password_hash: Option<String>,
    pub activation_code: Option<String>,
    pub disabled: bool,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = users, treat_none_as_default_value = false)]
pub struct NewUser {
    pub username: String,
    pub full_name: String,
    pub search_name: String,
    pub password_hash: Option<String>,
    pub activation_code: Option<String>,
    pub disabled: bool,
    pub created_at: NaiveDateTime,
}

impl NewUser {
    /// A new account; `full_name` is stored NFC and folded for search.
    pub fn new(username: &str, full_name: &str, at: NaiveDateTime) -> NewUser {
        let full_name = text::clean(full_name);
        NewUser {
            username: username.trim().to_lowercase(),
            search_name: text::fold(&full_name),
            full_name,
            password_hash: None,
            activation_code: None,
            disabled: false,
            created_at: at,
        }
    }
}

/// Inserts many accounts with multi-row INSERTs; returns their ids keyed by username.
pub fn insert_many(
    conn: &mut DbConnection,
    new: &[NewUser],
) -> QueryResult<std::collections::HashMap<String, i32>> {
    crate::insert_rows!(conn, users::table, new);
    let names: Vec<&str> = new.iter().map(|n| n.username.as_str()).collect();
    ids_by_username(conn, &names)
}

/// Ids of the accounts with any of `usernames` (already lower case), keyed by username.
pub fn ids_by_username(
    conn: &mut DbConnection,
    usernames: &[&str],
) -> QueryResult<std::collections::HashMap<String, i32>> {
    let mut found = std::collections::HashMap::with_capacity(usernames.len());
    for chunk in usernames.chunks(crate::db::BULK_ROWS) {
        let rows: Vec<(String, i32)> = users::table
            .filter(users::username.eq_any(chunk))
            .select((users::username, users::id))
            .load(conn)?;
        found.extend(rows);
    }
    Ok(found)
}

/// Changes a person's name (kept NFC, refolded for search).
pub fn set_full_name(conn: &mut DbConnection, id: i32, full_name: &str) -> QueryResult<()> {
    let full_name = text::clean(full_name);
    diesel::update(users::table.find(id))
        .set((
            users::search_name.eq(text::fold(&full_name)),
            users::full_name.eq(&full_name),
        ))
        .execute(conn)?;
    crate::services::principal_cache::changed();
    Ok(())
}

pub fn insert(conn: &mut DbConnection, new: &NewUser) -> QueryResult<User> {
    // diesel's MultiConnection has no RETURNING: read the row back by its unique username.
    diesel::insert_into(users::table)
        .values(new)
        .execute(conn)?;
    find_by_username(conn, &new.username)?.ok_or(diesel::result::Error::NotFound)
}

/// Usernames are case-insensitive: stored lower case.
pub fn find_by_username(conn: &mut DbConnection, username: &str) -> QueryResult<Option<User>> {
    users::table
        .filter(users::username.eq(username.trim().to_lowercase()))
        .select(User::as_select())
        .first(conn)
        .optional()
}

pub fn find(conn: &mut DbConnection, id: i32) -> QueryResult<User> {
    users::table.find(id).select(User::as_select()).first(conn)
}

pub fn set_password_hash(conn: &mut DbConnection, id: i32, hash: &str) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set((
            users::password_hash.eq(Some(hash)),
            users::activation_code.eq(None::<String>),
        ))
        .execute(conn)?;
    crate::services::principal_cache::changed();
    Ok(())
}

/// Replaces the password with a fresh activation code (admin reset).
pub fn reset_to_activation(conn: &mut DbConnection, id: i32, code: &str) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set((
            users::password_hash.eq(None::<String>),
            users::activation_code.eq(Some(code)),
        ))
        .execute(conn)?;
    crate::services::principal_cache::changed();
    Ok(())
}

/// People whose folded name contains the folded query, by name.
pub fn search(conn: &mut DbConnection, query: &str, limit: i64) -> QueryResult<Vec<User>> {
    let pattern = format!("%{}%", text::fold(query).replace(['%', '_'], ""));
    users::table
        .filter(users::search_name.like(pattern))
        .order(users::search_name.asc())
        .limit(limit)
        .select(User::as_select())
        .load(conn)
}
