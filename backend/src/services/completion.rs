//! Module completion (issue 6): a learner completes a module when every required lesson is
//! learned and the module's assessment is passed. The event is recorded once per learner,
//! module and school year; the coverage dashboards count it. Call [`record_if_complete`] after
//! anything that can complete a module: a lesson marked learned, an attempt graded as passed
//! (on submit, by the overdue finaliser, or by manual grading). A new completion also issues
//! the learner's module-completion certificate (`services::certificates`).
//!
//! The same event also feeds annual training (issue 9): for agency and team members the
//! calendar-year completion is recorded by `services::training::record_if_complete`, first
//! and independently, since a school-year completion already recorded must not hide the new
//! calendar year's.

use chrono::NaiveDateTime;
use diesel::Connection;

use crate::db::DbConnection;
use crate::domain::SchoolYear;
use crate::error::AppError;
use crate::models::completion;
use crate::services::{certificates, coverage};

/// Records the completion of `module_id` by `user_id` in the school year containing `at` if it
/// is now complete and not yet recorded. Returns whether a new completion was recorded.
pub fn record_if_complete(
    conn: &mut DbConnection,
    user_id: i32,
    module_id: &str,
    at: NaiveDateTime,
) -> Result<bool, AppError> {
    crate::services::training::record_if_complete(conn, user_id, module_id, at)?;
    let school_year = SchoolYear::containing(at.date()).to_string();
    if completion::exists(conn, user_id, module_id, &school_year)? {
        return Ok(false);
    }
    if completion::required_lessons_left(conn, user_id, module_id)? > 0 {
        return Ok(false);
    }
    let Some(attempt_id) =
        completion::first_passed_attempt(conn, user_id, module_id, &school_year)?
    else {
        return Ok(false);
    };
    // The completion, the coverage counters it moves and its certificate are one write.
    conn.transaction::<_, AppError, _>(|conn| {
        let recorded =
            completion::insert(conn, user_id, module_id, &school_year, Some(attempt_id), at)?;
        if recorded {
            coverage::refresh_students(conn, &[user_id], &school_year)?;
            certificates::issue_for_completion(conn, user_id, module_id, &school_year, at)?;
        }
        Ok(recorded)
    })
}
