//! `students` and `enrolments`: who is a student (their school's student code, birth date) and
//! in which class for each school year. A class move ends the open enrolment and opens a new
//! one, so a student's history is kept.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::{BULK_ROWS, DbConnection};
use crate::schema::{enrolments, students, units, users};

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = students, treat_none_as_default_value = false)]
pub struct NewStudent {
    pub user_id: i32,
    pub student_code: String,
    pub birth_date: NaiveDate,
}

/// A rostered student as an import compares them with a file row.
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct Rostered {
    pub user_id: i32,
    pub student_code: String,
    pub birth_date: NaiveDate,
    pub full_name: String,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = enrolments, treat_none_as_default_value = false)]
pub struct NewEnrolment {
    pub user_id: i32,
    pub class_id: i32,
    pub school_year: String,
    pub grade: i32,
    pub started_at: NaiveDateTime,
}

/// Students with any of `codes`, keyed by student code.
pub fn find_by_codes(
    conn: &mut DbConnection,
    codes: &[&str],
) -> QueryResult<HashMap<String, Rostered>> {
    let mut found = HashMap::with_capacity(codes.len().min(1 << 16));
    for chunk in codes.chunks(BULK_ROWS) {
        let rows: Vec<Rostered> = students::table
            .inner_join(users::table)
            .filter(students::student_code.eq_any(chunk))
            .select((
                students::user_id,
                students::student_code,
                students::birth_date,
                users::full_name,
            ))
            .load(conn)?;
        found.extend(rows.into_iter().map(|r| (r.student_code.clone(), r)));
    }
    Ok(found)
}

/// Open enrolments (id, class) for `school_year`, keyed by user.
pub fn open_enrolments(
    conn: &mut DbConnection,
    user_ids: &[i32],
    school_year: &str,
) -> QueryResult<HashMap<i32, (i32, i32)>> {
    let mut found = HashMap::new();
    for chunk in user_ids.chunks(BULK_ROWS) {
        let rows: Vec<(i32, i32, i32)> = enrolments::table
            .filter(enrolments::user_id.eq_any(chunk))
            .filter(enrolments::school_year.eq(school_year))
            .filter(enrolments::ended_at.is_null())
            .select((enrolments::user_id, enrolments::id, enrolments::class_id))
            .load(conn)?;
        found.extend(rows.into_iter().map(|(u, id, class)| (u, (id, class))));
    }
    Ok(found)
}

pub fn insert_students(conn: &mut DbConnection, rows: &[NewStudent]) -> QueryResult<usize> {
    Ok(crate::insert_rows!(conn, students::table, rows))
}

pub fn insert_enrolments(conn: &mut DbConnection, rows: &[NewEnrolment]) -> QueryResult<usize> {
    Ok(crate::insert_rows!(conn, enrolments::table, rows))
}

/// Closes enrolments (a class move); the rows stay as history.
pub fn end_enrolments(
    conn: &mut DbConnection,
    enrolment_ids: &[i32],
    at: NaiveDateTime,
) -> QueryResult<()> {
    for chunk in enrolment_ids.chunks(BULK_ROWS) {
        diesel::update(enrolments::table.filter(enrolments::id.eq_any(chunk)))
            .set(enrolments::ended_at.eq(Some(at)))
            .execute(conn)?;
    }
    Ok(())
}

pub fn set_birth_date(conn: &mut DbConnection, user_id: i32, date: NaiveDate) -> QueryResult<()> {
    diesel::update(students::table.find(user_id))
        .set(students::birth_date.eq(date))
        .execute(conn)?;
    Ok(())
}

/// A student's enrolments, oldest first: (school year, class code, class name, started, ended).
pub type EnrolmentHistory = Vec<(String, String, String, NaiveDateTime, Option<NaiveDateTime>)>;

pub fn history(conn: &mut DbConnection, user_id: i32) -> QueryResult<EnrolmentHistory> {
    enrolments::table
        .inner_join(units::table)
        .filter(enrolments::user_id.eq(user_id))
        .order(enrolments::id.asc())
        .select((
            enrolments::school_year,
            units::code,
            units::name,
            enrolments::started_at,
            enrolments::ended_at,
        ))
        .load(conn)
}

/// (username, full name, birth date, activation code).
pub type ClassListEntry = (String, String, NaiveDate, Option<String>);

/// (student code, birth date, current class (code, name)).
pub type Profile = (String, NaiveDate, Option<(String, String)>);

/// The students enrolled now in a class: (username, full name, birth date, activation code).
pub fn in_class(conn: &mut DbConnection, class_id: i32) -> QueryResult<Vec<ClassListEntry>> {
    enrolments::table
        .inner_join(users::table.inner_join(students::table))
        .filter(enrolments::class_id.eq(class_id))
        .filter(enrolments::ended_at.is_null())
        .select((
            users::username,
            users::full_name,
            students::birth_date,
            users::activation_code,
        ))
        .load(conn)
}

/// Student code, birth date and current class (code, name) of each of `user_ids` that is a
/// student; the class is that of the newest open enrolment.
pub fn profiles(conn: &mut DbConnection, user_ids: &[i32]) -> QueryResult<HashMap<i32, Profile>> {
    let rows: Vec<(i32, String, NaiveDate)> = students::table
        .filter(students::user_id.eq_any(user_ids))
        .select((
            students::user_id,
            students::student_code,
            students::birth_date,
        ))
        .load(conn)?;
    let classes: Vec<(i32, String, String)> = enrolments::table
        .inner_join(units::table)
        .filter(enrolments::user_id.eq_any(user_ids))
        .filter(enrolments::ended_at.is_null())
        .order(enrolments::id.asc())
        .select((enrolments::user_id, units::code, units::name))
        .load(conn)?;
    let mut current: HashMap<i32, (String, String)> = HashMap::new();
    for (user, code, name) in classes {
        current.insert(user, (code, name));
    }
    Ok(rows
        .into_iter()
        .map(|(user, code, born)| {
            let class = current.remove(&user);
            (user, (code, born, class))
        })
        .collect())
}
