//! Coverage dashboards (issue 7), on SQLite and PostgreSQL: the report and its CSV agree with
//! counts over raw rows, scope follows the gate, targets are data, and the incremental
//! counters equal a rebuild from raw rows after random sequences of events (completions,
//! family-task decisions, roster re-imports with class moves, units moved in the tree, member
//! imports and moves, training completions and cycle changes) — and
//! `hocdvc coverage rebuild --check` fails, with a readable difference, when they do not.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: fail loudly.

use std::process::Command;

use diesel::prelude::*;
use diesel::sql_types::BigInt;
use hocdvc::db::DbConnection;
use hocdvc::domain::SchoolYear;
use hocdvc::services::coverage;
use hocdvc_tests::{
    DEMO_PASSWORD, TestApp, binary, on_both_backends_curriculum, on_both_backends_demo,
};
use serde_json::{Value, json};

/// The fields of one CSV line (quotes as the csv crate writes them).
fn fields(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                out.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(String::new()),
            (c, _) => out.last_mut().unwrap().push(c),
        }
    }
    out
}

fn connect(app: &TestApp) -> DbConnection {
    hocdvc::startup::connect_for_command(&app.database.settings()).expect("database connection")
}

fn current_year() -> String {
    SchoolYear::containing(hocdvc::models::now().date()).to_string()
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn count(conn: &mut DbConnection, sql: &str) -> i64 {
    diesel::sql_query(sql)
        .get_result::<Count>(conn)
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .n
}

/// Students on the roster of `unit`'s subtree this year, and how many of them completed their
/// grade band's core module this year — a GROUP BY-free count straight over raw rows.
fn raw_reached(conn: &mut DbConnection, unit: &str) -> (i64, i64) {
    let year = current_year();
    let base = format!(
        "FROM enrolments e JOIN unit_closure c ON c.descendant_id = e.class_id \
         JOIN units u ON u.id = c.ancestor_id \
         WHERE u.code = '{unit}' AND e.school_year = '{year}' AND e.ended_at IS NULL"
    );
    let enrolled = count(conn, &format!("SELECT COUNT(*) AS n {base}"));
    let reached = count(
        conn,
        &format!(
            "SELECT COUNT(*) AS n {base} AND EXISTS (SELECT 1 FROM module_completions m \
             WHERE m.user_id = e.user_id AND m.school_year = e.school_year AND m.module_id = \
             CASE WHEN e.grade BETWEEN 6 AND 9 THEN 'thcs-core' \
                  WHEN e.grade BETWEEN 10 AND 12 THEN 'thpt-core' ELSE 'dai-hoc-core' END)"
        ),
    );
    (reached, enrolled)
}

fn indicator<'a>(indicators: &'a Value, id: &str) -> &'a Value {
    indicators
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("indicator {id} in {indicators}"))
}

fn seeded_target(year: &str) -> f64 {
    match year {
        "2024-2025" => 80.0,
        "2025-2026" => 84.0,
        "2026-2027" => 88.0,
        "2027-2028" => 92.0,
        "2028-2029" => 96.0,
        _ => 100.0,
    }
}

async fn report(session: &hocdvc_tests::Session<'_>, code: &str) -> Value {
    let response = session.get(&format!("/api/coverage/{code}")).await;
    assert_eq!(response.status(), 200, "coverage of {code}");
    response.json().await.unwrap()
}

fn class_code(name: &str) -> String {
    format!(
        "AG-LX-THPT-{name}-{}",
        SchoolYear::containing(hocdvc::models::now().date()).start_year()
    )
}

on_both_backends_curriculum! {
    async fn the_province_dashboard_counts_the_demo_completions_over_the_whole_roster(app) {
        let session = app.login("sogddt", DEMO_PASSWORD).await;
        let body = report(&session, "AG").await;
        let mut conn = connect(&app);
        let (reached, enrolled) = raw_reached(&mut conn, "AG");
        assert_eq!(reached, 3, "the demo has three completions in 10A1");
        let students = indicator(&body["indicators"], "students_reached");
        assert_eq!(students["numerator"], reached);
        assert_eq!(students["denominator"], enrolled);
        assert_eq!(body["unit"]["code"], "AG");
        assert_eq!(body["school_year"], current_year());
        assert_eq!(students["target"], seeded_target(&current_year()));
        assert_eq!(students["status"], "red");
        let families = indicator(&body["indicators"], "families_helped");
        assert_eq!(families["numerator"], 2, "two confirmed family tasks in the demo");
        // The children add up to the parent; agencies count when they have members to train,
        // and are left out otherwise.
        let children = body["children"].as_array().unwrap();
        assert_eq!(children.len(), 4, "{children:?}");
        let agency = children.iter().find(|c| c["unit"]["code"] == "AG-VPUB").unwrap();
        let trained = indicator(&agency["indicators"], "civil_servants_trained");
        assert_eq!((trained["numerator"].as_i64(), trained["denominator"].as_i64()), (Some(4), Some(8)));
        assert_eq!(indicator(&agency["indicators"], "students_reached")["denominator"], 0);
        let sum: i64 = children
            .iter()
            .map(|c| indicator(&c["indicators"], "students_reached")["denominator"].as_i64().unwrap())
            .sum();
        assert_eq!(sum, enrolled);
        // By band and grade: the three are grade-10 students.
        let grade10 = body["segments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["grade"] == 10)
            .unwrap()
            .clone();
        assert_eq!(grade10["numerator"], 3);
        // The lagging list names children below target, furthest first.
        assert!(!body["lagging"].as_array().unwrap().is_empty());
        // The trend ends this month with today's value.
        let last = body["trend"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(indicator(&last["indicators"], "students_reached")["numerator"], 3);
    }

    async fn a_department_viewer_drills_down_to_the_class_and_every_level_agrees_with_raw_rows(app) {
        let session = app.login("sogddt", DEMO_PASSWORD).await;
        let mut conn = connect(&app);
        let class = class_code("10A1");
        for code in ["AG", "AG-LX", "AG-LX-THPT", class.as_str()] {
            let body = report(&session, code).await;
            let (reached, enrolled) = raw_reached(&mut conn, code);
            let students = indicator(&body["indicators"], "students_reached");
            assert_eq!((students["numerator"].as_i64(), students["denominator"].as_i64()),
                (Some(reached), Some(enrolled)), "{code}");
            assert_eq!(body["path"][0]["code"], "AG", "the breadcrumb starts at the province");
        }
        let class_report = report(&session, &class).await;
        assert!(class_report["children"].as_array().unwrap().is_empty());
        assert_eq!(indicator(&class_report["indicators"], "students_reached")["numerator"], 3);
    }

    async fn the_csv_export_has_the_same_rows_and_numbers_as_the_json(app) {
        let session = app.login("sogddt", DEMO_PASSWORD).await;
        let body = report(&session, "AG-LX").await;
        let response = session.get("/api/coverage/AG-LX.csv").await;
        assert_eq!(response.status(), 200);
        assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
        let bytes = response.bytes().await.unwrap();
        assert!(bytes.starts_with("\u{feff}".as_bytes()), "UTF-8 with BOM");
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        let mut lines = text.lines();
        let header = lines.next().unwrap();
        assert!(header.starts_with("Năm học / năm,Mã đơn vị,Tên đơn vị,Loại đơn vị,Mã chỉ số,Chỉ số,Tử số,Mẫu số"), "{header}");
        let rows: Vec<Vec<String>> = lines.map(fields).collect();
        let mut expected = Vec::new();
        let own = json!({"unit": body["unit"], "indicators": body["indicators"]});
        for row in std::iter::once(&own).chain(body["children"].as_array().unwrap().iter()) {
            for i in row["indicators"].as_array().unwrap() {
                expected.push((
                    row["unit"]["code"].as_str().unwrap().to_owned(),
                    i["id"].as_str().unwrap().to_owned(),
                    i["numerator"].to_string(),
                    i["denominator"].to_string(),
                ));
            }
        }
        let got: Vec<_> = rows
            .iter()
            .map(|r| (r[1].clone(), r[4].clone(), r[6].clone(), r[7].clone()))
            .collect();
        assert_eq!(got, expected);
    }

    async fn random_events_keep_the_incremental_counters_equal_to_a_rebuild(app) {
        let admin = app.login("admin", DEMO_PASSWORD).await;
        let mut conn = connect(&app);
        assert!(coverage::rebuild(&mut conn, false).unwrap().is_empty(), "after the demo seed");
        for seed in [7_u64, 2026] {
            random_events(&app, &admin, &mut conn, seed).await;
        }
        // And the API's province figures are the raw ones.
        let body = report(&admin, "AG").await;
        let (reached, enrolled) = raw_reached(&mut conn, "AG");
        let students = indicator(&body["indicators"], "students_reached");
        assert_eq!((students["numerator"].as_i64(), students["denominator"].as_i64()),
            (Some(reached), Some(enrolled)));
    }
}

/// A tiny deterministic generator (xorshift64*), so a failure names its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The schools of the demo province: (code, grades).
fn schools(conn: &mut DbConnection) -> Vec<(String, std::ops::RangeInclusive<i32>)> {
    use hocdvc::schema::units;
    let codes: Vec<String> = units::table
        .filter(units::kind.eq("school"))
        .order(units::code.asc())
        .select(units::code)
        .load(conn)
        .unwrap();
    codes
        .into_iter()
        .map(|c| {
            let grades = if c.ends_with("THCS") { 6..=9 } else { 10..=12 };
            (c, grades)
        })
        .collect()
}

fn user_id(conn: &mut DbConnection, username: &str) -> i32 {
    use hocdvc::schema::users;
    users::table
        .filter(users::username.eq(username))
        .select(users::id)
        .first(conn)
        .unwrap()
}

/// Where a student is now: (grade) of the open enrolment this year, if any.
fn current_grade(conn: &mut DbConnection, user: i32) -> Option<i32> {
    use hocdvc::schema::enrolments;
    enrolments::table
        .filter(enrolments::user_id.eq(user))
        .filter(enrolments::school_year.eq(current_year()))
        .filter(enrolments::ended_at.is_null())
        .select(enrolments::grade)
        .first(conn)
        .optional()
        .unwrap()
}

/// Learns every required lesson of `module`, passes its assessment, and records the
/// completion through the service (which moves the counters).
fn complete(conn: &mut DbConnection, user: i32, module: &str, attempt_number: i64) {
    let now = hocdvc::models::now();
    let at = now.format("%Y-%m-%d %H:%M:%S");
    let year = current_year();
    diesel::sql_query(format!(
        "INSERT INTO lesson_progress (user_id, lesson_id, completed_at) \
         SELECT {user}, id, '{at}' FROM lessons WHERE module_id = '{module}' AND required = TRUE \
         AND id NOT IN (SELECT lesson_id FROM lesson_progress WHERE user_id = {user})"
    ))
    .execute(conn)
    .unwrap();
    diesel::sql_query(format!(
        "INSERT INTO attempts (user_id, module_id, school_year, attempt_number, seed, state, \
         overdue_policy, started_at, deadline, finished_at, score, max_score, passed, needs_grading) \
         VALUES ({user}, '{module}', '{year}', {attempt_number}, 1, 'finished', 'autosubmit', \
         '{at}', '{at}', '{at}', 10, 10, TRUE, FALSE)"
    ))
    .execute(conn)
    .unwrap();
    hocdvc::services::completion::record_if_complete(conn, user, module, now).unwrap();
}

fn import(conn: &mut DbConnection, csv: &str) {
    import_roster(conn, hocdvc_api::RosterKind::Students, csv);
}

fn import_roster(conn: &mut DbConnection, kind: hocdvc_api::RosterKind, csv: &str) {
    use hocdvc::roster::table::ParseOptions;
    use hocdvc::services::roster_import::{self, RosterRequest};
    let now = hocdvc::models::now();
    roster_import::import(
        conn,
        &RosterRequest {
            kind,
            bytes: csv.as_bytes(),
            file_name: "ngau-nhien.csv".to_owned(),
            school_year: SchoolYear::containing(now.date()),
            dry_run: false,
            by: None,
            options: ParseOptions {
                today: now.date(),
                ..ParseOptions::default()
            },
        },
    )
    .unwrap_or_else(|e| panic!("import: {}\n{csv}", e.messages().join("\n")));
}

async fn random_events(
    app: &TestApp,
    admin: &hocdvc_tests::Session<'_>,
    conn: &mut DbConnection,
    seed: u64,
) {
    const STUDENTS: usize = 24;
    let mut rng = Rng(seed);
    let schools = schools(conn);
    let start = SchoolYear::containing(hocdvc::models::now().date()).start_year();
    let code = |n: usize| format!("NN{seed}X{n:03}");
    let mut attempt_number = 0;
    let year = hocdvc::services::training::year_of(hocdvc::models::now());
    let member = |n: usize| format!("TT{seed}X{n:03}");
    for step in 0..60 {
        let event = rng.below(14);
        let what = match event {
            // A roster (re-)import of some students: new ones are created, others move class,
            // school or grade band (the denominators move with them).
            0..=2 => {
                let mut csv =
                    String::from("Mã học sinh,Họ và tên,Ngày sinh,Giới tính,Lớp,Khối,Mã trường\n");
                let mut chosen = std::collections::BTreeSet::new();
                for _ in 0..1 + rng.below(8) {
                    let n = rng.below(STUDENTS);
                    if !chosen.insert(n) {
                        continue;
                    }
                    let (school, grades) = &schools[rng.below(schools.len())];
                    let grade = *grades.start() + rng.below(grades.clone().count()) as i32;
                    let section = 1 + rng.below(2);
                    let born = start - grade - 6;
                    csv.push_str(&format!(
                        "{},Học Sinh Ngẫu Nhiên,01/06/{born},Nam,{grade}A{section},{grade},{school}\n",
                        code(n)
                    ));
                }
                import(conn, &csv);
                format!("import\n{csv}")
            }
            // A completion: usually the student's own band's core module, sometimes the other
            // band's (which must not count).
            3..=5 => {
                let n = rng.below(STUDENTS);
                let username = code(n).to_lowercase();
                let exists = {
                    use hocdvc::schema::users;
                    users::table
                        .filter(users::username.eq(&username))
                        .count()
                        .get_result::<i64>(conn)
                        .unwrap()
                        > 0
                };
                if !exists {
                    continue;
                }
                let user = user_id(conn, &username);
                let Some(grade) = current_grade(conn, user) else {
                    continue;
                };
                let own = coverage::core_module(grade);
                let module = if rng.below(4) == 0 {
                    if own == "thpt-core" {
                        "thcs-core"
                    } else {
                        "thpt-core"
                    }
                } else {
                    own
                };
                attempt_number += 1;
                complete(conn, user, module, attempt_number);
                format!("completion {username} {module}")
            }
            // A family task, confirmed or rejected (and sometimes decided again).
            6..=7 => {
                let n = rng.below(STUDENTS);
                let username = code(n).to_lowercase();
                let found = {
                    use hocdvc::schema::users;
                    users::table
                        .filter(users::username.eq(&username))
                        .select(users::id)
                        .first::<i32>(conn)
                        .optional()
                        .unwrap()
                };
                let Some(user) = found else { continue };
                if current_grade(conn, user).is_none() {
                    continue;
                }
                let id = hocdvc::models::family_task::insert(
                    conn,
                    &hocdvc::models::family_task::NewFamilyTask {
                        user_id: user,
                        school_year: current_year(),
                        relation: "parent".to_owned(),
                        procedure_code: "vneid_activation".to_owned(),
                        outcome: "succeeded".to_owned(),
                        note: None,
                        recorded_at: hocdvc::models::now(),
                        status: "pending".to_owned(),
                    },
                )
                .unwrap();
                let decisions = 1 + rng.below(2);
                for _ in 0..decisions {
                    let status = if rng.below(3) == 0 {
                        "rejected"
                    } else {
                        "confirmed"
                    };
                    let response = admin
                        .post(
                            &format!("/api/family-tasks/{id}/review"),
                            &json!({"status": status}),
                        )
                        .await;
                    assert_eq!(response.status(), 200, "review {id}");
                }
                format!("family task {username}")
            }
            // A member roster (re-)import: new civil servants and team members, others moving
            // between agencies and the team or changing job group.
            10 => {
                let mut csv =
                    String::from("Mã cán bộ,Họ và tên,Mã đơn vị,Nhóm,Phụ trách đào tạo\n");
                let mut chosen = std::collections::BTreeSet::new();
                for _ in 0..1 + rng.below(5) {
                    let n = rng.below(STUDENTS);
                    if !chosen.insert(n) {
                        continue;
                    }
                    let (unit, group) = match rng.below(4) {
                        0 => ("AG-LX-TCNS", "Thành viên Tổ CNSCĐ"),
                        1 => ("AG-VPUB", "Lãnh đạo"),
                        2 => ("AG-VPUB", "Cán bộ vận hành hệ thống"),
                        _ => ("AG-VPUB-HCTC", "Công chức khác"),
                    };
                    csv.push_str(&format!(
                        "{},Cán Bộ Ngẫu Nhiên,{unit},{group},\n",
                        member(n)
                    ));
                }
                import_roster(conn, hocdvc_api::RosterKind::Members, &csv);
                format!("member import\n{csv}")
            }
            // A training completion by a member (or by someone the cycle asks nothing of).
            11 => {
                let username = if rng.below(3) == 0 {
                    ["vpub.vh02", "hctc.cc01", "tcns.tv02", "canbo"][rng.below(4)].to_owned()
                } else {
                    member(rng.below(STUDENTS)).to_lowercase()
                };
                let found = {
                    use hocdvc::schema::users;
                    users::table
                        .filter(users::username.eq(&username))
                        .select(users::id)
                        .first::<i32>(conn)
                        .optional()
                        .unwrap()
                };
                let Some(user) = found else { continue };
                let module =
                    ["can-bo-annual", "lanh-dao-nhan-thuc", "to-cnscd-annual"][rng.below(3)];
                attempt_number += 1;
                complete(conn, user, module, attempt_number);
                format!("training completion {username} {module}")
            }
            // A cycle opened or changed: which job groups must learn what.
            12 => {
                let unit = ["AG-VPUB", "AG-VPUB-HCTC", "AG-LX-TCNS", "AG"][rng.below(4)];
                let all = [
                    ("leader", "lanh-dao-nhan-thuc", "awareness"),
                    ("operator", "can-bo-annual", "training"),
                    ("other_civil_servant", "can-bo-annual", "training"),
                    ("community_team", "to-cnscd-annual", "training"),
                    ("operator", "lanh-dao-nhan-thuc", "awareness"),
                ];
                let mut modules: Vec<Value> = all
                    .iter()
                    .filter(|_| rng.below(2) == 0)
                    .map(|(g, m, t)| json!({"job_group": g, "module_id": m, "track": t}))
                    .collect();
                if modules.is_empty() {
                    modules.push(json!({"job_group": "operator", "module_id": "can-bo-annual", "track": "training"}));
                }
                let response = admin
                    .send(
                        reqwest::Method::PUT,
                        &format!("/api/training/cycles/{unit}/{year}"),
                        Some(&json!({"due_on": format!("{year}-12-31"), "modules": modules})),
                    )
                    .await;
                assert_eq!(response.status(), 200, "cycle on {unit}");
                format!("cycle on {unit}: {modules:?}")
            }
            // A school moved to another commune, with its classes and students. (A class unit
            // moved to another school keeps its code, which a later import of that class name
            // into the old school would collide with: students change class by re-import.)
            _ => {
                use hocdvc::schema::units;
                let kind = "school";
                let candidates: Vec<hocdvc::models::unit::Unit> = units::table
                    .filter(units::kind.eq(kind))
                    .order(units::code.asc())
                    .select(hocdvc::models::unit::Unit::as_select())
                    .load(conn)
                    .unwrap();
                let parents: Vec<hocdvc::models::unit::Unit> = units::table
                    .filter(units::kind.eq("commune"))
                    .order(units::code.asc())
                    .select(hocdvc::models::unit::Unit::as_select())
                    .load(conn)
                    .unwrap();
                let target = &candidates[rng.below(candidates.len())];
                let parent = &parents[rng.below(parents.len())];
                hocdvc::services::units::update(
                    conn,
                    target,
                    None,
                    Some(parent),
                    hocdvc::models::now(),
                )
                .unwrap_or_else(|e| panic!("move {} under {}: {e:?}", target.code, parent.code));
                format!("move {} under {}", target.code, parent.code)
            }
        };
        let differences = coverage::rebuild(conn, false).unwrap();
        assert!(
            differences.is_empty(),
            "seed {seed}, step {step} ({what}): {}",
            differences
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
    let _ = app;
}

on_both_backends_demo! {
    async fn a_teacher_sees_their_class_a_school_admin_their_school_and_nothing_above(app) {
        let teacher = app.login("gv.thpt", DEMO_PASSWORD).await;
        let home: Value = teacher.get("/api/coverage").await.json().await.unwrap();
        assert_eq!(home["unit"]["code"], class_code("10A1"));
        assert_eq!(home["path"].as_array().unwrap().len(), 1, "the breadcrumb starts at their class");
        assert_eq!(teacher.get("/api/coverage/AG-LX-THPT").await.status(), 403);
        assert_eq!(teacher.get("/api/coverage/AG").await.status(), 403);
        let admin = app.login("qt.thpt", DEMO_PASSWORD).await;
        assert_eq!(admin.get("/api/coverage/AG-LX-THPT").await.status(), 200);
        assert_eq!(admin.get(&format!("/api/coverage/{}", class_code("10A1"))).await.status(), 200);
        assert_eq!(admin.get("/api/coverage/AG").await.status(), 403);
        let student = app.login("hs.thpt", DEMO_PASSWORD).await;
        assert_eq!(student.get("/api/coverage").await.status(), 403);
        assert_eq!(student.get(&format!("/api/coverage/{}.csv", class_code("10A1"))).await.status(), 403);
        let viewer = app.login("sogddt", DEMO_PASSWORD).await;
        assert_eq!(viewer.get("/api/coverage/KHONG-CO").await.status(), 404);
    }

    async fn a_school_year_that_is_not_one_is_refused_in_vietnamese(app) {
        let viewer = app.login("sogddt", DEMO_PASSWORD).await;
        let response = viewer.get("/api/coverage/AG?year=2025").await;
        assert_eq!(response.status(), 422);
        let body: Value = response.json().await.unwrap();
        assert!(body["message"].as_str().unwrap().contains("Năm học"), "{body}");
        let other: Value = viewer.get("/api/coverage/AG?year=2029-2030").await.json().await.unwrap();
        assert_eq!(indicator(&other["indicators"], "students_reached")["target"], 100.0);
        assert_eq!(indicator(&other["indicators"], "students_reached")["denominator"], 0);
    }

    async fn targets_are_data_an_admin_changes_and_bad_rows_are_refused_with_their_line(app) {
        let admin = app.login("admin", DEMO_PASSWORD).await;
        let before: Value = admin.get("/api/coverage-targets").await.json().await.unwrap();
        assert_eq!(before["targets"].as_array().unwrap().len(), 6);
        assert_eq!(before["red_below"], 50.0);
        let bad = admin
            .put(
                "/api/coverage-targets",
                &json!({"targets": [
                    {"indicator": "students_reached", "period": current_year(), "target": 90.0},
                    {"indicator": "students_reached", "period": "2030", "target": 150.0}
                ], "red_below": 50.0}),
            )
            .await;
        assert_eq!(bad.status(), 422);
        let body: Value = bad.json().await.unwrap();
        assert_eq!(body["details"][0]["line"], 2, "{body}");
        assert!(body["details"][0]["message"].as_str().unwrap().contains("từ 0 đến 100"), "{body}");
        let unchanged: Value = admin.get("/api/coverage-targets").await.json().await.unwrap();
        assert_eq!(unchanged, before, "nothing half-written");
        // Nobody on the roster has been reached, so a zero target is green and 0% red.
        let ok = admin
            .put(
                "/api/coverage-targets",
                &json!({"targets": [{"indicator": "students_reached", "period": current_year(), "target": 0.0}], "red_below": 0.0}),
            )
            .await;
        assert_eq!(ok.status(), 200);
        let viewer = app.login("sogddt", DEMO_PASSWORD).await;
        let body = report(&viewer, "AG").await;
        let students = indicator(&body["indicators"], "students_reached");
        assert_eq!(students["target"], 0.0);
        assert_eq!(students["status"], "green");
        assert_eq!(viewer.put("/api/coverage-targets", &json!({"targets": [], "red_below": 50.0})).await.status(), 403);
    }

    async fn coverage_rebuild_check_fails_with_a_readable_difference_until_a_rebuild_fixes_it(app) {
        let hocdvc = || {
            let mut command = Command::new(binary());
            command
                .env("HOCDVC_DATA_DIR", app.database.data_dir.path())
                .env("HOCDVC_LOG", "warn")
                .env_remove("HOCDVC_CONFIG")
                .env_remove("HOCDVC_DATABASE_URL");
            match app.database.database_url() {
                Some(url) => command.env("DATABASE_URL", url),
                None => command.env_remove("DATABASE_URL"),
            };
            command
        };
        let ok = hocdvc().args(["coverage", "rebuild", "--check"]).output().unwrap();
        assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
        assert!(String::from_utf8_lossy(&ok.stdout).contains("khớp"));
        let mut conn = connect(&app);
        diesel::sql_query(
            "UPDATE coverage_counts SET numerator = numerator + 5 \
             WHERE unit_id = (SELECT id FROM units WHERE code = 'AG') AND indicator = 'students_reached'",
        )
        .execute(&mut conn)
        .unwrap();
        let drift = hocdvc().args(["coverage", "rebuild", "--check"]).output().unwrap();
        assert!(!drift.status.success());
        let out = String::from_utf8_lossy(&drift.stdout);
        assert!(out.contains(" AG students_reached khối "), "{out}");
        assert!(out.contains("bộ đếm 5/"), "{out}");
        let fix = hocdvc().args(["coverage", "rebuild"]).output().unwrap();
        assert!(fix.status.success());
        let again = hocdvc().args(["coverage", "rebuild", "--check"]).output().unwrap();
        assert!(again.status.success(), "{}", String::from_utf8_lossy(&again.stdout));
    }
}
