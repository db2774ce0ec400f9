//! `coverage_facts`, `coverage_counts`, `coverage_monthly`, `coverage_targets` and
//! `coverage_settings`: the rollup counters of the coverage dashboards and the raw-row queries
//! the indicator sources compute facts from. The logic (what a fact is, when counters move)
//! lives in `services::coverage`.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::upsert::excluded;

use crate::db::{BULK_ROWS, DbConnection};
use crate::schema::{
    coverage_counts, coverage_facts, coverage_monthly, coverage_settings, coverage_targets,
    enrolments, family_tasks, module_completions, unit_closure, units,
};

/// One person's contribution to one indicator in one period.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Queryable, Insertable)]
#[diesel(table_name = coverage_facts, treat_none_as_default_value = false)]
pub struct Fact {
    pub user_id: i32,
    pub period: String,
    pub indicator: String,
    /// `YYYY-MM` of the numerator, `''` for a part that belongs to no month.
    pub month: String,
    pub unit_id: i32,
    pub segment: i32,
    pub numerator: i64,
    pub denominator: i64,
}

/// A counter row: (unit, period, indicator, segment) → (numerator, denominator).
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Insertable)]
#[diesel(table_name = coverage_counts, treat_none_as_default_value = false)]
pub struct CountRow {
    pub unit_id: i32,
    pub period: String,
    pub indicator: String,
    pub segment: i32,
    pub numerator: i64,
    pub denominator: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Insertable)]
#[diesel(table_name = coverage_monthly, treat_none_as_default_value = false)]
pub struct MonthlyRow {
    pub unit_id: i32,
    pub period: String,
    pub indicator: String,
    pub month: String,
    pub numerator: i64,
}

/// The stored facts of `user_ids` in `period` for `indicators`.
pub fn facts_of(
    conn: &mut DbConnection,
    user_ids: &[i32],
    period: &str,
    indicators: &[&str],
) -> QueryResult<Vec<Fact>> {
    let mut found = Vec::new();
    for chunk in user_ids.chunks(BULK_ROWS) {
        found.extend(
            coverage_facts::table
                .filter(coverage_facts::user_id.eq_any(chunk))
                .filter(coverage_facts::period.eq(period))
                .filter(coverage_facts::indicator.eq_any(indicators))
                .load::<Fact>(conn)?,
        );
    }
    Ok(found)
}

/// Whether `period` has any counter of `indicators`. Any counted person is counted at every
/// ancestor, a root unit included, so only the roots' rows are read (the primary key's prefix).
pub fn has_counts(conn: &mut DbConnection, period: &str, indicators: &[&str]) -> QueryResult<bool> {
    let roots = units::table
        .filter(units::parent_id.is_null())
        .select(units::id);
    diesel::select(diesel::dsl::exists(
        coverage_counts::table
            .filter(coverage_counts::unit_id.eq_any(roots))
            .filter(coverage_counts::period.eq(period))
            .filter(coverage_counts::indicator.eq_any(indicators)),
    ))
    .get_result(conn)
}

pub fn delete_facts(
    conn: &mut DbConnection,
    user_ids: &[i32],
    period: &str,
    indicators: &[&str],
) -> QueryResult<()> {
    for chunk in user_ids.chunks(BULK_ROWS) {
        diesel::delete(
            coverage_facts::table
                .filter(coverage_facts::user_id.eq_any(chunk))
                .filter(coverage_facts::period.eq(period))
                .filter(coverage_facts::indicator.eq_any(indicators)),
        )
        .execute(conn)?;
    }
    Ok(())
}

pub fn insert_facts(conn: &mut DbConnection, rows: &[Fact]) -> QueryResult<usize> {
    Ok(crate::insert_rows!(conn, coverage_facts::table, rows))
}

/// Every ancestor of each of `unit_ids`, the unit itself included: (unit, ancestor).
pub fn ancestors(conn: &mut DbConnection, unit_ids: &[i32]) -> QueryResult<Vec<(i32, i32)>> {
    let mut found = Vec::new();
    for chunk in unit_ids.chunks(BULK_ROWS) {
        found.extend(
            unit_closure::table
                .filter(unit_closure::descendant_id.eq_any(chunk))
                .select((unit_closure::descendant_id, unit_closure::ancestor_id))
                .load::<(i32, i32)>(conn)?,
        );
    }
    Ok(found)
}

/// The strict ancestors of `unit_id` (the unit itself excluded).
pub fn strict_ancestors(conn: &mut DbConnection, unit_id: i32) -> QueryResult<Vec<i32>> {
    unit_closure::table
        .filter(unit_closure::descendant_id.eq(unit_id))
        .filter(unit_closure::depth.gt(0))
        .select(unit_closure::ancestor_id)
        .load(conn)
}

/// Adds the deltas to the counters (inserting missing rows). One statement per row: the
/// number of rows is O(depth × segments) per event.
pub fn add_counts(conn: &mut DbConnection, deltas: &[CountRow]) -> QueryResult<()> {
    use coverage_counts::dsl as c;
    for row in deltas {
        let statement = diesel::insert_into(c::coverage_counts)
            .values(row)
            .on_conflict((c::unit_id, c::period, c::indicator, c::segment))
            .do_update()
            .set((
                c::numerator.eq(c::numerator + excluded(c::numerator)),
                c::denominator.eq(c::denominator + excluded(c::denominator)),
            ));
        match conn {
            DbConnection::Sqlite(sqlite) => statement.execute(sqlite)?,
            DbConnection::Postgres(pg) => statement.execute(pg)?,
        };
    }
    Ok(())
}

pub fn add_monthly(conn: &mut DbConnection, deltas: &[MonthlyRow]) -> QueryResult<()> {
    use coverage_monthly::dsl as m;
    for row in deltas {
        let statement = diesel::insert_into(m::coverage_monthly)
            .values(row)
            .on_conflict((m::unit_id, m::period, m::indicator, m::month))
            .do_update()
            .set(m::numerator.eq(m::numerator + excluded(m::numerator)));
        match conn {
            DbConnection::Sqlite(sqlite) => statement.execute(sqlite)?,
            DbConnection::Postgres(pg) => statement.execute(pg)?,
        };
    }
    Ok(())
}

/// Counter rows of `unit_ids` in `period`.
pub fn counts_of(
    conn: &mut DbConnection,
    unit_ids: &[i32],
    period: &str,
) -> QueryResult<Vec<CountRow>> {
    let mut found = Vec::new();
    for chunk in unit_ids.chunks(BULK_ROWS) {
        found.extend(
            coverage_counts::table
                .filter(coverage_counts::unit_id.eq_any(chunk))
                .filter(coverage_counts::period.eq(period))
                .load::<CountRow>(conn)?,
        );
    }
    Ok(found)
}

pub fn monthly_of(
    conn: &mut DbConnection,
    unit_id: i32,
    period: &str,
) -> QueryResult<Vec<MonthlyRow>> {
    coverage_monthly::table
        .filter(coverage_monthly::unit_id.eq(unit_id))
        .filter(coverage_monthly::period.eq(period))
        .load(conn)
}

/// Every counter row of a period and indicators (for `coverage rebuild`).
pub fn all_counts(
    conn: &mut DbConnection,
    period: &str,
    indicators: &[&str],
) -> QueryResult<Vec<CountRow>> {
    coverage_counts::table
        .filter(coverage_counts::period.eq(period))
        .filter(coverage_counts::indicator.eq_any(indicators))
        .load(conn)
}

pub fn all_monthly(
    conn: &mut DbConnection,
    period: &str,
    indicators: &[&str],
) -> QueryResult<Vec<MonthlyRow>> {
    coverage_monthly::table
        .filter(coverage_monthly::period.eq(period))
        .filter(coverage_monthly::indicator.eq_any(indicators))
        .load(conn)
}

/// Replaces every counter, monthly counter and fact of a period and indicators.
pub fn replace_period(
    conn: &mut DbConnection,
    period: &str,
    indicators: &[&str],
    counts: &[CountRow],
    monthly: &[MonthlyRow],
    facts: &[Fact],
) -> QueryResult<()> {
    diesel::delete(
        coverage_counts::table
            .filter(coverage_counts::period.eq(period))
            .filter(coverage_counts::indicator.eq_any(indicators)),
    )
    .execute(conn)?;
    diesel::delete(
        coverage_monthly::table
            .filter(coverage_monthly::period.eq(period))
            .filter(coverage_monthly::indicator.eq_any(indicators)),
    )
    .execute(conn)?;
    diesel::delete(
        coverage_facts::table
            .filter(coverage_facts::period.eq(period))
            .filter(coverage_facts::indicator.eq_any(indicators)),
    )
    .execute(conn)?;
    crate::insert_rows!(conn, coverage_counts::table, counts);
    crate::insert_rows!(conn, coverage_monthly::table, monthly);
    crate::insert_rows!(conn, coverage_facts::table, facts);
    Ok(())
}

/// Periods that have counters or facts (so a rebuild also clears stale ones).
pub fn stored_periods(conn: &mut DbConnection) -> QueryResult<Vec<String>> {
    let mut periods: Vec<String> = coverage_counts::table
        .select(coverage_counts::period)
        .distinct()
        .load(conn)?;
    periods.extend(
        coverage_facts::table
            .select(coverage_facts::period)
            .distinct()
            .load::<String>(conn)?,
    );
    Ok(periods)
}

// ---------------------------------------------------------------------------------------------
// Raw rows the student indicators are computed from.

/// School years that have any enrolment.
pub fn enrolment_years(conn: &mut DbConnection) -> QueryResult<Vec<String>> {
    enrolments::table
        .select(enrolments::school_year)
        .distinct()
        .load(conn)
}

/// Students with an open enrolment in `school_year`.
pub fn enrolled_students(conn: &mut DbConnection, school_year: &str) -> QueryResult<Vec<i32>> {
    enrolments::table
        .filter(enrolments::school_year.eq(school_year))
        .filter(enrolments::ended_at.is_null())
        .select(enrolments::user_id)
        .distinct()
        .load(conn)
}

/// The open enrolment of each of `user_ids` in `school_year`: user → (class, grade); the
/// newest when (against the rules) there are several.
pub fn open_classes(
    conn: &mut DbConnection,
    user_ids: &[i32],
    school_year: &str,
) -> QueryResult<HashMap<i32, (i32, i32)>> {
    let mut found = HashMap::new();
    for chunk in user_ids.chunks(BULK_ROWS) {
        let rows: Vec<(i32, i32, i32, i32)> = enrolments::table
            .filter(enrolments::user_id.eq_any(chunk))
            .filter(enrolments::school_year.eq(school_year))
            .filter(enrolments::ended_at.is_null())
            .order(enrolments::id.asc())
            .select((
                enrolments::user_id,
                enrolments::id,
                enrolments::class_id,
                enrolments::grade,
            ))
            .load(conn)?;
        for (user, _, class, grade) in rows {
            found.insert(user, (class, grade));
        }
    }
    Ok(found)
}

/// Completions of any of `module_ids` by `user_ids` in `school_year`: (user, module, at).
pub fn completions(
    conn: &mut DbConnection,
    user_ids: &[i32],
    module_ids: &[&str],
    school_year: &str,
) -> QueryResult<Vec<(i32, String, NaiveDateTime)>> {
    let mut found = Vec::new();
    for chunk in user_ids.chunks(BULK_ROWS) {
        found.extend(
            module_completions::table
                .filter(module_completions::user_id.eq_any(chunk))
                .filter(module_completions::module_id.eq_any(module_ids))
                .filter(module_completions::school_year.eq(school_year))
                .select((
                    module_completions::user_id,
                    module_completions::module_id,
                    module_completions::completed_at,
                ))
                .load::<(i32, String, NaiveDateTime)>(conn)?,
        );
    }
    Ok(found)
}

/// Confirmed family tasks of `user_ids` in `school_year`: (user, confirmed at).
pub fn confirmed_family_tasks(
    conn: &mut DbConnection,
    user_ids: &[i32],
    school_year: &str,
) -> QueryResult<Vec<(i32, NaiveDateTime)>> {
    let mut found = Vec::new();
    for chunk in user_ids.chunks(BULK_ROWS) {
        let rows: Vec<(i32, NaiveDateTime, Option<NaiveDateTime>)> = family_tasks::table
            .filter(family_tasks::user_id.eq_any(chunk))
            .filter(family_tasks::school_year.eq(school_year))
            .filter(family_tasks::status.eq("confirmed"))
            .select((
                family_tasks::user_id,
                family_tasks::recorded_at,
                family_tasks::reviewed_at,
            ))
            .load(conn)?;
        found.extend(
            rows.into_iter()
                .map(|(user, recorded, reviewed)| (user, reviewed.unwrap_or(recorded))),
        );
    }
    Ok(found)
}

// ---------------------------------------------------------------------------------------------
// Targets and thresholds.

pub fn targets(conn: &mut DbConnection) -> QueryResult<Vec<(String, String, f64)>> {
    coverage_targets::table
        .order((coverage_targets::indicator, coverage_targets::period))
        .select((
            coverage_targets::indicator,
            coverage_targets::period,
            coverage_targets::target,
        ))
        .load(conn)
}

pub fn replace_targets(conn: &mut DbConnection, rows: &[(String, String, f64)]) -> QueryResult<()> {
    diesel::delete(coverage_targets::table).execute(conn)?;
    for (indicator, period, target) in rows {
        diesel::insert_into(coverage_targets::table)
            .values((
                coverage_targets::indicator.eq(indicator),
                coverage_targets::period.eq(period),
                coverage_targets::target.eq(target),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn setting(conn: &mut DbConnection, key: &str) -> QueryResult<Option<f64>> {
    coverage_settings::table
        .find(key)
        .select(coverage_settings::value)
        .first(conn)
        .optional()
}

pub fn set_setting(conn: &mut DbConnection, key: &str, value: f64) -> QueryResult<()> {
    diesel::delete(coverage_settings::table.find(key)).execute(conn)?;
    diesel::insert_into(coverage_settings::table)
        .values((
            coverage_settings::key.eq(key),
            coverage_settings::value.eq(value),
        ))
        .execute(conn)?;
    Ok(())
}

/// Units by id: (id, code, name, kind).
pub fn unit_names(
    conn: &mut DbConnection,
    ids: &[i32],
) -> QueryResult<Vec<(i32, String, String, String)>> {
    let mut found = Vec::new();
    for chunk in ids.chunks(BULK_ROWS) {
        found.extend(
            units::table
                .filter(units::id.eq_any(chunk))
                .select((units::id, units::code, units::name, units::kind))
                .load::<(i32, String, String, String)>(conn)?,
        );
    }
    Ok(found)
}

/// Direct children of a unit: (id, code, name, kind), by code.
pub fn children(
    conn: &mut DbConnection,
    unit_id: i32,
) -> QueryResult<Vec<(i32, String, String, String)>> {
    units::table
        .filter(units::parent_id.eq(unit_id))
        .order(units::code.asc())
        .select((units::id, units::code, units::name, units::kind))
        .load(conn)
}

/// Every counter row of one unit (all periods): what a unit carries when it moves.
pub fn counts_of_all_periods(conn: &mut DbConnection, unit_id: i32) -> QueryResult<Vec<CountRow>> {
    coverage_counts::table
        .filter(coverage_counts::unit_id.eq(unit_id))
        .load(conn)
}

pub fn monthly_of_all_periods(
    conn: &mut DbConnection,
    unit_id: i32,
) -> QueryResult<Vec<MonthlyRow>> {
    coverage_monthly::table
        .filter(coverage_monthly::unit_id.eq(unit_id))
        .load(conn)
}
