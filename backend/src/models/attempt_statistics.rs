//! The reads item statistics need: a module's finished attempts of a school year with the
//! marks of the questions they drew, and how to name those questions. Read-only; the attempt
//! engine owns writing `attempts` and `attempt_slots`.

use std::collections::HashMap;

use diesel::prelude::*;

use crate::db::{BULK_ROWS, DbConnection};
use crate::schema::{attempt_slots, attempts, modules, question_versions, questions};
use crate::services::item_statistics::FinishedAttempt;

/// `(slot, question id, mark, max mark)` of one question an attempt drew.
type SlotRow = (i32, i32, Option<f64>, f64);

/// The finished state of `attempts.state`.
const FINISHED: &str = "finished";

pub fn module_title(conn: &mut DbConnection, module_id: &str) -> QueryResult<Option<String>> {
    modules::table
        .find(module_id)
        .select(modules::title)
        .first(conn)
        .optional()
}

/// Every finished attempt at `module_id` in `school_year`, each with its questions as
/// `(slot, question id, mark, max mark)` in slot order. `graded` is whether the attempt has
/// its score (an essay waiting for a teacher leaves it NULL).
pub fn finished_attempts(
    conn: &mut DbConnection,
    module_id: &str,
    school_year: &str,
) -> QueryResult<Vec<FinishedAttempt>> {
    let heads: Vec<(i32, i32, i32, Option<f64>)> = attempts::table
        .filter(attempts::module_id.eq(module_id))
        .filter(attempts::school_year.eq(school_year))
        .filter(attempts::state.eq(FINISHED))
        .filter(attempts::contest_round_id.is_null())
        .select((
            attempts::id,
            attempts::user_id,
            attempts::attempt_number,
            attempts::score,
        ))
        .order(attempts::id)
        .load(conn)?;
    let ids: Vec<i32> = heads.iter().map(|h| h.0).collect();
    let mut slots: HashMap<i32, Vec<SlotRow>> = HashMap::new();
    for chunk in ids.chunks(BULK_ROWS) {
        let rows: Vec<(i32, i32, i32, Option<f64>, f64)> = attempt_slots::table
            .inner_join(question_versions::table)
            .filter(attempt_slots::attempt_id.eq_any(chunk))
            .select((
                attempt_slots::attempt_id,
                attempt_slots::slot,
                question_versions::question_id,
                attempt_slots::mark,
                attempt_slots::max_mark,
            ))
            .order((attempt_slots::attempt_id, attempt_slots::slot))
            .load(conn)?;
        for (attempt_id, slot, question_id, mark, max_mark) in rows {
            slots
                .entry(attempt_id)
                .or_default()
                .push((slot, question_id, mark, max_mark));
        }
    }
    Ok(heads
        .into_iter()
        .map(|(id, user_id, attempt_number, score)| FinishedAttempt {
            user_id,
            attempt_number,
            graded: score.is_some(),
            slots: slots.remove(&id).unwrap_or_default(),
        })
        .collect())
}

/// How a question is shown in the statistics: its current version's type, name and text.
#[derive(Debug, Clone, Queryable)]
pub struct QuestionLabel {
    pub question_id: i32,
    pub kind: String,
    pub name: Option<String>,
    /// HTML or plain text, as stored.
    pub text: String,
}

pub fn question_labels(
    conn: &mut DbConnection,
    question_ids: &[i32],
) -> QueryResult<Vec<QuestionLabel>> {
    let mut labels = Vec::with_capacity(question_ids.len());
    for chunk in question_ids.chunks(BULK_ROWS) {
        labels.extend(
            questions::table
                .inner_join(question_versions::table)
                .filter(questions::id.eq_any(chunk))
                .filter(question_versions::version.eq(questions::current_version))
                .select((
                    questions::id,
                    question_versions::qtype,
                    question_versions::name,
                    question_versions::text,
                ))
                .load::<QuestionLabel>(conn)?,
        );
    }
    Ok(labels)
}
