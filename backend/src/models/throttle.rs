//! `login_throttle`: failed sign-ins per key ("user:…" or "ip:…") and until when the key must
//! wait. Kept in the database so every server instance sees the same counts.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::schema::login_throttle;

/// When `key` may try again, if it is blocked now.
pub fn blocked_until(
    conn: &mut DbConnection,
    key: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<NaiveDateTime>> {
    login_throttle::table
        .find(key)
        .select(login_throttle::blocked_until)
        .first::<NaiveDateTime>(conn)
        .optional()
        .map(|until| until.filter(|until| *until > now))
}

/// Records a failure; returns the number of consecutive failures.
pub fn record_failure(
    conn: &mut DbConnection,
    key: &str,
    delay: impl Fn(i32) -> chrono::Duration,
    now: NaiveDateTime,
) -> QueryResult<i32> {
    conn.transaction(|conn| {
        let failures = login_throttle::table
            .find(key)
            .select(login_throttle::failures)
            .first::<i32>(conn)
            .optional()?
            .unwrap_or(0)
            + 1;
        let until = now + delay(failures);
        let updated = diesel::update(login_throttle::table.find(key))
            .set((
                login_throttle::failures.eq(failures),
                login_throttle::blocked_until.eq(until),
            ))
            .execute(conn)?;
        if updated == 0 {
            diesel::insert_into(login_throttle::table)
                .values((
                    login_throttle::key.eq(key),
                    login_throttle::failures.eq(failures),
                    login_throttle::blocked_until.eq(until),
                ))
                .execute(conn)?;
        }
        Ok(failures)
    })
}

pub fn clear(conn: &mut DbConnection, key: &str) -> QueryResult<()> {
    diesel::delete(login_throttle::table.find(key)).execute(conn)?;
    Ok(())
}
