//! The quiz issue's whole journey in one run, in real headless Chromium, on SQLite and on
//! PostgreSQL (demo province, shipped curriculum): the teacher assigns the THPT core module to
//! 10A1 on a school computer; the student, on a phone, finds it in "Việc cần làm", reads every
//! required lesson, takes the assessment with a reload in the middle, submits and reads the
//! review; the teacher's progress matrix shows the student done; and the completion event is in
//! the database, once. The student answers as someone who learned the lessons would: the test
//! reads the right answers of the drawn questions from the database, exactly as the review will
//! show them.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: fail loudly.

use std::time::Duration;

use diesel::prelude::*;
use hocdvc::db::{DbConnection, Location};
use hocdvc::question_formats::model::QuestionKind;
use hocdvc::services::attempts::grading::right_answer;
use hocdvc::services::attempts::layout::Layout;
use hocdvc_tests::{Browser, DEMO_PASSWORD, TestApp, on_both_backends_curriculum};
use serde_json::Value;

async fn sign_in(browser: &Browser, app: &TestApp, username: &str) {
    browser.client.goto(&app.url("/dang-nhap")).await.unwrap();
    browser.wait_for_text("main h1", "Đăng nhập").await;
    browser
        .wait_for("#ten-dang-nhap")
        .await
        .send_keys(username)
        .await
        .unwrap();
    browser
        .wait_for("#mat-khau")
        .await
        .send_keys(DEMO_PASSWORD)
        .await
        .unwrap();
    click(browser, "main form button[type=submit]").await;
    wait_for_path(browser, "/").await;
}

async fn click(browser: &Browser, css: &str) {
    browser.wait_for(css).await.click().await.unwrap();
}

async fn current_path(browser: &Browser) -> String {
    browser
        .client
        .current_url()
        .await
        .unwrap()
        .path()
        .to_owned()
}

async fn wait_for_path(browser: &Browser, path: &str) {
    for _ in 0..300 {
        if current_path(browser).await == path {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("never reached {path}; at {}", current_path(browser).await);
}

async fn wait_until(browser: &Browser, script: &str, what: &str) {
    for _ in 0..300 {
        if browser.eval(&format!("return !!({script})")).await == Value::Bool(true) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("timed out waiting for {what}");
}

fn connect(app: &TestApp) -> DbConnection {
    let location = Location::from_settings(&app.database.settings()).unwrap();
    location.connect().unwrap()
}

fn class_code() -> String {
    let year = hocdvc::domain::SchoolYear::containing(chrono::Utc::now().date_naive());
    format!("AG-LX-THPT-10A1-{}", year.start_year())
}

/// What a student who learned the lessons answers, per slot: the right answer of each drawn
/// question, in the ids the page shows.
fn right_answers(app: &TestApp, attempt_id: i64) -> Vec<(i32, String, Value)> {
    use hocdvc::schema::{attempt_slots, question_versions};
    let mut conn = connect(app);
    let rows: Vec<(i32, String, String, String)> = attempt_slots::table
        .inner_join(question_versions::table)
        .filter(attempt_slots::attempt_id.eq(i32::try_from(attempt_id).unwrap()))
        .order(attempt_slots::slot.asc())
        .select((
            attempt_slots::slot,
            question_versions::qtype,
            question_versions::answers,
            attempt_slots::option_order,
        ))
        .load(&mut conn)
        .unwrap();
    rows.into_iter()
        .map(|(slot, qtype, answers, order)| {
            let kind: QuestionKind = serde_json::from_str(&answers).unwrap();
            let layout = Layout::from_json(&order, &kind).unwrap();
            let right = right_answer(&kind, &layout);
            let value = serde_json::json!({
                "options": right.options,
                "pairs": right.pairs,
                "answer": right.answer,
            });
            (slot, qtype, value)
        })
        .collect()
}

/// Gives `right` in the question card of `slot`, as a learner would.
async fn give(browser: &Browser, slot: i32, right: &Value) {
    let card = format!("#cau-{slot}");
    for option in right["options"].as_array().unwrap() {
        click(
            browser,
            &format!("{card} input[value='{}']", option.as_str().unwrap()),
        )
        .await;
    }
    if let Some(text) = right["answer"].as_str() {
        browser
            .wait_for(&format!("{card} input[type=text], {card} textarea"))
            .await
            .send_keys(text)
            .await
            .unwrap();
    }
    for (stem, choice) in right["pairs"].as_object().unwrap() {
        browser
            .eval(&format!(
                "const s = document.querySelector('{card} select[data-stem=\"{stem}\"]');
                 s.value = '{}';
                 s.dispatchEvent(new Event('change', {{ bubbles: true }}));
                 return true",
                choice.as_str().unwrap()
            ))
            .await;
    }
}

async fn wait_until_saved(browser: &Browser) {
    wait_until(
        browser,
        "document.querySelector('#trang-thai-luu')?.dataset.state === 'saved'",
        "every answer acknowledged",
    )
    .await;
}

async fn hs_thpt_id(app: &TestApp) -> i32 {
    use hocdvc::schema::users;
    let mut conn = connect(app);
    users::table
        .filter(users::username.eq("hs.thpt"))
        .select(users::id)
        .first(&mut conn)
        .unwrap()
}

async fn the_teacher_assigns_and_the_student_completes_the_module(app: &TestApp) {
    let backend = app.backend.api_name();
    // Arrange: the demo has already assigned the module to 10A1; take that back, so the
    // teacher assigns it here.
    let teacher = app.login("gv.thpt", DEMO_PASSWORD).await;
    let board: Value = teacher.get("/api/assignments").await.json().await.unwrap();
    let demo = board["assignments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["module_id"] == "thpt-core")
        .expect("the demo assigns the THPT core module")["id"]
        .as_i64()
        .unwrap();
    let removed = teacher
        .send(
            reqwest::Method::DELETE,
            &format!("/api/assignments/{demo}"),
            None,
        )
        .await;
    assert!(removed.status().is_success(), "{}", removed.status());

    // 1. The teacher assigns the module on a school computer.
    let desk = Browser::start_sized(1280, 900).await;
    sign_in(&desk, app, "gv.thpt").await;
    click(&desk, ".site-nav a[href='/giao-bai']").await;
    wait_for_path(&desk, "/giao-bai").await;
    click(&desk, "#hoc-phan option[value='thpt-core']").await;
    let due = desk.wait_for("#han-nop").await;
    due.clear().await.unwrap();
    let in_a_week = (chrono::Utc::now() + chrono::Duration::days(7))
        .format("%d/%m/%Y")
        .to_string();
    due.send_keys(&in_a_week).await.unwrap();
    click(&desk, "#giao-bai button[type=submit]").await;
    desk.wait_for_text("main .alert-success", "Đã giao bài cho 1 lớp")
        .await;

    // 2. The student finds it in "Việc cần làm" on a phone.
    let phone = Browser::start_sized(360, 740).await;
    sign_in(&phone, app, "hs.thpt").await;
    phone.client.goto(&app.url("/viec-can-lam")).await.unwrap();
    phone
        .wait_for_text("main", "Dịch vụ công trực tuyến cho học sinh THPT")
        .await;
    phone.wait_for_text("main", &in_a_week).await;
    phone
        .screenshot(&format!("journey-todo-360-{backend}"))
        .await;

    // 3. … reads every required lesson of the module.
    phone.client.goto(&app.url("/hoc/thpt-core")).await.unwrap();
    phone.wait_for("#bai-hoc li").await;
    let lessons = phone
        .eval(
            "return [...document.querySelectorAll('#bai-hoc li')]
                .filter(li => !li.textContent.includes('không bắt buộc'))
                .map(li => li.dataset.lesson)",
        )
        .await;
    let lessons: Vec<String> = serde_json::from_value(lessons).unwrap();
    assert!(!lessons.is_empty());
    for lesson in &lessons {
        phone
            .client
            .goto(&app.url(&format!("/bai-hoc/{lesson}")))
            .await
            .unwrap();
        phone.wait_for("#noi-dung-bai").await;
        // Read to the end, or pressed "đã học": either way the lesson is done.
        wait_until(
            &phone,
            "document.querySelector('#da-hoc') || document.querySelector('#danh-dau-da-hoc')",
            "the lesson's done marker",
        )
        .await;
        if phone
            .eval("return !document.querySelector('#da-hoc')")
            .await
            == Value::Bool(true)
        {
            click(&phone, "#danh-dau-da-hoc").await;
        }
        phone.wait_for("#da-hoc").await;
    }

    // 4. The assessment, with a reload in the middle.
    phone.client.goto(&app.url("/hoc/thpt-core")).await.unwrap();
    click(&phone, "#lam-bai-kiem-tra").await;
    let mut attempt_id = 0;
    for _ in 0..300 {
        if let Some(id) = current_path(&phone).await.strip_prefix("/lam-bai/") {
            attempt_id = id.parse().unwrap();
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(attempt_id > 0, "the attempt page never opened");
    phone.wait_for("fieldset.question").await;
    let answers = right_answers(app, attempt_id);
    let (first, rest) = answers.split_at(answers.len() / 2);
    for (slot, _, right) in first {
        give(&phone, *slot, right).await;
    }
    wait_until_saved(&phone).await;
    phone.client.refresh().await.unwrap();
    phone.wait_for("fieldset.question").await;
    wait_for_path(&phone, &format!("/lam-bai/{attempt_id}")).await;
    for (slot, _, right) in rest {
        give(&phone, *slot, right).await;
    }
    wait_until_saved(&phone).await;
    click(&phone, "#nop-bai").await;
    phone
        .wait_for_text("#xac-nhan-nop", "Bạn đã trả lời tất cả các câu")
        .await;
    click(&phone, "#xac-nhan-nop-bai").await;

    // 5. The result and the review.
    phone.wait_for_text("#ket-luan", "Đạt").await;
    assert_eq!(
        phone.wait_for("#ket-luan").await.text().await.unwrap(),
        "Đạt"
    );
    phone.wait_for("#xem-lai .review-item").await;
    assert_eq!(
        phone
            .eval("return document.querySelectorAll('#xem-lai .review-item').length")
            .await,
        serde_json::json!(answers.len())
    );
    phone
        .screenshot(&format!("journey-review-360-{backend}"))
        .await;
    phone.close().await;

    // 6. The teacher's matrix shows the student done.
    desk.client
        .goto(&app.url(&format!("/lop/{}/tien-do/thpt-core", class_code())))
        .await
        .unwrap();
    desk.wait_for("#ma-tran-tien-do tbody tr").await;
    let row = desk
        .eval(
            "const r = document.querySelector('#ma-tran-tien-do tbody tr[data-username=\"hs.thpt\"]');
             return r && [
                 [...r.querySelectorAll('td')].filter(c => c.classList.contains('cell-no')).length,
                 r.querySelector('td[data-state]').dataset.state,
                 r.lastElementChild.textContent,
             ]",
        )
        .await;
    let today = chrono::Utc::now()
        .with_timezone(&chrono::FixedOffset::east_opt(7 * 3600).unwrap())
        .format("%d/%m/%Y")
        .to_string();
    // Every lesson ticked, the assessment passed, completed today.
    assert_eq!(row[0], 0, "{row}");
    assert_eq!(row[1], "passed", "{row}");
    assert!(row[2].as_str().unwrap().contains(&today), "{row}");
    desk.screenshot(&format!("journey-matrix-1280-{backend}"))
        .await;
    desk.close().await;

    // 7. The completion event exists, once, tied to the passing attempt.
    use hocdvc::schema::module_completions;
    let student = hs_thpt_id(app).await;
    let mut conn = connect(app);
    let completions: Vec<Option<i32>> = module_completions::table
        .filter(module_completions::user_id.eq(student))
        .filter(module_completions::module_id.eq("thpt-core"))
        .select(module_completions::attempt_id)
        .load(&mut conn)
        .unwrap();
    assert_eq!(completions, vec![Some(i32::try_from(attempt_id).unwrap())]);
}

on_both_backends_curriculum! {
    async fn a_teacher_assigns_the_thpt_module_and_a_student_completes_it_in_the_browser(app) {
        the_teacher_assigns_and_the_student_completes_the_module(&app).await;
    }
}
