//! `attempts` and `attempt_slots`: an attempt at a module's assessment (or at a contest round
//! drawing from a module, `contest_round_id` set), the questions it drew
//! (each pinned to the version shown) and the answers saved. The hot path of an exam day is
//! [`save_answer`]: one small UPDATE guarded by the sequence number kept.

use chrono::NaiveDateTime;
use diesel::dsl::count_star;
use diesel::prelude::*;

use crate::db::{BULK_ROWS, DbConnection};
use crate::insert_rows;
use crate::schema::{
    attempt_slots, attempts, enrolments, modules, question_versions, questions, unit_closure,
};

/// Attempt states, as stored.
pub const IN_PROGRESS: &str = "in_progress";
pub const OVERDUE: &str = "overdue";
pub const FINISHED: &str = "finished";
pub const ABANDONED: &str = "abandoned";
/// The states of an attempt still open to its learner.
pub const LIVE: [&str; 2] = [IN_PROGRESS, OVERDUE];

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = attempts)]
pub struct Attempt {
    pub id: i32,
    pub user_id: i32,
    pub module_id: String,
    pub school_year: String,
    pub attempt_number: i32,
    pub seed: i64,
    pub state: String,
    pub overdue_policy: String,
    pub started_at: NaiveDateTime,
    pub deadline: NaiveDateTime,
    pub finished_at: Option<NaiveDateTime>,
    pub score: Option<f64>,
    pub max_score: f64,
    pub passed: Option<bool>,
    pub needs_grading: bool,
    /// Set when the attempt is at a contest round rather than at the module's assessment.
    pub contest_round_id: Option<i32>,
}

impl Attempt {
    pub fn is_live(&self) -> bool {
        LIVE.contains(&self.state.as_str())
    }
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = attempts, treat_none_as_default_value = false)]
pub struct NewAttempt {
    pub user_id: i32,
    pub module_id: String,
    pub school_year: String,
    pub attempt_number: i32,
    pub seed: i64,
    pub state: String,
    pub overdue_policy: String,
    pub started_at: NaiveDateTime,
    pub deadline: NaiveDateTime,
    pub finished_at: Option<NaiveDateTime>,
    pub score: Option<f64>,
    pub max_score: f64,
    pub passed: Option<bool>,
    pub needs_grading: bool,
    /// Set when the attempt is at a contest round rather than at the module's assessment.
    pub contest_round_id: Option<i32>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = attempt_slots, treat_none_as_default_value = false)]
pub struct NewSlot {
    pub attempt_id: i32,
    pub slot: i32,
    pub question_version_id: i32,
    pub option_order: String,
    pub max_mark: f64,
    pub response: Option<String>,
    pub saved_seq: i64,
    pub saved_at: Option<NaiveDateTime>,
    pub mark: Option<f64>,
    pub graded_by: Option<i32>,
    pub graded_at: Option<NaiveDateTime>,
    pub grader_comment: Option<String>,
}

/// A slot with the question version it shows.
#[derive(Debug, Clone, Queryable)]
pub struct SlotRow {
    pub slot: i32,
    pub question_version_id: i32,
    pub option_order: String,
    pub max_mark: f64,
    pub response: Option<String>,
    pub saved_seq: i64,
    pub mark: Option<f64>,
    pub grader_comment: Option<String>,
    pub qtype: String,
    pub text: String,
    pub text_format: String,
    pub general_feedback: String,
}

/// The module facts an attempt needs.
#[derive(Debug, Clone, Queryable)]
pub struct ModuleQuiz {
    pub id: String,
    pub title: String,
    /// JSON array of audience codes.
    pub audience: String,
    /// JSON of the manifest's `[assessment]`.
    pub assessment: String,
}

pub fn module_quiz(conn: &mut DbConnection, module_id: &str) -> QueryResult<Option<ModuleQuiz>> {
    modules::table
        .find(module_id)
        .select((
            modules::id,
            modules::title,
            modules::audience,
            modules::assessment,
        ))
        .first(conn)
        .optional()
}

/// A question the draw may take: (question id, current version id, tags JSON).
pub type CandidateRow = (i32, i32, String);

/// The current version of every question of the module.
pub fn candidates(conn: &mut DbConnection, module_id: &str) -> QueryResult<Vec<CandidateRow>> {
    questions::table
        .inner_join(question_versions::table)
        .filter(questions::module_id.eq(module_id))
        .filter(question_versions::version.eq(questions::current_version))
        .select((
            questions::id,
            question_versions::id,
            question_versions::tags,
        ))
        .load(conn)
}

/// The answers JSON of each of the versions.
pub fn answers_of_versions(
    conn: &mut DbConnection,
    version_ids: &[i32],
) -> QueryResult<Vec<(i32, String)>> {
    let mut rows = Vec::with_capacity(version_ids.len());
    for chunk in version_ids.chunks(BULK_ROWS) {
        rows.extend(
            question_versions::table
                .filter(question_versions::id.eq_any(chunk))
                .select((question_versions::id, question_versions::answers))
                .load::<(i32, String)>(conn)?,
        );
    }
    Ok(rows)
}

/// The questions (ids) of the module this user has had in an earlier attempt.
pub fn seen_questions(
    conn: &mut DbConnection,
    user_id: i32,
    module_id: &str,
) -> QueryResult<Vec<i32>> {
    attempt_slots::table
        .inner_join(attempts::table)
        .inner_join(question_versions::table)
        .filter(attempts::user_id.eq(user_id))
        .filter(attempts::module_id.eq(module_id))
        .select(question_versions::question_id)
        .distinct()
        .load(conn)
}

/// How many attempts (of anyone) drew each of the questions.
pub fn question_uses(
    conn: &mut DbConnection,
    question_ids: &[i32],
) -> QueryResult<Vec<(i32, i64)>> {
    let mut uses = Vec::new();
    for chunk in question_ids.chunks(BULK_ROWS) {
        uses.extend(
            attempt_slots::table
                .inner_join(question_versions::table)
                .filter(question_versions::question_id.eq_any(chunk))
                .group_by(question_versions::question_id)
                .select((question_versions::question_id, count_star()))
                .load::<(i32, i64)>(conn)?,
        );
    }
    Ok(uses)
}

/// Every attempt of the user at the module, its contest rounds' included, oldest first.
pub fn at_module(
    conn: &mut DbConnection,
    user_id: i32,
    module_id: &str,
) -> QueryResult<Vec<Attempt>> {
    attempts::table
        .filter(attempts::user_id.eq(user_id))
        .filter(attempts::module_id.eq(module_id))
        .order(attempts::attempt_number.asc())
        .select(Attempt::as_select())
        .load(conn)
}

/// Every attempt of the user at a contest round, oldest first.
pub fn of_user_in_round(
    conn: &mut DbConnection,
    user_id: i32,
    round_id: i32,
) -> QueryResult<Vec<Attempt>> {
    attempts::table
        .filter(attempts::user_id.eq(user_id))
        .filter(attempts::contest_round_id.eq(round_id))
        .order(attempts::attempt_number.asc())
        .select(Attempt::as_select())
        .load(conn)
}

/// Every live attempt at a contest round.
pub fn live_in_round(conn: &mut DbConnection, round_id: i32) -> QueryResult<Vec<Attempt>> {
    attempts::table
        .filter(attempts::contest_round_id.eq(round_id))
        .filter(attempts::state.eq_any(LIVE))
        .select(Attempt::as_select())
        .load(conn)
}

/// The next free attempt number of the user at the module, over module and round attempts
/// alike (the number is unique per user and module).
pub fn next_number(conn: &mut DbConnection, user_id: i32, module_id: &str) -> QueryResult<i32> {
    let max: Option<i32> = attempts::table
        .filter(attempts::user_id.eq(user_id))
        .filter(attempts::module_id.eq(module_id))
        .select(diesel::dsl::max(attempts::attempt_number))
        .first(conn)?;
    Ok(max.unwrap_or(0) + 1)
}

pub fn find(conn: &mut DbConnection, attempt_id: i32) -> QueryResult<Option<Attempt>> {
    attempts::table
        .find(attempt_id)
        .select(Attempt::as_select())
        .first(conn)
        .optional()
}

/// Inserts the attempt and its slots; returns the attempt as stored. Fails with a unique
/// violation when the user already has a live attempt at the module (or the number is taken).
pub fn insert(
    conn: &mut DbConnection,
    attempt: &NewAttempt,
    slots: impl Fn(i32) -> Vec<NewSlot>,
) -> QueryResult<Attempt> {
    let _turn = crate::db::write_turn(conn);
    conn.transaction(|conn| {
        let insert = diesel::insert_into(attempts::table).values(attempt);
        // MultiConnection has no RETURNING; both concrete connections do.
        let stored: Attempt = match conn {
            DbConnection::Sqlite(c) => insert.returning(Attempt::as_returning()).get_result(c)?,
            DbConnection::Postgres(c) => insert.returning(Attempt::as_returning()).get_result(c)?,
        };
        let rows = slots(stored.id);
        insert_rows!(conn, attempt_slots::table, &rows);
        Ok(stored)
    })
}

/// The attempt's slots in order, with the versions they show (their answers come from the
/// services' cache of parsed versions, not from here).
pub fn slots(conn: &mut DbConnection, attempt_id: i32) -> QueryResult<Vec<SlotRow>> {
    attempt_slots::table
        .inner_join(question_versions::table)
        .filter(attempt_slots::attempt_id.eq(attempt_id))
        .order(attempt_slots::slot.asc())
        .select((
            attempt_slots::slot,
            attempt_slots::question_version_id,
            attempt_slots::option_order,
            attempt_slots::max_mark,
            attempt_slots::response,
            attempt_slots::saved_seq,
            attempt_slots::mark,
            attempt_slots::grader_comment,
            question_versions::qtype,
            question_versions::text,
            question_versions::text_format,
            question_versions::general_feedback,
        ))
        .load(conn)
}

/// Keeps `response` for the slot unless a save with this or a later sequence number is
/// already kept or the attempt is no longer in progress. Returns whether it was written.
pub fn save_answer(
    conn: &mut DbConnection,
    attempt_id: i32,
    slot: i32,
    seq: i64,
    response: &str,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    let _turn = crate::db::write_turn(conn);
    let statement = SaveAnswer {
        attempt_id,
        slot,
        seq,
        response,
        at,
    };
    let written = match conn {
        DbConnection::Sqlite(c) => statement.execute(c)?,
        DbConnection::Postgres(c) => statement.execute(c)?,
    };
    Ok(written > 0)
}

/// The autosave's `UPDATE`, written out so that its text never varies. diesel prepares every
/// `UPDATE` built with its DSL afresh (a changeset's columns may vary), so each autosave was
/// parsed and planned again — by PostgreSQL in its own process on the same cores. A statement
/// with a static query id is kept prepared per connection by both backends.
struct SaveAnswer<'a> {
    attempt_id: i32,
    slot: i32,
    seq: i64,
    response: &'a str,
    at: NaiveDateTime,
}

impl diesel::query_builder::QueryId for SaveAnswer<'_> {
    type QueryId = SaveAnswer<'static>;
    const HAS_STATIC_QUERY_ID: bool = true;
}

impl<DB> diesel::query_builder::QueryFragment<DB> for SaveAnswer<'_>
where
    DB: diesel::backend::Backend,
    i32: diesel::serialize::ToSql<diesel::sql_types::Integer, DB>,
    i64: diesel::serialize::ToSql<diesel::sql_types::BigInt, DB>,
    str: diesel::serialize::ToSql<diesel::sql_types::Text, DB>,
    NaiveDateTime: diesel::serialize::ToSql<diesel::sql_types::Timestamp, DB>,
{
    fn walk_ast<'b>(
        &'b self,
        mut out: diesel::query_builder::AstPass<'_, 'b, DB>,
    ) -> QueryResult<()> {
        use diesel::sql_types::{BigInt, Integer, Text, Timestamp};
        out.push_sql("UPDATE attempt_slots SET response = ");
        out.push_bind_param::<Text, _>(self.response)?;
        out.push_sql(", saved_seq = ");
        out.push_bind_param::<BigInt, _>(&self.seq)?;
        out.push_sql(", saved_at = ");
        out.push_bind_param::<Timestamp, _>(&self.at)?;
        out.push_sql(" WHERE attempt_id = ");
        out.push_bind_param::<Integer, _>(&self.attempt_id)?;
        out.push_sql(" AND slot = ");
        out.push_bind_param::<Integer, _>(&self.slot)?;
        out.push_sql(" AND saved_seq < ");
        out.push_bind_param::<BigInt, _>(&self.seq)?;
        // Never into an attempt that closed since the caller looked.
        out.push_sql(" AND EXISTS (SELECT 1 FROM attempts WHERE attempts.id = ");
        out.push_bind_param::<Integer, _>(&self.attempt_id)?;
        out.push_sql(" AND attempts.state = '");
        out.push_sql(IN_PROGRESS);
        out.push_sql("')");
        Ok(())
    }
}

impl<Conn> RunQueryDsl<Conn> for SaveAnswer<'_> {}

pub fn kept_seq(conn: &mut DbConnection, attempt_id: i32, slot: i32) -> QueryResult<i64> {
    attempt_slots::table
        .filter(attempt_slots::attempt_id.eq(attempt_id))
        .filter(attempt_slots::slot.eq(slot))
        .select(attempt_slots::saved_seq)
        .first(conn)
}

pub fn set_mark(
    conn: &mut DbConnection,
    attempt_id: i32,
    slot: i32,
    mark: Option<f64>,
) -> QueryResult<usize> {
    diesel::update(
        attempt_slots::table
            .filter(attempt_slots::attempt_id.eq(attempt_id))
            .filter(attempt_slots::slot.eq(slot)),
    )
    .set(attempt_slots::mark.eq(mark))
    .execute(conn)
}

/// A teacher's mark and comment on a slot.
pub fn set_manual_mark(
    conn: &mut DbConnection,
    attempt_id: i32,
    slot: i32,
    mark: f64,
    comment: Option<&str>,
    grader: i32,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        attempt_slots::table
            .filter(attempt_slots::attempt_id.eq(attempt_id))
            .filter(attempt_slots::slot.eq(slot)),
    )
    .set((
        attempt_slots::mark.eq(Some(mark)),
        attempt_slots::grader_comment.eq(comment),
        attempt_slots::graded_by.eq(Some(grader)),
        attempt_slots::graded_at.eq(Some(at)),
    ))
    .execute(conn)
}

/// The end of an attempt. Only a live attempt changes, so finishing twice (the learner's
/// submit racing the overdue finaliser) writes once; returns whether this call did.
#[allow(clippy::too_many_arguments)]
pub fn finish(
    conn: &mut DbConnection,
    attempt_id: i32,
    state: &str,
    at: NaiveDateTime,
    score: Option<f64>,
    max_score: f64,
    passed: Option<bool>,
    needs_grading: bool,
) -> QueryResult<bool> {
    let written = diesel::update(
        attempts::table
            .filter(attempts::id.eq(attempt_id))
            .filter(attempts::state.eq_any(LIVE)),
    )
    .set((
        attempts::state.eq(state),
        attempts::finished_at.eq(Some(at)),
        attempts::score.eq(score),
        attempts::max_score.eq(max_score),
        attempts::passed.eq(passed),
        attempts::needs_grading.eq(needs_grading),
    ))
    .execute(conn)?;
    Ok(written > 0)
}

/// Moves an in-progress attempt into its grace period.
pub fn mark_overdue(conn: &mut DbConnection, attempt_id: i32) -> QueryResult<bool> {
    let written = diesel::update(
        attempts::table
            .filter(attempts::id.eq(attempt_id))
            .filter(attempts::state.eq(IN_PROGRESS)),
    )
    .set(attempts::state.eq(OVERDUE))
    .execute(conn)?;
    Ok(written > 0)
}

/// Sets the result of a finished attempt once a teacher graded its last essay.
pub fn set_result(
    conn: &mut DbConnection,
    attempt_id: i32,
    score: Option<f64>,
    passed: Option<bool>,
    needs_grading: bool,
) -> QueryResult<usize> {
    diesel::update(attempts::table.find(attempt_id))
        .set((
            attempts::score.eq(score),
            attempts::passed.eq(passed),
            attempts::needs_grading.eq(needs_grading),
        ))
        .execute(conn)
}

/// Live attempts whose deadline is before `before` (the finaliser's work), oldest first.
pub fn live_past(
    conn: &mut DbConnection,
    before: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<Attempt>> {
    attempts::table
        .filter(attempts::state.eq_any(LIVE))
        .filter(attempts::deadline.lt(before))
        .order(attempts::deadline.asc())
        .limit(limit)
        .select(Attempt::as_select())
        .load(conn)
}

/// An essay waiting for a teacher, as the grading queue lists it.
#[derive(Debug, Clone, Queryable)]
pub struct UngradedEssay {
    pub attempt_id: i32,
    pub slot: i32,
    pub user_id: i32,
    pub module_id: String,
    pub finished_at: Option<NaiveDateTime>,
    pub max_mark: f64,
    pub response: Option<String>,
    pub text: String,
    pub text_format: String,
}

/// Ungraded essays in finished attempts of students openly enrolled in a class inside one of
/// `unit_ids` (the units where the grader may grade), oldest first.
pub fn ungraded_essays(
    conn: &mut DbConnection,
    unit_ids: &[i32],
    limit: i64,
) -> QueryResult<Vec<UngradedEssay>> {
    let students = enrolments::table
        .inner_join(unit_closure::table.on(unit_closure::descendant_id.eq(enrolments::class_id)))
        .filter(unit_closure::ancestor_id.eq_any(unit_ids.to_vec()))
        .filter(enrolments::ended_at.is_null())
        .select(enrolments::user_id);
    attempt_slots::table
        .inner_join(attempts::table)
        .inner_join(question_versions::table)
        .filter(attempts::state.eq(FINISHED))
        .filter(attempts::needs_grading.eq(true))
        .filter(attempt_slots::mark.is_null())
        .filter(question_versions::qtype.eq("essay"))
        .filter(attempts::user_id.eq_any(students))
        .order((
            attempts::finished_at.asc(),
            attempt_slots::attempt_id,
            attempt_slots::slot,
        ))
        .limit(limit)
        .select((
            attempt_slots::attempt_id,
            attempt_slots::slot,
            attempts::user_id,
            attempts::module_id,
            attempts::finished_at,
            attempt_slots::max_mark,
            attempt_slots::response,
            question_versions::text,
            question_versions::text_format,
        ))
        .load(conn)
}

/// The classes (ids) the user is openly enrolled in.
pub fn open_classes(conn: &mut DbConnection, user_id: i32) -> QueryResult<Vec<i32>> {
    enrolments::table
        .filter(enrolments::user_id.eq(user_id))
        .filter(enrolments::ended_at.is_null())
        .select(enrolments::class_id)
        .load(conn)
}

/// Username and full name of each user, for the grading queue.
pub fn student_names(
    conn: &mut DbConnection,
    user_ids: &[i32],
) -> QueryResult<std::collections::HashMap<i32, (String, String)>> {
    use crate::schema::users;
    let mut names = std::collections::HashMap::new();
    for chunk in user_ids.chunks(BULK_ROWS) {
        let rows: Vec<(i32, String, String)> = users::table
            .filter(users::id.eq_any(chunk))
            .select((users::id, users::username, users::full_name))
            .load(conn)?;
        names.extend(rows.into_iter().map(|(id, u, n)| (id, (u, n))));
    }
    Ok(names)
}
