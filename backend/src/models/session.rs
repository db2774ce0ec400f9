//! `sessions`: server-side sign-in sessions. The cookie carries a random token; the table keys
//! on its SHA-256, so a leaked database does not leak live sessions.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::schema::sessions;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sessions)]
pub struct Session {
    pub id: String,
    pub user_id: i32,
    pub csrf_token: String,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, session: &SessionRow) -> QueryResult<()> {
    diesel::insert_into(sessions::table)
        .values(session)
        .execute(conn)?;
    Ok(())
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = sessions)]
pub struct SessionRow {
    pub id: String,
    pub user_id: i32,
    pub csrf_token: String,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

/// The live session with this id, if it has not expired.
pub fn find_live(
    conn: &mut DbConnection,
    id: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<Session>> {
    sessions::table
        .filter(sessions::id.eq(id))
        .filter(sessions::expires_at.gt(now))
        .select(Session::as_select())
        .first(conn)
        .optional()
}

pub fn delete(conn: &mut DbConnection, id: &str) -> QueryResult<usize> {
    let deleted = diesel::delete(sessions::table.filter(sessions::id.eq(id))).execute(conn)?;
    crate::services::principal_cache::changed();
    Ok(deleted)
}

/// Ends every session of a user except `keep` (after a password change or reset).
pub fn delete_for_user(
    conn: &mut DbConnection,
    user_id: i32,
    keep: Option<&str>,
) -> QueryResult<usize> {
    let query = sessions::table.filter(sessions::user_id.eq(user_id));
    let deleted = match keep {
        Some(keep) => diesel::delete(query.filter(sessions::id.ne(keep))).execute(conn)?,
        None => diesel::delete(query).execute(conn)?,
    };
    crate::services::principal_cache::changed();
    Ok(deleted)
}

pub fn delete_expired(conn: &mut DbConnection, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(sessions::table.filter(sessions::expires_at.le(now))).execute(conn)
}
