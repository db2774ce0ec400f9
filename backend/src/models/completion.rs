//! `module_completions`: the once-per-learner-module-and-school-year completion events, and
//! the two facts a completion needs (required lessons learned, a passed attempt).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::schema::{attempts, lesson_progress, lessons, module_completions};

/// How many of the module's required lessons the user has not learned yet.
pub fn required_lessons_left(
    conn: &mut DbConnection,
    user_id: i32,
    module_id: &str,
) -> QueryResult<i64> {
    let required: i64 = lessons::table
        .filter(lessons::module_id.eq(module_id))
        .filter(lessons::required.eq(true))
        .count()
        .get_result(conn)?;
    let learned: i64 = lesson_progress::table
        .inner_join(lessons::table)
        .filter(lesson_progress::user_id.eq(user_id))
        .filter(lessons::module_id.eq(module_id))
        .filter(lessons::required.eq(true))
        .count()
        .get_result(conn)?;
    Ok((required - learned).max(0))
}

/// The user's first passed attempt at the module's assessment in the school year.
pub fn first_passed_attempt(
    conn: &mut DbConnection,
    user_id: i32,
    module_id: &str,
    school_year: &str,
) -> QueryResult<Option<i32>> {
    attempts::table
        .filter(attempts::user_id.eq(user_id))
        .filter(attempts::module_id.eq(module_id))
        .filter(attempts::school_year.eq(school_year))
        .filter(attempts::passed.eq(true))
        .filter(attempts::contest_round_id.is_null())
        .order(attempts::finished_at.asc())
        .select(attempts::id)
        .first(conn)
        .optional()
}

pub fn exists(
    conn: &mut DbConnection,
    user_id: i32,
    module_id: &str,
    school_year: &str,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(module_completions::table.find((
        user_id,
        module_id,
        school_year,
    ))))
    .get_result(conn)
}

/// Records the completion; `false` when it was already recorded (by this call's race too).
pub fn insert(
    conn: &mut DbConnection,
    user_id: i32,
    module_id: &str,
    school_year: &str,
    attempt_id: Option<i32>,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    match diesel::insert_into(module_completions::table)
        .values((
            module_completions::user_id.eq(user_id),
            module_completions::module_id.eq(module_id),
            module_completions::school_year.eq(school_year),
            module_completions::completed_at.eq(at),
            module_completions::attempt_id.eq(attempt_id),
        ))
        .execute(conn)
    {
        Ok(_) => Ok(true),
        Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => Ok(false),
        Err(e) => Err(e),
    }
}
