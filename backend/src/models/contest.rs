//! `contests`, `contest_groups`, `contest_rounds`, `round_entrants` and `round_predictions`:
//! knowledge contests, their groups and rounds, who entered a round and the prediction given
//! with each attempt at it. The attempts themselves are in `attempts` (`contest_round_id`).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::models::attempt::FINISHED;
use crate::schema::{
    attempts, contest_groups, contest_rounds, contests, round_entrants, round_predictions, units,
    users,
};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = contests)]
pub struct Contest {
    pub id: i32,
    pub title: String,
    pub description: String,
    pub unit_id: i32,
    pub prediction_question: String,
    pub created_by: Option<i32>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = contests, treat_none_as_default_value = false)]
pub struct NewContest {
    pub title: String,
    pub description: String,
    pub unit_id: i32,
    pub prediction_question: String,
    pub created_by: Option<i32>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = contest_groups)]
pub struct Group {
    pub id: i32,
    pub contest_id: i32,
    pub audience: String,
    pub name: String,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = contest_rounds)]
pub struct Round {
    pub id: i32,
    pub contest_id: i32,
    pub position: i32,
    pub name: String,
    pub module_id: String,
    pub tags: String,
    pub question_count: i32,
    pub time_limit_minutes: i32,
    pub attempts_rule: String,
    pub opens_at: NaiveDateTime,
    pub closes_at: NaiveDateTime,
    pub closed_by_hand: bool,
    pub prediction_truth: Option<i32>,
    pub qualify_rule: Option<String>,
    pub qualify_value: Option<f64>,
    pub qualified_at: Option<NaiveDateTime>,
    pub published_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = contest_rounds, treat_none_as_default_value = false)]
pub struct NewRound {
    pub contest_id: i32,
    pub position: i32,
    pub name: String,
    pub module_id: String,
    pub tags: String,
    pub question_count: i32,
    pub time_limit_minutes: i32,
    pub attempts_rule: String,
    pub opens_at: NaiveDateTime,
    pub closes_at: NaiveDateTime,
    pub closed_by_hand: bool,
    pub prediction_truth: Option<i32>,
    pub qualify_rule: Option<String>,
    pub qualify_value: Option<f64>,
    pub qualified_at: Option<NaiveDateTime>,
    pub published_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = round_entrants, treat_none_as_default_value = false)]
pub struct Entrant {
    pub round_id: i32,
    pub user_id: i32,
    pub group_id: i32,
    pub school_id: Option<i32>,
    pub entered_at: NaiveDateTime,
    pub qualified: Option<bool>,
}

/// Inserts a contest and its groups (audience, name); returns the contest's id.
pub fn insert(
    conn: &mut DbConnection,
    new: &NewContest,
    groups: &[(String, String)],
) -> QueryResult<i32> {
    conn.transaction(|conn| {
        let insert = diesel::insert_into(contests::table)
            .values(new)
            .returning(contests::id);
        // MultiConnection has no RETURNING; both concrete connections do.
        let id: i32 = match conn {
            DbConnection::Sqlite(c) => insert.get_result(c)?,
            DbConnection::Postgres(c) => insert.get_result(c)?,
        };
        for (audience, name) in groups {
            diesel::insert_into(contest_groups::table)
                .values((
                    contest_groups::contest_id.eq(id),
                    contest_groups::audience.eq(audience),
                    contest_groups::name.eq(name),
                ))
                .execute(conn)?;
        }
        Ok(id)
    })
}

pub fn all(conn: &mut DbConnection) -> QueryResult<Vec<Contest>> {
    contests::table
        .order(contests::id.desc())
        .select(Contest::as_select())
        .load(conn)
}

pub fn find(conn: &mut DbConnection, id: i32) -> QueryResult<Option<Contest>> {
    contests::table
        .find(id)
        .select(Contest::as_select())
        .first(conn)
        .optional()
}

pub fn groups(conn: &mut DbConnection, contest_id: i32) -> QueryResult<Vec<Group>> {
    contest_groups::table
        .filter(contest_groups::contest_id.eq(contest_id))
        .order(contest_groups::id)
        .select(Group::as_select())
        .load(conn)
}

pub fn rounds(conn: &mut DbConnection, contest_id: i32) -> QueryResult<Vec<Round>> {
    contest_rounds::table
        .filter(contest_rounds::contest_id.eq(contest_id))
        .order(contest_rounds::position)
        .select(Round::as_select())
        .load(conn)
}

pub fn round(conn: &mut DbConnection, round_id: i32) -> QueryResult<Option<Round>> {
    contest_rounds::table
        .find(round_id)
        .select(Round::as_select())
        .first(conn)
        .optional()
}

/// Inserts a round at the next position; returns its id.
pub fn insert_round(conn: &mut DbConnection, new: &NewRound) -> QueryResult<i32> {
    conn.transaction(|conn| {
        let last: Option<i32> = contest_rounds::table
            .filter(contest_rounds::contest_id.eq(new.contest_id))
            .select(diesel::dsl::max(contest_rounds::position))
            .first(conn)?;
        let mut new = new.clone();
        new.position = last.unwrap_or(0) + 1;
        diesel::insert_into(contest_rounds::table)
            .values(&new)
            .execute(conn)?;
        contest_rounds::table
            .filter(contest_rounds::contest_id.eq(new.contest_id))
            .filter(contest_rounds::position.eq(new.position))
            .select(contest_rounds::id)
            .first(conn)
    })
}

/// Closes the round now (by hand), unless it closed already.
pub fn close(conn: &mut DbConnection, round_id: i32, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(
        contest_rounds::table
            .filter(contest_rounds::id.eq(round_id))
            .filter(contest_rounds::closes_at.gt(now)),
    )
    .set((
        contest_rounds::closes_at.eq(now),
        contest_rounds::closed_by_hand.eq(true),
    ))
    .execute(conn)?;
    Ok(())
}

/// Records the prediction's true value once: a later call changes nothing.
pub fn set_truth(conn: &mut DbConnection, round_id: i32, truth: i32) -> QueryResult<()> {
    diesel::update(
        contest_rounds::table
            .filter(contest_rounds::id.eq(round_id))
            .filter(contest_rounds::prediction_truth.is_null()),
    )
    .set(contest_rounds::prediction_truth.eq(truth))
    .execute(conn)?;
    Ok(())
}

/// Marks the round published; `false` when it already was (the first publication stands).
pub fn publish(conn: &mut DbConnection, round_id: i32, now: NaiveDateTime) -> QueryResult<bool> {
    let changed = diesel::update(
        contest_rounds::table
            .filter(contest_rounds::id.eq(round_id))
            .filter(contest_rounds::published_at.is_null()),
    )
    .set(contest_rounds::published_at.eq(now))
    .execute(conn)?;
    Ok(changed == 1)
}

/// Stores the rule applied and who qualified (everyone else of the round did not).
pub fn set_qualified(
    conn: &mut DbConnection,
    round_id: i32,
    rule: &str,
    value: f64,
    qualified: &[i32],
    now: NaiveDateTime,
) -> QueryResult<()> {
    conn.transaction(|conn| {
        diesel::update(contest_rounds::table.filter(contest_rounds::id.eq(round_id)))
            .set((
                contest_rounds::qualify_rule.eq(rule),
                contest_rounds::qualify_value.eq(value),
                contest_rounds::qualified_at.eq(now),
            ))
            .execute(conn)?;
        diesel::update(round_entrants::table.filter(round_entrants::round_id.eq(round_id)))
            .set(round_entrants::qualified.eq(false))
            .execute(conn)?;
        for chunk in qualified.chunks(crate::db::BULK_ROWS) {
            diesel::update(
                round_entrants::table
                    .filter(round_entrants::round_id.eq(round_id))
                    .filter(round_entrants::user_id.eq_any(chunk)),
            )
            .set(round_entrants::qualified.eq(true))
            .execute(conn)?;
        }
        Ok(())
    })
}

pub fn entrant(
    conn: &mut DbConnection,
    round_id: i32,
    user_id: i32,
) -> QueryResult<Option<Entrant>> {
    round_entrants::table
        .find((round_id, user_id))
        .select(Entrant::as_select())
        .first(conn)
        .optional()
}

/// Registers the entrant (once; a second call keeps the first registration).
pub fn enrol(conn: &mut DbConnection, entrant: &Entrant) -> QueryResult<()> {
    if self::entrant(conn, entrant.round_id, entrant.user_id)?.is_none() {
        let inserted = diesel::insert_into(round_entrants::table)
            .values(entrant)
            .execute(conn);
        match inserted {
            Ok(_)
            | Err(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            )) => {}
            Err(other) => return Err(other),
        }
    }
    Ok(())
}

pub fn entrant_count(conn: &mut DbConnection, round_id: i32) -> QueryResult<i64> {
    round_entrants::table
        .filter(round_entrants::round_id.eq(round_id))
        .count()
        .get_result(conn)
}

/// Sets the prediction of an attempt (given at start, changeable while the attempt is live).
pub fn set_prediction(
    conn: &mut DbConnection,
    attempt_id: i32,
    round_id: i32,
    user_id: i32,
    prediction: i64,
) -> QueryResult<()> {
    let updated = diesel::update(round_predictions::table.find(attempt_id))
        .set(round_predictions::prediction.eq(prediction))
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(round_predictions::table)
            .values((
                round_predictions::attempt_id.eq(attempt_id),
                round_predictions::round_id.eq(round_id),
                round_predictions::user_id.eq(user_id),
                round_predictions::prediction.eq(prediction),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// The predictions of the user's attempts at the round: (attempt id, prediction).
pub fn predictions_of(
    conn: &mut DbConnection,
    round_id: i32,
    user_id: i32,
) -> QueryResult<Vec<(i32, i64)>> {
    round_predictions::table
        .filter(round_predictions::round_id.eq(round_id))
        .filter(round_predictions::user_id.eq(user_id))
        .select((round_predictions::attempt_id, round_predictions::prediction))
        .load(conn)
}

/// A finished attempt at a round with what the leaderboard shows of its entrant.
#[derive(Debug, Clone, Queryable)]
pub struct ResultRow {
    pub attempt_id: i32,
    pub user_id: i32,
    pub score: Option<f64>,
    pub max_score: f64,
    pub started_at: NaiveDateTime,
    pub finished_at: Option<NaiveDateTime>,
    pub prediction: Option<i64>,
    pub group_id: i32,
    pub school_id: Option<i32>,
    pub qualified: Option<bool>,
    pub full_name: String,
    pub username: String,
}

/// Every finished attempt at the round, with its prediction and its entrant's registration.
pub fn finished_attempts(conn: &mut DbConnection, round_id: i32) -> QueryResult<Vec<ResultRow>> {
    attempts::table
        .inner_join(
            round_entrants::table.on(round_entrants::round_id
                .nullable()
                .eq(attempts::contest_round_id)
                .and(round_entrants::user_id.eq(attempts::user_id))),
        )
        .inner_join(users::table.on(users::id.eq(attempts::user_id)))
        .left_join(round_predictions::table.on(round_predictions::attempt_id.eq(attempts::id)))
        .filter(attempts::contest_round_id.eq(round_id))
        .filter(attempts::state.eq(FINISHED))
        .select((
            attempts::id,
            attempts::user_id,
            attempts::score,
            attempts::max_score,
            attempts::started_at,
            attempts::finished_at,
            round_predictions::prediction.nullable(),
            round_entrants::group_id,
            round_entrants::school_id,
            round_entrants::qualified,
            users::full_name,
            users::username,
        ))
        .load(conn)
}

/// Names and codes of units by id.
pub fn unit_names(
    conn: &mut DbConnection,
    ids: &[i32],
) -> QueryResult<std::collections::HashMap<i32, (String, String)>> {
    Ok(units::table
        .filter(units::id.eq_any(ids))
        .select((units::id, units::code, units::name))
        .load::<(i32, String, String)>(conn)?
        .into_iter()
        .map(|(id, code, name)| (id, (code, name)))
        .collect())
}

/// The descendants of a unit (itself included).
pub fn subtree_ids(conn: &mut DbConnection, unit_id: i32) -> QueryResult<Vec<i32>> {
    use crate::schema::unit_closure;
    unit_closure::table
        .filter(unit_closure::ancestor_id.eq(unit_id))
        .select(unit_closure::descendant_id)
        .load(conn)
}
