//! Annual training rows and queries: agency and team members (`training_members`), training
//! cycles and the modules they ask of each job group (`training_cycles`,
//! `training_cycle_modules`), per-calendar-year completions (`training_completions`), and the
//! activity facts a status needs (lessons learned, attempts started within the year).

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::schema::{
    attempts, lesson_progress, lessons, modules, training_completions, training_cycle_modules,
    training_cycles, training_members, unit_closure, units, users,
};

/// A member as stored.
#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = training_members, treat_none_as_default_value = false)]
pub struct Member {
    pub user_id: i32,
    pub member_code: String,
    pub unit_id: i32,
    pub job_group: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// Members by their code (lowercased).
pub fn members_by_codes(
    conn: &mut DbConnection,
    codes: &[String],
) -> QueryResult<HashMap<String, (Member, String)>> {
    let mut found = HashMap::new();
    for chunk in codes.chunks(crate::db::BULK_ROWS) {
        let rows: Vec<(Member, String)> = training_members::table
            .inner_join(users::table)
            .filter(training_members::member_code.eq_any(chunk))
            .select((
                (
                    training_members::user_id,
                    training_members::member_code,
                    training_members::unit_id,
                    training_members::job_group,
                    training_members::created_at,
                    training_members::updated_at,
                ),
                users::full_name,
            ))
            .load(conn)?;
        for (member, name) in rows {
            found.insert(member.member_code.clone(), (member, name));
        }
    }
    Ok(found)
}

pub fn insert_members(conn: &mut DbConnection, members: &[Member]) -> QueryResult<usize> {
    Ok(crate::insert_rows!(conn, training_members::table, members))
}

pub fn update_member(
    conn: &mut DbConnection,
    user_id: i32,
    unit_id: i32,
    job_group: &str,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(training_members::table.find(user_id))
        .set((
            training_members::unit_id.eq(unit_id),
            training_members::job_group.eq(job_group),
            training_members::updated_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

/// The member row of one user.
pub fn member_of(conn: &mut DbConnection, user_id: i32) -> QueryResult<Option<Member>> {
    training_members::table.find(user_id).first(conn).optional()
}

/// The members of one unit with their pending activation code: (username, name, code).
pub fn activation_of_unit(
    conn: &mut DbConnection,
    unit_id: i32,
) -> QueryResult<Vec<(String, String, Option<String>)>> {
    training_members::table
        .inner_join(users::table)
        .filter(training_members::unit_id.eq(unit_id))
        .select((users::username, users::full_name, users::activation_code))
        .load(conn)
}

/// A member of a subtree with what a report shows.
#[derive(Debug, Clone)]
pub struct SubtreeMember {
    pub user_id: i32,
    pub username: String,
    pub full_name: String,
    pub unit_id: i32,
    pub unit_code: String,
    pub unit_name: String,
    pub job_group: String,
}

/// Every member whose unit lies in the subtree of `root_id`, by unit code then name.
pub fn members_within(conn: &mut DbConnection, root_id: i32) -> QueryResult<Vec<SubtreeMember>> {
    let rows: Vec<(i32, String, String, i32, String, String, String)> = training_members::table
        .inner_join(users::table)
        .inner_join(units::table)
        .inner_join(
            unit_closure::table.on(unit_closure::descendant_id.eq(training_members::unit_id)),
        )
        .filter(unit_closure::ancestor_id.eq(root_id))
        .filter(users::disabled.eq(false))
        .order((units::code.asc(), users::search_name.asc(), users::id.asc()))
        .select((
            users::id,
            users::username,
            users::full_name,
            units::id,
            units::code,
            units::name,
            training_members::job_group,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(user_id, username, full_name, unit_id, unit_code, unit_name, job_group)| {
                SubtreeMember {
                    user_id,
                    username,
                    full_name,
                    unit_id,
                    unit_code,
                    unit_name,
                    job_group,
                }
            },
        )
        .collect())
}

/// A training cycle as stored.
#[derive(Debug, Clone, Queryable)]
pub struct Cycle {
    pub id: i32,
    pub unit_id: i32,
    pub year: i32,
    pub due_on: NaiveDate,
    pub opened_by: Option<i32>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// One module a cycle asks of one job group.
#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = training_cycle_modules, treat_none_as_default_value = false)]
pub struct CycleModule {
    pub cycle_id: i32,
    pub job_group: String,
    pub module_id: String,
    pub track: String,
}

pub fn find_cycle(conn: &mut DbConnection, unit_id: i32, year: i32) -> QueryResult<Option<Cycle>> {
    training_cycles::table
        .filter(training_cycles::unit_id.eq(unit_id))
        .filter(training_cycles::year.eq(year))
        .first(conn)
        .optional()
}

/// Opens the cycle of `unit_id` for `year`, or changes its due date; then replaces its modules.
pub fn save_cycle(
    conn: &mut DbConnection,
    unit_id: i32,
    year: i32,
    due_on: NaiveDate,
    by: Option<i32>,
    modules: &[(String, String, String)],
    at: NaiveDateTime,
) -> QueryResult<Cycle> {
    let cycle = match find_cycle(conn, unit_id, year)? {
        Some(cycle) => {
            diesel::update(training_cycles::table.find(cycle.id))
                .set((
                    training_cycles::due_on.eq(due_on),
                    training_cycles::updated_at.eq(at),
                ))
                .execute(conn)?;
            cycle
        }
        None => {
            diesel::insert_into(training_cycles::table)
                .values((
                    training_cycles::unit_id.eq(unit_id),
                    training_cycles::year.eq(year),
                    training_cycles::due_on.eq(due_on),
                    training_cycles::opened_by.eq(by),
                    training_cycles::created_at.eq(at),
                    training_cycles::updated_at.eq(at),
                ))
                .execute(conn)?;
            find_cycle(conn, unit_id, year)?.ok_or(diesel::result::Error::NotFound)?
        }
    };
    diesel::delete(
        training_cycle_modules::table.filter(training_cycle_modules::cycle_id.eq(cycle.id)),
    )
    .execute(conn)?;
    let rows: Vec<CycleModule> = modules
        .iter()
        .map(|(group, module, track)| CycleModule {
            cycle_id: cycle.id,
            job_group: group.clone(),
            module_id: module.clone(),
            track: track.clone(),
        })
        .collect();
    crate::insert_rows!(conn, training_cycle_modules::table, &rows);
    find_cycle(conn, unit_id, year)?.ok_or(diesel::result::Error::NotFound)
}

/// A cycle's modules with their titles, by job group then module.
pub fn cycle_modules(
    conn: &mut DbConnection,
    cycle_ids: &[i32],
) -> QueryResult<Vec<(CycleModule, String)>> {
    training_cycle_modules::table
        .inner_join(modules::table)
        .filter(training_cycle_modules::cycle_id.eq_any(cycle_ids))
        .order((
            training_cycle_modules::cycle_id.asc(),
            training_cycle_modules::job_group.asc(),
            training_cycle_modules::module_id.asc(),
        ))
        .select((
            (
                training_cycle_modules::cycle_id,
                training_cycle_modules::job_group,
                training_cycle_modules::module_id,
                training_cycle_modules::track,
            ),
            modules::title,
        ))
        .load(conn)
}

/// For each of `unit_ids`, the cycle of `year` that covers it: the one on the nearest ancestor
/// (the unit itself included).
pub fn covering_cycles(
    conn: &mut DbConnection,
    unit_ids: &[i32],
    year: i32,
) -> QueryResult<HashMap<i32, Cycle>> {
    let mut covering: HashMap<i32, (i32, Cycle)> = HashMap::new();
    for chunk in unit_ids.chunks(crate::db::BULK_ROWS) {
        let rows: Vec<(i32, i32, Cycle)> = unit_closure::table
            .inner_join(
                training_cycles::table.on(training_cycles::unit_id.eq(unit_closure::ancestor_id)),
            )
            .filter(unit_closure::descendant_id.eq_any(chunk))
            .filter(training_cycles::year.eq(year))
            .select((
                unit_closure::descendant_id,
                unit_closure::depth,
                training_cycles::all_columns,
            ))
            .load(conn)?;
        for (unit_id, depth, cycle) in rows {
            match covering.get(&unit_id) {
                Some((best, _)) if *best <= depth => {}
                _ => {
                    covering.insert(unit_id, (depth, cycle));
                }
            }
        }
    }
    Ok(covering.into_iter().map(|(u, (_, c))| (u, c)).collect())
}

/// Completions of `year` among `user_ids`: (user, module) → completed at.
pub fn completions(
    conn: &mut DbConnection,
    user_ids: &[i32],
    year: i32,
) -> QueryResult<HashMap<(i32, String), NaiveDateTime>> {
    let mut found = HashMap::new();
    for chunk in user_ids.chunks(crate::db::BULK_ROWS) {
        let rows: Vec<(i32, String, NaiveDateTime)> = training_completions::table
            .filter(training_completions::user_id.eq_any(chunk))
            .filter(training_completions::year.eq(year))
            .select((
                training_completions::user_id,
                training_completions::module_id,
                training_completions::completed_at,
            ))
            .load(conn)?;
        for (user, module, at) in rows {
            found.insert((user, module), at);
        }
    }
    Ok(found)
}

/// (user, module) pairs with any learning activity in `[from, to)`: a lesson learned or an
/// attempt started.
pub fn activity(
    conn: &mut DbConnection,
    user_ids: &[i32],
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> QueryResult<HashSet<(i32, String)>> {
    let mut found = HashSet::new();
    for chunk in user_ids.chunks(crate::db::BULK_ROWS) {
        let learned: Vec<(i32, String)> = lesson_progress::table
            .inner_join(lessons::table)
            .filter(lesson_progress::user_id.eq_any(chunk))
            .filter(lesson_progress::completed_at.ge(from))
            .filter(lesson_progress::completed_at.lt(to))
            .select((lesson_progress::user_id, lessons::module_id))
            .distinct()
            .load(conn)?;
        let tried: Vec<(i32, String)> = attempts::table
            .filter(attempts::user_id.eq_any(chunk))
            .filter(attempts::started_at.ge(from))
            .filter(attempts::started_at.lt(to))
            .select((attempts::user_id, attempts::module_id))
            .distinct()
            .load(conn)?;
        found.extend(learned);
        found.extend(tried);
    }
    Ok(found)
}

/// The user's first passed attempt at the module finished in `[from, to)`.
pub fn first_passed_attempt_between(
    conn: &mut DbConnection,
    user_id: i32,
    module_id: &str,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> QueryResult<Option<i32>> {
    attempts::table
        .filter(attempts::user_id.eq(user_id))
        .filter(attempts::module_id.eq(module_id))
        .filter(attempts::passed.eq(true))
        .filter(attempts::finished_at.ge(from))
        .filter(attempts::finished_at.lt(to))
        .order(attempts::finished_at.asc())
        .select(attempts::id)
        .first(conn)
        .optional()
}

pub fn completion_exists(
    conn: &mut DbConnection,
    user_id: i32,
    module_id: &str,
    year: i32,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        training_completions::table.find((user_id, module_id, year)),
    ))
    .get_result(conn)
}

/// Records a completion; `false` when it was already recorded.
pub fn insert_completion(
    conn: &mut DbConnection,
    user_id: i32,
    module_id: &str,
    year: i32,
    attempt_id: Option<i32>,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    match diesel::insert_into(training_completions::table)
        .values((
            training_completions::user_id.eq(user_id),
            training_completions::module_id.eq(module_id),
            training_completions::year.eq(year),
            training_completions::completed_at.eq(at),
            training_completions::attempt_id.eq(attempt_id),
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

/// The titles of those of `ids` that are modules.
pub fn module_titles(
    conn: &mut DbConnection,
    ids: &[String],
) -> QueryResult<HashMap<String, String>> {
    let rows: Vec<(String, String)> = modules::table
        .filter(modules::id.eq_any(ids))
        .select((modules::id, modules::title))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

/// (user, unit, job group) of those of `user_ids` who are members.
pub fn members_of(
    conn: &mut DbConnection,
    user_ids: &[i32],
) -> QueryResult<Vec<(i32, i32, String)>> {
    let mut found = Vec::new();
    for chunk in user_ids.chunks(crate::db::BULK_ROWS) {
        found.extend(
            training_members::table
                .filter(training_members::user_id.eq_any(chunk))
                .select((
                    training_members::user_id,
                    training_members::unit_id,
                    training_members::job_group,
                ))
                .load::<(i32, i32, String)>(conn)?,
        );
    }
    Ok(found)
}

/// The members of any of `job_groups`.
pub fn member_ids(conn: &mut DbConnection, job_groups: &[&str]) -> QueryResult<Vec<i32>> {
    training_members::table
        .filter(training_members::job_group.eq_any(job_groups))
        .select(training_members::user_id)
        .load(conn)
}

/// The members whose unit lies in the subtree of `root_id`.
pub fn member_ids_within(conn: &mut DbConnection, root_id: i32) -> QueryResult<Vec<i32>> {
    training_members::table
        .inner_join(
            unit_closure::table.on(unit_closure::descendant_id.eq(training_members::unit_id)),
        )
        .filter(unit_closure::ancestor_id.eq(root_id))
        .select(training_members::user_id)
        .load(conn)
}

/// Every calendar year with a training cycle or a training completion.
pub fn years(conn: &mut DbConnection) -> QueryResult<Vec<i32>> {
    let mut years: Vec<i32> = training_cycles::table
        .select(training_cycles::year)
        .distinct()
        .load(conn)?;
    years.extend(
        training_completions::table
            .select(training_completions::year)
            .distinct()
            .load::<i32>(conn)?,
    );
    years.sort_unstable();
    years.dedup();
    Ok(years)
}
