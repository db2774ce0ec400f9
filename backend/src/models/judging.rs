//! The creative-contest tables: `creative_contests`, `rubric_criteria`, `contest_judges`,
//! `entries`, `entry_members`, `entry_files`, `judging_assignments`, `judging_scores`,
//! `judge_conflicts` and `popular_votes` — rows and the queries on them.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::schema::{
    contest_judges, creative_contests, entries, entry_files, entry_members, judge_conflicts,
    judging_assignments, judging_scores, popular_votes, rubric_criteria, users,
};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = creative_contests)]
pub struct Contest {
    pub id: i32,
    pub unit_id: i32,
    pub title: String,
    pub kind: String,
    pub description: String,
    pub submission_opens_at: NaiveDateTime,
    pub submission_closes_at: NaiveDateTime,
    pub team_size_max: i32,
    pub max_file_bytes: i64,
    pub judges_per_entry: i32,
    pub aggregation: String,
    pub disagreement_threshold: f64,
    pub prize_first: i32,
    pub prize_second: i32,
    pub prize_third: i32,
    pub prize_merit: i32,
    pub popular_vote: bool,
    pub published_at: Option<NaiveDateTime>,
    pub created_by: Option<i32>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = creative_contests, treat_none_as_default_value = false)]
pub struct NewContest {
    pub unit_id: i32,
    pub title: String,
    pub kind: String,
    pub description: String,
    pub submission_opens_at: NaiveDateTime,
    pub submission_closes_at: NaiveDateTime,
    pub team_size_max: i32,
    pub max_file_bytes: i64,
    pub judges_per_entry: i32,
    pub aggregation: String,
    pub disagreement_threshold: f64,
    pub prize_first: i32,
    pub prize_second: i32,
    pub prize_third: i32,
    pub prize_merit: i32,
    pub popular_vote: bool,
    pub published_at: Option<NaiveDateTime>,
    pub created_by: Option<i32>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = rubric_criteria)]
pub struct Criterion {
    pub id: i32,
    pub contest_id: i32,
    pub position: i32,
    pub name: String,
    pub weight: i32,
    pub scale_max: i32,
    pub guidance: String,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = rubric_criteria, treat_none_as_default_value = false)]
pub struct NewCriterion {
    pub contest_id: i32,
    pub position: i32,
    pub name: String,
    pub weight: i32,
    pub scale_max: i32,
    pub guidance: String,
}

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = entries)]
pub struct Entry {
    pub id: i32,
    pub contest_id: i32,
    pub school_id: i32,
    pub title: String,
    pub statement: String,
    pub video_url: Option<String>,
    pub status: String,
    pub created_by: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub prize: Option<String>,
    pub final_rank: Option<i32>,
    pub final_score: Option<f64>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = entries, treat_none_as_default_value = false)]
pub struct NewEntry {
    pub contest_id: i32,
    pub school_id: i32,
    pub title: String,
    pub statement: String,
    pub video_url: Option<String>,
    pub status: String,
    pub created_by: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = entry_files)]
pub struct EntryFile {
    pub id: i32,
    pub entry_id: i32,
    pub storage_key: String,
    pub thumb_key: Option<String>,
    pub media_type: String,
    pub byte_size: i64,
    pub width: Option<i32>,
    pub height: Option<i32>,
    pub uploaded_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = entry_files, treat_none_as_default_value = false)]
pub struct NewEntryFile {
    pub entry_id: i32,
    pub storage_key: String,
    pub thumb_key: Option<String>,
    pub media_type: String,
    pub byte_size: i64,
    pub width: Option<i32>,
    pub height: Option<i32>,
    pub uploaded_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = judging_assignments)]
pub struct Assignment {
    pub id: i32,
    pub entry_id: i32,
    pub judge_id: i32,
    pub source: String,
    pub comment: Option<String>,
    pub created_at: NaiveDateTime,
    pub submitted_at: Option<NaiveDateTime>,
}

// ---- contests -------------------------------------------------------------------------------

pub fn insert_contest(
    conn: &mut DbConnection,
    new: &NewContest,
    rubric: &[(String, i32, i32, String)],
) -> QueryResult<i32> {
    let insert = diesel::insert_into(creative_contests::table)
        .values(new)
        .returning(creative_contests::id);
    let id: i32 = match conn {
        DbConnection::Sqlite(c) => insert.get_result(c)?,
        DbConnection::Postgres(c) => insert.get_result(c)?,
    };
    let rows: Vec<NewCriterion> = rubric
        .iter()
        .enumerate()
        .map(|(i, (name, weight, scale_max, guidance))| NewCriterion {
            contest_id: id,
            position: i as i32 + 1,
            name: name.clone(),
            weight: *weight,
            scale_max: *scale_max,
            guidance: guidance.clone(),
        })
        .collect();
    for row in rows {
        diesel::insert_into(rubric_criteria::table)
            .values(row)
            .execute(conn)?;
    }
    Ok(id)
}

pub fn find_contest(conn: &mut DbConnection, id: i32) -> QueryResult<Option<Contest>> {
    creative_contests::table
        .find(id)
        .select(Contest::as_select())
        .first(conn)
        .optional()
}

pub fn all_contests(conn: &mut DbConnection) -> QueryResult<Vec<Contest>> {
    creative_contests::table
        .order(creative_contests::id.desc())
        .select(Contest::as_select())
        .load(conn)
}

pub fn find_contest_by_title(conn: &mut DbConnection, title: &str) -> QueryResult<Option<Contest>> {
    creative_contests::table
        .filter(creative_contests::title.eq(title))
        .select(Contest::as_select())
        .first(conn)
        .optional()
}

pub fn update_settings(
    conn: &mut DbConnection,
    id: i32,
    aggregation: &str,
    threshold: f64,
    prizes: [i32; 4],
    popular_vote: bool,
    closes_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(creative_contests::table.find(id))
        .set((
            creative_contests::aggregation.eq(aggregation),
            creative_contests::disagreement_threshold.eq(threshold),
            creative_contests::prize_first.eq(prizes[0]),
            creative_contests::prize_second.eq(prizes[1]),
            creative_contests::prize_third.eq(prizes[2]),
            creative_contests::prize_merit.eq(prizes[3]),
            creative_contests::popular_vote.eq(popular_vote),
            creative_contests::submission_closes_at.eq(closes_at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Marks the contest published; `false` when it already was (a concurrent publication won).
pub fn set_published(conn: &mut DbConnection, id: i32, at: NaiveDateTime) -> QueryResult<bool> {
    let changed = diesel::update(
        creative_contests::table
            .find(id)
            .filter(creative_contests::published_at.is_null()),
    )
    .set(creative_contests::published_at.eq(Some(at)))
    .execute(conn)?;
    Ok(changed == 1)
}

pub fn rubric(conn: &mut DbConnection, contest_id: i32) -> QueryResult<Vec<Criterion>> {
    rubric_criteria::table
        .filter(rubric_criteria::contest_id.eq(contest_id))
        .order(rubric_criteria::position.asc())
        .select(Criterion::as_select())
        .load(conn)
}

// ---- panel and conflicts --------------------------------------------------------------------

/// The panel: (user id, username, full name).
pub fn judges(conn: &mut DbConnection, contest_id: i32) -> QueryResult<Vec<(i32, String, String)>> {
    contest_judges::table
        .inner_join(users::table.on(users::id.eq(contest_judges::judge_id)))
        .filter(contest_judges::contest_id.eq(contest_id))
        .order(users::username.asc())
        .select((users::id, users::username, users::full_name))
        .load(conn)
}

pub fn set_judges(conn: &mut DbConnection, contest_id: i32, judge_ids: &[i32]) -> QueryResult<()> {
    diesel::delete(contest_judges::table.filter(contest_judges::contest_id.eq(contest_id)))
        .execute(conn)?;
    for judge in judge_ids {
        diesel::insert_into(contest_judges::table)
            .values((
                contest_judges::contest_id.eq(contest_id),
                contest_judges::judge_id.eq(*judge),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn is_judge_of(conn: &mut DbConnection, contest_id: i32, judge_id: i32) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        contest_judges::table
            .filter(contest_judges::contest_id.eq(contest_id))
            .filter(contest_judges::judge_id.eq(judge_id)),
    ))
    .get_result(conn)
}

/// Declared conflicts in a contest: (judge, entry).
pub fn conflicts(conn: &mut DbConnection, contest_id: i32) -> QueryResult<Vec<(i32, i32)>> {
    judge_conflicts::table
        .inner_join(entries::table.on(entries::id.eq(judge_conflicts::entry_id)))
        .filter(entries::contest_id.eq(contest_id))
        .select((judge_conflicts::judge_id, judge_conflicts::entry_id))
        .load(conn)
}

pub fn add_conflict(
    conn: &mut DbConnection,
    judge_id: i32,
    entry_id: i32,
    reason: &str,
    at: NaiveDateTime,
) -> QueryResult<()> {
    let exists: bool = diesel::select(diesel::dsl::exists(
        judge_conflicts::table
            .filter(judge_conflicts::judge_id.eq(judge_id))
            .filter(judge_conflicts::entry_id.eq(entry_id)),
    ))
    .get_result(conn)?;
    if !exists {
        diesel::insert_into(judge_conflicts::table)
            .values((
                judge_conflicts::judge_id.eq(judge_id),
                judge_conflicts::entry_id.eq(entry_id),
                judge_conflicts::reason.eq(reason),
                judge_conflicts::created_at.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(())
}

// ---- entries --------------------------------------------------------------------------------

pub fn insert_entry(conn: &mut DbConnection, new: &NewEntry, members: &[i32]) -> QueryResult<i32> {
    let insert = diesel::insert_into(entries::table)
        .values(new)
        .returning(entries::id);
    let id: i32 = match conn {
        DbConnection::Sqlite(c) => insert.get_result(c)?,
        DbConnection::Postgres(c) => insert.get_result(c)?,
    };
    set_members(conn, id, members)?;
    Ok(id)
}

pub fn set_members(conn: &mut DbConnection, entry_id: i32, members: &[i32]) -> QueryResult<()> {
    diesel::delete(entry_members::table.filter(entry_members::entry_id.eq(entry_id)))
        .execute(conn)?;
    for user in members {
        diesel::insert_into(entry_members::table)
            .values((
                entry_members::entry_id.eq(entry_id),
                entry_members::user_id.eq(*user),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn update_entry(
    conn: &mut DbConnection,
    id: i32,
    title: &str,
    statement: &str,
    video_url: Option<&str>,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(entries::table.find(id))
        .set((
            entries::title.eq(title),
            entries::statement.eq(statement),
            entries::video_url.eq(video_url),
            entries::updated_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn set_entry_status(
    conn: &mut DbConnection,
    id: i32,
    status: &str,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(entries::table.find(id))
        .set((entries::status.eq(status), entries::updated_at.eq(at)))
        .execute(conn)?;
    Ok(())
}

pub fn set_result(
    conn: &mut DbConnection,
    id: i32,
    prize: Option<&str>,
    rank: Option<i32>,
    score: Option<f64>,
) -> QueryResult<()> {
    diesel::update(entries::table.find(id))
        .set((
            entries::prize.eq(prize),
            entries::final_rank.eq(rank),
            entries::final_score.eq(score),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn find_entry(conn: &mut DbConnection, id: i32) -> QueryResult<Option<Entry>> {
    entries::table
        .find(id)
        .select(Entry::as_select())
        .first(conn)
        .optional()
}

pub fn entries_of(conn: &mut DbConnection, contest_id: i32) -> QueryResult<Vec<Entry>> {
    entries::table
        .filter(entries::contest_id.eq(contest_id))
        .order(entries::id.asc())
        .select(Entry::as_select())
        .load(conn)
}

/// Entries a user is a member of.
pub fn entries_of_member(conn: &mut DbConnection, user_id: i32) -> QueryResult<Vec<Entry>> {
    entries::table
        .inner_join(entry_members::table.on(entry_members::entry_id.eq(entries::id)))
        .filter(entry_members::user_id.eq(user_id))
        .order(entries::id.desc())
        .select(Entry::as_select())
        .load(conn)
}

/// Members of an entry: (user id, username, full name).
pub fn members(conn: &mut DbConnection, entry_id: i32) -> QueryResult<Vec<(i32, String, String)>> {
    entry_members::table
        .inner_join(users::table.on(users::id.eq(entry_members::user_id)))
        .filter(entry_members::entry_id.eq(entry_id))
        .order(users::username.asc())
        .select((users::id, users::username, users::full_name))
        .load(conn)
}

/// Whether `user_id` already belongs to a live entry of the contest (other than `except`).
pub fn has_live_entry(
    conn: &mut DbConnection,
    contest_id: i32,
    user_id: i32,
    except: Option<i32>,
) -> QueryResult<bool> {
    let ids: Vec<i32> = entries::table
        .inner_join(entry_members::table.on(entry_members::entry_id.eq(entries::id)))
        .filter(entries::contest_id.eq(contest_id))
        .filter(entries::status.eq("submitted"))
        .filter(entry_members::user_id.eq(user_id))
        .select(entries::id)
        .load(conn)?;
    Ok(ids.into_iter().any(|id| Some(id) != except))
}

pub fn insert_file(conn: &mut DbConnection, new: &NewEntryFile) -> QueryResult<i32> {
    let insert = diesel::insert_into(entry_files::table)
        .values(new)
        .returning(entry_files::id);
    match conn {
        DbConnection::Sqlite(c) => insert.get_result(c),
        DbConnection::Postgres(c) => insert.get_result(c),
    }
}

pub fn files_of(conn: &mut DbConnection, entry_id: i32) -> QueryResult<Vec<EntryFile>> {
    entry_files::table
        .filter(entry_files::entry_id.eq(entry_id))
        .order(entry_files::id.asc())
        .select(EntryFile::as_select())
        .load(conn)
}

pub fn delete_file(conn: &mut DbConnection, entry_id: i32, file_id: i32) -> QueryResult<usize> {
    diesel::delete(
        entry_files::table
            .filter(entry_files::id.eq(file_id))
            .filter(entry_files::entry_id.eq(entry_id)),
    )
    .execute(conn)
}

// ---- assignments and scores -----------------------------------------------------------------

/// Whose judging assignments [`assignments`] loads.
#[derive(Debug, Clone, Copy)]
pub enum AssignmentsOf {
    /// Every assignment of the contest's entries.
    Contest(i32),
    /// The judge's, across contests.
    Judge(i32),
    /// The entry's panel.
    Entry(i32),
}

/// Judging assignments, in the order they were made.
pub fn assignments(conn: &mut DbConnection, of: AssignmentsOf) -> QueryResult<Vec<Assignment>> {
    let query = judging_assignments::table
        .inner_join(entries::table.on(entries::id.eq(judging_assignments::entry_id)))
        .order(judging_assignments::id.asc())
        .select(Assignment::as_select())
        .into_boxed();
    match of {
        AssignmentsOf::Contest(id) => query.filter(entries::contest_id.eq(id)),
        AssignmentsOf::Judge(id) => query.filter(judging_assignments::judge_id.eq(id)),
        AssignmentsOf::Entry(id) => query.filter(judging_assignments::entry_id.eq(id)),
    }
    .load(conn)
}

pub fn insert_assignment(
    conn: &mut DbConnection,
    entry_id: i32,
    judge_id: i32,
    source: &str,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(judging_assignments::table)
        .values((
            judging_assignments::entry_id.eq(entry_id),
            judging_assignments::judge_id.eq(judge_id),
            judging_assignments::source.eq(source),
            judging_assignments::created_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn delete_assignment(conn: &mut DbConnection, id: i32) -> QueryResult<usize> {
    diesel::delete(judging_assignments::table.find(id)).execute(conn)
}

/// Criterion scores of an assignment: (criterion id, score).
pub fn scores_of(conn: &mut DbConnection, assignment_id: i32) -> QueryResult<Vec<(i32, i32)>> {
    judging_scores::table
        .filter(judging_scores::assignment_id.eq(assignment_id))
        .order(judging_scores::criterion_id.asc())
        .select((judging_scores::criterion_id, judging_scores::score))
        .load(conn)
}

pub fn save_scores(
    conn: &mut DbConnection,
    assignment_id: i32,
    scores: &[(i32, i32)],
    comment: Option<&str>,
    submitted_at: Option<NaiveDateTime>,
) -> QueryResult<()> {
    diesel::delete(judging_scores::table.filter(judging_scores::assignment_id.eq(assignment_id)))
        .execute(conn)?;
    for (criterion, score) in scores {
        diesel::insert_into(judging_scores::table)
            .values((
                judging_scores::assignment_id.eq(assignment_id),
                judging_scores::criterion_id.eq(*criterion),
                judging_scores::score.eq(*score),
            ))
            .execute(conn)?;
    }
    diesel::update(judging_assignments::table.find(assignment_id))
        .set((
            judging_assignments::comment.eq(comment),
            judging_assignments::submitted_at.eq(submitted_at),
        ))
        .execute(conn)?;
    Ok(())
}

// ---- popular votes --------------------------------------------------------------------------

pub fn vote(
    conn: &mut DbConnection,
    entry_id: i32,
    user_id: i32,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    if has_voted(conn, entry_id, user_id)? {
        return Ok(false);
    }
    diesel::insert_into(popular_votes::table)
        .values((
            popular_votes::entry_id.eq(entry_id),
            popular_votes::user_id.eq(user_id),
            popular_votes::created_at.eq(at),
        ))
        .execute(conn)?;
    Ok(true)
}

/// Whether `user_id` has voted for the entry.
pub fn has_voted(conn: &mut DbConnection, entry_id: i32, user_id: i32) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        popular_votes::table
            .filter(popular_votes::entry_id.eq(entry_id))
            .filter(popular_votes::user_id.eq(user_id)),
    ))
    .get_result(conn)
}

pub fn votes(conn: &mut DbConnection, entry_id: i32) -> QueryResult<i64> {
    popular_votes::table
        .filter(popular_votes::entry_id.eq(entry_id))
        .count()
        .get_result(conn)
}
