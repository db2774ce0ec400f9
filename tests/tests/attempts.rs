//! The attempt engine through the API (issue 6): start or resume, autosave with sequence
//! numbers, submit, review, essay grading, the attempts policy, what an open attempt must
//! never reveal, the server-owned clock and durability across a SIGKILL — each on SQLite and
//! on PostgreSQL, with the demo province and the shipped curriculum.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: fail loudly.

use diesel::prelude::*;
use hocdvc::db::{DbConnection, Location};
use hocdvc::schema::{attempt_slots, attempts, module_completions, modules};
use hocdvc_tests::{Backend, DEMO_PASSWORD, Session, TestApp, on_both_backends_curriculum};
use serde_json::{Value, json};

const MODULE: &str = "thpt-core";

fn db(app: &TestApp) -> DbConnection {
    Location::from_settings(&app.database.settings())
        .unwrap()
        .connect()
        .unwrap()
}

async fn start(session: &Session<'_>) -> (u16, Value) {
    let response = session
        .post(&format!("/api/modules/{MODULE}/attempts"), &json!({}))
        .await;
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

async fn started(session: &Session<'_>) -> Value {
    let (status, body) = start(session).await;
    assert!(status == 201 || status == 200, "start: {status} {body}");
    body
}

/// A response of the right shape for a shown question (not necessarily right).
fn some_response(question: &Value) -> Value {
    let first_option = || question["options"][0]["id"].clone();
    match question["type"].as_str().unwrap() {
        "multichoice" | "truefalse" => json!({"selected": [first_option()]}),
        "match" => {
            let pairs: serde_json::Map<String, Value> = question["stems"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| (s["id"].as_str().unwrap().to_owned(), first_option()))
                .collect();
            json!({ "pairs": pairs })
        }
        "description" => json!({}),
        _ => json!({"text": "1"}),
    }
}

async fn save(
    session: &Session<'_>,
    attempt: i64,
    slot: i64,
    seq: i64,
    response: &Value,
) -> (u16, Value) {
    let reply = session
        .put(
            &format!("/api/attempts/{attempt}/answers/{slot}"),
            &json!({"seq": seq, "response": response}),
        )
        .await;
    let status = reply.status().as_u16();
    (status, reply.json().await.unwrap())
}

async fn get_attempt(session: &Session<'_>, attempt: i64) -> (u16, Value) {
    let reply = session.get(&format!("/api/attempts/{attempt}")).await;
    let status = reply.status().as_u16();
    (status, reply.json().await.unwrap())
}

async fn submit(session: &Session<'_>, attempt: i64) -> (u16, Value) {
    let reply = session
        .post(&format!("/api/attempts/{attempt}/submit"), &json!({}))
        .await;
    let status = reply.status().as_u16();
    (status, reply.json().await.unwrap())
}

fn set_assessment(app: &TestApp, change: impl FnOnce(&mut serde_json::Map<String, Value>)) {
    let mut conn = db(app);
    let stored: String = modules::table
        .find(MODULE)
        .select(modules::assessment)
        .first(&mut conn)
        .unwrap();
    let mut value: Value = serde_json::from_str(&stored).unwrap();
    change(value.as_object_mut().unwrap());
    diesel::update(modules::table.find(MODULE))
        .set(modules::assessment.eq(value.to_string()))
        .execute(&mut conn)
        .unwrap();
}

/// Every key anywhere in a JSON value.
fn keys(value: &Value, into: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                into.push(k.clone());
                keys(v, into);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| keys(v, into)),
        _ => {}
    }
}

on_both_backends_curriculum! {
    async fn a_student_starts_resumes_saves_and_submits_an_attempt(app) {
        let student = app.login("hs.thpt", DEMO_PASSWORD).await;

        let (status, first) = start(&student).await;
        assert_eq!(status, 201, "{first}");
        let attempt = first["attempt_id"].as_i64().unwrap();
        let questions = first["questions"].as_array().unwrap();
        assert_eq!(questions.len(), 15, "6 easy, 6 medium, 3 hard");
        assert!(first["deadline"].as_str().unwrap().ends_with('Z'));
        assert!(first["server_now"].as_str().unwrap() < first["deadline"].as_str().unwrap());

        // A second start (reload, another device) resumes the same attempt, same order.
        let (status, again) = start(&student).await;
        assert_eq!(status, 200);
        assert_eq!(again["attempt_id"], first["attempt_id"]);
        assert_eq!(again["questions"], first["questions"]);

        let q1 = &questions[0];
        let answer = some_response(q1);
        assert_eq!(save(&student, attempt, 1, 1, &answer).await, (200, json!({"saved_seq": 1})));
        // The same request again (a retry) changes nothing.
        assert_eq!(save(&student, attempt, 1, 1, &answer).await, (200, json!({"saved_seq": 1})));
        let newer = json!({"selected": []});
        let newer = if q1["type"] == "multichoice" || q1["type"] == "truefalse" { newer } else { answer.clone() };
        assert_eq!(save(&student, attempt, 1, 5, &newer).await, (200, json!({"saved_seq": 5})));
        // A late save with an older number never overwrites the newer answer.
        assert_eq!(save(&student, attempt, 1, 4, &answer).await, (200, json!({"saved_seq": 5})));

        let (status, view) = get_attempt(&student, attempt).await;
        assert_eq!(status, 200);
        assert_eq!(view["state"], "in_progress");
        assert_eq!(view["answers"], json!([{"slot": 1, "seq": 5, "response": newer}]));
        assert_eq!(view["result"], Value::Null);
        assert_eq!(view["review"], json!([]));

        let (status, result) = submit(&student, attempt).await;
        assert_eq!(status, 200, "{result}");
        assert_eq!(result["max_score"], 15.0);
        assert!(result["score"].as_f64().unwrap() >= 0.0);
        // Submitting again answers the same.
        assert_eq!(submit(&student, attempt).await, (200, result.clone()));

        let (_, view) = get_attempt(&student, attempt).await;
        assert_eq!(view["state"], "finished");
        assert_eq!(view["result"], result);
        assert_eq!(view["review"].as_array().unwrap().len(), 15);
        assert!(view["review"][0]["mark"].is_number());

        let (status, body) = save(&student, attempt, 2, 1, &some_response(&questions[1])).await;
        assert_eq!(status, 409, "{body}");
        assert!(body["message"].as_str().unwrap().contains("đã nộp"));
    }

    async fn nothing_an_open_attempt_sends_reveals_the_answer_key(app) {
        let student = app.login("hs.thpt", DEMO_PASSWORD).await;
        let mut bodies: Vec<Value> = Vec::new();
        let first = started(&student).await;
        let attempt = first["attempt_id"].as_i64().unwrap();
        bodies.push(first.clone());
        bodies.push(started(&student).await);
        for (seq, question) in first["questions"].as_array().unwrap().iter().enumerate() {
            let slot = question["slot"].as_i64().unwrap();
            let (status, ack) = save(&student, attempt, slot, seq as i64 + 1, &some_response(question)).await;
            assert_eq!(status, 200, "{ack}");
            bodies.push(ack);
        }
        let (_, view) = get_attempt(&student, attempt).await;
        assert_eq!(view["review"], json!([]));
        assert_eq!(view["result"], Value::Null);
        bodies.push(view);

        // The feedback written for this module's answers (long enough not to occur by chance).
        let mut conn = db(&app);
        let answers: Vec<String> = hocdvc::schema::question_versions::table
            .inner_join(hocdvc::schema::questions::table)
            .filter(hocdvc::schema::questions::module_id.eq(MODULE))
            .select(hocdvc::schema::question_versions::answers)
            .load(&mut conn)
            .unwrap();
        let mut feedback: Vec<String> = Vec::new();
        for json in &answers {
            let mut found = Vec::new();
            collect_feedback(&serde_json::from_str(json).unwrap(), &mut found);
            feedback.extend(found.into_iter().filter(|f| f.chars().count() >= 25));
        }
        assert!(!feedback.is_empty(), "the bank has feedback to leak");

        let forbidden = ["fraction", "feedback", "right_options", "right_pairs", "right_answer", "correct", "general_feedback", "mark", "score", "passed"];
        for body in &bodies {
            let mut names = Vec::new();
            keys(body, &mut names);
            for name in &names {
                assert!(!forbidden.contains(&name.as_str()), "key {name} in {body}");
                assert!(!name.starts_with("right_"), "key {name} in {body}");
            }
            let text = body.to_string();
            for f in &feedback {
                assert!(!text.contains(f.as_str()), "feedback «{f}» sent while open");
            }
        }
    }

    async fn wrong_saves_are_refused_and_only_the_owner_may_touch_an_attempt(app) {
        let student = app.login("hs.thpt", DEMO_PASSWORD).await;
        let first = started(&student).await;
        let attempt = first["attempt_id"].as_i64().unwrap();
        let choice = first["questions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["type"] == "multichoice")
            .unwrap();
        let slot = choice["slot"].as_i64().unwrap();

        let (status, body) = save(&student, attempt, slot, 1, &json!({"selected": ["zz"]})).await;
        assert_eq!(status, 422, "{body}");
        assert!(body["message"].as_str().unwrap().contains("không có trong câu hỏi"));
        let (status, _) = save(&student, attempt, slot, 1, &json!({"text": "a"})).await;
        assert_eq!(status, 422);
        let (status, _) = save(&student, attempt, slot, 0, &json!({"selected": []})).await;
        assert_eq!(status, 422);
        let (status, _) = save(&student, attempt, 999, 1, &json!({"selected": []})).await;
        assert_eq!(status, 404);

        // CSRF applies: the same save without the header is refused.
        let no_csrf = app
            .client
            .put(app.url(&format!("/api/attempts/{attempt}/answers/{slot}")))
            .header("cookie", &student.cookie)
            .json(&json!({"seq": 1, "response": {"selected": []}}))
            .send()
            .await
            .unwrap();
        assert_eq!(no_csrf.status(), 403);

        // Someone else's attempt does not exist for them; a THCS student may not take THPT's.
        let other = app.login("hs.thcs", DEMO_PASSWORD).await;
        assert_eq!(get_attempt(&other, attempt).await.0, 404);
        assert_eq!(save(&other, attempt, slot, 9, &json!({"selected": []})).await.0, 404);
        assert_eq!(submit(&other, attempt).await.0, 404);
        let (status, body) = start(&other).await;
        assert_eq!(status, 403, "{body}");

        // The class teacher reviews the attempt only once it is submitted.
        let teacher = app.login("gv.thpt", DEMO_PASSWORD).await;
        assert_eq!(get_attempt(&teacher, attempt).await.0, 404);
        assert_eq!(submit(&student, attempt).await.0, 200);
        let (status, view) = get_attempt(&teacher, attempt).await;
        assert_eq!(status, 200, "{view}");
        assert_eq!(view["review"].as_array().unwrap().len(), 15);
        assert_eq!(submit(&teacher, attempt).await.0, 404, "only the owner submits");
        let civil_servant = app.login("canbo", DEMO_PASSWORD).await;
        assert_eq!(get_attempt(&civil_servant, attempt).await.0, 404);
    }

    async fn the_attempts_policy_refuses_extra_early_and_closed_attempts_in_vietnamese(app) {
        let student = app.login("hs.thpt", DEMO_PASSWORD).await;
        // thpt-core allows three attempts a year.
        for _ in 0..3 {
            let attempt = started(&student).await["attempt_id"].as_i64().unwrap();
            assert_eq!(submit(&student, attempt).await.0, 200);
        }
        let (status, body) = start(&student).await;
        assert_eq!(status, 409, "{body}");
        assert!(body["message"].as_str().unwrap().contains("hết 3 lượt"), "{body}");

        set_assessment(&app, |a| {
            a.insert("max_attempts".into(), json!(10));
            a.insert("delay_minutes".into(), json!(60));
        });
        let (status, body) = start(&student).await;
        assert_eq!(status, 409, "{body}");
        assert!(body["message"].as_str().unwrap().contains("Cần chờ đến"), "{body}");

        set_assessment(&app, |a| {
            a.remove("delay_minutes");
            a.insert("closes_at".into(), json!("2020-01-01T00:00:00Z"));
        });
        let (status, body) = start(&student).await;
        assert_eq!(status, 409, "{body}");
        assert!(body["message"].as_str().unwrap().contains("đã đóng"), "{body}");

        set_assessment(&app, |a| {
            a.insert("closes_at".into(), json!("2099-01-01T00:00:00Z"));
        });
        assert_eq!(start(&student).await.0, 201);
    }

    async fn a_passed_attempt_completes_the_module_and_an_essay_waits_for_the_teacher(app) {
        let student = app.login("hs.thpt", DEMO_PASSWORD).await;
        let user_id = student.body["user"]["id"].as_i64().unwrap() as i32;
        // Every lesson learned: the assessment is all that is left.
        let module: Value = student.get(&format!("/api/modules/{MODULE}")).await.json().await.unwrap();
        for lesson in module["lessons"].as_array().unwrap() {
            let id = lesson["id"].as_str().unwrap();
            assert_eq!(student.post(&format!("/api/lessons/{id}/done"), &json!({})).await.status(), 200);
        }
        set_assessment(&app, |a| {
            a.insert("pass_percent".into(), json!(0));
        });
        let first = started(&student).await;
        let attempt = first["attempt_id"].as_i64().unwrap();

        // Slot 1 becomes an essay (none ships in the bank yet).
        let essay_version = insert_essay(&app);
        let mut conn = db(&app);
        diesel::update(attempt_slots::table.filter(attempt_slots::attempt_id.eq(attempt as i32)).filter(attempt_slots::slot.eq(1)))
            .set((attempt_slots::question_version_id.eq(essay_version), attempt_slots::option_order.eq("[]")))
            .execute(&mut conn)
            .unwrap();
        hocdvc::services::attempts::forget_draw(attempt as i32);
        let (status, ack) = save(&student, attempt, 1, 1, &json!({"text": "Em hướng dẫn mẹ nộp hồ sơ trên Cổng."})).await;
        assert_eq!(status, 200, "{ack}");

        let (status, result) = submit(&student, attempt).await;
        assert_eq!(status, 200);
        assert_eq!(result["score"], Value::Null, "an essay waits: {result}");
        assert_eq!(result["passed"], Value::Null);
        let completions: i64 = module_completions::table.filter(module_completions::user_id.eq(user_id)).count().get_result(&mut conn).unwrap();
        assert_eq!(completions, 0);

        // The class teacher sees it in the queue and grades it; a student may not.
        assert_eq!(student.get("/api/grading/essays").await.status(), 403);
        let teacher = app.login("gv.thpt", DEMO_PASSWORD).await;
        let queue: Value = teacher.get("/api/grading/essays").await.json().await.unwrap();
        let entry = queue.as_array().unwrap().iter().find(|e| e["attempt_id"] == attempt).expect("essay queued");
        assert_eq!(entry["slot"], 1);
        assert_eq!(entry["student_username"], "hs.thpt");
        assert_eq!(entry["response_text"], "Em hướng dẫn mẹ nộp hồ sơ trên Cổng.");
        let civil_servant = app.login("canbo", DEMO_PASSWORD).await;
        assert_eq!(civil_servant.get("/api/grading/essays").await.status(), 403);
        assert_eq!(civil_servant.put(&format!("/api/attempts/{attempt}/slots/1/grade"), &json!({"mark": 1.0})).await.status(), 404);

        let grade = |mark: f64| json!({"mark": mark, "comment": "Tốt"});
        let too_high = teacher.put(&format!("/api/attempts/{attempt}/slots/1/grade"), &grade(2.0)).await;
        assert_eq!(too_high.status(), 422);
        let not_essay = teacher.put(&format!("/api/attempts/{attempt}/slots/2/grade"), &grade(1.0)).await;
        assert_eq!(not_essay.status(), 422);
        assert_eq!(student.put(&format!("/api/attempts/{attempt}/slots/1/grade"), &grade(1.0)).await.status(), 403, "a student does not grade");
        let graded = teacher.put(&format!("/api/attempts/{attempt}/slots/1/grade"), &grade(1.0)).await;
        assert_eq!(graded.status(), 200);
        let graded: Value = graded.json().await.unwrap();
        assert!(graded["score"].as_f64().unwrap() >= 1.0, "{graded}");
        assert_eq!(graded["passed"], true);

        let completed: Option<i32> = module_completions::table
            .filter(module_completions::user_id.eq(user_id))
            .filter(module_completions::module_id.eq(MODULE))
            .select(module_completions::attempt_id)
            .first(&mut conn)
            .unwrap();
        assert_eq!(completed, Some(attempt as i32));
        let queue: Value = teacher.get("/api/grading/essays").await.json().await.unwrap();
        assert!(queue.as_array().unwrap().iter().all(|e| e["attempt_id"] != attempt));
        let (_, view) = get_attempt(&student, attempt).await;
        assert_eq!(view["review"][0]["mark"], 1.0);
        assert_eq!(view["review"][0]["grader_comment"], "Tốt");
    }
}

fn collect_feedback(value: &Value, into: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                if k.starts_with("feedback")
                    && let Some(text) = v.as_str()
                {
                    into.push(text.to_owned());
                }
                collect_feedback(v, into);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_feedback(v, into)),
        _ => {}
    }
}

/// Stores an essay question in the THPT core module; returns its version id.
fn insert_essay(app: &TestApp) -> i32 {
    use hocdvc::question_formats::model::{Question, QuestionKind, TextFormat};
    let mut conn = db(app);
    let category: i32 = hocdvc::schema::questions::table
        .filter(hocdvc::schema::questions::module_id.eq(MODULE))
        .select(hocdvc::schema::questions::category_id)
        .first(&mut conn)
        .unwrap();
    let question = Question {
        name: Some("tu-luan".into()),
        text: "Kể lại một lần em hướng dẫn người thân dùng dịch vụ công trực tuyến.".into(),
        text_format: TextFormat::Moodle,
        general_feedback: String::new(),
        category: Vec::new(),
        idnumber: None,
        tags: vec!["gia-dinh".into(), "hard".into()],
        source: None,
        kind: QuestionKind::Essay,
    };
    let incoming = hocdvc::models::question::Incoming {
        category_id: category,
        key: "thpt-tu-luan-test".into(),
        module_id: Some(MODULE.into()),
        question: &question,
    };
    hocdvc::models::question::save(&mut conn, &[incoming], hocdvc::models::now(), false).unwrap();
    hocdvc::schema::question_versions::table
        .inner_join(hocdvc::schema::questions::table)
        .filter(hocdvc::schema::questions::key.eq("thpt-tu-luan-test"))
        .select(hocdvc::schema::question_versions::id)
        .first(&mut conn)
        .unwrap()
}

/// The acknowledged answers of an attempt as stored: (slot, seq, response JSON).
fn stored_answers(app: &TestApp, attempt: i64) -> Vec<(i32, i64, Option<String>)> {
    attempt_slots::table
        .filter(attempt_slots::attempt_id.eq(attempt as i32))
        .filter(attempt_slots::saved_seq.gt(0))
        .order(attempt_slots::slot)
        .select((
            attempt_slots::slot,
            attempt_slots::saved_seq,
            attempt_slots::response,
        ))
        .load(&mut db(app))
        .unwrap()
}

async fn acknowledged_answers_survive_a_sigkill(backend: Backend) {
    let app = TestApp::spawn_process(backend, true).await;
    let student = app.login("hs.thpt", DEMO_PASSWORD).await;
    let first = started(&student).await;
    let attempt = first["attempt_id"].as_i64().unwrap();
    let mut acknowledged = Vec::new();
    for (n, question) in first["questions"]
        .as_array()
        .unwrap()
        .iter()
        .take(8)
        .enumerate()
    {
        let slot = question["slot"].as_i64().unwrap();
        let response = some_response(question);
        let seq = n as i64 + 1;
        assert_eq!(
            save(&student, attempt, slot, seq, &response).await,
            (200, json!({"saved_seq": seq}))
        );
        acknowledged.push((slot, seq, response));
    }

    app.kill();
    app.restart(0).await;

    // The session survives too (server-side), so the student resumes where they were.
    let (status, view) = get_attempt(&student, attempt).await;
    assert_eq!(status, 200, "{view}");
    assert_eq!(view["state"], "in_progress");
    let answers = view["answers"].as_array().unwrap();
    assert_eq!(answers.len(), acknowledged.len());
    for (slot, seq, response) in &acknowledged {
        let saved = answers
            .iter()
            .find(|a| a["slot"] == *slot)
            .expect("acknowledged answer kept");
        assert_eq!(saved["seq"], *seq);
        assert_eq!(saved["response"], *response);
    }
    assert_eq!(stored_answers(&app, attempt).len(), acknowledged.len());
    let (status, resumed) = start(&student).await;
    assert_eq!(
        (status, resumed["attempt_id"].as_i64()),
        (200, Some(attempt))
    );
}

async fn the_server_finalises_an_overdue_attempt_when_its_clock_passes_the_deadline(
    backend: Backend,
) {
    let app = TestApp::spawn_process(backend, true).await;
    let student = app.login("hs.thpt", DEMO_PASSWORD).await;
    let first = started(&student).await;
    let attempt = first["attempt_id"].as_i64().unwrap();
    let q = &first["questions"][0];
    assert_eq!(
        save(&student, attempt, 1, 1, &some_response(q)).await.0,
        200
    );

    // 20 minutes' limit: restart the server half an hour ahead; the student never returns.
    app.restart(30 * 60).await;
    let mut state = String::new();
    for _ in 0..300 {
        let row: (String, Option<f64>) = attempts::table
            .find(attempt as i32)
            .select((attempts::state, attempts::score))
            .first(&mut db(&app))
            .unwrap();
        state = row.0;
        if state == "finished" {
            assert!(row.1.is_some(), "autosubmit grades the attempt");
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(state, "finished", "the background finaliser submitted it");
    assert_eq!(
        stored_answers(&app, attempt).len(),
        1,
        "with its saved answer"
    );

    // Too late to save: refused with a message.
    let (status, body) = save(
        &student,
        attempt,
        2,
        2,
        &some_response(&first["questions"][1]),
    )
    .await;
    assert_eq!(status, 409, "{body}");
    let (_, view) = get_attempt(&student, attempt).await;
    assert_eq!(view["state"], "finished");
    assert!(view["result"]["score"].is_number());
}

mod killed_server {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn keeps_every_acknowledged_answer_on_sqlite() {
        acknowledged_answers_survive_a_sigkill(Backend::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn keeps_every_acknowledged_answer_on_postgres() {
        acknowledged_answers_survive_a_sigkill(Backend::Postgres).await;
    }
}

mod server_clock {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn finalises_an_overdue_attempt_on_sqlite() {
        the_server_finalises_an_overdue_attempt_when_its_clock_passes_the_deadline(Backend::Sqlite)
            .await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn finalises_an_overdue_attempt_on_postgres() {
        the_server_finalises_an_overdue_attempt_when_its_clock_passes_the_deadline(
            Backend::Postgres,
        )
        .await;
    }
}

async fn state_of(app: &TestApp, attempt: i64, wanted: &str) -> String {
    let mut state = String::new();
    for _ in 0..300 {
        state = attempts::table
            .find(attempt as i32)
            .select(attempts::state)
            .first(&mut db(app))
            .unwrap();
        if state == wanted {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    state
}

async fn grace_period_and_abandon_follow_moodle(backend: Backend) {
    let app = TestApp::spawn_process(backend, true).await;
    set_assessment(&app, |a| {
        a.insert("overdue".into(), json!("graceperiod"));
        a.insert("grace_period_minutes".into(), json!(10));
    });
    let student = app.login("hs.thpt", DEMO_PASSWORD).await;
    let first = started(&student).await;
    let attempt = first["attempt_id"].as_i64().unwrap();

    // One minute past the 20-minute limit: in the grace period.
    app.restart(21 * 60).await;
    assert_eq!(state_of(&app, attempt, "overdue").await, "overdue");
    let (status, body) = save(
        &student,
        attempt,
        1,
        1,
        &some_response(&first["questions"][0]),
    )
    .await;
    assert_eq!(status, 409, "{body}");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("chỉ còn nộp bài"),
        "{body}"
    );
    let (status, result) = submit(&student, attempt).await;
    assert_eq!(
        status, 200,
        "submitting in the grace period counts: {result}"
    );
    assert_eq!(state_of(&app, attempt, "finished").await, "finished");

    // Auto-abandon: an attempt left open past its deadline is not counted.
    set_assessment(&app, |a| {
        a.insert("overdue".into(), json!("autoabandon"));
    });
    let second = started(&student).await["attempt_id"].as_i64().unwrap();
    assert_ne!(second, attempt);
    app.restart(42 * 60).await;
    assert_eq!(state_of(&app, second, "abandoned").await, "abandoned");
    let (status, body) = submit(&student, second).await;
    assert_eq!(status, 409, "{body}");
    assert!(
        body["message"].as_str().unwrap().contains("bị hủy"),
        "{body}"
    );
}

mod overdue_policies {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn grace_period_then_abandon_on_sqlite() {
        grace_period_and_abandon_follow_moodle(Backend::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn grace_period_then_abandon_on_postgres() {
        grace_period_and_abandon_follow_moodle(Backend::Postgres).await;
    }
}
