//! `lesson_progress`: the lessons each learner has marked as learned.

use std::collections::HashSet;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::schema::lesson_progress;

/// Records the lesson as learned; marking it again keeps the first time.
pub fn mark_done(
    conn: &mut DbConnection,
    user_id: i32,
    lesson_id: &str,
    at: NaiveDateTime,
) -> QueryResult<()> {
    let exists: bool = diesel::select(diesel::dsl::exists(
        lesson_progress::table.find((user_id, lesson_id)),
    ))
    .get_result(conn)?;
    if exists {
        return Ok(());
    }
    // The multi-backend connection has no ON CONFLICT; a concurrent double click loses the race
    // on the primary key, which means the lesson is marked, as wanted.
    match diesel::insert_into(lesson_progress::table)
        .values((
            lesson_progress::user_id.eq(user_id),
            lesson_progress::lesson_id.eq(lesson_id),
            lesson_progress::completed_at.eq(at),
        ))
        .execute(conn)
    {
        Ok(_)
        | Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => Ok(()),
        Err(e) => Err(e),
    }
}

/// Which of `lesson_ids` the user has learned.
pub fn done_among(
    conn: &mut DbConnection,
    user_id: i32,
    lesson_ids: &[String],
) -> QueryResult<HashSet<String>> {
    let done: Vec<String> = lesson_progress::table
        .filter(lesson_progress::user_id.eq(user_id))
        .filter(lesson_progress::lesson_id.eq_any(lesson_ids))
        .select(lesson_progress::lesson_id)
        .load(conn)?;
    Ok(done.into_iter().collect())
}
