//! Coverage (issue 7): indicators on any unit's subtree, kept as rollup counters that move in
//! the same transaction as the events that change them, and rebuilt from raw rows on demand.
//!
//! How it works. An indicator is an [`IndicatorSource`]: from raw rows it computes each
//! person's *facts* for a period — the unit the person counts at (a class, an agency, a team),
//! a segment (the grade, or 0), the month of the numerator, and the numerator and denominator
//! contributions. The facts last applied are stored (`coverage_facts`). An event calls
//! [`refresh`] for the people it touched: their facts are recomputed, and the difference from
//! the stored ones is added to the counters of every ancestor of the units involved —
//! O(depth) rows per person, whatever the event was (a completion, a confirmed family task, an
//! enrolment, a class move, a re-import). [`rebuild`] recomputes every counter from raw rows
//! and reports any difference. A unit moved in the tree carries its counters with it
//! ([`detach_unit`] / [`attach_unit`]).
//!
//! Adding an indicator is one more [`IndicatorSource`] in [`SOURCES`], and a call to
//! [`refresh`] from the service that writes its events.

use std::collections::{BTreeMap, HashMap};

use hocdvc_api::{
    CoverageReport, CoverageRow, CoverageSegment, CoverageStatus, CoverageTarget, CoverageTargets,
    CoverageUnit, ErrorDetail, IndicatorValue, TrendPoint,
};

use crate::db::DbConnection;
use crate::domain::SchoolYear;
use crate::error::{AppError, AppResult};
use crate::models::coverage::{self as store, CountRow, Fact, MonthlyRow};
use crate::models::training as training_store;
use crate::models::unit;
use crate::services::auth::Principal;
use crate::services::gate::{self, Permission};
use diesel::{Connection, QueryResult};

/// Below this percentage an indicator is red, unless an administrator changed it.
pub const DEFAULT_RED_BELOW: f64 = 50.0;

/// One indicator: where its facts come from.
pub trait IndicatorSource: Sync {
    /// Stable id, in the API, the tables and the targets.
    fn id(&self) -> &'static str;
    /// Vietnamese name, for the CSV and the UI.
    fn label(&self) -> &'static str;
    /// Whether the indicator has a target and a traffic light (a rate), or is a count shown
    /// per 100 of the denominator.
    fn has_target(&self) -> bool;
    /// Whether the indicator counts calendar years (`"2026"`, annual training) rather than
    /// school years (`"2025-2026"`).
    fn calendar_year(&self) -> bool {
        false
    }
    /// Everyone who may have facts in `period` (the population a rebuild recomputes).
    fn members(&self, conn: &mut DbConnection, period: &str) -> QueryResult<Vec<i32>>;
    /// The facts of `user_ids` in `period`, from raw rows only.
    fn facts(
        &self,
        conn: &mut DbConnection,
        user_ids: &[i32],
        period: &str,
    ) -> QueryResult<Vec<Fact>>;
}

/// Grade band of a grade: `thcs` (6–9), `thpt` (10–12), else `dai_hoc` (higher education,
/// vocational and continuing education, where the roster's grade is not a school grade).
pub fn band_of_grade(grade: i32) -> &'static str {
    match grade {
        6..=9 => "thcs",
        10..=12 => "thpt",
        _ => "dai_hoc",
    }
}

/// The core module whose completion reaches a student of `grade` (the question bank's
/// manifests: `thcs-core` grades 6–9, `thpt-core` 10–12, `dai-hoc-core` for the rest).
pub fn core_module(grade: i32) -> &'static str {
    match band_of_grade(grade) {
        "thcs" => "thcs-core",
        "thpt" => "thpt-core",
        _ => "dai-hoc-core",
    }
}

const CORE_MODULES: [&str; 3] = ["thcs-core", "thpt-core", "dai-hoc-core"];

fn month_of(at: chrono::NaiveDateTime) -> String {
    at.format("%Y-%m").to_string()
}

/// Students reached: distinct students on the roster (an open enrolment this school year) who
/// completed their grade band's core module this school year ÷ students on the roster.
pub struct StudentsReached;

impl IndicatorSource for StudentsReached {
    fn id(&self) -> &'static str {
        "students_reached"
    }
    fn label(&self) -> &'static str {
        "Học sinh, sinh viên được phổ cập (%)"
    }
    fn has_target(&self) -> bool {
        true
    }
    fn members(&self, conn: &mut DbConnection, period: &str) -> QueryResult<Vec<i32>> {
        store::enrolled_students(conn, period)
    }
    fn facts(
        &self,
        conn: &mut DbConnection,
        user_ids: &[i32],
        period: &str,
    ) -> QueryResult<Vec<Fact>> {
        let classes = store::open_classes(conn, user_ids, period)?;
        let mut reached: HashMap<i32, chrono::NaiveDateTime> = HashMap::new();
        for (user, module, at) in store::completions(conn, user_ids, &CORE_MODULES, period)? {
            let Some((_, grade)) = classes.get(&user) else {
                continue;
            };
            if module == core_module(*grade) {
                let first = reached.entry(user).or_insert(at);
                *first = (*first).min(at);
            }
        }
        Ok(classes
            .iter()
            .map(|(user, (class, grade))| {
                let at = reached.get(user);
                Fact {
                    user_id: *user,
                    period: period.to_owned(),
                    indicator: self.id().to_owned(),
                    month: at.map(|a| month_of(*a)).unwrap_or_default(),
                    unit_id: *class,
                    segment: *grade,
                    numerator: i64::from(at.is_some()),
                    denominator: 1,
                }
            })
            .collect())
    }
}

/// Families helped: confirmed family-helper tasks of the roster's students this school year,
/// shown as a count and per 100 students on the roster.
pub struct FamiliesHelped;

impl IndicatorSource for FamiliesHelped {
    fn id(&self) -> &'static str {
        "families_helped"
    }
    fn label(&self) -> &'static str {
        "Gia đình được hướng dẫn (trên 100 học sinh)"
    }
    fn has_target(&self) -> bool {
        false
    }
    fn members(&self, conn: &mut DbConnection, period: &str) -> QueryResult<Vec<i32>> {
        store::enrolled_students(conn, period)
    }
    fn facts(
        &self,
        conn: &mut DbConnection,
        user_ids: &[i32],
        period: &str,
    ) -> QueryResult<Vec<Fact>> {
        let classes = store::open_classes(conn, user_ids, period)?;
        let mut per_month: BTreeMap<(i32, String), i64> = BTreeMap::new();
        for (user, at) in store::confirmed_family_tasks(conn, user_ids, period)? {
            if classes.contains_key(&user) {
                *per_month.entry((user, month_of(at))).or_default() += 1;
            }
        }
        let fact = |user: i32, month: String, numerator: i64, denominator: i64| {
            classes.get(&user).map(|(class, grade)| Fact {
                user_id: user,
                period: period.to_owned(),
                indicator: self.id().to_owned(),
                month,
                unit_id: *class,
                segment: *grade,
                numerator,
                denominator,
            })
        };
        let mut facts: Vec<Fact> = classes
            .keys()
            .filter_map(|user| fact(*user, String::new(), 0, 1))
            .collect();
        facts.extend(
            per_month
                .into_iter()
                .filter_map(|((user, month), n)| fact(user, month, n, 0)),
        );
        Ok(facts)
    }
}

/// The calendar year of a training period (`"2026"`); `None` for a school year.
pub fn training_year(period: &str) -> Option<i32> {
    (period.len() == 4 && period.chars().all(|c| c.is_ascii_digit()))
        .then(|| period.parse().ok())
        .flatten()
}

/// Members of `job_groups` trained this calendar year ÷ members of those job groups on the
/// agency and team rosters. Trained: every module their cycle of the year asks of their job
/// group completed within the year (`training_completions`); a member whose cycle asks nothing
/// (or who has no cycle) is on the roster and not trained. Counted at the member's unit.
pub struct AnnuallyTrained {
    id: &'static str,
    label: &'static str,
    job_groups: &'static [&'static str],
}

/// Civil servants (leaders, system operators, other civil servants) trained this year.
pub static CIVIL_SERVANTS_TRAINED: AnnuallyTrained = AnnuallyTrained {
    id: "civil_servants_trained",
    label: "Cán bộ, công chức được bồi dưỡng trong năm (%)",
    job_groups: &["leader", "operator", "other_civil_servant"],
};

/// Community digital-technology team members trained this year.
pub static TEAM_MEMBERS_TRAINED: AnnuallyTrained = AnnuallyTrained {
    id: "team_members_trained",
    label: "Thành viên tổ công nghệ số cộng đồng được bồi dưỡng trong năm (%)",
    job_groups: &["community_team"],
};

impl IndicatorSource for AnnuallyTrained {
    fn id(&self) -> &'static str {
        self.id
    }
    fn label(&self) -> &'static str {
        self.label
    }
    fn has_target(&self) -> bool {
        true
    }
    fn calendar_year(&self) -> bool {
        true
    }
    fn members(&self, conn: &mut DbConnection, period: &str) -> QueryResult<Vec<i32>> {
        if training_year(period).is_none() {
            return Ok(Vec::new());
        }
        training_store::member_ids(conn, self.job_groups)
    }
    fn facts(
        &self,
        conn: &mut DbConnection,
        user_ids: &[i32],
        period: &str,
    ) -> QueryResult<Vec<Fact>> {
        let Some(year) = training_year(period) else {
            return Ok(Vec::new());
        };
        let members: Vec<(i32, i32, String)> = training_store::members_of(conn, user_ids)?
            .into_iter()
            .filter(|(_, _, group)| self.job_groups.contains(&group.as_str()))
            .collect();
        if members.is_empty() {
            return Ok(Vec::new());
        }
        let mut units: Vec<i32> = members.iter().map(|m| m.1).collect();
        units.sort_unstable();
        units.dedup();
        let covering = training_store::covering_cycles(conn, &units, year)?;
        let mut cycle_ids: Vec<i32> = covering.values().map(|c| c.id).collect();
        cycle_ids.sort_unstable();
        cycle_ids.dedup();
        let mut asks: HashMap<(i32, String), Vec<String>> = HashMap::new();
        for (m, _) in training_store::cycle_modules(conn, &cycle_ids)? {
            asks.entry((m.cycle_id, m.job_group))
                .or_default()
                .push(m.module_id);
        }
        let ids: Vec<i32> = members.iter().map(|m| m.0).collect();
        let done = training_store::completions(conn, &ids, year)?;
        Ok(members
            .into_iter()
            .map(|(user, unit_id, group)| {
                let asked = covering
                    .get(&unit_id)
                    .and_then(|c| asks.get(&(c.id, group)))
                    .filter(|list| !list.is_empty());
                // Trained when every asked module is done: the month of the last one.
                let trained_at = asked.and_then(|list| {
                    list.iter()
                        .map(|module| done.get(&(user, module.clone())).copied())
                        .collect::<Option<Vec<_>>>()
                        .and_then(|ats| ats.into_iter().max())
                });
                Fact {
                    user_id: user,
                    period: period.to_owned(),
                    indicator: self.id.to_owned(),
                    month: trained_at.map(month_of).unwrap_or_default(),
                    unit_id,
                    segment: 0,
                    numerator: i64::from(trained_at.is_some()),
                    denominator: 1,
                }
            })
            .collect())
    }
}

/// Every indicator, in the dashboard's order.
pub static SOURCES: [&dyn IndicatorSource; 4] = [
    &StudentsReached,
    &FamiliesHelped,
    &CIVIL_SERVANTS_TRAINED,
    &TEAM_MEMBERS_TRAINED,
];

/// The indicators computed from the agency and team rosters for a calendar year (what a
/// member import, a cycle or a training completion changes).
pub static TRAINING_SOURCES: [&dyn IndicatorSource; 2] =
    [&CIVIL_SERVANTS_TRAINED, &TEAM_MEMBERS_TRAINED];

/// Annual training targets are 100% every year unless an administrator set one for the year.
pub const DEFAULT_TRAINING_TARGET: f64 = 100.0;

/// The indicators computed from the student roster (what an enrolment, completion or family
/// task changes).
pub static STUDENT_SOURCES: [&dyn IndicatorSource; 2] = [&StudentsReached, &FamiliesHelped];

fn source(id: &str) -> Option<&'static dyn IndicatorSource> {
    SOURCES.iter().copied().find(|s| s.id() == id)
}

type CountKey = (i32, String, i32);
type MonthKey = (i32, String, String);

/// Adds `sign × facts` into per-unit deltas (not yet spread to ancestors).
fn accumulate(
    facts: &[Fact],
    sign: i64,
    counts: &mut HashMap<CountKey, (i64, i64)>,
    monthly: &mut HashMap<MonthKey, i64>,
) {
    for f in facts {
        let c = counts
            .entry((f.unit_id, f.indicator.clone(), f.segment))
            .or_default();
        c.0 += sign * f.numerator;
        c.1 += sign * f.denominator;
        if !f.month.is_empty() && f.numerator != 0 {
            *monthly
                .entry((f.unit_id, f.indicator.clone(), f.month.clone()))
                .or_default() += sign * f.numerator;
        }
    }
}

/// Spreads per-unit figures to every ancestor (the unit included); drops zeros.
fn spread(
    conn: &mut DbConnection,
    period: &str,
    counts: HashMap<CountKey, (i64, i64)>,
    monthly: HashMap<MonthKey, i64>,
) -> QueryResult<(Vec<CountRow>, Vec<MonthlyRow>)> {
    let mut units: Vec<i32> = counts
        .keys()
        .map(|k| k.0)
        .chain(monthly.keys().map(|k| k.0))
        .collect();
    units.sort_unstable();
    units.dedup();
    let mut ancestors: HashMap<i32, Vec<i32>> = HashMap::new();
    for (unit, ancestor) in store::ancestors(conn, &units)? {
        ancestors.entry(unit).or_default().push(ancestor);
    }
    let mut spread_counts: BTreeMap<CountKey, (i64, i64)> = BTreeMap::new();
    for ((unit, indicator, segment), (n, d)) in counts {
        for ancestor in ancestors.get(&unit).into_iter().flatten() {
            let c = spread_counts
                .entry((*ancestor, indicator.clone(), segment))
                .or_default();
            c.0 += n;
            c.1 += d;
        }
    }
    let mut spread_monthly: BTreeMap<MonthKey, i64> = BTreeMap::new();
    for ((unit, indicator, month), n) in monthly {
        for ancestor in ancestors.get(&unit).into_iter().flatten() {
            *spread_monthly
                .entry((*ancestor, indicator.clone(), month.clone()))
                .or_default() += n;
        }
    }
    let counts = spread_counts
        .into_iter()
        .filter(|(_, (n, d))| *n != 0 || *d != 0)
        .map(
            |((unit_id, indicator, segment), (numerator, denominator))| CountRow {
                unit_id,
                period: period.to_owned(),
                indicator,
                segment,
                numerator,
                denominator,
            },
        )
        .collect();
    let monthly = spread_monthly
        .into_iter()
        .filter(|(_, n)| *n != 0)
        .map(|((unit_id, indicator, month), numerator)| MonthlyRow {
            unit_id,
            period: period.to_owned(),
            indicator,
            month,
            numerator,
        })
        .collect();
    Ok((counts, monthly))
}

/// Recomputes the facts of `user_ids` in `period` for `sources` and moves the counters of every
/// ancestor by the difference. Call inside the transaction that wrote the event.
pub fn refresh(
    conn: &mut DbConnection,
    sources: &[&dyn IndicatorSource],
    user_ids: &[i32],
    period: &str,
) -> QueryResult<()> {
    if user_ids.is_empty() {
        return Ok(());
    }
    let ids: Vec<&str> = sources.iter().map(|s| s.id()).collect();
    let mut old = store::facts_of(conn, user_ids, period, &ids)?;
    let mut new = Vec::new();
    for s in sources {
        new.extend(s.facts(conn, user_ids, period)?);
    }
    old.sort();
    new.sort();
    if old == new {
        return Ok(());
    }
    let mut counts = HashMap::new();
    let mut monthly = HashMap::new();
    accumulate(&old, -1, &mut counts, &mut monthly);
    accumulate(&new, 1, &mut counts, &mut monthly);
    let (counts, monthly) = spread(conn, period, counts, monthly)?;
    store::add_counts(conn, &counts)?;
    store::add_monthly(conn, &monthly)?;
    store::delete_facts(conn, user_ids, period, &ids)?;
    store::insert_facts(conn, &new)?;
    Ok(())
}

/// [`refresh`] of the student indicators: call after an enrolment, a completion or a family
/// task decision of these students in `school_year`.
pub fn refresh_students(
    conn: &mut DbConnection,
    user_ids: &[i32],
    school_year: &str,
) -> QueryResult<()> {
    refresh(conn, &STUDENT_SOURCES, user_ids, school_year)
}

/// [`refresh`] of the annual-training indicators of `user_ids` in calendar year `year`: call
/// after a training completion, a cycle change or a member import.
pub fn refresh_training(conn: &mut DbConnection, user_ids: &[i32], year: i32) -> QueryResult<()> {
    let period = year.to_string();
    if !start_training_period(conn, &period)? {
        refresh(conn, &TRAINING_SOURCES, user_ids, &period)?;
    }
    Ok(())
}

/// A training year's counters start the first time anything touches the year (a cycle, a
/// completion, an import, a dashboard): they then count the whole roster at once — everyone
/// is on it from 1 January, trained or not. Returns whether it started the year now (having
/// refreshed everyone).
fn start_training_period(conn: &mut DbConnection, period: &str) -> QueryResult<bool> {
    let ids: Vec<&str> = TRAINING_SOURCES.iter().map(|s| s.id()).collect();
    if store::has_counts(conn, period, &ids)? {
        return Ok(false);
    }
    let mut members = Vec::new();
    for s in TRAINING_SOURCES {
        members.extend(s.members(conn, period)?);
    }
    members.sort_unstable();
    members.dedup();
    refresh(conn, &TRAINING_SOURCES, &members, period)?;
    Ok(true)
}

/// [`start_training_period`] for a dashboard, once per process and year (its own
/// transaction: a read that may write once).
fn ensure_training_period(conn: &mut DbConnection, period: &str) -> QueryResult<()> {
    static STARTED: std::sync::OnceLock<std::sync::Mutex<std::collections::HashSet<String>>> =
        std::sync::OnceLock::new();
    let started = STARTED.get_or_init(Default::default);
    let known = |p: &str| {
        started
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .contains(p)
    };
    if known(period) {
        return Ok(());
    }
    conn.transaction(|conn| start_training_period(conn, period))?;
    // Committed: the year counts everyone on the roster (or nobody is on it yet, and the
    // first member import starts the year).
    started
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .insert(period.to_owned());
    Ok(())
}

/// [`refresh_training`] for every year that has training rows or counters (a member who moved
/// or changed job group counts at the new unit in every year, as a rebuild would count them).
pub fn refresh_training_all_years(conn: &mut DbConnection, user_ids: &[i32]) -> QueryResult<()> {
    let mut years: Vec<i32> = training_periods(conn)?
        .iter()
        .filter_map(|p| training_year(p))
        .collect();
    years.push(crate::services::training::year_of(crate::models::now()));
    years.sort_unstable();
    years.dedup();
    for year in years {
        refresh_training(conn, user_ids, year)?;
    }
    Ok(())
}

/// Calendar years with training cycles, completions or stored training counters.
fn training_periods(conn: &mut DbConnection) -> QueryResult<Vec<String>> {
    let mut periods: Vec<String> = training_store::years(conn)?
        .into_iter()
        .map(|y| y.to_string())
        .collect();
    periods.extend(
        store::stored_periods(conn)?
            .into_iter()
            .filter(|p| training_year(p).is_some()),
    );
    periods.sort();
    periods.dedup();
    Ok(periods)
}

/// Before a unit moves in the tree: takes its counters (its whole subtree) out of its current
/// ancestors. Returns them for [`attach_unit`].
pub fn detach_unit(conn: &mut DbConnection, unit_id: i32) -> QueryResult<Vec<CountRow>> {
    shift_unit(conn, unit_id, -1)
}

/// After the move: adds the subtree's counters to the new ancestors.
pub fn attach_unit(conn: &mut DbConnection, unit_id: i32) -> QueryResult<()> {
    shift_unit(conn, unit_id, 1).map(|_| ())
}

fn shift_unit(conn: &mut DbConnection, unit_id: i32, sign: i64) -> QueryResult<Vec<CountRow>> {
    let ancestors = store::strict_ancestors(conn, unit_id)?;
    let own = store::counts_of_all_periods(conn, unit_id)?;
    let own_monthly = store::monthly_of_all_periods(conn, unit_id)?;
    let mut counts = Vec::new();
    let mut monthly = Vec::new();
    for ancestor in &ancestors {
        counts.extend(own.iter().map(|r| CountRow {
            unit_id: *ancestor,
            numerator: sign * r.numerator,
            denominator: sign * r.denominator,
            ..r.clone()
        }));
        monthly.extend(own_monthly.iter().map(|r| MonthlyRow {
            unit_id: *ancestor,
            numerator: sign * r.numerator,
            ..r.clone()
        }));
    }
    store::add_counts(conn, &counts)?;
    store::add_monthly(conn, &monthly)?;
    Ok(own)
}

// ---------------------------------------------------------------------------------------------
// Rebuild.

/// One counter that differs between the incremental rollups and a recomputation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    pub period: String,
    pub unit_code: String,
    pub indicator: String,
    /// `khối 10`, `tháng 2025-10` …
    pub key: String,
    /// (numerator, denominator) stored and recomputed.
    pub stored: (i64, i64),
    pub rebuilt: (i64, i64),
}

impl std::fmt::Display for Difference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} {} {}: bộ đếm {}/{}, tính lại {}/{}",
            self.period,
            self.unit_code,
            self.indicator,
            self.key,
            self.stored.0,
            self.stored.1,
            self.rebuilt.0,
            self.rebuilt.1
        )
    }
}

/// Recomputes every counter of every period from raw rows. With `write`, replaces the stored
/// counters and facts (in one transaction); either way returns the differences found.
pub fn rebuild(conn: &mut DbConnection, write: bool) -> QueryResult<Vec<Difference>> {
    conn.transaction(|conn| {
        let mut periods = store::enrolment_years(conn)?;
        periods.extend(store::stored_periods(conn)?);
        periods.extend(training_periods(conn)?);
        periods.sort();
        periods.dedup();
        let ids: Vec<&str> = SOURCES.iter().map(|s| s.id()).collect();
        let mut differences = Vec::new();
        for period in &periods {
            let mut facts = Vec::new();
            for s in SOURCES {
                let members = s.members(conn, period)?;
                facts.extend(s.facts(conn, &members, period)?);
            }
            let mut counts = HashMap::new();
            let mut monthly = HashMap::new();
            accumulate(&facts, 1, &mut counts, &mut monthly);
            let (counts, monthly) = spread(conn, period, counts, monthly)?;
            let stored = store::all_counts(conn, period, &ids)?;
            let stored_monthly = store::all_monthly(conn, period, &ids)?;
            differences.extend(compare(
                conn,
                period,
                &stored,
                &counts,
                &stored_monthly,
                &monthly,
            )?);
            if write {
                store::replace_period(conn, period, &ids, &counts, &monthly, &facts)?;
            }
        }
        Ok(differences)
    })
}

/// The first time the server starts on a database that had rows before the coverage tables
/// existed, builds the counters from them (the migration cannot: the rules are code).
pub fn initialise(conn: &mut DbConnection) -> QueryResult<bool> {
    use crate::models::app_meta;
    const KEY: &str = "coverage_rollups";
    if app_meta::get(conn, KEY)?.is_some() {
        return Ok(false);
    }
    conn.transaction(|conn| {
        rebuild(conn, true)?;
        app_meta::set(conn, KEY, "1")
    })?;
    Ok(true)
}

fn compare(
    conn: &mut DbConnection,
    period: &str,
    stored: &[CountRow],
    rebuilt: &[CountRow],
    stored_monthly: &[MonthlyRow],
    rebuilt_monthly: &[MonthlyRow],
) -> QueryResult<Vec<Difference>> {
    // (unit, indicator, segment or month) → (stored, rebuilt) as (numerator, denominator).
    type Pair = ((i64, i64), (i64, i64));
    let mut all: BTreeMap<(i32, String, String), Pair> = BTreeMap::new();
    for (rows, which) in [(stored, 0), (rebuilt, 1)] {
        for r in rows {
            let e = all
                .entry((
                    r.unit_id,
                    r.indicator.clone(),
                    format!("khối {}", r.segment),
                ))
                .or_default();
            let v = if which == 0 { &mut e.0 } else { &mut e.1 };
            v.0 += r.numerator;
            v.1 += r.denominator;
        }
    }
    for (rows, which) in [(stored_monthly, 0), (rebuilt_monthly, 1)] {
        for r in rows {
            let e = all
                .entry((r.unit_id, r.indicator.clone(), format!("tháng {}", r.month)))
                .or_default();
            let v = if which == 0 { &mut e.0 } else { &mut e.1 };
            v.0 += r.numerator;
        }
    }
    let differing: Vec<_> = all.into_iter().filter(|(_, (a, b))| a != b).collect();
    let unit_ids: Vec<i32> = differing.iter().map(|((u, _, _), _)| *u).collect();
    let codes: HashMap<i32, String> = store::unit_names(conn, &unit_ids)?
        .into_iter()
        .map(|(id, code, _, _)| (id, code))
        .collect();
    Ok(differing
        .into_iter()
        .map(|((unit, indicator, key), (stored, rebuilt))| Difference {
            period: period.to_owned(),
            unit_code: codes
                .get(&unit)
                .cloned()
                .unwrap_or_else(|| unit.to_string()),
            indicator,
            key,
            stored,
            rebuilt,
        })
        .collect())
}

// ---------------------------------------------------------------------------------------------
// The dashboard.

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn rate(numerator: i64, denominator: i64) -> f64 {
    if denominator == 0 {
        0.0
    } else {
        // Counts are far below 2^52: the conversion is exact.
        round1(100.0 * numerator as f64 / denominator as f64)
    }
}

fn status(value: f64, denominator: i64, target: Option<f64>, red_below: f64) -> CoverageStatus {
    match target {
        Some(_) if denominator == 0 => CoverageStatus::None,
        None => CoverageStatus::None,
        Some(t) if value >= t => CoverageStatus::Green,
        Some(_) if value < red_below => CoverageStatus::Red,
        Some(_) => CoverageStatus::Amber,
    }
}

struct Scale {
    /// The school year of the student indicators.
    school_period: String,
    /// The calendar year of the annual-training indicators.
    training_period: String,
    /// (indicator, period) → target.
    targets: HashMap<(String, String), f64>,
    red_below: f64,
}

impl Scale {
    fn load(conn: &mut DbConnection, school_year: SchoolYear) -> QueryResult<Scale> {
        let targets = store::targets(conn)?
            .into_iter()
            .map(|(i, p, t)| ((i, p), t))
            .collect();
        let red_below = store::setting(conn, "red_below")?.unwrap_or(DEFAULT_RED_BELOW);
        Ok(Scale {
            school_period: school_year.to_string(),
            training_period: training_year_of(school_year).to_string(),
            targets,
            red_below,
        })
    }

    fn period_of(&self, source: &dyn IndicatorSource) -> &str {
        if source.calendar_year() {
            &self.training_period
        } else {
            &self.school_period
        }
    }

    fn target_of(&self, source: &dyn IndicatorSource) -> Option<f64> {
        if !source.has_target() {
            return None;
        }
        let key = (source.id().to_owned(), self.period_of(source).to_owned());
        match self.targets.get(&key) {
            Some(t) => Some(*t),
            None if source.calendar_year() => Some(DEFAULT_TRAINING_TARGET),
            None => None,
        }
    }

    fn value(
        &self,
        source: &dyn IndicatorSource,
        numerator: i64,
        denominator: i64,
    ) -> IndicatorValue {
        let value = rate(numerator, denominator);
        let target = self.target_of(source);
        IndicatorValue {
            id: source.id().to_owned(),
            period: self.period_of(source).to_owned(),
            numerator,
            denominator,
            value,
            target,
            gap: target.map(|t| round1(value - t)),
            status: status(value, denominator, target, self.red_below),
        }
    }

    /// Each indicator of one unit, from its counter rows.
    fn indicators(&self, rows: &[&CountRow]) -> Vec<IndicatorValue> {
        SOURCES
            .iter()
            .map(|s| {
                let (n, d) = rows
                    .iter()
                    .filter(|r| r.indicator == s.id() && r.period == self.period_of(*s))
                    .fold((0, 0), |(n, d), r| (n + r.numerator, d + r.denominator));
                self.value(*s, n, d)
            })
            .collect()
    }
}

fn coverage_unit(code: &str, name: &str, kind: &str) -> CoverageUnit {
    CoverageUnit {
        code: code.to_owned(),
        name: name.to_owned(),
        kind: kind.to_owned(),
    }
}

/// The school year asked for, or the one in progress.
pub fn school_year(text: Option<&str>) -> AppResult<SchoolYear> {
    match text {
        Some(t) if !t.trim().is_empty() => SchoolYear::parse(t).map_err(AppError::Validation),
        _ => Ok(SchoolYear::containing(crate::models::now().date())),
    }
}

/// The calendar year whose annual training a school year's dashboard shows: the current year
/// while the school year is in progress, else the calendar year in which it ends.
pub fn training_year_of(school_year: SchoolYear) -> i32 {
    let now = crate::models::now();
    if SchoolYear::containing(now.date()) == school_year {
        crate::services::training::year_of(now)
    } else {
        school_year.start_year() + 1
    }
}

/// The unit a viewer's dashboard opens on: the first unit where they may view coverage.
pub fn home_unit(conn: &mut DbConnection, principal: &Principal) -> AppResult<String> {
    let id = gate::units_with(principal, Permission::ViewCoverage)
        .into_iter()
        .next()
        .ok_or(AppError::Forbidden)?;
    Ok(unit::find(conn, id)?.code)
}

/// `GET /api/coverage/{unit_code}?year=…`.
pub fn report(
    conn: &mut DbConnection,
    principal: &Principal,
    unit_code: &str,
    year: SchoolYear,
) -> AppResult<CoverageReport> {
    let period = year.to_string();
    let unit = unit::find_by_code(conn, unit_code)?.ok_or(AppError::NotFound)?;
    gate::authorize(conn, principal, Permission::ViewCoverage, unit.id)?;
    let mut path = Vec::new();
    for u in unit::path(conn, unit.id)? {
        if gate::authorize(conn, principal, Permission::ViewCoverage, u.id).is_ok() {
            path.push(coverage_unit(&u.code, &u.name, &u.kind));
        }
    }
    let children = store::children(conn, unit.id)?;
    let mut ids: Vec<i32> = children.iter().map(|c| c.0).collect();
    ids.push(unit.id);
    let scale = Scale::load(conn, year)?;
    ensure_training_period(conn, &scale.training_period)?;
    let mut rows = store::counts_of(conn, &ids, &period)?;
    rows.extend(store::counts_of(conn, &ids, &scale.training_period)?);
    let of = |id: i32| rows.iter().filter(|r| r.unit_id == id).collect::<Vec<_>>();

    let own = of(unit.id);
    let indicators = scale.indicators(&own);
    let segments = segments(&own);
    let child_rows: Vec<CoverageRow> = children
        .iter()
        .filter(|(id, _, _, kind)| {
            !matches!(kind.as_str(), "agency" | "team") || !of(*id).is_empty()
        })
        .map(|(id, code, name, kind)| CoverageRow {
            unit: coverage_unit(code, name, kind),
            indicators: scale.indicators(&of(*id)),
        })
        .collect();
    let lagging = lagging(&child_rows);
    let trend = trend(conn, &scale, unit.id, year, &indicators)?;
    Ok(CoverageReport {
        school_year: period,
        training_year: scale.training_period.clone(),
        unit: coverage_unit(&unit.code, &unit.name, &unit.kind),
        path,
        indicators,
        segments,
        children: child_rows,
        lagging,
        trend,
        red_below: scale.red_below,
    })
}

/// Students reached by band, then by grade.
fn segments(rows: &[&CountRow]) -> Vec<CoverageSegment> {
    let mut grades: BTreeMap<i32, (i64, i64)> = BTreeMap::new();
    for r in rows.iter().filter(|r| r.indicator == StudentsReached.id()) {
        let g = grades.entry(r.segment).or_default();
        g.0 += r.numerator;
        g.1 += r.denominator;
    }
    let mut out = Vec::new();
    for band in ["thcs", "thpt", "dai_hoc"] {
        let (n, d) = grades
            .iter()
            .filter(|(g, _)| band_of_grade(**g) == band)
            .fold((0, 0), |(n, d), (_, (gn, gd))| (n + gn, d + gd));
        if d > 0 {
            out.push(CoverageSegment {
                band: band.to_owned(),
                grade: None,
                numerator: n,
                denominator: d,
                value: rate(n, d),
            });
        }
    }
    out.extend(
        grades
            .iter()
            .filter(|(_, (_, d))| *d > 0)
            .map(|(g, (n, d))| CoverageSegment {
                band: "grade".to_owned(),
                grade: Some(*g),
                numerator: *n,
                denominator: *d,
                value: rate(*n, *d),
            }),
    );
    out
}

/// Children below target on students reached, furthest below first.
fn lagging(children: &[CoverageRow]) -> Vec<CoverageRow> {
    let gap = |row: &CoverageRow| {
        row.indicators
            .iter()
            .find(|i| i.id == StudentsReached.id())
            .filter(|i| matches!(i.status, CoverageStatus::Red | CoverageStatus::Amber))
            .and_then(|i| i.gap)
    };
    let mut below: Vec<(f64, &CoverageRow)> = children
        .iter()
        .filter_map(|c| gap(c).map(|g| (g, c)))
        .collect();
    below.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.unit.code.cmp(&b.1.unit.code)));
    below.into_iter().take(5).map(|(_, c)| c.clone()).collect()
}

/// Months of the school year from September to the current month (or August): each
/// indicator's numerator reached by the end of the month, over today's roster.
fn trend(
    conn: &mut DbConnection,
    scale: &Scale,
    unit_id: i32,
    year: SchoolYear,
    now_values: &[IndicatorValue],
) -> QueryResult<Vec<TrendPoint>> {
    let monthly = store::monthly_of(conn, unit_id, &year.to_string())?;
    let today = month_of(crate::models::now());
    let start = year.start_year();
    let months: Vec<String> = (0..12)
        .map(|i| {
            let m = 9 + i;
            format!("{}-{:02}", start + (m - 1) / 12, (m - 1) % 12 + 1)
        })
        .filter(|m| *m <= today)
        .collect();
    let mut running: HashMap<&str, i64> = HashMap::new();
    // Numerators dated before September (a late completion recorded early) count from the start.
    for r in monthly
        .iter()
        .filter(|r| months.first().is_some_and(|f| r.month < *f))
    {
        *running.entry(r.indicator.as_str()).or_default() += r.numerator;
    }
    let mut points = Vec::new();
    for month in &months {
        for r in monthly.iter().filter(|r| &r.month == month) {
            *running.entry(r.indicator.as_str()).or_default() += r.numerator;
        }
        let indicators = SOURCES
            .iter()
            .filter(|s| !s.calendar_year())
            .map(|s| {
                let d = now_values
                    .iter()
                    .find(|v| v.id == s.id())
                    .map_or(0, |v| v.denominator);
                scale.value(*s, running.get(s.id()).copied().unwrap_or(0), d)
            })
            .collect();
        points.push(TrendPoint {
            month: month.clone(),
            indicators,
        });
    }
    Ok(points)
}

/// The report's unit and children as CSV (UTF-8 with BOM, Vietnamese headers): one line per
/// unit and indicator.
pub fn to_csv(report: &CoverageReport) -> AppResult<Vec<u8>> {
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let fail = |e: csv::Error| AppError::Internal(anyhow::anyhow!(e));
        writer
            .write_record([
                "Năm học / năm",
                "Mã đơn vị",
                "Tên đơn vị",
                "Loại đơn vị",
                "Mã chỉ số",
                "Chỉ số",
                "Tử số",
                "Mẫu số",
                "Giá trị",
                "Chỉ tiêu",
                "Chênh lệch",
                "Đánh giá",
            ])
            .map_err(fail)?;
        let own = CoverageRow {
            unit: report.unit.clone(),
            indicators: report.indicators.clone(),
        };
        for row in std::iter::once(&own).chain(report.children.iter()) {
            for i in &row.indicators {
                let label = source(&i.id).map_or(i.id.as_str(), |s| s.label());
                let opt = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
                writer
                    .write_record([
                        i.period.as_str(),
                        row.unit.code.as_str(),
                        row.unit.name.as_str(),
                        kind_label(&row.unit.kind),
                        i.id.as_str(),
                        label,
                        &i.numerator.to_string(),
                        &i.denominator.to_string(),
                        &i.value.to_string(),
                        &opt(i.target),
                        &opt(i.gap),
                        status_label(i.status),
                    ])
                    .map_err(fail)?;
            }
        }
        writer.flush().map_err(|e| AppError::Internal(e.into()))?;
    }
    Ok(out)
}

fn kind_label(kind: &str) -> &'static str {
    match kind {
        "province" => "Tỉnh",
        "commune" => "Xã, phường",
        "area" => "Khu vực",
        "school" => "Trường",
        "class" => "Lớp",
        "agency" => "Cơ quan",
        "team" => "Tổ",
        _ => "Đơn vị",
    }
}

fn status_label(status: CoverageStatus) -> &'static str {
    match status {
        CoverageStatus::Green => "Đạt chỉ tiêu",
        CoverageStatus::Amber => "Dưới chỉ tiêu",
        CoverageStatus::Red => "Rất thấp",
        CoverageStatus::None => "",
    }
}

// ---------------------------------------------------------------------------------------------
// Targets.

/// `GET /api/coverage-targets`: anyone who may view coverage somewhere.
pub fn targets(conn: &mut DbConnection, principal: &Principal) -> AppResult<CoverageTargets> {
    if !gate::may_anywhere(principal, Permission::ViewCoverage) {
        return Err(AppError::Forbidden);
    }
    load_targets(conn)
}

fn load_targets(conn: &mut DbConnection) -> AppResult<CoverageTargets> {
    Ok(CoverageTargets {
        targets: store::targets(conn)?
            .into_iter()
            .map(|(indicator, period, target)| CoverageTarget {
                indicator,
                period,
                target,
            })
            .collect(),
        red_below: store::setting(conn, "red_below")?.unwrap_or(DEFAULT_RED_BELOW),
    })
}

fn valid_period(text: &str) -> bool {
    SchoolYear::parse(text).is_ok() || (text.len() == 4 && text.chars().all(|c| c.is_ascii_digit()))
}

/// `PUT /api/coverage-targets`: replaces every target and the red threshold (all or nothing).
pub fn set_targets(
    conn: &mut DbConnection,
    principal: &Principal,
    request: &CoverageTargets,
) -> AppResult<CoverageTargets> {
    if !gate::may_anywhere(principal, Permission::ManageCoverageTargets) {
        return Err(AppError::Forbidden);
    }
    let mut details = Vec::new();
    let percent = |x: f64| x.is_finite() && (0.0..=100.0).contains(&x);
    let mut seen = std::collections::HashSet::new();
    for (i, t) in request.targets.iter().enumerate() {
        let line = Some(i + 1);
        let mut problem = |column: &str, message: String| {
            details.push(ErrorDetail {
                line,
                column: Some(column.to_owned()),
                message,
            });
        };
        match source(t.indicator.trim()) {
            Some(s) if s.has_target() => {}
            _ => problem(
                "Chỉ số",
                format!(
                    "Chỉ tiêu {}: chỉ số «{}» không có chỉ tiêu.",
                    i + 1,
                    t.indicator
                ),
            ),
        }
        if !valid_period(t.period.trim()) {
            problem(
                "Năm",
                format!(
                    "Chỉ tiêu {}: năm «{}» phải là năm học (2025-2026) hoặc năm (2026).",
                    i + 1,
                    t.period
                ),
            );
        }
        if !percent(t.target) {
            problem(
                "Chỉ tiêu",
                format!("Chỉ tiêu {}: phải từ 0 đến 100 (%).", i + 1),
            );
        }
        if !seen.insert((t.indicator.trim().to_owned(), t.period.trim().to_owned())) {
            problem(
                "Năm",
                format!(
                    "Chỉ tiêu {}: trùng chỉ số và năm với một dòng trước.",
                    i + 1
                ),
            );
        }
    }
    if !percent(request.red_below) {
        details.push(ErrorDetail {
            line: None,
            column: Some("Ngưỡng đỏ".to_owned()),
            message: "Ngưỡng đỏ: phải từ 0 đến 100 (%).".to_owned(),
        });
    }
    if let Some(first) = details.first() {
        return Err(AppError::Rejected {
            message: first.message.clone(),
            details,
        });
    }
    conn.transaction::<_, AppError, _>(|conn| {
        let rows: Vec<(String, String, f64)> = request
            .targets
            .iter()
            .map(|t| {
                (
                    t.indicator.trim().to_owned(),
                    t.period.trim().to_owned(),
                    t.target,
                )
            })
            .collect();
        store::replace_targets(conn, &rows)?;
        store::set_setting(conn, "red_below", request.red_below)?;
        Ok(())
    })?;
    load_targets(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(module: &str) -> String {
        let path = format!(
            "{}/../question-bank/modules/{module}/module.toml",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read_to_string(path).unwrap_or_default()
    }

    #[test]
    fn the_core_module_of_each_grade_matches_the_question_bank_manifests() {
        let thcs = manifest("thcs-core");
        assert!(thcs.contains("grades = [6, 9]") && thcs.contains("core = true"));
        let thpt = manifest("thpt-core");
        assert!(thpt.contains("grades = [10, 12]") && thpt.contains("core = true"));
        assert!(manifest("dai-hoc-core").contains("core = true"));
        for grade in 6..=9 {
            assert_eq!(core_module(grade), "thcs-core");
        }
        for grade in 10..=12 {
            assert_eq!(core_module(grade), "thpt-core");
        }
        assert_eq!(core_module(13), "dai-hoc-core");
    }

    #[test]
    fn the_traffic_light_is_green_at_target_amber_below_and_red_under_the_threshold() {
        assert_eq!(status(84.0, 10, Some(84.0), 50.0), CoverageStatus::Green);
        assert_eq!(status(83.9, 10, Some(84.0), 50.0), CoverageStatus::Amber);
        assert_eq!(status(49.9, 10, Some(84.0), 50.0), CoverageStatus::Red);
        assert_eq!(status(0.0, 0, Some(84.0), 50.0), CoverageStatus::None);
        assert_eq!(status(30.0, 10, None, 50.0), CoverageStatus::None);
    }

    #[test]
    fn a_rate_is_a_percentage_rounded_to_one_decimal_and_zero_over_nobody() {
        assert!((rate(1, 3) - 33.3).abs() < 1e-9);
        assert!((rate(3, 8) - 37.5).abs() < 1e-9);
        assert!(rate(5, 0).abs() < 1e-9);
    }

    #[test]
    fn facts_spread_as_differences_cancel_out() {
        let fact = |unit_id, numerator, month: &str| Fact {
            user_id: 1,
            period: "2025-2026".to_owned(),
            indicator: "students_reached".to_owned(),
            month: month.to_owned(),
            unit_id,
            segment: 10,
            numerator,
            denominator: 1,
        };
        let mut counts = HashMap::new();
        let mut monthly = HashMap::new();
        accumulate(&[fact(7, 1, "2025-10")], -1, &mut counts, &mut monthly);
        accumulate(&[fact(7, 1, "2025-10")], 1, &mut counts, &mut monthly);
        assert!(counts.values().all(|c| *c == (0, 0)));
        assert!(monthly.values().all(|m| *m == 0));
        accumulate(&[fact(8, 1, "2025-11")], 1, &mut counts, &mut monthly);
        assert_eq!(
            counts.get(&(8, "students_reached".to_owned(), 10)),
            Some(&(1, 1))
        );
    }
}
