//! `app_meta`: key/value facts about the installation (e.g. which demo data set is seeded).

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::schema::app_meta;

pub fn get(conn: &mut DbConnection, key: &str) -> QueryResult<Option<String>> {
    app_meta::table
        .find(key)
        .select(app_meta::value)
        .first(conn)
        .optional()
}

/// Inserts or replaces the value of `key`.
pub fn set(conn: &mut DbConnection, key: &str, value: &str) -> QueryResult<()> {
    conn.transaction(|conn| {
        let updated = diesel::update(app_meta::table.find(key))
            .set(app_meta::value.eq(value))
            .execute(conn)?;
        if updated == 0 {
            diesel::insert_into(app_meta::table)
                .values((app_meta::key.eq(key), app_meta::value.eq(value)))
                .execute(conn)?;
        }
        Ok(())
    })
}
