//! The coverage benchmark (issue 7, `bench/coverage/README.md`): `hocdvc coverage generate`
//! fills an empty database with a synthetic province — communes, schools, classes, students on
//! the roster, progress events and core-module completions — writing raw rows in bulk, then
//! builds the counters with [`coverage::rebuild`]; `hocdvc coverage time-raw` times the
//! GROUP BY over raw rows that the counters replace, for the ratio. The dashboard request itself
//! is measured over HTTP with `wrk` (`bench/coverage/run.sh`).

use std::time::Instant;

use anyhow::Context;
use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::domain::{Role, SchoolYear};
use crate::models::{grant, user};
use crate::schema::{
    enrolments, lesson_progress, lessons, module_completions, unit_closure, units,
};
use crate::services::coverage;

/// The synthetic province's size.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    pub communes: usize,
    pub schools_per_commune: usize,
    pub classes_per_school: usize,
    pub students_per_class: usize,
    pub events_per_student: usize,
    /// Percent of students who completed their core module.
    pub completed_percent: usize,
}

#[derive(Insertable)]
#[diesel(table_name = units, treat_none_as_default_value = false)]
struct NewUnit {
    code: String,
    name: String,
    kind: String,
    parent_id: Option<i32>,
    school_level: Option<String>,
    grade: Option<i32>,
    school_year: Option<String>,
    created_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = unit_closure, treat_none_as_default_value = false)]
struct NewPair {
    ancestor_id: i32,
    descendant_id: i32,
    depth: i32,
}

#[derive(Insertable)]
#[diesel(table_name = enrolments, treat_none_as_default_value = false)]
struct NewEnrolment {
    user_id: i32,
    class_id: i32,
    school_year: String,
    grade: i32,
    started_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = lesson_progress, treat_none_as_default_value = false)]
struct NewProgress {
    user_id: i32,
    lesson_id: String,
    completed_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = module_completions, treat_none_as_default_value = false)]
struct NewCompletion {
    user_id: i32,
    module_id: String,
    school_year: String,
    completed_at: NaiveDateTime,
    attempt_id: Option<i32>,
}

/// The province's code; communes are `BX-X001`, schools `BX-X001-S01`, classes `…-C01`.
pub const PROVINCE: &str = "BX";
/// A department viewer on the province, for the HTTP measurement.
pub const VIEWER: &str = "bench.sogddt";

fn log(started: Instant, what: &str) {
    println!("[{:>7.1} s] {what}", started.elapsed().as_secs_f64());
}

/// Inserts `rows` of one level and returns their ids in the same order (read back by code).
fn insert_units(conn: &mut DbConnection, rows: Vec<NewUnit>) -> anyhow::Result<Vec<i32>> {
    crate::insert_rows!(conn, units::table, &rows);
    let codes: Vec<&str> = rows.iter().map(|r| r.code.as_str()).collect();
    let mut ids = std::collections::HashMap::with_capacity(codes.len());
    for chunk in codes.chunks(crate::db::BULK_ROWS) {
        let found: Vec<(String, i32)> = units::table
            .filter(units::code.eq_any(chunk))
            .select((units::code, units::id))
            .load(conn)?;
        ids.extend(found);
    }
    codes
        .iter()
        .map(|c| ids.get(*c).copied().context("unit id"))
        .collect()
}

/// Fills an empty, migrated database (with the curriculum loaded) and builds the counters.
pub fn generate(conn: &mut DbConnection, scale: Scale, password: &str) -> anyhow::Result<()> {
    let started = Instant::now();
    let now = crate::models::now();
    let year = SchoolYear::containing(now.date());
    let period = year.to_string();
    let lesson_ids: Vec<String> = lessons::table
        .order(lessons::id.asc())
        .select(lessons::id)
        .load(conn)?;
    anyhow::ensure!(
        lesson_ids.len() >= scale.events_per_student,
        "nạp chương trình trước (hocdvc content load): cần ít nhất {} bài học",
        scale.events_per_student
    );
    let unit = |code: String, kind: &str, parent: Option<i32>, level: Option<&str>| NewUnit {
        name: code.clone(),
        code,
        kind: kind.to_owned(),
        parent_id: parent,
        school_level: level.map(str::to_owned),
        grade: None,
        school_year: None,
        created_at: now,
    };
    let province = insert_units(
        conn,
        vec![unit(PROVINCE.to_owned(), "province", None, None)],
    )?[0];
    let mut pairs = vec![NewPair {
        ancestor_id: province,
        descendant_id: province,
        depth: 0,
    }];
    let communes = insert_units(
        conn,
        (1..=scale.communes)
            .map(|c| {
                unit(
                    format!("{PROVINCE}-X{c:03}"),
                    "commune",
                    Some(province),
                    None,
                )
            })
            .collect(),
    )?;
    let mut school_rows = Vec::new();
    let mut school_parent = Vec::new();
    for (c, commune) in communes.iter().enumerate() {
        pairs.push(NewPair {
            ancestor_id: *commune,
            descendant_id: *commune,
            depth: 0,
        });
        pairs.push(NewPair {
            ancestor_id: province,
            descendant_id: *commune,
            depth: 1,
        });
        for s in 1..=scale.schools_per_commune {
            let level = if s % 2 == 1 { "thcs" } else { "thpt" };
            school_rows.push(unit(
                format!("{PROVINCE}-X{:03}-S{s:02}", c + 1),
                "school",
                Some(*commune),
                Some(level),
            ));
            school_parent.push((*commune, level));
        }
    }
    let school_codes: Vec<String> = school_rows.iter().map(|r| r.code.clone()).collect();
    let schools = insert_units(conn, school_rows)?;
    let mut class_rows = Vec::new();
    let mut class_meta = Vec::new();
    for ((school, code), (commune, level)) in schools.iter().zip(&school_codes).zip(&school_parent)
    {
        pairs.push(NewPair {
            ancestor_id: *school,
            descendant_id: *school,
            depth: 0,
        });
        pairs.push(NewPair {
            ancestor_id: *commune,
            descendant_id: *school,
            depth: 1,
        });
        pairs.push(NewPair {
            ancestor_id: province,
            descendant_id: *school,
            depth: 2,
        });
        let grades: Vec<i32> = if *level == "thcs" {
            (6..=9).collect()
        } else {
            (10..=12).collect()
        };
        for k in 0..scale.classes_per_school {
            let grade = grades[k % grades.len()];
            let mut row = unit(format!("{code}-C{k:02}"), "class", Some(*school), None);
            row.grade = Some(grade);
            row.school_year = Some(period.clone());
            class_rows.push(row);
            class_meta.push((*school, *commune, grade));
        }
    }
    let classes = insert_units(conn, class_rows)?;
    for (class, (school, commune, _)) in classes.iter().zip(&class_meta) {
        for (ancestor, depth) in [(*class, 0), (*school, 1), (*commune, 2), (province, 3)] {
            pairs.push(NewPair {
                ancestor_id: ancestor,
                descendant_id: *class,
                depth,
            });
        }
    }
    crate::insert_rows!(conn, unit_closure::table, &pairs);
    log(
        started,
        &format!(
            "{} communes, {} schools, {} classes",
            communes.len(),
            schools.len(),
            classes.len()
        ),
    );

    // Students, class by class, in batches that keep memory flat.
    let per_batch = (50_000 / scale.students_per_class.max(1)).max(1);
    let mut students = 0usize;
    let mut events = 0usize;
    let mut completed = 0usize;
    for batch in classes.chunks(per_batch).zip(class_meta.chunks(per_batch)) {
        let (batch_classes, batch_meta) = batch;
        let mut accounts = Vec::new();
        for (class, _) in batch_classes.iter().zip(batch_meta) {
            for i in 0..scale.students_per_class {
                let username = format!("bx{class}s{i}");
                accounts.push(user::NewUser {
                    full_name: username.clone(),
                    search_name: username.clone(),
                    username,
                    password_hash: None,
                    activation_code: None,
                    disabled: false,
                    created_at: now,
                });
            }
        }
        let ids = user::insert_many(conn, &accounts)?;
        let mut enrolled = Vec::new();
        let mut progress = Vec::new();
        let mut completions = Vec::new();
        for (class, (_, _, grade)) in batch_classes.iter().zip(batch_meta) {
            for i in 0..scale.students_per_class {
                let id = *ids.get(&format!("bx{class}s{i}")).context("student id")?;
                enrolled.push(NewEnrolment {
                    user_id: id,
                    class_id: *class,
                    school_year: period.clone(),
                    grade: *grade,
                    started_at: now,
                });
                let offset = (id as usize) % lesson_ids.len();
                for e in 0..scale.events_per_student {
                    progress.push(NewProgress {
                        user_id: id,
                        lesson_id: lesson_ids[(offset + e) % lesson_ids.len()].clone(),
                        completed_at: now,
                    });
                }
                if (id as usize * 37) % 100 < scale.completed_percent {
                    // Spread over the school year's months so far, for the trend.
                    let days = (id as i64 * 13) % (now - year_start(year)).num_days().max(1);
                    completions.push(NewCompletion {
                        user_id: id,
                        module_id: coverage::core_module(*grade).to_owned(),
                        school_year: period.clone(),
                        completed_at: year_start(year) + chrono::Duration::days(days),
                        attempt_id: None,
                    });
                }
            }
        }
        crate::insert_rows!(conn, enrolments::table, &enrolled);
        crate::insert_rows!(conn, lesson_progress::table, &progress);
        crate::insert_rows!(conn, module_completions::table, &completions);
        students += enrolled.len();
        events += progress.len() + completions.len();
        completed += completions.len();
        log(
            started,
            &format!("{students} students, {events} progress events"),
        );
    }

    let hash =
        crate::services::auth::hash_password(password).map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut viewer = user::NewUser::new(VIEWER, "Sở GD&ĐT (đo hiệu năng)", now);
    viewer.password_hash = Some(hash);
    let viewer = user::insert(conn, &viewer)?;
    grant::grant(conn, viewer.id, Role::DepartmentViewer, province)?;
    analyse(conn)?;
    log(
        started,
        &format!("{completed} completions; building the counters"),
    );
    let differences = coverage::rebuild(conn, true)?;
    crate::models::app_meta::set(conn, "coverage_rollups", "1")?;
    analyse(conn)?;
    log(
        started,
        &format!("counters built ({} rows corrected)", differences.len()),
    );
    Ok(())
}

fn year_start(year: SchoolYear) -> NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(year.start_year(), 9, 5)
        .and_then(|d| d.and_hms_opt(8, 0, 0))
        .unwrap_or_default()
}

/// Fresh planner statistics after bulk loading.
fn analyse(conn: &mut DbConnection) -> QueryResult<()> {
    diesel::sql_query("ANALYZE").execute(conn)?;
    Ok(())
}

#[derive(QueryableByName)]
struct RawRow {
    #[diesel(sql_type = diesel::sql_types::Integer)]
    unit_id: i32,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    enrolled: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    reached: i64,
}

/// What the dashboard shows for `unit_code`'s children, computed the slow way: a GROUP BY over
/// the roster and the completions. Returns (children, rows summed as a check).
pub fn raw_children(
    conn: &mut DbConnection,
    unit_code: &str,
    period: &str,
) -> anyhow::Result<(usize, i64)> {
    let id: i32 = units::table
        .filter(units::code.eq(unit_code))
        .select(units::id)
        .first(conn)?;
    // Literal values only (ids and a validated school year), so the text is the same on both
    // backends without bind-parameter syntax.
    let sql = format!(
        "SELECT c.ancestor_id AS unit_id, COUNT(*) AS enrolled, \
         COUNT(m.user_id) AS reached \
         FROM enrolments e \
         JOIN unit_closure c ON c.descendant_id = e.class_id \
         JOIN units u ON u.id = c.ancestor_id AND u.parent_id = {id} \
         LEFT JOIN module_completions m ON m.user_id = e.user_id \
           AND m.school_year = e.school_year \
           AND m.module_id = CASE WHEN e.grade BETWEEN 6 AND 9 THEN 'thcs-core' \
                                  WHEN e.grade BETWEEN 10 AND 12 THEN 'thpt-core' \
                                  ELSE 'dai-hoc-core' END \
         WHERE e.school_year = '{period}' AND e.ended_at IS NULL \
         GROUP BY c.ancestor_id"
    );
    let rows: Vec<RawRow> = diesel::sql_query(sql).load(conn)?;
    let check = rows.iter().map(|r| r.enrolled + r.reached).sum();
    let children: std::collections::HashSet<i32> = rows.iter().map(|r| r.unit_id).collect();
    Ok((children.len(), check))
}

/// Times `runs` executions of [`raw_children`] and prints p50/p95.
pub fn time_raw(conn: &mut DbConnection, unit_code: &str, runs: usize) -> anyhow::Result<()> {
    let period = SchoolYear::containing(crate::models::now().date()).to_string();
    let mut times = Vec::with_capacity(runs);
    let mut shape = (0, 0);
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        shape = raw_children(conn, unit_code, &period)?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let pick = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
    println!(
        "raw GROUP BY {unit_code}: {} children, runs {}, p50 {:.2} ms, p95 {:.2} ms (check {})",
        shape.0,
        times.len(),
        pick(0.5),
        pick(0.95),
        shape.1
    );
    Ok(())
}
