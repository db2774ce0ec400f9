//! Assignments, the to-do list, the class progress matrix, completion events and family-helper
//! tasks through the API (issue 6), in the demo province with the shipped curriculum — each on
//! SQLite and on PostgreSQL. The demo assigns `thpt-core` to 10A1 of AG-LX-THPT: three students
//! done, three part-way, `hs.thpt` not started; two family tasks confirmed, two pending.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: fail loudly.

use diesel::prelude::*;
use hocdvc::schema::{attempts, module_completions};
use hocdvc_tests::{DEMO_PASSWORD, Session, TestApp, on_both_backends_curriculum};
use serde_json::{Value, json};

fn year_start() -> i32 {
    hocdvc::domain::SchoolYear::containing(chrono::Utc::now().date_naive()).start_year()
}

fn class_code() -> String {
    format!("AG-LX-THPT-10A1-{}", year_start())
}

fn school_year() -> String {
    format!("{}-{}", year_start(), year_start() + 1)
}

/// A day `days` from today as the form types it.
fn day(days: i64) -> String {
    let vietnam_today = (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive();
    (vietnam_today + chrono::Duration::days(days))
        .format("%d/%m/%Y")
        .to_string()
}

async fn get_json(session: &Session<'_>, path: &str) -> Value {
    let response = session.get(path).await;
    assert_eq!(response.status(), 200, "GET {path}");
    response.json().await.unwrap()
}

fn connect(app: &TestApp) -> hocdvc::db::DbConnection {
    let location = hocdvc::db::Location::from_settings(&app.database.settings()).unwrap();
    location.connect().unwrap()
}

fn todo_item<'v>(todo: &'v Value, module: &str) -> &'v Value {
    todo.as_array()
        .unwrap()
        .iter()
        .find(|i| i["module_id"] == module)
        .unwrap_or_else(|| panic!("{module} in the to-do list: {todo}"))
}

fn progress_path(module: &str) -> String {
    format!("/api/units/{}/progress?module={module}", class_code())
}

on_both_backends_curriculum! {
    async fn the_demo_class_has_the_thpt_core_module_assigned_with_students_part_way_and_done(app) {
        let teacher = app.login("gv.thpt", DEMO_PASSWORD).await;

        let board = get_json(&teacher, "/api/assignments").await;
        let matrix = get_json(&teacher, &progress_path("thpt-core")).await;

        assert_eq!(board["school_year"], school_year());
        assert!(board["classes"].as_array().unwrap().iter().any(|c| c["code"] == class_code()), "{board}");
        let assigned = &board["assignments"][0];
        assert_eq!(assigned["module_id"], "thpt-core");
        assert_eq!(assigned["class_code"], class_code());
        assert_eq!(assigned["completed"], 3);
        assert_eq!(matrix["module_title"], "Dịch vụ công trực tuyến cho học sinh THPT");
        assert_eq!(matrix["lessons"].as_array().unwrap().len(), 9);
        let students = matrix["students"].as_array().unwrap();
        assert_eq!(students.len(), 9);
        assert_eq!(matrix["completed"], 3);
        assert_eq!(matrix["families_helped"], 2);
        assert_eq!(matrix["family_tasks_pending"], 2);
        let done: Vec<&Value> = students.iter().filter(|s| !s["completed_at"].is_null()).collect();
        assert_eq!(done.len(), 3);
        for student in done {
            assert_eq!(student["assessment"], "passed");
            assert!(student["lessons"].as_array().unwrap().iter().all(|l| *l == true));
            assert!(student["best_score"].as_f64().unwrap() >= 0.7 * student["max_score"].as_f64().unwrap());
        }
        let part_way = students.iter().filter(|s| {
            let learned = s["lessons"].as_array().unwrap().iter().filter(|l| **l == true).count();
            learned > 0 && learned < 9
        });
        assert_eq!(part_way.count(), 3);
        let khoa = students.iter().find(|s| s["username"] == "hs.thpt").unwrap();
        assert_eq!(khoa["assessment"], "not_attempted");
        assert!(khoa["completed_at"].is_null());
        // Vietnamese class-list order: by given name first.
        let names: Vec<String> = students.iter().map(|s| s["full_name"].as_str().unwrap().to_owned()).collect();
        let mut sorted = names.clone();
        sorted.sort_by_cached_key(|n| hocdvc::services::people::vietnamese_sort_key(n));
        assert_eq!(names, sorted);
    }

    async fn seeding_the_demo_class_work_again_writes_nothing(app) {
        let mut conn = connect(&app);

        let wrote = hocdvc::demo::seed_after_content(&mut conn).unwrap();

        assert!(!wrote);
        let completions: i64 = module_completions::table.count().get_result(&mut conn).unwrap();
        assert_eq!(completions, 3);
    }

    async fn a_student_sees_the_assigned_module_in_the_todo_list_with_state_and_progress(app) {
        let student = app.login("hs.thpt", DEMO_PASSWORD).await;

        let todo = get_json(&student, "/api/me/todo").await;

        let item = todo_item(&todo, "thpt-core");
        assert_eq!(item["state"], "not_started");
        assert_eq!(item["open"], true);
        assert_eq!(item["class_code"], class_code());
        assert_eq!(item["lessons"]["done"], 0);
        assert_eq!(item["lessons"]["total"], 9);
        assert!(item["best_score"].is_null());
        // A teacher has no to-do list; a THCS student has nothing assigned.
        let teacher = app.login("gv.thpt", DEMO_PASSWORD).await;
        assert_eq!(get_json(&teacher, "/api/me/todo").await, json!([]));
        let other = app.login("hs.thcs", DEMO_PASSWORD).await;
        assert_eq!(get_json(&other, "/api/me/todo").await, json!([]));
        assert_eq!(app.get("/api/me/todo").await.status(), 401);
    }

    async fn a_teacher_assigns_a_module_changes_its_dates_and_removes_it(app) {
        let teacher = app.login("gv.thpt", DEMO_PASSWORD).await;
        let student = app.login("hs.thpt", DEMO_PASSWORD).await;

        let created = teacher
            .post("/api/assignments", &json!({
                "module_id": "gia-dinh", "class_codes": [class_code()],
                "opens_on": day(0), "due_on": day(14)
            }))
            .await;

        assert_eq!(created.status(), 201);
        let created: Value = created.json().await.unwrap();
        let id = created[0]["id"].as_i64().unwrap();
        assert_eq!(created[0]["students"], 9);
        assert_eq!(created[0]["school_year"], school_year());
        let todo = get_json(&student, "/api/me/todo").await;
        assert_eq!(todo_item(&todo, "gia-dinh")["due_on"], created[0]["due_on"]);

        let changed = teacher
            .patch(&format!("/api/assignments/{id}"), &json!({"opens_on": day(-20), "due_on": day(-1)}))
            .await;
        assert_eq!(changed.status(), 200);
        let todo = get_json(&student, "/api/me/todo").await;
        assert_eq!(todo_item(&todo, "gia-dinh")["state"], "overdue");
        // Overdue work comes first: it is still to do and due soonest.
        assert_eq!(todo[0]["module_id"], "gia-dinh");

        let removed = teacher.send(reqwest::Method::DELETE, &format!("/api/assignments/{id}"), None).await;
        assert_eq!(removed.status(), 204);
        let todo = get_json(&student, "/api/me/todo").await;
        assert!(todo.as_array().unwrap().iter().all(|i| i["module_id"] != "gia-dinh"));
        let again = teacher.send(reqwest::Method::DELETE, &format!("/api/assignments/{id}"), None).await;
        assert_eq!(again.status(), 404);
    }

    async fn assignments_with_wrong_dates_or_a_module_for_another_audience_are_refused_naming_the_field(app) {
        let teacher = app.login("gv.thpt", DEMO_PASSWORD).await;
        let assign = |module: &str, opens: String, due: String| {
            json!({"module_id": module, "class_codes": [class_code()], "opens_on": opens, "due_on": due})
        };

        let due_first = teacher.post("/api/assignments", &assign("gia-dinh", day(10), day(3))).await;
        let not_a_date = teacher.post("/api/assignments", &assign("gia-dinh", "31/02/2026".into(), day(3))).await;
        let thcs = teacher.post("/api/assignments", &assign("thcs-core", day(0), day(7))).await;
        let twice = teacher.post("/api/assignments", &assign("thpt-core", day(0), day(7))).await;
        let past = teacher.post("/api/assignments", &assign("gia-dinh", day(-9), day(-2))).await;
        let no_class = teacher
            .post("/api/assignments", &json!({"module_id": "gia-dinh", "class_codes": [], "opens_on": day(0), "due_on": day(3)}))
            .await;

        for (response, field, words) in [
            (due_first, "Hạn nộp", "phải từ ngày mở"),
            (not_a_date, "Ngày mở", "không phải là ngày hợp lệ"),
            (thcs, "Học phần", "không dành cho học sinh lớp"),
            (twice, "Lớp", "đã được giao"),
            (past, "Hạn nộp", "đã qua"),
            (no_class, "Lớp", "ít nhất một lớp"),
        ] {
            assert_eq!(response.status(), 422, "{field}: {words}");
            let body: Value = response.json().await.unwrap();
            assert!(body["message"].as_str().unwrap().contains(words), "{body}");
            assert_eq!(body["details"][0]["column"], field, "{body}");
        }
        let board = get_json(&teacher, "/api/assignments").await;
        assert_eq!(board["assignments"].as_array().unwrap().len(), 1, "nothing half-written");
    }

    async fn only_the_classs_teachers_and_admins_above_it_assign_and_see_the_matrix(app) {
        let body = json!({"module_id": "gia-dinh", "class_codes": [class_code()], "opens_on": day(0), "due_on": day(7)});
        for (account, board, create, matrix) in [
            ("hs.thpt", 403, 403, 403),
            ("hs.thcs", 403, 404, 404),
            ("sogddt", 403, 403, 403),
            ("canbo", 403, 404, 404),
            ("qt.thpt", 200, 201, 200),
        ] {
            let session = app.login(account, DEMO_PASSWORD).await;
            assert_eq!(session.get("/api/assignments").await.status(), board, "{account} board");
            assert_eq!(session.get(&progress_path("thpt-core")).await.status(), matrix, "{account} matrix");
            assert_eq!(session.post("/api/assignments", &body).await.status(), create, "{account} assigns");
        }
        let no_csrf = app.login("gv.thpt", DEMO_PASSWORD).await;
        let response = app
            .client
            .post(app.url("/api/assignments"))
            .header("cookie", &no_csrf.cookie)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403);
    }

    async fn finishing_the_last_lesson_after_passing_records_the_completion_exactly_once(app) {
        let student = app.login("hs.thpt", DEMO_PASSWORD).await;
        let user_id = student.body["user"]["id"].as_i64().map(|i| i as i32);
        let mut conn = connect(&app);
        let user_id = user_id.unwrap_or_else(|| {
            hocdvc::models::user::find_by_username(&mut conn, "hs.thpt").unwrap().unwrap().id
        });
        // A passed attempt, as the attempt engine writes one on submit.
        let now = hocdvc::models::now();
        diesel::insert_into(attempts::table)
            .values((
                attempts::user_id.eq(user_id),
                attempts::module_id.eq("thpt-core"),
                attempts::school_year.eq(school_year()),
                attempts::attempt_number.eq(1),
                attempts::seed.eq(42_i64),
                attempts::state.eq("finished"),
                attempts::overdue_policy.eq("autosubmit"),
                attempts::started_at.eq(now),
                attempts::deadline.eq(now),
                attempts::finished_at.eq(Some(now)),
                attempts::score.eq(Some(12.0)),
                attempts::max_score.eq(15.0),
                attempts::passed.eq(Some(true)),
                attempts::needs_grading.eq(false),
            ))
            .execute(&mut conn)
            .unwrap();
        let module = get_json(&student, "/api/modules/thpt-core").await;
        let lessons: Vec<String> = module["lessons"].as_array().unwrap().iter()
            .map(|l| l["id"].as_str().unwrap().to_owned()).collect();
        let completions = |conn: &mut hocdvc::db::DbConnection| -> i64 {
            module_completions::table
                .filter(module_completions::user_id.eq(user_id))
                .filter(module_completions::module_id.eq("thpt-core"))
                .count()
                .get_result(conn)
                .unwrap()
        };

        let (last, first) = lessons.split_last().unwrap();
        for lesson in first {
            let done = student.post(&format!("/api/lessons/{lesson}/done"), &json!({})).await;
            assert_eq!(done.status(), 200);
        }
        assert_eq!(completions(&mut conn), 0, "not complete before the last lesson");
        for _ in 0..2 {
            let done = student.post(&format!("/api/lessons/{last}/done"), &json!({})).await;
            assert_eq!(done.status(), 200);
        }
        let again = student.post(&format!("/api/lessons/{}/done", lessons[0]), &json!({})).await;
        assert_eq!(again.status(), 200);

        assert_eq!(completions(&mut conn), 1);
        let todo = get_json(&student, "/api/me/todo").await;
        let item = todo_item(&todo, "thpt-core");
        assert_eq!(item["state"], "completed");
        assert_eq!(item["best_score"], 12.0);
        assert_eq!(item["passed"], true);
        let teacher = app.login("gv.thpt", DEMO_PASSWORD).await;
        let matrix = get_json(&teacher, &progress_path("thpt-core")).await;
        assert_eq!(matrix["completed"], 4);
        let khoa = matrix["students"].as_array().unwrap().iter().find(|s| s["username"] == "hs.thpt").unwrap();
        assert_eq!(khoa["assessment"], "passed");
        assert!(!khoa["completed_at"].is_null());
    }

    async fn a_student_records_a_family_task_and_their_teacher_confirms_it(app) {
        let student = app.login("hs.thpt", DEMO_PASSWORD).await;
        let teacher = app.login("gv.thpt", DEMO_PASSWORD).await;

        let recorded = student
            .post("/api/me/family-tasks", &json!({
                "relation": "grandparent", "procedure": "vneid_activation",
                "outcome": "succeeded", "note": "  Bà đã tự đăng nhập được.  "
            }))
            .await;

        assert_eq!(recorded.status(), 201);
        let task: Value = recorded.json().await.unwrap();
        assert_eq!(task["status"], "pending");
        assert_eq!(task["note"], "Bà đã tự đăng nhập được.");
        assert_eq!(task["class_code"], class_code());
        let mine = get_json(&student, "/api/me/family-tasks").await;
        assert_eq!(mine[0]["id"], task["id"]);
        let pending = get_json(&teacher, "/api/family-tasks").await;
        assert_eq!(pending.as_array().unwrap().len(), 3, "{pending}");
        assert!(pending.as_array().unwrap().iter().any(|t| t["id"] == task["id"] && t["student_name"] == "Trần Minh Khoa"));

        let outsider = app.login("hs.thcs", DEMO_PASSWORD).await;
        let path = format!("/api/family-tasks/{}/review", task["id"]);
        assert_eq!(outsider.post(&path, &json!({"status": "confirmed"})).await.status(), 404);
        assert_eq!(student.post(&path, &json!({"status": "confirmed"})).await.status(), 403);
        let confirmed = teacher.post(&path, &json!({"status": "confirmed"})).await;
        assert_eq!(confirmed.status(), 200);
        let confirmed: Value = confirmed.json().await.unwrap();
        assert_eq!(confirmed["status"], "confirmed");

        let matrix = get_json(&teacher, &progress_path("thpt-core")).await;
        assert_eq!(matrix["families_helped"], 3);
        assert_eq!(matrix["family_tasks_pending"], 2);
        let khoa = matrix["students"].as_array().unwrap().iter().find(|s| s["username"] == "hs.thpt").unwrap();
        assert_eq!(khoa["families_helped"], 1);
        let mine = get_json(&student, "/api/me/family-tasks").await;
        assert_eq!(mine[0]["status"], "confirmed");
        let confirmed_list = get_json(&teacher, "/api/family-tasks?status=confirmed").await;
        assert_eq!(confirmed_list.as_array().unwrap().len(), 3);
    }

    async fn family_tasks_outside_the_lists_or_with_personal_numbers_are_refused(app) {
        let student = app.login("hs.thpt", DEMO_PASSWORD).await;
        let task = |relation: &str, note: &str| json!({
            "relation": relation, "procedure": "fee_payment", "outcome": "unfinished", "note": note
        });

        let unknown = student.post("/api/me/family-tasks", &task("ban-gai", "")).await;
        let phone = student.post("/api/me/family-tasks", &task("parent", "SĐT của mẹ 0912 345 678")).await;
        let long = student.post("/api/me/family-tasks", &task("parent", &"a".repeat(301))).await;

        for (response, field) in [(unknown, "Người được hướng dẫn"), (phone, "Ghi chú"), (long, "Ghi chú")] {
            assert_eq!(response.status(), 422);
            let body: Value = response.json().await.unwrap();
            assert_eq!(body["details"][0]["column"], field, "{body}");
            assert!(body["message"].as_str().unwrap().starts_with(field), "{body}");
        }
        assert_eq!(get_json(&student, "/api/me/family-tasks").await, json!([]));
        let teacher = app.login("gv.thpt", DEMO_PASSWORD).await;
        let by_teacher = teacher.post("/api/me/family-tasks", &task("parent", "")).await;
        assert_eq!(by_teacher.status(), 403);
        assert_eq!(student.get("/api/family-tasks").await.status(), 403);
    }
}
