//! Item statistics through the API (`/api/modules/{id}/statistics` and its CSV), on attempts
//! written straight into the test database — each on SQLite and on PostgreSQL, with the demo
//! province and the shipped curriculum loaded.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: fail loudly.

use diesel::prelude::*;
use hocdvc::db::DbConnection;
use hocdvc::schema::{attempt_slots, attempts, question_versions, questions, users};
use hocdvc_tests::{DEMO_PASSWORD, TestApp, on_both_backends_curriculum};
use serde_json::Value;

const MODULE: &str = "thpt-core";
const YEAR: &str = "2025-2026";

/// Writes attempts as the attempt engine would leave them, for the statistics to read.
struct Seeder {
    conn: DbConnection,
    /// (question id, current version id) of three questions of the module, in id order.
    questions: Vec<(i32, i32)>,
    learners: Vec<i32>,
}

impl Seeder {
    fn new(app: &TestApp) -> Seeder {
        let location = hocdvc::db::Location::from_settings(&app.database.settings()).unwrap();
        let mut conn = location.connect().unwrap();
        let questions: Vec<(i32, i32)> = questions::table
            .inner_join(question_versions::table)
            .filter(questions::module_id.eq(MODULE))
            .filter(question_versions::version.eq(questions::current_version))
            .filter(question_versions::qtype.eq("multichoice"))
            .order(questions::id)
            .select((questions::id, question_versions::id))
            .limit(3)
            .load(&mut conn)
            .unwrap();
        assert_eq!(
            questions.len(),
            3,
            "the curriculum has multichoice questions"
        );
        let learners: Vec<i32> = users::table
            .filter(users::username.like("hs0%"))
            .order(users::id)
            .select(users::id)
            .limit(10)
            .load(&mut conn)
            .unwrap();
        assert_eq!(
            learners.len(),
            10,
            "the demo province has rostered students"
        );
        Seeder {
            conn,
            questions,
            learners,
        }
    }

    /// One attempt of learner `learner` (an index) drawing the three questions with `marks`
    /// (each out of 1; `None`: an essay-like mark not given yet).
    fn attempt(
        &mut self,
        learner: usize,
        number: i32,
        state: &str,
        year: &str,
        marks: [Option<f64>; 3],
    ) {
        let user_id = self.learners[learner];
        let now = chrono::Utc::now().naive_utc();
        let finished = state == "finished";
        let score: Option<f64> = marks
            .iter()
            .copied()
            .sum::<Option<f64>>()
            .filter(|_| finished);
        diesel::insert_into(attempts::table)
            .values((
                attempts::user_id.eq(user_id),
                attempts::module_id.eq(MODULE),
                attempts::school_year.eq(year),
                attempts::attempt_number.eq(number),
                attempts::seed.eq(42i64),
                attempts::state.eq(state),
                attempts::overdue_policy.eq("autosubmit"),
                attempts::started_at.eq(now),
                attempts::deadline.eq(now),
                attempts::finished_at.eq(finished.then_some(now)),
                attempts::score.eq(score),
                attempts::max_score.eq(3.0),
                attempts::passed.eq(score.map(|s| s >= 2.0)),
                attempts::needs_grading.eq(finished && score.is_none()),
            ))
            .execute(&mut self.conn)
            .unwrap();
        let attempt_id: i32 = attempts::table
            .filter(attempts::user_id.eq(user_id))
            .filter(attempts::module_id.eq(MODULE))
            .filter(attempts::attempt_number.eq(number))
            .select(attempts::id)
            .first(&mut self.conn)
            .unwrap();
        // Shown in reverse order, as a shuffled draw would: the question, not the position,
        // carries its figures.
        for (i, mark) in marks.iter().enumerate() {
            diesel::insert_into(attempt_slots::table)
                .values((
                    attempt_slots::attempt_id.eq(attempt_id),
                    attempt_slots::slot.eq(3 - i as i32),
                    attempt_slots::question_version_id.eq(self.questions[i].1),
                    attempt_slots::option_order.eq("[0,1,2,3]"),
                    attempt_slots::max_mark.eq(1.0),
                    attempt_slots::saved_seq.eq(1i64),
                    attempt_slots::mark.eq(*mark),
                ))
                .execute(&mut self.conn)
                .unwrap();
        }
    }

    /// The hand-computed example of the statistics service's unit tests (five learners, three
    /// questions), plus attempts the statistics must leave out.
    fn five_learners_and_noise(&mut self) {
        let one = Some(1.0);
        let zero = Some(0.0);
        self.attempt(0, 1, "finished", YEAR, [one, one, one]);
        self.attempt(1, 1, "finished", YEAR, [one, one, zero]);
        self.attempt(2, 1, "finished", YEAR, [one, zero, one]);
        self.attempt(3, 1, "finished", YEAR, [zero, one, zero]);
        self.attempt(4, 1, "finished", YEAR, [zero, zero, zero]);
        // Later attempts do not count: only first attempts do.
        self.attempt(4, 2, "finished", YEAR, [one, one, one]);
        self.attempt(3, 2, "in_progress", YEAR, [None, None, None]);
        // A first attempt waiting for a teacher's grade is left out, and so is the retake.
        self.attempt(5, 1, "finished", YEAR, [one, None, one]);
        self.attempt(5, 2, "finished", YEAR, [zero, zero, zero]);
        // An attempt still open, and one of another school year.
        self.attempt(6, 1, "in_progress", YEAR, [None, None, None]);
        self.attempt(7, 1, "finished", "2024-2025", [zero, zero, zero]);
    }
}

fn close(value: &Value, expected: f64) {
    let actual = value
        .as_f64()
        .unwrap_or_else(|| panic!("a number, got {value}"));
    assert!(
        (actual - expected).abs() < 1e-6,
        "expected {expected}, got {actual}"
    );
}

on_both_backends_curriculum! {
    async fn the_statistics_of_first_attempts_match_the_hand_computed_figures(app) {
        let mut seeder = Seeder::new(&app);
        seeder.five_learners_and_noise();
        let ids: Vec<i32> = seeder.questions.iter().map(|q| q.0).collect();
        let admin = app.login("admin", DEMO_PASSWORD).await;

        let response = admin.get(&format!("/api/modules/{MODULE}/statistics?year={YEAR}")).await;

        assert_eq!(response.status(), 200);
        let stats: Value = response.json().await.unwrap();
        assert_eq!(stats["module_id"], MODULE);
        assert_eq!(stats["school_year"], YEAR);
        let quiz = &stats["quiz"];
        assert_eq!(quiz["attempts"], 5);
        assert_eq!(quiz["awaiting_grading"], 1);
        assert_eq!(quiz["positions"], 3);
        close(&quiz["mean"], 160.0 / 3.0);
        close(&quiz["median"], 200.0 / 3.0);
        close(&quiz["standard_deviation"], 100.0 * 1.3f64.sqrt() / 3.0);
        close(&quiz["cronbach_alpha"], 150.0 * (1.0 - 0.9 / 1.3));
        let questions = stats["questions"].as_array().unwrap();
        let got: Vec<i64> = questions.iter().map(|q| q["question_id"].as_i64().unwrap()).collect();
        assert_eq!(got, ids.iter().map(|&i| i64::from(i)).collect::<Vec<_>>());
        let (q1, q2, q3) = (&questions[0], &questions[1], &questions[2]);
        assert_eq!(q1["attempts"], 5);
        assert_eq!(q1["kind"], "multichoice");
        assert!(!q1["text"].as_str().unwrap().is_empty());
        close(&q1["facility"], 60.0);
        close(&q1["standard_deviation"], 100.0 * 0.3f64.sqrt());
        close(&q1["discrimination_index"], 25.0 / 0.15f64.sqrt());
        close(&q1["discriminative_efficiency"], 100.0);
        close(&q2["discrimination_index"], 0.0);
        close(&q3["facility"], 40.0);
        close(&q3["discrimination_index"], 15.0 / 0.21f64.sqrt());
        close(&q3["discriminative_efficiency"], 37.5);
        assert!(questions.iter().all(|q| q["flags"].as_array().unwrap().is_empty()));
    }

    async fn questions_nobody_answers_or_the_weak_answer_best_are_flagged_for_review(app) {
        let mut seeder = Seeder::new(&app);
        let (one, zero) = (Some(1.0), Some(0.0));
        // Question 2: nobody; question 3: exactly those who fail question 1.
        seeder.attempt(0, 1, "finished", YEAR, [one, zero, zero]);
        seeder.attempt(1, 1, "finished", YEAR, [one, zero, zero]);
        seeder.attempt(2, 1, "finished", YEAR, [zero, zero, one]);
        seeder.attempt(3, 1, "finished", YEAR, [zero, zero, one]);
        let sogddt = app.login("sogddt", DEMO_PASSWORD).await;

        let stats: Value = sogddt
            .get(&format!("/api/modules/{MODULE}/statistics?year={YEAR}"))
            .await
            .json()
            .await
            .unwrap();

        let flags: Vec<Value> = stats["questions"].as_array().unwrap().iter().map(|q| q["flags"].clone()).collect();
        assert_eq!(flags[0], serde_json::json!(["negative_discrimination"]));
        assert_eq!(flags[1], serde_json::json!(["very_hard"]));
        assert_eq!(flags[2], serde_json::json!(["negative_discrimination"]));
        close(&stats["questions"][1]["facility"], 0.0);
    }

    async fn the_csv_export_is_utf8_with_bom_and_vietnamese_headers(app) {
        let mut seeder = Seeder::new(&app);
        seeder.five_learners_and_noise();
        let admin = app.login("admin", DEMO_PASSWORD).await;

        let response = admin.get(&format!("/api/modules/{MODULE}/statistics.csv?year={YEAR}")).await;

        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-type"], "text/csv; charset=utf-8");
        let disposition = response.headers()["content-disposition"].to_str().unwrap().to_owned();
        assert!(disposition.contains("thong-ke-cau-hoi-thpt-core-2025-2026.csv"), "{disposition}");
        let bytes = response.bytes().await.unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert!(text.starts_with("Học phần,"), "{text}");
        assert!(text.contains("Số lượt làm bài đầu tiên,5\r\n"), "{text}");
        assert!(text.contains("Điểm trung bình (%),53.33\r\n"), "{text}");
        assert!(text.contains("Hệ số Cronbach alpha (%),46.15\r\n"), "{text}");
        assert!(text.contains("Mã câu hỏi,Loại,Tên,Nội dung,Số lượt,Chỉ số dễ (%),Độ lệch chuẩn (%),Chỉ số phân biệt (%),Hiệu quả phân biệt (%),Cần xem lại\r\n"), "{text}");
        assert!(text.contains(",5,60.00,54.77,64.55,100.00,\r\n"), "{text}");
    }

    async fn only_province_content_reviewers_see_item_statistics(app) {
        let path = format!("/api/modules/{MODULE}/statistics?year={YEAR}");
        assert_eq!(app.get(&path).await.status(), 401);
        for (account, status) in [
            ("admin", 200),
            ("sogddt", 200),
            ("qt.thpt", 403),
            ("gv.thpt", 403),
            ("hs.thpt", 403),
            ("btc", 403),
        ] {
            let session = app.login(account, DEMO_PASSWORD).await;
            assert_eq!(session.get(&path).await.status(), status, "{account}");
            let csv = format!("/api/modules/{MODULE}/statistics.csv?year={YEAR}");
            assert_eq!(session.get(&csv).await.status(), status, "{account} CSV");
        }
        let admin = app.login("admin", DEMO_PASSWORD).await;
        assert_eq!(admin.get("/api/modules/khong-co/statistics").await.status(), 404);
        let wrong_year = admin.get(&format!("/api/modules/{MODULE}/statistics?year=2025")).await;
        assert_eq!(wrong_year.status(), 422);
        let body: Value = wrong_year.json().await.unwrap();
        assert!(body["message"].as_str().unwrap().contains("Năm học"), "{body}");
        // Without attempts every figure is empty, not an error; the default is this school year.
        // (The demo's class work has finished attempts at thpt-core, none at thcs-core.)
        let empty: Value = admin.get("/api/modules/thcs-core/statistics").await.json().await.unwrap();
        assert_eq!(empty["quiz"]["attempts"], 0);
        assert!(empty["quiz"]["mean"].is_null());
        assert!(empty["questions"].as_array().unwrap().is_empty());
    }
}
