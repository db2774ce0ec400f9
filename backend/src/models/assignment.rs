//! `assignments`: modules assigned to classes for a school year, and the class-level facts the
//! to-do list and the progress matrix read (enrolled students, their lessons, attempts and
//! completions).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::{BULK_ROWS, DbConnection};
use crate::schema::{
    assignments, attempts, enrolments, lesson_progress, lessons, module_completions, modules,
    unit_closure, units, users,
};

/// An assignment with the names it is shown with.
#[derive(Debug, Clone, Queryable)]
pub struct AssignmentRow {
    pub id: i32,
    pub module_id: String,
    pub module_title: String,
    pub class_id: i32,
    pub class_code: String,
    pub class_name: String,
    pub school_year: String,
    pub opens_at: NaiveDateTime,
    pub due_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = assignments, treat_none_as_default_value = false)]
pub struct NewAssignment {
    pub module_id: String,
    pub class_id: i32,
    pub school_year: String,
    pub opens_at: NaiveDateTime,
    pub due_at: NaiveDateTime,
    pub assigned_by: Option<i32>,
    pub created_at: NaiveDateTime,
}

type RowColumns = (
    assignments::id,
    assignments::module_id,
    modules::title,
    assignments::class_id,
    units::code,
    units::name,
    assignments::school_year,
    assignments::opens_at,
    assignments::due_at,
);

const ROW: RowColumns = (
    assignments::id,
    assignments::module_id,
    modules::title,
    assignments::class_id,
    units::code,
    units::name,
    assignments::school_year,
    assignments::opens_at,
    assignments::due_at,
);

pub fn find(conn: &mut DbConnection, id: i32) -> QueryResult<Option<AssignmentRow>> {
    assignments::table
        .inner_join(modules::table)
        .inner_join(units::table)
        .filter(assignments::id.eq(id))
        .select(ROW)
        .first(conn)
        .optional()
}

/// The assignments of the given classes in a school year, by class code then due date.
pub fn of_classes(
    conn: &mut DbConnection,
    class_ids: &[i32],
    school_year: &str,
) -> QueryResult<Vec<AssignmentRow>> {
    let mut rows = Vec::new();
    for chunk in class_ids.chunks(BULK_ROWS) {
        let found: Vec<AssignmentRow> = assignments::table
            .inner_join(modules::table)
            .inner_join(units::table)
            .filter(assignments::class_id.eq_any(chunk))
            .filter(assignments::school_year.eq(school_year))
            .select(ROW)
            .load(conn)?;
        rows.extend(found);
    }
    rows.sort_by(|a, b| {
        (&a.class_code, a.due_at, &a.module_id).cmp(&(&b.class_code, b.due_at, &b.module_id))
    });
    Ok(rows)
}

/// Whether the class already has the module for the school year.
pub fn exists(
    conn: &mut DbConnection,
    class_id: i32,
    module_id: &str,
    school_year: &str,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        assignments::table
            .filter(assignments::class_id.eq(class_id))
            .filter(assignments::module_id.eq(module_id))
            .filter(assignments::school_year.eq(school_year)),
    ))
    .get_result(conn)
}

pub fn insert(conn: &mut DbConnection, row: &NewAssignment) -> QueryResult<i32> {
    diesel::insert_into(assignments::table)
        .values(row)
        .execute(conn)?;
    assignments::table
        .filter(assignments::class_id.eq(row.class_id))
        .filter(assignments::module_id.eq(&row.module_id))
        .filter(assignments::school_year.eq(&row.school_year))
        .select(assignments::id)
        .first(conn)
}

pub fn set_dates(
    conn: &mut DbConnection,
    id: i32,
    opens_at: NaiveDateTime,
    due_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(assignments::table.find(id))
        .set((
            assignments::opens_at.eq(opens_at),
            assignments::due_at.eq(due_at),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn delete(conn: &mut DbConnection, id: i32) -> QueryResult<()> {
    diesel::delete(assignments::table.find(id)).execute(conn)?;
    Ok(())
}

/// A class as assigning lists it: id, code, name, grade.
pub type ClassRow = (i32, String, String, Option<i32>);

/// A module's facts for assigning: title, audience (JSON), first and last grade.
pub type ModuleFacts = (String, String, Option<i32>, Option<i32>);

/// Classes in the subtree of `unit_id`, the unit itself included.
pub fn classes_within(conn: &mut DbConnection, unit_id: i32) -> QueryResult<Vec<ClassRow>> {
    unit_closure::table
        .inner_join(units::table.on(units::id.eq(unit_closure::descendant_id)))
        .filter(unit_closure::ancestor_id.eq(unit_id))
        .filter(units::kind.eq("class"))
        .select((units::id, units::code, units::name, units::grade))
        .load(conn)
}

/// The class a student is enrolled in now for the school year (the newest open enrolment).
pub fn current_class(
    conn: &mut DbConnection,
    user_id: i32,
    school_year: &str,
) -> QueryResult<Option<(i32, String, String)>> {
    enrolments::table
        .inner_join(units::table)
        .filter(enrolments::user_id.eq(user_id))
        .filter(enrolments::school_year.eq(school_year))
        .filter(enrolments::ended_at.is_null())
        .order(enrolments::id.desc())
        .select((units::id, units::code, units::name))
        .first(conn)
        .optional()
}

/// The students enrolled now in a class for the school year: (user id, username, full name).
pub fn students_of(
    conn: &mut DbConnection,
    class_id: i32,
    school_year: &str,
) -> QueryResult<Vec<(i32, String, String)>> {
    enrolments::table
        .inner_join(users::table)
        .filter(enrolments::class_id.eq(class_id))
        .filter(enrolments::school_year.eq(school_year))
        .filter(enrolments::ended_at.is_null())
        .select((users::id, users::username, users::full_name))
        .load(conn)
}

/// How many students each class has now, and how many of them completed the module.
pub fn class_counts(
    conn: &mut DbConnection,
    class_id: i32,
    module_id: &str,
    school_year: &str,
) -> QueryResult<(i64, i64)> {
    let students: Vec<i32> = enrolments::table
        .filter(enrolments::class_id.eq(class_id))
        .filter(enrolments::school_year.eq(school_year))
        .filter(enrolments::ended_at.is_null())
        .select(enrolments::user_id)
        .load(conn)?;
    let mut completed = 0;
    for chunk in students.chunks(BULK_ROWS) {
        let n: i64 = module_completions::table
            .filter(module_completions::user_id.eq_any(chunk))
            .filter(module_completions::module_id.eq(module_id))
            .filter(module_completions::school_year.eq(school_year))
            .count()
            .get_result(conn)?;
        completed += n;
    }
    Ok((students.len() as i64, completed))
}

/// The module's required lessons (id, title) in learning order.
pub fn required_lessons(
    conn: &mut DbConnection,
    module_id: &str,
) -> QueryResult<Vec<(String, String)>> {
    lessons::table
        .filter(lessons::module_id.eq(module_id))
        .filter(lessons::required.eq(true))
        .order(lessons::position)
        .select((lessons::id, lessons::title))
        .load(conn)
}

/// Which (user, lesson) pairs are learned among `user_ids` × `lesson_ids`.
pub fn learned(
    conn: &mut DbConnection,
    user_ids: &[i32],
    lesson_ids: &[String],
) -> QueryResult<HashSet<(i32, String)>> {
    let mut found = HashSet::new();
    for chunk in user_ids.chunks(BULK_ROWS) {
        let rows: Vec<(i32, String)> = lesson_progress::table
            .filter(lesson_progress::user_id.eq_any(chunk))
            .filter(lesson_progress::lesson_id.eq_any(lesson_ids))
            .select((lesson_progress::user_id, lesson_progress::lesson_id))
            .load(conn)?;
        found.extend(rows);
    }
    Ok(found)
}

/// An attempt as progress reads it.
#[derive(Debug, Clone, Queryable)]
pub struct AttemptFact {
    pub user_id: i32,
    pub state: String,
    pub score: Option<f64>,
    pub max_score: f64,
    pub passed: Option<bool>,
    pub needs_grading: bool,
}

/// The attempts of `user_ids` at the module in the school year.
pub fn attempts_of(
    conn: &mut DbConnection,
    user_ids: &[i32],
    module_id: &str,
    school_year: &str,
) -> QueryResult<HashMap<i32, Vec<AttemptFact>>> {
    let mut found: HashMap<i32, Vec<AttemptFact>> = HashMap::new();
    for chunk in user_ids.chunks(BULK_ROWS) {
        let rows: Vec<AttemptFact> = attempts::table
            .filter(attempts::user_id.eq_any(chunk))
            .filter(attempts::module_id.eq(module_id))
            .filter(attempts::school_year.eq(school_year))
            .filter(attempts::contest_round_id.is_null())
            .select((
                attempts::user_id,
                attempts::state,
                attempts::score,
                attempts::max_score,
                attempts::passed,
                attempts::needs_grading,
            ))
            .load(conn)?;
        for row in rows {
            found.entry(row.user_id).or_default().push(row);
        }
    }
    Ok(found)
}

/// When each of `user_ids` completed the module in the school year.
pub fn completions_of(
    conn: &mut DbConnection,
    user_ids: &[i32],
    module_id: &str,
    school_year: &str,
) -> QueryResult<HashMap<i32, NaiveDateTime>> {
    let mut found = HashMap::new();
    for chunk in user_ids.chunks(BULK_ROWS) {
        let rows: Vec<(i32, NaiveDateTime)> = module_completions::table
            .filter(module_completions::user_id.eq_any(chunk))
            .filter(module_completions::module_id.eq(module_id))
            .filter(module_completions::school_year.eq(school_year))
            .select((
                module_completions::user_id,
                module_completions::completed_at,
            ))
            .load(conn)?;
        found.extend(rows);
    }
    Ok(found)
}

/// A module's facts, or `None` when unknown.
pub fn module_facts(conn: &mut DbConnection, module_id: &str) -> QueryResult<Option<ModuleFacts>> {
    modules::table
        .find(module_id)
        .select((
            modules::title,
            modules::audience,
            modules::grade_first,
            modules::grade_last,
        ))
        .first(conn)
        .optional()
}
