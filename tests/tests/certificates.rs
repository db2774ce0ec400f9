//! Certificates through the API (issues 8 and 9), each on SQLite and on PostgreSQL: a module
//! completion issues exactly one certificate; anyone verifies a code without signing in and
//! learns the certificate's facts and nothing else; unknown codes answer a Vietnamese 404 and
//! a client that keeps guessing is slowed down; revoked and expired certificates say so; the
//! PDF and QR code go to the owner and to staff the gate allows; the PDF carries the learner's
//! name with its diacritics in an embedded font. Publishing a poster contest or a knowledge
//! round certifies exactly its prize winners, once, and the code verifies the contest and the
//! prize.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: fail loudly.

use chrono::Duration;
use diesel::prelude::*;
use hocdvc::db::{DbConnection, Location};
use hocdvc::schema::{certificates, module_completions, modules, users};
use hocdvc::services::certificates::{self as service, CertificateIssue};
use hocdvc_api::CertificateKind;
use hocdvc_tests::{
    Backend, DEMO_PASSWORD, TestApp, on_both_backends_curriculum, on_both_backends_demo,
};
use serde_json::{Value, json};
use unicode_normalization::UnicodeNormalization;

const MODULE: &str = "thpt-core";

fn db(app: &TestApp) -> DbConnection {
    Location::from_settings(&app.database.settings())
        .unwrap()
        .connect()
        .unwrap()
}

fn user_id(conn: &mut DbConnection, username: &str) -> i32 {
    users::table
        .filter(users::username.eq(username))
        .select(users::id)
        .first(conn)
        .unwrap()
}

fn full_name(conn: &mut DbConnection, username: &str) -> String {
    users::table
        .filter(users::username.eq(username))
        .select(users::full_name)
        .first(conn)
        .unwrap()
}

/// Issues a certificate straight through the service, as contests and training will.
#[allow(clippy::too_many_arguments)] // Reads best as one line per certificate at the call.
fn issue(
    app: &TestApp,
    username: &str,
    kind: CertificateKind,
    subject: &str,
    title: &str,
    detail: Option<&str>,
    issued_days_ago: i64,
    valid_days: Option<i64>,
) -> service::Issued {
    let mut conn = db(app);
    let user_id = user_id(&mut conn, username);
    let issued_at = hocdvc::models::now() - Duration::days(issued_days_ago);
    service::issue(
        &mut conn,
        &CertificateIssue {
            kind,
            user_id,
            subject_id: subject.into(),
            period: "2026".into(),
            subject_title: title.into(),
            detail: detail.map(Into::into),
            unit_name: None,
            issued_at,
            expires_at: valid_days.map(|d| issued_at + Duration::days(d)),
        },
    )
    .unwrap()
}

async fn anonymous_verify(app: &TestApp, code: &str) -> (u16, Value) {
    let response = app.get(&format!("/api/verify/{code}")).await;
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
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

fn set_pass_percent(app: &TestApp, percent: i64) {
    let mut conn = db(app);
    let stored: String = modules::table
        .find(MODULE)
        .select(modules::assessment)
        .first(&mut conn)
        .unwrap();
    let mut value: Value = serde_json::from_str(&stored).unwrap();
    value
        .as_object_mut()
        .unwrap()
        .insert("pass_percent".into(), json!(percent));
    diesel::update(modules::table.find(MODULE))
        .set(modules::assessment.eq(value.to_string()))
        .execute(&mut conn)
        .unwrap();
}

on_both_backends_curriculum! {
    async fn completing_a_module_issues_one_certificate_that_anyone_verifies_without_signing_in(app) {
        let student = app.login("hs.thpt", DEMO_PASSWORD).await;
        let mine: Value = student.get("/api/me/certificates").await.json().await.unwrap();
        assert_eq!(mine, json!([]), "hs.thpt has not started in the demo");

        let module: Value = student.get(&format!("/api/modules/{MODULE}")).await.json().await.unwrap();
        for lesson in module["lessons"].as_array().unwrap() {
            let id = lesson["id"].as_str().unwrap();
            assert_eq!(student.post(&format!("/api/lessons/{id}/done"), &json!({})).await.status(), 200);
        }
        set_pass_percent(&app, 0);
        let started: Value = student.post(&format!("/api/modules/{MODULE}/attempts"), &json!({})).await.json().await.unwrap();
        let attempt = started["attempt_id"].as_i64().unwrap();
        let result: Value = student.post(&format!("/api/attempts/{attempt}/submit"), &json!({})).await.json().await.unwrap();
        assert_eq!(result["passed"], true, "{result}");

        let mine: Value = student.get("/api/me/certificates").await.json().await.unwrap();
        let list = mine.as_array().unwrap();
        assert_eq!(list.len(), 1, "{mine}");
        let certificate = &list[0];
        let mut conn = db(&app);
        let name = full_name(&mut conn, "hs.thpt");
        assert_eq!(certificate["facts"]["kind"], "module_completion");
        assert_eq!(certificate["facts"]["learner_name"], name.nfc().collect::<String>());
        let title: String = modules::table.find(MODULE).select(modules::title).first(&mut conn).unwrap();
        assert_eq!(certificate["facts"]["subject_title"], title);
        assert_eq!(certificate["facts"]["status"], "valid");
        assert_eq!(certificate["facts"]["expires_on"], Value::Null);
        let code = certificate["facts"]["verify_code"].as_str().unwrap().to_owned();
        assert_eq!(code.len(), 10);
        assert_eq!(certificate["verify_url"], format!("{}/verify/{code}", app.address), "falls back to the request's host");

        // Once only: a second pass, a lesson learned again, a direct re-issue change nothing.
        let again: Value = student.post(&format!("/api/modules/{MODULE}/attempts"), &json!({})).await.json().await.unwrap();
        let again = again["attempt_id"].as_i64().unwrap();
        assert_eq!(student.post(&format!("/api/attempts/{again}/submit"), &json!({})).await.status(), 200);
        let first_lesson = module["lessons"][0]["id"].as_str().unwrap();
        assert_eq!(student.post(&format!("/api/lessons/{first_lesson}/done"), &json!({})).await.status(), 200);
        let user = user_id(&mut conn, "hs.thpt");
        let year: String = module_completions::table
            .filter(module_completions::user_id.eq(user))
            .select(module_completions::school_year)
            .first(&mut conn)
            .unwrap();
        let reissued = service::issue_for_completion(&mut conn, user, MODULE, &year, hocdvc::models::now()).unwrap();
        assert!(!reissued.created);
        assert_eq!(reissued.certificate.verify_code, code);
        let count: i64 = certificates::table.filter(certificates::user_id.eq(user)).count().get_result(&mut conn).unwrap();
        assert_eq!(count, 1);

        // Anyone verifies, typed loosely (lower case, dashes), without a session.
        let typed = format!("{}-{}", &code[..5], &code[5..]).to_lowercase();
        let (status, facts) = anonymous_verify(&app, &typed).await;
        assert_eq!(status, 200, "{facts}");
        assert_eq!(facts["learner_name"], certificate["facts"]["learner_name"]);
        assert_eq!(facts["status"], "valid");
        assert_eq!(facts["issued_on"], certificate["facts"]["issued_on"]);
        let mut seen = Vec::new();
        keys(&facts, &mut seen);
        seen.sort();
        assert_eq!(
            seen,
            ["detail", "expires_on", "issued_on", "kind", "learner_name", "status", "subject_title", "unit_name", "verify_code"],
            "the certificate's facts and nothing else"
        );
        assert!(!facts.to_string().contains("hs.thpt"), "no username in the public answer");
    }

    async fn the_demo_completions_have_their_certificates_and_a_backfill_restores_missing_ones(app) {
        let mut conn = db(&app);
        let completions: i64 = module_completions::table.count().get_result(&mut conn).unwrap();
        assert!(completions >= 3, "the demo has finished students");
        let issued: i64 = certificates::table
            .filter(certificates::kind.eq("module_completion"))
            .count()
            .get_result(&mut conn)
            .unwrap();
        assert_eq!(issued, completions);

        diesel::delete(certificates::table).execute(&mut conn).unwrap();
        assert_eq!(service::backfill_completions(&mut conn).unwrap() as i64, completions);
        assert_eq!(service::backfill_completions(&mut conn).unwrap(), 0, "idempotent");
        let codes: Vec<String> = certificates::table.select(certificates::verify_code).load(&mut conn).unwrap();
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), codes.len(), "codes are unique");
    }
}

on_both_backends_demo! {
    async fn an_unknown_code_is_a_vietnamese_404_and_a_client_that_keeps_guessing_is_slowed_down(app) {
        let (status, body) = anonymous_verify(&app, "ABCDEFGHJK").await;
        assert_eq!(status, 404);
        assert_eq!(body["error"], "not_found");
        assert!(body["message"].as_str().unwrap().contains("Không có giấy chứng nhận nào mang mã xác thực này"), "{body}");
        let (status, _) = anonymous_verify(&app, "not-a-code").await;
        assert_eq!(status, 404);

        // A real certificate still verifies during the free misses.
        let issued = issue(&app, "canbo", CertificateKind::AnnualTraining, "cycle-2026", "Bồi dưỡng kỹ năng dịch vụ công 2026", None, 1, Some(365));
        assert_eq!(anonymous_verify(&app, &issued.certificate.verify_code).await.0, 200);

        let mut last = 0;
        for _ in 0..25 {
            last = anonymous_verify(&app, "ZZZZZZZZZZ").await.0;
            if last == 429 {
                break;
            }
        }
        assert_eq!(last, 429, "guessing in bulk is throttled");
    }

    async fn revoked_and_expired_certificates_verify_as_revoked_and_expired(app) {
        // Annual training that lapsed, and one still valid.
        let lapsed = issue(&app, "canbo", CertificateKind::AnnualTraining, "cycle-2025", "Bồi dưỡng kỹ năng dịch vụ công 2025", None, 400, Some(365));
        let (status, facts) = anonymous_verify(&app, &lapsed.certificate.verify_code).await;
        assert_eq!(status, 200);
        assert_eq!(facts["status"], "expired");
        assert_eq!(facts["kind"], "annual_training");
        assert!(facts["expires_on"].is_string());
        let current = issue(&app, "canbo", CertificateKind::AnnualTraining, "cycle-2026", "Bồi dưỡng kỹ năng dịch vụ công 2026", None, 1, Some(365));
        assert_eq!(anonymous_verify(&app, &current.certificate.verify_code).await.1["status"], "valid");
        // Issuing again is idempotent.
        let again = issue(&app, "canbo", CertificateKind::AnnualTraining, "cycle-2026", "Khác", None, 0, Some(365));
        assert!(!again.created);
        assert_eq!(again.certificate.verify_code, current.certificate.verify_code);

        // A contest prize, withdrawn by the administrator.
        let prize = issue(&app, "hs.thpt", CertificateKind::ContestPrize, "contest-1/round-1", "Cuộc thi Em yêu dịch vụ công", Some("Giải Nhất"), 2, None);
        let id = prize.certificate.id;
        let path = format!("/api/certificates/{id}/revoked");
        let student = app.login("hs.thpt", DEMO_PASSWORD).await;
        assert_eq!(student.put(&path, &json!({"revoked": true})).await.status(), 403, "not by its owner");
        let teacher = app.login("gv.thpt", DEMO_PASSWORD).await;
        assert_eq!(teacher.put(&path, &json!({"revoked": true})).await.status(), 403);
        let admin = app.login("admin", DEMO_PASSWORD).await;
        let revoked = admin.put(&path, &json!({"revoked": true})).await;
        assert_eq!(revoked.status(), 200);
        let (_, facts) = anonymous_verify(&app, &prize.certificate.verify_code).await;
        assert_eq!(facts["status"], "revoked");
        assert_eq!(facts["detail"], "Giải Nhất");
        let mine: Value = student.get("/api/me/certificates").await.json().await.unwrap();
        assert_eq!(mine[0]["facts"]["status"], "revoked");
        assert_eq!(admin.put(&path, &json!({"revoked": false})).await.status(), 200);
        assert_eq!(anonymous_verify(&app, &prize.certificate.verify_code).await.1["status"], "valid");
        // Without the CSRF token the change is refused.
        let no_csrf = app.client.put(app.url(&path)).header("cookie", &admin.cookie).json(&json!({"revoked": true})).send().await.unwrap();
        assert_eq!(no_csrf.status(), 403);
    }

    async fn the_pdf_and_qr_code_go_to_the_owner_and_to_staff_the_gate_allows(app) {
        let issued = issue(&app, "hs.thpt", CertificateKind::ModuleCompletion, MODULE, "Kỹ năng sử dụng dịch vụ công trực tuyến — THPT", None, 0, None);
        let id = issued.certificate.id;
        let pdf_path = format!("/api/certificates/{id}.pdf");
        let qr_path = format!("/api/certificates/{id}/qr.svg");

        let owner = app.login("hs.thpt", DEMO_PASSWORD).await;
        let response = owner.get(&pdf_path).await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-type"], "application/pdf");
        let bytes = response.bytes().await.unwrap().to_vec();
        assert!(bytes.starts_with(b"%PDF-"), "a PDF");
        let raw = String::from_utf8_lossy(&bytes);
        assert!(raw.contains("/FontFile2") && raw.contains("DejaVuSerif"), "the font is embedded");
        let text = pdf_extract::extract_text_from_mem(&bytes).unwrap();
        let text: String = text.nfc().collect();
        let name: String = full_name(&mut db(&app), "hs.thpt").nfc().collect();
        assert!(text.contains("GIẤY CHỨNG NHẬN"), "{text}");
        assert!(text.contains(&name), "the learner's name with its diacritics: {name} in {text}");
        assert!(text.contains(&issued.certificate.verify_code), "{text}");
        let issued_on = issued.certificate.issued_at.format("%d/%m/%Y").to_string();
        assert!(text.contains(&issued_on), "the date as dd/mm/yyyy: {text}");

        let qr = owner.get(&qr_path).await;
        assert_eq!(qr.status(), 200);
        assert_eq!(qr.headers()["content-type"], "image/svg+xml");
        assert!(qr.text().await.unwrap().contains("<svg"));

        // Staff of the student's school and class see it; others do not learn it exists.
        for (account, want) in [("gv.thpt", 200), ("qt.thpt", 200), ("admin", 200), ("sogddt", 403), ("hs.thcs", 404), ("canbo", 404)] {
            let session = app.login(account, DEMO_PASSWORD).await;
            assert_eq!(session.get(&pdf_path).await.status(), want, "{account} PDF");
            assert_eq!(session.get(&qr_path).await.status(), want, "{account} QR");
            assert_eq!(session.get(&format!("/api/certificates/{id}")).await.status(), want, "{account} JSON");
        }
        assert_eq!(app.get(&pdf_path).await.status(), 401, "not without signing in");
        assert_eq!(owner.get("/api/certificates/999999.pdf").await.status(), 404);
        let others: Value = app.login("hs.thcs", DEMO_PASSWORD).await.get("/api/me/certificates").await.json().await.unwrap();
        assert_eq!(others, json!([]), "one's own list only");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_configured_public_url_is_the_base_of_verification_links() {
    let app = TestApp::spawn_with(Backend::Sqlite, |s| {
        s.demo = true;
        s.public_url = Some("https://hocdvc.angiang.example/".into());
    })
    .await;
    let issued = issue(
        &app,
        "hs.thpt",
        CertificateKind::ContestPrize,
        "contest-9",
        "Cuộc thi Tìm hiểu dịch vụ công",
        Some("Giải Ba"),
        0,
        None,
    );
    let student = app.login("hs.thpt", DEMO_PASSWORD).await;
    let mine: Value = student
        .get("/api/me/certificates")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        mine[0]["verify_url"],
        format!(
            "https://hocdvc.angiang.example/verify/{}",
            issued.certificate.verify_code
        )
    );
}

/// The prize certificates of a contest subject, from the database: (learner, detail, code),
/// by learner.
fn prize_certificates(app: &TestApp, subject: &str) -> Vec<(String, Option<String>, String)> {
    let mut conn = db(app);
    certificates::table
        .filter(certificates::kind.eq("contest_prize"))
        .filter(certificates::subject_id.eq(subject))
        .order((certificates::learner_name.asc(), certificates::id.asc()))
        .select((
            certificates::learner_name,
            certificates::detail,
            certificates::verify_code,
        ))
        .load(&mut conn)
        .unwrap()
}

fn every_criterion(view: &Value, score: i64) -> Value {
    let scores: Vec<Value> = view["rubric"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| json!({"criterion_id": c["id"], "score": score.min(c["scale_max"].as_i64().unwrap())}))
        .collect();
    json!({"scores": scores, "submit": true})
}

fn prize_label(code: &str) -> &'static str {
    match code {
        "first" => "Giải Nhất",
        "second" => "Giải Nhì",
        "third" => "Giải Ba",
        _ => "Giải Khuyến khích",
    }
}

on_both_backends_curriculum! {
    async fn publishing_a_poster_contest_certifies_every_member_of_each_winning_entry_once(app) {
        // Arrange: the demo poster contest in judging; giamkhao scores hs.thpt's poster best.
        let btc = app.login("btc", DEMO_PASSWORD).await;
        let judge = app.login("giamkhao", DEMO_PASSWORD).await;
        let all: Value = btc.get("/api/creative-contests").await.json().await.unwrap();
        let contest = all.as_array().unwrap().iter().find(|c| c["phase"] == "judging").unwrap().clone();
        let id = contest["id"].as_i64().unwrap();
        let results_path = format!("/api/creative-contests/{id}/results");
        let before: Value = btc.get(&results_path).await.json().await.unwrap();
        let hs_name = full_name(&mut db(&app), "hs.thpt");
        let hs_entry = before["entries"].as_array().unwrap().iter()
            .find(|e| e["members"].as_array().unwrap().iter().any(|m| m == hs_name.as_str()))
            .unwrap()["id"].as_i64().unwrap();
        let assigned: Value = judge.get("/api/judging/assignments").await.json().await.unwrap();
        for item in assigned.as_array().unwrap() {
            let entry = item["entry_id"].as_i64().unwrap();
            let path = format!("/api/judging/entries/{entry}");
            let view: Value = judge.get(&path).await.json().await.unwrap();
            let score = if entry == hs_entry { 10 } else { 6 };
            assert_eq!(judge.put(&format!("{path}/scores"), &every_criterion(&view, score)).await.status(), 200);
        }
        let settings = btc.patch(&format!("/api/creative-contests/{id}"), &json!({"prize_counts": [1, 1, 0, 0]})).await;
        assert_eq!(settings.status(), 200);
        let subject = format!("creative/{id}");

        // Act: publish, then publish again.
        let published: Value = btc.post(&format!("/api/creative-contests/{id}/publish"), &json!({})).await.json().await.unwrap();
        let issued = prize_certificates(&app, &subject);
        let again = btc.post(&format!("/api/creative-contests/{id}/publish"), &json!({})).await.status();

        // Assert: every member of each prize-winning entry, and no one else, holds one.
        assert_eq!(before["certificates"], 0);
        let winners: Vec<&Value> = published["entries"].as_array().unwrap().iter().filter(|e| !e["prize"].is_null()).collect();
        assert_eq!(winners.len(), 2, "{published}");
        let mut expected: Vec<(String, String)> = Vec::new();
        for entry in &winners {
            for member in entry["members"].as_array().unwrap() {
                expected.push((member.as_str().unwrap().nfc().collect(), format!("{} — bài dự thi «{}»", prize_label(entry["prize"].as_str().unwrap()), entry["title"].as_str().unwrap())));
            }
        }
        expected.sort();
        let mut got: Vec<(String, String)> = issued.iter().map(|(n, d, _)| (n.clone(), d.clone().unwrap())).collect();
        got.sort();
        assert_eq!(got, expected);
        assert_eq!(published["certificates"], json!(expected.len()));
        assert_eq!(again, 409);
        assert_eq!(prize_certificates(&app, &subject), issued, "republishing issues nothing");

        // hs.thpt sees theirs, and anyone verifies the contest and the prize by its code.
        let student = app.login("hs.thpt", DEMO_PASSWORD).await;
        let mine: Value = student.get("/api/me/certificates").await.json().await.unwrap();
        let prize = mine.as_array().unwrap().iter().find(|c| c["facts"]["kind"] == "contest_prize").unwrap();
        assert_eq!(prize["facts"]["subject_title"], contest["title"]);
        assert!(prize["facts"]["detail"].as_str().unwrap().starts_with("Giải Nhất"), "{prize}");
        assert!(prize["facts"]["unit_name"].as_str().unwrap().contains("THPT"), "{prize}");
        let (status, facts) = anonymous_verify(&app, prize["facts"]["verify_code"].as_str().unwrap()).await;
        assert_eq!(status, 200);
        assert_eq!(facts["learner_name"], hs_name.nfc().collect::<String>());
        assert_eq!(facts["kind"], "contest_prize");
        assert_eq!(facts["subject_title"], contest["title"]);
        assert!(facts["detail"].as_str().unwrap().starts_with("Giải Nhất"), "{facts}");
        assert_eq!(facts["status"], "valid");
    }

    async fn publishing_a_knowledge_round_certifies_each_groups_prize_winners_once(app) {
        // Arrange: the demo's open round, hs.thpt among its entrants, closed by the organiser.
        let btc = app.login("btc", DEMO_PASSWORD).await;
        let student = app.login("hs.thpt", DEMO_PASSWORD).await;
        let list: Value = student.get("/api/contests").await.json().await.unwrap();
        let contest = list.as_array().unwrap().iter()
            .find(|c| c["rounds"][0]["status"] == "open").unwrap().clone();
        let (id, round) = (contest["id"].as_i64().unwrap(), contest["rounds"][0]["id"].as_i64().unwrap());
        let path = format!("/api/contests/{id}/rounds/{round}");
        let started: Value = student.post(&format!("{path}/entries"), &json!({"prediction": 3})).await.json().await.unwrap();
        let attempt = started["attempt_id"].as_i64().unwrap();
        assert_eq!(student.post(&format!("/api/attempts/{attempt}/submit"), &json!({})).await.status(), 200);
        assert_eq!(btc.post(&format!("{path}/close"), &json!({})).await.status(), 200);
        let board: Value = btc.get(&format!("/api/contests/{id}/leaderboard?round={round}")).await.json().await.unwrap();
        let subject = format!("knowledge/{id}/{round}");

        // Act: a bad prize count, the publication, and a second publication asking for more.
        let refused = btc.post(&format!("{path}/publish"), &json!({"prize_counts": [1, -1, 0, 0]})).await.status();
        let before = prize_certificates(&app, &subject);
        let published: Value = btc.post(&format!("{path}/publish"), &json!({"prize_counts": [1, 1, 0, 0]})).await.json().await.unwrap();
        let issued = prize_certificates(&app, &subject);
        let again = btc.post(&format!("{path}/publish"), &json!({"prize_counts": [5, 5, 5, 5]})).await;
        let again_status = again.status();
        let again: Value = again.json().await.unwrap();

        // Assert: ranks 1 and 2 of each group (the Vietnamese ranking), nobody else.
        assert_eq!(refused, 422);
        assert!(before.is_empty());
        let rows = board["rows"].as_array().unwrap();
        let mut expected: Vec<(String, String)> = rows.iter()
            .filter(|r| r["rank"].as_i64().unwrap() <= 2)
            .map(|r| {
                let prize = if r["rank"] == 1 { "Giải Nhất" } else { "Giải Nhì" };
                let group = if r["group"] == "thpt" { "Bảng THPT" } else { "Bảng THCS" };
                (r["name"].as_str().unwrap().nfc().collect(), format!("{prize} — {group}, {}", contest["rounds"][0]["name"].as_str().unwrap()))
            })
            .collect();
        expected.sort();
        assert!(rows.len() > expected.len(), "some entrants win nothing: {board}");
        assert!(expected.iter().any(|e| e.1.contains("THPT")) && expected.iter().any(|e| e.1.contains("THCS")), "{expected:?}");
        let mut got: Vec<(String, String)> = issued.iter().map(|(n, d, _)| (n.clone(), d.clone().unwrap())).collect();
        got.sort();
        assert_eq!(got, expected);
        assert_eq!(published["published"], true);
        assert_eq!(published["certificates"], json!(expected.len()));
        assert_eq!(again_status, 200);
        assert_eq!(again["certificates"], json!(expected.len()));
        assert_eq!(prize_certificates(&app, &subject), issued, "the first publication decides");

        // Anyone verifies a winner's certificate: the contest and the prize.
        let (_, detail, code) = &issued[0];
        let (status, facts) = anonymous_verify(&app, code).await;
        assert_eq!(status, 200);
        assert_eq!(facts["kind"], "contest_prize");
        assert_eq!(facts["subject_title"], contest["title"]);
        assert_eq!(&facts["detail"], &json!(detail));
    }
}
