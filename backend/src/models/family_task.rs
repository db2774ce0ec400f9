//! `family_tasks`: a student's record of guiding a relative through an online public service,
//! and its review by the student's teacher. Relation, procedure and outcome are codes.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::{BULK_ROWS, DbConnection};
use crate::schema::{family_tasks, users};

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = family_tasks, treat_none_as_default_value = false)]
pub struct NewFamilyTask {
    pub user_id: i32,
    pub school_year: String,
    pub relation: String,
    pub procedure_code: String,
    pub outcome: String,
    pub note: Option<String>,
    pub recorded_at: NaiveDateTime,
    pub status: String,
}

/// A task with its student's name.
#[derive(Debug, Clone, Queryable)]
pub struct FamilyTaskRow {
    pub id: i32,
    pub user_id: i32,
    pub school_year: String,
    pub relation: String,
    pub procedure_code: String,
    pub outcome: String,
    pub note: Option<String>,
    pub recorded_at: NaiveDateTime,
    pub status: String,
    pub student_name: String,
}

type RowColumns = (
    family_tasks::id,
    family_tasks::user_id,
    family_tasks::school_year,
    family_tasks::relation,
    family_tasks::procedure_code,
    family_tasks::outcome,
    family_tasks::note,
    family_tasks::recorded_at,
    family_tasks::status,
    users::full_name,
);

const ROW: RowColumns = (
    family_tasks::id,
    family_tasks::user_id,
    family_tasks::school_year,
    family_tasks::relation,
    family_tasks::procedure_code,
    family_tasks::outcome,
    family_tasks::note,
    family_tasks::recorded_at,
    family_tasks::status,
    users::full_name,
);

/// Inserts the task and returns its id.
pub fn insert(conn: &mut DbConnection, row: &NewFamilyTask) -> QueryResult<i32> {
    diesel::insert_into(family_tasks::table)
        .values(row)
        .execute(conn)?;
    family_tasks::table
        .filter(family_tasks::user_id.eq(row.user_id))
        .order(family_tasks::id.desc())
        .select(family_tasks::id)
        .first(conn)
}

pub fn find(conn: &mut DbConnection, id: i32) -> QueryResult<Option<FamilyTaskRow>> {
    family_tasks::table
        .inner_join(users::table.on(users::id.eq(family_tasks::user_id)))
        .filter(family_tasks::id.eq(id))
        .select(ROW)
        .first(conn)
        .optional()
}

/// The tasks of `user_ids` in a school year (any status when `status` is `None`), newest first.
pub fn of_users(
    conn: &mut DbConnection,
    user_ids: &[i32],
    school_year: &str,
    status: Option<&str>,
) -> QueryResult<Vec<FamilyTaskRow>> {
    let mut rows = Vec::new();
    for chunk in user_ids.chunks(BULK_ROWS) {
        let mut query = family_tasks::table
            .inner_join(users::table.on(users::id.eq(family_tasks::user_id)))
            .filter(family_tasks::user_id.eq_any(chunk))
            .filter(family_tasks::school_year.eq(school_year))
            .select(ROW)
            .into_boxed();
        if let Some(status) = status {
            query = query.filter(family_tasks::status.eq(status.to_owned()));
        }
        rows.extend(query.load::<FamilyTaskRow>(conn)?);
    }
    rows.sort_by_key(|r| std::cmp::Reverse((r.recorded_at, r.id)));
    Ok(rows)
}

/// Confirmed tasks per user among `user_ids` in a school year.
pub fn confirmed_counts(
    conn: &mut DbConnection,
    user_ids: &[i32],
    school_year: &str,
) -> QueryResult<HashMap<i32, i64>> {
    let mut counts = HashMap::new();
    for row in of_users(conn, user_ids, school_year, Some("confirmed"))? {
        *counts.entry(row.user_id).or_insert(0) += 1;
    }
    Ok(counts)
}

pub fn set_status(
    conn: &mut DbConnection,
    id: i32,
    status: &str,
    by: i32,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(family_tasks::table.find(id))
        .set((
            family_tasks::status.eq(status),
            family_tasks::reviewed_by.eq(Some(by)),
            family_tasks::reviewed_at.eq(Some(at)),
        ))
        .execute(conn)?;
    Ok(())
}
