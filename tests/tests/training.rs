//! Annual training through the API (issue 9): the agency member roster (bad rows refused whole
//! with their line and column, UTF-8, UTF-16 and Windows-1258, dry run), training cycles by
//! job group with a due date, each learner's status, the agency report with its CSV and the
//! overdue list, reminders with an e-mail text, the training officer's reach, the demo agency,
//! and a completion expiring when the clock moves to the next year — each on SQLite and on
//! PostgreSQL, with the demo province and the shipped curriculum.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: fail loudly.

use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;
use hocdvc::db::{DbConnection, Location};
use hocdvc::schema::modules;
use hocdvc_tests::{Backend, DEMO_PASSWORD, Session, TestApp, on_both_backends_curriculum};
use reqwest::Method;
use serde_json::{Value, json};
use unicode_normalization::UnicodeNormalization;

const HEADER: &str = "Mã cán bộ,Họ và tên,Mã đơn vị,Nhóm,Phụ trách đào tạo\n";
const AGENCY: &str = "AG-STP";
const DEEP: &str = "can-bo-annual";
const AWARENESS: &str = "lanh-dao-nhan-thuc";
const PASSWORD: &str = "Hoa-sen-2026";

fn db(app: &TestApp) -> DbConnection {
    Location::from_settings(&app.database.settings())
        .unwrap()
        .connect()
        .unwrap()
}

/// The calendar year of the server clock (Vietnam time), with the clock moved by `offset`.
fn year_with(offset_seconds: i64) -> i32 {
    hocdvc::services::training::year_of(
        chrono::Utc::now().naive_utc() + chrono::Duration::seconds(offset_seconds),
    )
}

fn this_year() -> i32 {
    year_with(0)
}

/// Four members of Sở Tư pháp: a leader, two system operators (the first also the training
/// officer) and another civil servant.
fn roster() -> String {
    format!(
        "{HEADER}STP.LD01,Trần Quốc Hưng,AG-STP,Lãnh đạo,\n\
         STP.VH01,Lê Thị Mai,AG-STP,Cán bộ vận hành hệ thống,x\n\
         STP.VH02,Phạm Minh Tuấn,AG-STP,can bo van hanh he thong,\n\
         STP.CC01,Võ Thị Hồng,AG-STP,Công chức khác,\n"
    )
}

async fn create_agency(admin: &Session<'_>) {
    let created = admin
        .post(
            "/api/units",
            &json!({"code": AGENCY, "name": "Sở Tư pháp", "kind": "agency", "parent_code": "AG"}),
        )
        .await;
    assert_eq!(created.status(), 201);
}

async fn import(session: &Session<'_>, bytes: Vec<u8>, dry_run: bool) -> (u16, Value) {
    let response = session
        .upload(
            &format!("/api/imports?kind=members&dry_run={dry_run}"),
            "Danh sách cán bộ Sở Tư pháp.csv",
            bytes,
        )
        .await;
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

async fn open_cycle(session: &Session<'_>, unit: &str, year: i32, due_on: &str) -> (u16, Value) {
    let body = json!({
        "due_on": due_on,
        "modules": [
            {"job_group": "leader", "module_id": AWARENESS, "track": "awareness"},
            {"job_group": "operator", "module_id": DEEP, "track": "training"},
            {"job_group": "other_civil_servant", "module_id": DEEP, "track": "training"},
        ]
    });
    let response = session
        .send(
            Method::PUT,
            &format!("/api/training/cycles/{unit}/{year}"),
            Some(&body),
        )
        .await;
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

/// Activates a member with the code on the agency's activation sheet and signs in.
async fn activate<'a>(app: &'a TestApp, admin: &Session<'_>, username: &str) -> Session<'a> {
    let sheet: Value = admin
        .get(&format!("/api/units/{AGENCY}/activation-sheet"))
        .await
        .json()
        .await
        .unwrap();
    let entry = sheet["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["username"] == username)
        .unwrap_or_else(|| panic!("{username} on the sheet: {sheet}"));
    let code = entry["activation_code"].as_str().unwrap();
    let activated = app
        .post_json(
            "/api/auth/activate",
            &json!({"username": username, "activation_code": code, "new_password": PASSWORD}),
        )
        .await;
    assert_eq!(activated.status(), 200);
    app.login(username, PASSWORD).await
}

/// Sets one field of the module's assessment settings.
fn set_assessment(app: &TestApp, module: &str, field: &str, value: Value) {
    let mut conn = db(app);
    let stored: String = modules::table
        .find(module)
        .select(modules::assessment)
        .first(&mut conn)
        .unwrap();
    let mut settings: Value = serde_json::from_str(&stored).unwrap();
    settings[field] = value;
    diesel::update(modules::table.find(module))
        .set(modules::assessment.eq(settings.to_string()))
        .execute(&mut conn)
        .unwrap();
}

/// Lets any answer pass the module's assessment (the shipped bank's answers are not what is
/// tested here).
fn pass_anything(app: &TestApp, module: &str) {
    set_assessment(app, module, "pass_percent", json!(0));
}

async fn learn_one_lesson(session: &Session<'_>, module: &str) {
    let detail: Value = session
        .get(&format!("/api/modules/{module}"))
        .await
        .json()
        .await
        .unwrap();
    let id = detail["lessons"][0]["id"].as_str().unwrap();
    let done = session
        .post(&format!("/api/lessons/{id}/done"), &json!({}))
        .await;
    assert_eq!(done.status(), 200);
}

/// Every lesson learned and the assessment passed.
async fn complete(app: &TestApp, session: &Session<'_>, module: &str) {
    pass_anything(app, module);
    let detail: Value = session
        .get(&format!("/api/modules/{module}"))
        .await
        .json()
        .await
        .unwrap();
    for lesson in detail["lessons"].as_array().unwrap() {
        let id = lesson["id"].as_str().unwrap();
        let done = session
            .post(&format!("/api/lessons/{id}/done"), &json!({}))
            .await;
        assert_eq!(done.status(), 200);
    }
    let started = session
        .post(&format!("/api/modules/{module}/attempts"), &json!({}))
        .await;
    assert!(started.status().is_success());
    let started: Value = started.json().await.unwrap();
    let attempt = started["attempt_id"].as_i64().unwrap();
    let submitted = session
        .post(&format!("/api/attempts/{attempt}/submit"), &json!({}))
        .await;
    assert_eq!(submitted.status(), 200);
    let result: Value = submitted.json().await.unwrap();
    assert_eq!(result["passed"], true, "{result}");
}

async fn mine(session: &Session<'_>) -> Value {
    let response = session.get("/api/me/training").await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn report(session: &Session<'_>, unit: &str, year: i32) -> Value {
    let response = session
        .get(&format!("/api/training/report/{unit}?year={year}"))
        .await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

/// Civil servants trained on a unit's coverage dashboard: (numerator, denominator, value,
/// target, period).
async fn trained(session: &Session<'_>, unit: &str) -> (i64, i64, f64, f64, String) {
    let response = session.get(&format!("/api/coverage/{unit}")).await;
    assert_eq!(response.status(), 200);
    let report: Value = response.json().await.unwrap();
    let i = report["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "civil_servants_trained")
        .unwrap_or_else(|| panic!("no civil_servants_trained in {report}"));
    (
        i["numerator"].as_i64().unwrap(),
        i["denominator"].as_i64().unwrap(),
        i["value"].as_f64().unwrap(),
        i["target"].as_f64().unwrap(),
        i["period"].as_str().unwrap().to_owned(),
    )
}

/// (enrolled, completed, overdue, percent) of one report row.
fn row(report: &Value, unit: &str, group: &str, track: &str) -> (u64, u64, u64, f64) {
    let row = report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["unit_code"] == unit && r["job_group"] == group && r["track"] == track)
        .unwrap_or_else(|| panic!("no row {unit}/{group}/{track} in {report}"));
    assert_eq!(row["target_percent"], 100.0);
    (
        row["enrolled"].as_u64().unwrap(),
        row["completed"].as_u64().unwrap(),
        row["overdue"].as_u64().unwrap(),
        row["percent"].as_f64().unwrap(),
    )
}

fn utf16(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    bytes
}

/// Legacy Vietnamese Windows (code page 1258): the letters with circumflex, breve, horn and đ
/// have their own byte; the five tone marks are separate combining bytes.
fn windows_1258(text: &str) -> Vec<u8> {
    let own = |c: char| -> Option<u8> {
        Some(match c {
            'â' => 0xE2,
            'Â' => 0xC2,
            'ê' => 0xEA,
            'Ê' => 0xCA,
            'ô' => 0xF4,
            'Ô' => 0xD4,
            'ă' => 0xE3,
            'Ă' => 0xC3,
            'ơ' => 0xF5,
            'Ơ' => 0xD5,
            'ư' => 0xFD,
            'Ư' => 0xDD,
            'đ' => 0xF0,
            'Đ' => 0xD0,
            '\u{300}' => 0xCC,
            '\u{301}' => 0xEC,
            '\u{303}' => 0xDE,
            '\u{309}' => 0xD2,
            '\u{323}' => 0xF2,
            c if c.is_ascii() => c as u8,
            _ => return None,
        })
    };
    let tones = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let mut bytes = Vec::new();
    for c in text.chars() {
        let nfd: String = c.to_string().nfd().collect();
        let base: String = nfd
            .chars()
            .filter(|m| !tones.contains(m))
            .collect::<String>()
            .nfc()
            .collect();
        for part in base
            .chars()
            .chain(nfd.chars().filter(|m| tones.contains(m)))
        {
            bytes.push(own(part).unwrap_or_else(|| panic!("not in Windows-1258: {part}")));
        }
    }
    bytes
}

on_both_backends_curriculum! {
    async fn a_member_roster_with_bad_rows_is_refused_whole_naming_each_line_and_column(app) {
        let admin = app.login("admin", DEMO_PASSWORD).await;
        create_agency(&admin).await;
        let file = format!(
            "{HEADER}STP.LD01,Trần Quốc Hưng,AG-STP,Lãnh đạo,\n\
             STP.VH01,Lê Thị Mai,AG-STP,Giám đốc,\n\
             STP.VH02,Phạm Minh Tuấn,AG-LX-THPT,Công chức khác,\n\
             STP.CC01,Võ Thị Hồng,AG-KHONG-CO,Công chức khác,\n\
             stp.ld01,Trần Văn Hai,AG-STP,Lãnh đạo,\n"
        );
        let (status, body) = import(&admin, file.into_bytes(), false).await;
        assert_eq!(status, 422, "{body}");
        let found: Vec<(u64, String)> = body["details"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| (d["line"].as_u64().unwrap(), d["column"].as_str().unwrap().to_owned()))
            .collect();
        assert_eq!(
            found,
            [
                (3, "Nhóm".to_owned()),
                (4, "Mã đơn vị".to_owned()),
                (5, "Mã đơn vị".to_owned()),
                (6, "Mã cán bộ".to_owned()),
            ]
        );
        let messages: Vec<&str> = body["details"].as_array().unwrap().iter().map(|d| d["message"].as_str().unwrap()).collect();
        assert_eq!(messages[1], "Đơn vị AG-LX-THPT không phải là cơ quan hay tổ công nghệ số cộng đồng");
        assert_eq!(messages[2], "Không tìm thấy cơ quan hay tổ có mã AG-KHONG-CO");
        // All or nothing: not even the good first row was written.
        let sheet: Value = admin.get(&format!("/api/units/{AGENCY}/activation-sheet")).await.json().await.unwrap();
        assert_eq!(sheet["entries"].as_array().unwrap().len(), 0);

        // Someone without the training permission may not import members at all.
        let school_admin = app.login("qt.thpt", DEMO_PASSWORD).await;
        let (status, _) = import(&school_admin, roster().into_bytes(), true).await;
        assert_eq!(status, 403);
    }

    async fn a_member_roster_is_checked_by_a_dry_run_then_read_from_utf16_and_windows_1258(app) {
        let admin = app.login("admin", DEMO_PASSWORD).await;
        create_agency(&admin).await;
        let (status, dry) = import(&admin, roster().into_bytes(), true).await;
        assert_eq!(status, 200, "{dry}");
        assert_eq!((dry["created"].as_u64(), dry["id"].is_null()), (Some(4), true));
        let sheet: Value = admin.get(&format!("/api/units/{AGENCY}/activation-sheet")).await.json().await.unwrap();
        assert_eq!(sheet["entries"].as_array().unwrap().len(), 0, "a dry run writes nothing");

        let tsv = roster().replace(',', "\t");
        let (status, summary) = import(&admin, utf16(&tsv), false).await;
        assert_eq!(status, 200, "{summary}");
        assert_eq!(summary["created"], 4);
        assert_eq!(summary["kind"], "members");
        assert_eq!(summary["format"], "UTF-16 LE, dấu tab");
        let sheet: Value = admin.get(&format!("/api/units/{AGENCY}/activation-sheet")).await.json().await.unwrap();
        let names: Vec<&str> = sheet["entries"].as_array().unwrap().iter().map(|e| e["full_name"].as_str().unwrap()).collect();
        assert!(names.contains(&"Phạm Minh Tuấn"), "{names:?}");

        // The same people again, from legacy Windows: nothing changes.
        let legacy = roster().replace(',', ";");
        let (status, again) = import(&admin, windows_1258(&legacy), false).await;
        assert_eq!(status, 200, "{again}");
        assert_eq!((again["created"].as_u64(), again["unchanged"].as_u64()), (Some(0), Some(4)));

        // A member signs in as a civil servant of the agency.
        let member = activate(&app, &admin, "stp.cc01").await;
        let me: Value = member.get("/api/me").await.json().await.unwrap();
        let roles: Vec<(String, String)> = me["user"]["roles"].as_array().unwrap().iter()
            .map(|g| (g["role"].as_str().unwrap().to_owned(), g["unit_code"].as_str().unwrap().to_owned()))
            .collect();
        assert_eq!(roles, [("civil_servant".to_owned(), AGENCY.to_owned())]);
        assert_eq!(member.get("/api/imports").await.status(), 200);
    }

    async fn statuses_follow_the_cycle_and_the_report_counts_each_agency_job_group_and_track(app) {
        let year = this_year();
        let admin = app.login("admin", DEMO_PASSWORD).await;
        create_agency(&admin).await;
        assert_eq!(import(&admin, roster().into_bytes(), false).await.0, 200);
        let operator = activate(&app, &admin, "stp.vh02").await;
        let before = mine(&operator).await;
        assert_eq!((before["member"].as_bool(), before["status"].clone()), (Some(true), Value::Null), "no cycle yet");

        // A due date outside the cycle's year is refused in Vietnamese.
        let (status, body) = open_cycle(&admin, AGENCY, year, &format!("{}-01-15", year + 1)).await;
        assert_eq!(status, 422);
        assert_eq!(body["message"], format!("Hạn hoàn thành 15/01/{} phải nằm trong năm {year} của chu kỳ.", year + 1));
        let (status, cycle) = open_cycle(&admin, AGENCY, year, &format!("{year}-12-31")).await;
        assert_eq!(status, 200, "{cycle}");
        assert_eq!(cycle["modules"].as_array().unwrap().len(), 3);

        let status_of = |m: &Value| m["status"].as_str().unwrap().to_owned();
        assert_eq!(status_of(&mine(&operator).await), "not_started");
        learn_one_lesson(&operator, DEEP).await;
        let started = mine(&operator).await;
        assert_eq!(status_of(&started), "in_progress");
        assert_eq!(started["job_group"], "operator");
        assert_eq!(started["modules"][0]["module_id"], DEEP);
        assert_eq!(started["due_on"], format!("{year}-12-31"));

        let first = report(&admin, AGENCY, year).await;
        assert_eq!(row(&first, AGENCY, "operator", "training"), (2, 0, 0, 0.0));
        assert_eq!(row(&first, AGENCY, "leader", "awareness"), (1, 0, 0, 0.0));
        assert_eq!(row(&first, AGENCY, "other_civil_servant", "training"), (1, 0, 0, 0.0));

        complete(&app, &operator, DEEP).await;
        let done = mine(&operator).await;
        assert_eq!(status_of(&done), "completed");
        assert!(done["modules"][0]["completed_on"].is_string());
        let leader = activate(&app, &admin, "stp.ld01").await;
        complete(&app, &leader, AWARENESS).await;

        let after = report(&admin, AGENCY, year).await;
        assert_eq!(row(&after, AGENCY, "operator", "training"), (2, 1, 0, 50.0));
        assert_eq!(row(&after, AGENCY, "leader", "awareness"), (1, 1, 0, 100.0), "awareness counts apart");
        assert!(after["overdue"].as_array().unwrap().is_empty());

        // The coverage dashboard counts the same people: the operator and the leader trained,
        // of the four civil servants on the roster, against the yearly 100% target; and the
        // incremental counters equal a rebuild from raw rows.
        assert_eq!(trained(&admin, AGENCY).await, (2, 4, 50.0, 100.0, year.to_string()));
        // The province adds the demo's eight civil servants, four of them trained.
        assert_eq!(trained(&admin, "AG").await, (2 + 4, 4 + 8, 50.0, 100.0, year.to_string()));
        assert!(hocdvc::services::coverage::rebuild(&mut db(&app), false).unwrap().is_empty());

        // Each completion carries an annual-training certificate that lapses with the year.
        let certificates: Value = operator.get("/api/me/certificates").await.json().await.unwrap();
        let annual: Vec<&Value> = certificates.as_array().unwrap().iter().filter(|c| c["facts"]["kind"] == "annual_training").collect();
        assert_eq!(annual.len(), 1, "{certificates}");
        assert_eq!(annual[0]["facts"]["expires_on"], format!("{year}-12-31"));
        assert_eq!(annual[0]["period"], year.to_string());
        let code = annual[0]["facts"]["verify_code"].as_str().unwrap();
        let verified: Value = app.get(&format!("/api/verify/{code}")).await.json().await.unwrap();
        assert_eq!(verified["status"], "valid", "{verified}");
        assert_eq!(verified["learner_name"], "Phạm Minh Tuấn", "{verified}");
        assert_eq!(verified["unit_name"], "Sở Tư pháp", "{verified}");

        // CSV: UTF-8 with BOM, Vietnamese headers, one line per row.
        let csv = admin.get(&format!("/api/training/report/{AGENCY}.csv?year={year}")).await;
        assert_eq!(csv.status(), 200);
        assert!(csv.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
        let bytes = csv.bytes().await.unwrap();
        assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "Mã đơn vị,Tên đơn vị,Nhóm,Nội dung,Số người phải học,Đã hoàn thành,Quá hạn,Tỉ lệ hoàn thành (%),Chỉ tiêu (%),Năm");
        assert!(lines.contains(&format!("AG-STP,Sở Tư pháp,Cán bộ vận hành hệ thống,Bồi dưỡng,2,1,0,50.0,100,{year}").as_str()), "{text}");
        assert!(lines.contains(&format!("AG-STP,Sở Tư pháp,Lãnh đạo,Phổ biến (nắm thông tin),1,1,0,100.0,100,{year}").as_str()), "{text}");

        // Reminders: those still to finish, due within the window, with an e-mail text.
        let today = hocdvc::services::training::date_of(chrono::Utc::now().naive_utc());
        let days = (NaiveDate::from_ymd_opt(year, 12, 31).unwrap() - today).num_days();
        let reminders: Value = admin.get(&format!("/api/training/reminders/{AGENCY}?year={year}&days={days}")).await.json().await.unwrap();
        let names: Vec<&str> = reminders["learners"].as_array().unwrap().iter().map(|l| l["username"].as_str().unwrap()).collect();
        assert_eq!(names.len(), 2, "{reminders}");
        assert!(names.contains(&"stp.vh01") && names.contains(&"stp.cc01"), "{names:?}");
        let email = reminders["email_text"].as_str().unwrap();
        assert!(email.contains("Võ Thị Hồng (Công chức khác, Sở Tư pháp): hạn 31/12/"), "{email}");
        if days > 0 {
            let none: Value = admin.get(&format!("/api/training/reminders/{AGENCY}?year={year}&days={}", days - 1)).await.json().await.unwrap();
            assert!(none["learners"].as_array().unwrap().is_empty(), "not due within the window");
        }
        let csv = admin.get(&format!("/api/training/reminders/{AGENCY}.csv?year={year}&days={days}")).await;
        let bytes = csv.bytes().await.unwrap();
        assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
        assert!(String::from_utf8(bytes[3..].to_vec()).unwrap().starts_with("Tên đăng nhập,Họ và tên,Mã đơn vị,Tên đơn vị,Nhóm,Trạng thái,Hạn hoàn thành,Học phần chưa hoàn thành"));

        // Past the due date (the cycle moved to 1 January), those not done are overdue.
        if today > NaiveDate::from_ymd_opt(year, 1, 1).unwrap() {
            assert_eq!(open_cycle(&admin, AGENCY, year, &format!("{year}-01-01")).await.0, 200);
            let late = report(&admin, AGENCY, year).await;
            assert_eq!(row(&late, AGENCY, "operator", "training"), (2, 1, 1, 50.0));
            assert_eq!(row(&late, AGENCY, "other_civil_servant", "training"), (1, 0, 1, 0.0));
            let overdue: Vec<&str> = late["overdue"].as_array().unwrap().iter().map(|l| l["username"].as_str().unwrap()).collect();
            assert_eq!(overdue.len(), 2, "{late}");
            assert!(overdue.contains(&"stp.vh01") && overdue.contains(&"stp.cc01"));
            assert_eq!(status_of(&mine(&operator).await), "completed", "a completion stays completed");
        }
    }

    async fn the_training_officer_runs_their_own_agency_only(app) {
        let year = this_year();
        let admin = app.login("admin", DEMO_PASSWORD).await;
        create_agency(&admin).await;
        assert_eq!(import(&admin, roster().into_bytes(), false).await.0, 200);
        let officer = activate(&app, &admin, "stp.vh01").await;
        assert_eq!(open_cycle(&officer, AGENCY, year, &format!("{year}-12-31")).await.0, 200);
        assert_eq!(officer.get(&format!("/api/training/report/{AGENCY}?year={year}")).await.status(), 200);
        assert_eq!(officer.get(&format!("/api/training/cycles/{AGENCY}/{year}")).await.status(), 200);
        assert_eq!(officer.get(&format!("/api/training/report/AG-VPUB?year={year}")).await.status(), 404);
        assert_eq!(open_cycle(&officer, "AG-VPUB", year, &format!("{year}-12-31")).await.0, 404);
        // Their own agency's roster, not another's.
        let other = format!("{HEADER}VP.X01,Lê Văn Minh,AG-VPUB,Lãnh đạo,\n");
        let (status, body) = import(&officer, other.into_bytes(), true).await;
        assert_eq!(status, 422);
        assert_eq!(body["details"][0]["message"], "Không tìm thấy cơ quan hay tổ có mã AG-VPUB");
        let (status, _) = import(&officer, roster().into_bytes(), true).await;
        assert_eq!(status, 200);
        // A plain member reads no report.
        let member = activate(&app, &admin, "stp.cc01").await;
        assert_eq!(member.get(&format!("/api/training/report/{AGENCY}?year={year}")).await.status(), 403);
        let canbo = app.login("canbo", DEMO_PASSWORD).await;
        assert_eq!(canbo.get(&format!("/api/training/report/{AGENCY}?year={year}")).await.status(), 404);
        assert_eq!(canbo.get("/api/training/report/AG-VPUB").await.status(), 403);
    }

    async fn the_demo_agency_has_canbo_due_and_colleagues_at_every_status(app) {
        let year = this_year();
        let canbo = app.login("canbo", DEMO_PASSWORD).await;
        let mine = mine(&canbo).await;
        assert_eq!(mine["status"], "not_started", "{mine}");
        assert_eq!(mine["job_group"], "operator");
        assert_eq!(mine["modules"][0]["module_id"], DEEP);
        let admin = app.login("admin", DEMO_PASSWORD).await;
        let demo = report(&admin, "AG-VPUB", year).await;
        assert_eq!(row(&demo, "AG-VPUB", "operator", "training"), (3, 1, 0, 33.3));
        assert_eq!(row(&demo, "AG-VPUB", "other_civil_servant", "training"), (1, 1, 0, 100.0));
        assert_eq!(row(&demo, "AG-VPUB", "leader", "awareness"), (1, 1, 0, 100.0));
        let today = hocdvc::services::training::date_of(chrono::Utc::now().naive_utc());
        if today.ordinal() > 8 {
            assert_eq!(row(&demo, "AG-VPUB-HCTC", "other_civil_servant", "training"), (2, 0, 2, 0.0));
            assert_eq!(demo["overdue"].as_array().unwrap().len(), 2);
        }
        let team = report(&admin, "AG-LX-TCNS", year).await;
        assert_eq!(row(&team, "AG-LX-TCNS", "community_team", "training"), (2, 1, 0, 50.0));
        // The coverage dashboard shows the same figures for the year.
        assert_eq!(trained(&admin, "AG-VPUB").await, (4, 8, 50.0, 100.0, year.to_string()));
        let dashboard: Value = admin.get("/api/coverage/AG-LX-TCNS").await.json().await.unwrap();
        let team_rate = dashboard["indicators"].as_array().unwrap().iter().find(|i| i["id"] == "team_members_trained").unwrap();
        assert_eq!((team_rate["numerator"].as_i64(), team_rate["denominator"].as_i64()), (Some(1), Some(2)));
        assert!(hocdvc::services::coverage::rebuild(&mut db(&app), false).unwrap().is_empty());
    }
}

/// A completion counts for its calendar year only: with the clock moved to the next year the
/// learner is due again once that year's cycle opens, and last year's report keeps its figure.
async fn a_completion_expires_with_its_year(backend: Backend) {
    let app = TestApp::spawn_process(backend, true).await;
    let year = this_year();
    {
        let admin = app.login("admin", DEMO_PASSWORD).await;
        create_agency(&admin).await;
        assert_eq!(import(&admin, roster().into_bytes(), false).await.0, 200);
        assert_eq!(
            open_cycle(&admin, AGENCY, year, &format!("{year}-12-31"))
                .await
                .0,
            200
        );
        let operator = activate(&app, &admin, "stp.vh02").await;
        // One attempt a period: for a civil servant the period is the calendar year.
        set_assessment(&app, DEEP, "max_attempts", json!(1));
        complete(&app, &operator, DEEP).await;
        assert_eq!(mine(&operator).await["status"], "completed");
        assert_eq!(trained(&admin, AGENCY).await.0, 1);
    }
    // 15 January of next year, Vietnam time.
    let target = NaiveDate::from_ymd_opt(year + 1, 1, 15)
        .unwrap()
        .and_hms_opt(3, 0, 0)
        .unwrap();
    let offset = (target - chrono::Utc::now().naive_utc()).num_seconds();
    app.restart(offset).await;
    assert_eq!(year_with(offset), year + 1);
    let admin = app.login("admin", DEMO_PASSWORD).await;
    let operator = app.login("stp.vh02", PASSWORD).await;
    let waiting = mine(&operator).await;
    assert_eq!(
        (waiting["year"].as_i64(), waiting["status"].clone()),
        (Some(i64::from(year + 1)), Value::Null)
    );
    assert_eq!(
        open_cycle(&admin, AGENCY, year + 1, &format!("{}-06-30", year + 1))
            .await
            .0,
        200
    );
    let due_again = mine(&operator).await;
    assert_eq!(due_again["status"], "not_started", "{due_again}");
    // The dashboard counts the new year from zero; last year's certificate has lapsed.
    assert_eq!(
        trained(&admin, AGENCY).await,
        (0, 4, 0.0, 100.0, (year + 1).to_string())
    );
    let certificates: Value = operator
        .get("/api/me/certificates")
        .await
        .json()
        .await
        .unwrap();
    let lapsed = certificates
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["facts"]["kind"] == "annual_training")
        .unwrap();
    let verified: Value = app
        .get(&format!(
            "/api/verify/{}",
            lapsed["facts"]["verify_code"].as_str().unwrap()
        ))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(verified["status"], "expired", "{verified}");
    // Last year's attempt does not use up this year's: the module is completed again.
    complete(&app, &operator, DEEP).await;
    assert_eq!(mine(&operator).await["status"], "completed");
    assert_eq!(trained(&admin, AGENCY).await.0, 1);
    let differences = hocdvc::services::coverage::rebuild(&mut db(&app), false).unwrap();
    assert!(differences.is_empty(), "{differences:?}");
    assert_eq!(
        row(
            &report(&admin, AGENCY, year + 1).await,
            AGENCY,
            "operator",
            "training"
        ),
        (2, 1, 0, 50.0),
        "this year's completion counts this year"
    );
    assert_eq!(
        row(
            &report(&admin, AGENCY, year).await,
            AGENCY,
            "operator",
            "training"
        ),
        (2, 1, 1, 50.0),
        "last year keeps its figure; who did not finish stays overdue"
    );
    app.kill();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_completion_expires_with_its_year_on_sqlite() {
    a_completion_expires_with_its_year(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_completion_expires_with_its_year_on_postgres() {
    a_completion_expires_with_its_year(Backend::Postgres).await;
}
