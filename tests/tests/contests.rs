//! Knowledge contests through the API (issue 8): entering a round with a prediction and taking
//! it with the attempt engine, one live attempt, the window by the server's clock, the attempts
//! limit, the leaderboard hidden until publication and ranked by the Vietnamese rules at every
//! tie level, qualification for the next round and the CSV export — each on SQLite and on
//! PostgreSQL, with the demo province and the shipped curriculum.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: fail loudly.

use hocdvc_tests::{Backend, DEMO_PASSWORD, Session, TestApp, on_both_backends_curriculum};
use serde_json::{Value, json};

const OPEN: &str = "Cuộc thi tìm hiểu về dịch vụ công trực tuyến năm học";
const PAST: &str = "đợt tháng trước";

async fn json_of(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// The contest whose title contains `title`, as `session` sees the list.
async fn contest(session: &Session<'_>, title: &str) -> Value {
    let (status, list) = json_of(session.get("/api/contests").await).await;
    assert_eq!(status, 200, "{list}");
    list.as_array()
        .unwrap()
        .iter()
        .find(|c| c["title"].as_str().unwrap().contains(title))
        .cloned()
        .unwrap_or_else(|| panic!("no contest {title} in {list}"))
}

async fn enter(session: &Session<'_>, contest: i64, round: i64, prediction: i64) -> (u16, Value) {
    json_of(
        session
            .post(
                &format!("/api/contests/{contest}/rounds/{round}/entries"),
                &json!({ "prediction": prediction }),
            )
            .await,
    )
    .await
}

async fn submit(session: &Session<'_>, attempt: i64) -> (u16, Value) {
    json_of(
        session
            .post(&format!("/api/attempts/{attempt}/submit"), &json!({}))
            .await,
    )
    .await
}

fn iso(offset_minutes: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::minutes(offset_minutes))
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// `btc` creates a contest of the province with THCS and THPT groups and one round.
async fn new_contest(btc: &Session<'_>, rule: &str, opens: i64, closes: i64) -> (i64, i64) {
    let (status, contest) = json_of(
        btc.post(
            "/api/contests",
            &json!({"title": "Cuộc thi thử", "unit_code": "AG", "groups": ["thpt", "thcs"],
                    "prediction_question": "Có bao nhiêu thí sinh đạt điểm tuyệt đối?"}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 201, "{contest}");
    let id = contest["id"].as_i64().unwrap();
    let round = new_round(btc, id, "Vòng thi cấp trường", rule, opens, closes).await;
    (id, round)
}

async fn new_round(
    btc: &Session<'_>,
    contest: i64,
    name: &str,
    rule: &str,
    opens: i64,
    closes: i64,
) -> i64 {
    let (status, round) = json_of(
        btc.post(
            &format!("/api/contests/{contest}/rounds"),
            &json!({"name": name, "module_id": "contest-practice", "tags": ["an-toan", "vneid"],
                    "question_count": 5, "time_limit_minutes": 10, "attempts_rule": rule,
                    "opens_at": iso(opens), "closes_at": iso(closes)}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 201, "{round}");
    round["id"].as_i64().unwrap()
}

/// Every key anywhere in a JSON value.
fn keys(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                out.push(k.clone());
                keys(v, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| keys(v, out)),
        _ => {}
    }
}

fn ranking(board: &Value) -> Vec<(i64, f64, Option<i64>, i64)> {
    board["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["rank"].as_i64().unwrap(),
                r["score"].as_f64().unwrap(),
                r["prediction_gap"].as_i64(),
                r["duration_seconds"].as_i64().unwrap(),
            )
        })
        .collect()
}

on_both_backends_curriculum! {
    async fn the_demo_contest_has_an_open_round_that_hs_thpt_and_hs_thcs_may_enter(app) {
        for (account, group) in [("hs.thpt", "thpt"), ("hs.thcs", "thcs")] {
            let student = app.login(account, DEMO_PASSWORD).await;
            let contest = contest(&student, OPEN).await;
            assert_eq!(contest["my_group"], group);
            assert_eq!(contest["manage"], false);
            let round = &contest["rounds"][0];
            assert_eq!(round["status"], "open");
            assert_eq!(round["my"]["may_start"], true, "{round}");
        }
        // Staff who neither organise nor compete do not see it.
        let teacher = app.login("gv.thpt", DEMO_PASSWORD).await;
        let (_, list) = json_of(teacher.get("/api/contests").await).await;
        assert_eq!(list, json!([]));
    }

    async fn entering_draws_a_round_without_any_answer_key_and_resumes_the_one_live_attempt(app) {
        let student = app.login("hs.thpt", DEMO_PASSWORD).await;
        let c = contest(&student, OPEN).await;
        let (id, round) = (c["id"].as_i64().unwrap(), c["rounds"][0]["id"].as_i64().unwrap());

        let (status, first) = enter(&student, id, round, 4).await;
        assert_eq!(status, 201, "{first}");
        assert_eq!(first["questions"].as_array().unwrap().len(), 10);
        let mut seen = Vec::new();
        keys(&first, &mut seen);
        for secret in ["fraction", "correct", "right_options", "right_answer", "feedback", "answers"] {
            assert!(!seen.iter().any(|k| k == secret), "{secret} leaked: {first}");
        }
        let attempt = first["attempt_id"].as_i64().unwrap();

        // Entering again (a double tap, a second device) resumes the same attempt.
        let (status, again) = enter(&student, id, round, 7).await;
        assert_eq!(status, 200);
        assert_eq!(again["attempt_id"].as_i64().unwrap(), attempt);
        assert_eq!(again["questions"], first["questions"]);

        let (_, view) = json_of(student.get(&format!("/api/attempts/{attempt}")).await).await;
        assert_eq!(view["contest_id"].as_i64(), Some(id));
        assert!(view["module_title"].as_str().unwrap().contains("Vòng thi cấp trường"));
        assert_eq!(view["review"], json!([]));
        assert_eq!(view["result"], Value::Null);

        // Submitting is idempotent; the review shows marks, never the right answers.
        let (status, result) = submit(&student, attempt).await;
        assert_eq!(status, 200, "{result}");
        assert_eq!(submit(&student, attempt).await, (200, result.clone()));
        let (_, view) = json_of(student.get(&format!("/api/attempts/{attempt}")).await).await;
        for r in view["review"].as_array().unwrap() {
            assert!(r["right_options"].as_array().is_none_or(Vec::is_empty), "{r}");
            assert_eq!(r["right_answer"], Value::Null);
        }
        // The prediction kept is the latest given while the attempt was live.
        let c = contest(&student, OPEN).await;
        let mine = &c["rounds"][0]["my"];
        assert_eq!(mine["attempts"][0]["prediction"], 7);
        assert_eq!(mine["may_start"], false);
        assert!(mine["reason"].as_str().unwrap().contains("Mỗi tuần"), "{mine}");
        let (status, refused) = enter(&student, id, round, 1).await;
        assert_eq!(status, 409, "{refused}");
    }

    async fn the_once_rule_allows_a_single_attempt_and_a_bad_prediction_is_refused_by_name(app) {
        let btc = app.login("btc", DEMO_PASSWORD).await;
        let (id, round) = new_contest(&btc, "once", -60, 600).await;
        let student = app.login("hs.thcs", DEMO_PASSWORD).await;
        let (status, body) = enter(&student, id, round, -1).await;
        assert_eq!(status, 422);
        assert!(body["message"].as_str().unwrap().starts_with("prediction"), "{body}");
        let (status, started) = enter(&student, id, round, 2).await;
        assert_eq!(status, 201, "{started}");
        assert_eq!(started["questions"].as_array().unwrap().len(), 5);
        submit(&student, started["attempt_id"].as_i64().unwrap()).await;
        let (status, body) = enter(&student, id, round, 2).await;
        assert_eq!(status, 409);
        assert!(body["message"].as_str().unwrap().contains("một lượt"), "{body}");
        // Organisers organise; they do not compete.
        assert_eq!(enter(&btc, id, round, 1).await.0, 403);
    }

    async fn a_round_is_created_only_with_valid_settings_named_in_the_message(app) {
        let btc = app.login("btc", DEMO_PASSWORD).await;
        let (id, _) = new_contest(&btc, "once", -60, 600).await;
        for (patch, field) in [
            (json!({"attempts_rule": "daily"}), "attempts_rule"),
            (json!({"question_count": 0}), "question_count"),
            (json!({"module_id": "khong-co"}), "module_id"),
            (json!({"tags": ["khong-co-nhan"]}), "tags"),
            (json!({"opens_at": "ngày mai"}), "opens_at"),
            (json!({"closes_at": iso(-120)}), "closes_at"),
        ] {
            let mut body = json!({"name": "Vòng 2", "module_id": "contest-practice", "tags": [],
                "question_count": 5, "time_limit_minutes": 10, "attempts_rule": "once",
                "opens_at": iso(-60), "closes_at": iso(60)});
            for (k, v) in patch.as_object().unwrap() {
                body[k] = v.clone();
            }
            let (status, reply) = json_of(btc.post(&format!("/api/contests/{id}/rounds"), &body).await).await;
            assert_eq!(status, 422, "{field}: {reply}");
            assert!(reply["message"].as_str().unwrap().starts_with(field), "{field}: {reply}");
        }
        // Nothing half-written: the contest still has its one round.
        let (_, c) = json_of(btc.get(&format!("/api/contests/{id}")).await).await;
        assert_eq!(c["rounds"].as_array().unwrap().len(), 1);
    }

    async fn the_leaderboard_is_hidden_from_entrants_until_the_organiser_publishes(app) {
        let btc = app.login("btc", DEMO_PASSWORD).await;
        let student = app.login("hs.thpt", DEMO_PASSWORD).await;
        let open = contest(&student, OPEN).await["id"].as_i64().unwrap();
        let (status, _) = json_of(student.get(&format!("/api/contests/{open}/leaderboard")).await).await;
        assert_eq!(status, 403);
        // The organiser watches it live: demo entrants ranked, the prediction not yet decisive.
        let (status, live) = json_of(btc.get(&format!("/api/contests/{open}/leaderboard?group=thpt")).await).await;
        assert_eq!(status, 200, "{live}");
        assert_eq!(live["published"], false);
        assert_eq!(live["prediction_truth"], Value::Null);
        let rows = ranking(&live);
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0].1, 10.0);
        // 9/10 twice: the shorter duration first while the truth is unknown.
        assert_eq!((rows[1].1, rows[2].1), (9.0, 9.0));
        assert!(rows[1].3 < rows[2].3, "{rows:?}");
        // Someone outside the contest is not told it exists.
        let teacher = app.login("gv.thpt", DEMO_PASSWORD).await;
        assert_eq!(teacher.get(&format!("/api/contests/{open}/leaderboard")).await.status().as_u16(), 404);
    }

    async fn the_published_leaderboard_ranks_ties_by_prediction_then_duration_then_submission(app) {
        let student = app.login("hs.thpt", DEMO_PASSWORD).await;
        let past = contest(&student, PAST).await;
        let id = past["id"].as_i64().unwrap();
        let (status, board) = json_of(student.get(&format!("/api/contests/{id}/leaderboard?group=thpt")).await).await;
        assert_eq!(status, 200, "{board}");
        assert_eq!(board["published"], true);
        // Three entrants answered everything: the true value, computed at the close.
        assert_eq!(board["prediction_truth"], 3);
        let rows = ranking(&board);
        // Score first; at 10/10 the gaps are 1, 1, 2: the shorter of the two 1s first;
        // at 9/10 same gap and duration: the earlier submission first.
        assert_eq!(rows.iter().map(|r| r.0).collect::<Vec<_>>(), vec![1, 2, 3, 4, 5, 6]);
        assert_eq!(rows.iter().map(|r| r.1).collect::<Vec<_>>(), vec![10.0, 10.0, 10.0, 9.0, 9.0, 7.0]);
        assert_eq!(rows.iter().map(|r| r.2).collect::<Vec<_>>(), vec![Some(1), Some(1), Some(2), Some(0), Some(0), Some(0)]);
        assert!(rows[0].3 < rows[1].3, "{rows:?}");
        let (a, b) = (&board["rows"][3], &board["rows"][4]);
        assert!(a["submitted_at"].as_str() < b["submitted_at"].as_str(), "{board}");
        // THCS: equal scores, the closer prediction beats the shorter duration.
        let (_, thcs) = json_of(student.get(&format!("/api/contests/{id}/leaderboard?group=thcs")).await).await;
        let rows = ranking(&thcs);
        assert_eq!(rows[0].2, Some(0));
        assert!(rows[0].3 > rows[1].3, "{rows:?}");
        // Per unit: the school and its commune hold every THPT entrant; another commune none.
        for (unit, count) in [("AG-LX-THPT", 6), ("AG-LX", 9), ("AG", 9)] {
            let (status, board) = json_of(student.get(&format!("/api/contests/{id}/leaderboard?unit={unit}")).await).await;
            assert_eq!(status, 200, "{board}");
            assert_eq!(board["rows"].as_array().unwrap().len(), count, "{unit}");
        }
        let (status, _) = json_of(student.get(&format!("/api/contests/{id}/leaderboard?group=nghe")).await).await;
        assert_eq!(status, 422);
    }

    async fn an_organiser_closes_a_round_qualifies_entrants_for_the_next_and_exports_the_results(app) {
        let btc = app.login("btc", DEMO_PASSWORD).await;
        let (id, round) = new_contest(&btc, "once", -60, 600).await;
        let thpt = app.login("hs.thpt", DEMO_PASSWORD).await;
        let thcs = app.login("hs.thcs", DEMO_PASSWORD).await;
        let (_, a) = enter(&thpt, id, round, 1).await;
        submit(&thpt, a["attempt_id"].as_i64().unwrap()).await;
        let (_, b) = enter(&thcs, id, round, 0).await;
        let live = b["attempt_id"].as_i64().unwrap();

        // Not closed yet: nothing to qualify or publish.
        let path = format!("/api/contests/{id}/rounds/{round}");
        let (status, _) = json_of(btc.post(&format!("{path}/publish"), &json!({})).await).await;
        assert_eq!(status, 409);
        let (status, closed) = json_of(btc.post(&format!("{path}/close"), &json!({})).await).await;
        assert_eq!(status, 200, "{closed}");
        assert_eq!(closed["status"], "closed");
        assert!(closed["prediction_truth"].is_i64(), "{closed}");
        // The attempt still open was submitted by the close.
        let (_, view) = json_of(thcs.get(&format!("/api/attempts/{live}")).await).await;
        assert_eq!(view["state"], "finished");

        let (status, q) = json_of(btc.post(&format!("{path}/qualify"), &json!({"rule": "top_per_school", "value": 1})).await).await;
        assert_eq!(status, 200, "{q}");
        assert_eq!(q, json!({"entrants": 2, "qualified": 2}));
        let (status, q) = json_of(btc.post(&format!("{path}/qualify"), &json!({"rule": "threshold", "value": 1000})).await).await;
        assert_eq!((status, q["qualified"].as_i64()), (200, Some(0)));
        let (status, bad) = json_of(btc.post(&format!("{path}/qualify"), &json!({"rule": "top_per_school", "value": 0})).await).await;
        assert_eq!(status, 422, "{bad}");

        // The provincial round admits only the qualified.
        let next = new_round(&btc, id, "Vòng thi cấp tỉnh", "once", -1, 600).await;
        let (status, refused) = enter(&thpt, id, next, 1).await;
        assert_eq!(status, 409, "{refused}");
        btc.post(&format!("{path}/qualify"), &json!({"rule": "threshold", "value": 0})).await;
        let (status, _) = enter(&thpt, id, next, 1).await;
        assert_eq!(status, 201);

        // The CSV: UTF-8 with BOM, Vietnamese headers, one row per entrant; organisers only.
        let response = btc.get(&format!("{path}/results.csv")).await;
        assert_eq!(response.status().as_u16(), 200);
        let bytes = response.bytes().await.unwrap();
        assert!(bytes.starts_with("\u{feff}Bảng,Hạng,Họ và tên".as_bytes()));
        let text = String::from_utf8(bytes.to_vec()).unwrap();
        assert!(text.contains("Trần Minh Khoa") && text.contains("Lê Ngọc Hân"), "{text}");
        assert_eq!(text.trim_end().lines().count(), 3);
        assert_eq!(thpt.get(&format!("{path}/results.csv")).await.status().as_u16(), 403);

        // Published: now the entrants see it.
        assert_eq!(thpt.get(&format!("/api/contests/{id}/leaderboard?round={round}")).await.status().as_u16(), 403);
        let (status, _) = json_of(btc.post(&format!("{path}/publish"), &json!({})).await).await;
        assert_eq!(status, 200);
        let (status, board) = json_of(thpt.get(&format!("/api/contests/{id}/leaderboard?round={round}")).await).await;
        assert_eq!(status, 200, "{board}");
        assert_eq!(board["rows"].as_array().unwrap().len(), 2);
    }
}

async fn the_window_and_the_weekly_limit_follow_the_server_clock(backend: Backend) {
    let app = TestApp::spawn_process(backend, true).await;
    let btc = app.login("btc", DEMO_PASSWORD).await;
    // Opens in an hour, for an hour; one attempt a week.
    let (id, round) = new_contest(&btc, "weekly", 60, 120).await;
    let student = app.login("hs.thpt", DEMO_PASSWORD).await;
    let (status, body) = enter(&student, id, round, 3).await;
    assert_eq!(status, 409);
    assert!(
        body["message"].as_str().unwrap().contains("chưa mở"),
        "{body}"
    );

    app.restart(70 * 60).await;
    let (status, started) = enter(&student, id, round, 3).await;
    assert_eq!(status, 201, "{started}");
    submit(&student, started["attempt_id"].as_i64().unwrap()).await;
    let (status, _) = enter(&student, id, round, 3).await;
    assert_eq!(status, 409);

    app.restart(3 * 60 * 60).await;
    let (status, body) = enter(&student, id, round, 3).await;
    assert_eq!(status, 409);
    assert!(
        body["message"].as_str().unwrap().contains("kết thúc"),
        "{body}"
    );

    // The demo round is weekly: a second attempt waits for next week.
    let demo = contest(&student, OPEN).await;
    let (demo_id, demo_round) = (
        demo["id"].as_i64().unwrap(),
        demo["rounds"][0]["id"].as_i64().unwrap(),
    );
    let (_, first) = enter(&student, demo_id, demo_round, 2).await;
    submit(&student, first["attempt_id"].as_i64().unwrap()).await;
    assert_eq!(enter(&student, demo_id, demo_round, 2).await.0, 409);
    app.restart(8 * 24 * 60 * 60).await;
    // A week on, sign in again (sessions do not last that long).
    let student = app.login("hs.thpt", DEMO_PASSWORD).await;
    let (status, second) = enter(&student, demo_id, demo_round, 2).await;
    assert_eq!(status, 201, "{second}");
    app.kill();
}

mod the_window_and_the_weekly_limit_follow_the_server_clock {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn on_sqlite() {
        the_window_and_the_weekly_limit_follow_the_server_clock(Backend::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn on_postgres() {
        the_window_and_the_weekly_limit_follow_the_server_clock(Backend::Postgres).await;
    }
}
