//! `lesson_feedback`: learners' ratings and comments on lessons, with the content owners'
//! status and public answer. One row per learner and lesson.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::schema::{lesson_feedback, lessons};

#[derive(Debug, Clone, Queryable)]
pub struct FeedbackRow {
    pub id: i32,
    pub lesson_id: String,
    pub user_id: i32,
    pub rating: i32,
    pub comment: Option<String>,
    pub status: String,
    pub answer: Option<String>,
    pub answered_by: Option<i32>,
    pub answered_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = lesson_feedback, treat_none_as_default_value = false)]
pub struct NewFeedback {
    pub lesson_id: String,
    pub user_id: i32,
    pub rating: i32,
    pub comment: Option<String>,
    pub status: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// Everything a learner's edit or an owner's answer may change.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = lesson_feedback, treat_none_as_null = true)]
pub struct FeedbackChange {
    pub rating: i32,
    pub comment: Option<String>,
    pub status: String,
    pub answer: Option<String>,
    pub answered_by: Option<i32>,
    pub answered_at: Option<NaiveDateTime>,
    pub updated_at: NaiveDateTime,
}

impl FeedbackRow {
    /// The row's changeable part, to be modified and written back.
    pub fn change(&self) -> FeedbackChange {
        FeedbackChange {
            rating: self.rating,
            comment: self.comment.clone(),
            status: self.status.clone(),
            answer: self.answer.clone(),
            answered_by: self.answered_by,
            answered_at: self.answered_at,
            updated_at: self.updated_at,
        }
    }
}

pub fn find(conn: &mut DbConnection, id: i32) -> QueryResult<Option<FeedbackRow>> {
    lesson_feedback::table
        .find(id)
        .select(lesson_feedback::all_columns)
        .first(conn)
        .optional()
}

/// The learner's own feedback on a lesson.
pub fn find_own(
    conn: &mut DbConnection,
    lesson_id: &str,
    user_id: i32,
) -> QueryResult<Option<FeedbackRow>> {
    lesson_feedback::table
        .filter(lesson_feedback::lesson_id.eq(lesson_id))
        .filter(lesson_feedback::user_id.eq(user_id))
        .select(lesson_feedback::all_columns)
        .first(conn)
        .optional()
}

pub fn insert(conn: &mut DbConnection, row: &NewFeedback) -> QueryResult<()> {
    diesel::insert_into(lesson_feedback::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn update(conn: &mut DbConnection, id: i32, change: &FeedbackChange) -> QueryResult<()> {
    diesel::update(lesson_feedback::table.find(id))
        .set(change)
        .execute(conn)
        .map(|_| ())
}

/// Answered feedback on a lesson (`answered` or `updated`), newest answer first, at most `limit`.
pub fn answered_on(
    conn: &mut DbConnection,
    lesson_id: &str,
    limit: i64,
) -> QueryResult<Vec<FeedbackRow>> {
    lesson_feedback::table
        .filter(lesson_feedback::lesson_id.eq(lesson_id))
        .filter(lesson_feedback::status.ne("received"))
        .filter(lesson_feedback::answer.is_not_null())
        .order((
            lesson_feedback::answered_at.desc(),
            lesson_feedback::id.desc(),
        ))
        .limit(limit)
        .select(lesson_feedback::all_columns)
        .load(conn)
}

/// The queue: feedback with its lesson's title and module, optionally of one status, oldest
/// change first (what has waited longest comes first), at most `limit`.
pub fn queue(
    conn: &mut DbConnection,
    status: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<(FeedbackRow, String, String)>> {
    let base = lesson_feedback::table
        .inner_join(lessons::table)
        .select((
            lesson_feedback::all_columns,
            lessons::title,
            lessons::module_id,
        ))
        .order((lesson_feedback::updated_at.asc(), lesson_feedback::id.asc()))
        .limit(limit);
    match status {
        Some(status) => base.filter(lesson_feedback::status.eq(status)).load(conn),
        None => base.load(conn),
    }
}

/// A lesson's title and module id.
pub fn lesson_of(conn: &mut DbConnection, lesson_id: &str) -> QueryResult<(String, String)> {
    lessons::table
        .find(lesson_id)
        .select((lessons::title, lessons::module_id))
        .first(conn)
}
