//! Browser journeys of the quiz, in real headless Chromium at phone size (360 px), on SQLite and
//! on PostgreSQL, in the demo province with the shipped curriculum: the THPT student takes the
//! core module's assessment with a reload in the middle and finds every answer again, submits
//! and reads the result and review; answers given while the network is down wait on the phone,
//! say so, and are saved once it is back (also across a reload); a teacher grades an essay from
//! the manual-grading queue. Screenshots in target/screenshots/.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: fail loudly.

use std::time::Duration;

use hocdvc_tests::{Backend, Browser, DEMO_PASSWORD, TestApp, on_both_backends_curriculum};
use serde_json::Value;

async fn sign_in(browser: &Browser, app: &TestApp, username: &str) {
    browser.client.goto(&app.url("/dang-nhap")).await.unwrap();
    browser.wait_for_text("main h1", "Đăng nhập").await;
    let field = browser.wait_for("#ten-dang-nhap").await;
    field.send_keys(username).await.unwrap();
    let field = browser.wait_for("#mat-khau").await;
    field.send_keys(DEMO_PASSWORD).await.unwrap();
    browser
        .wait_for("main form button[type=submit]")
        .await
        .click()
        .await
        .unwrap();
    wait_for_path(browser, "/").await;
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

/// Clicks an element after scrolling it to the middle of the screen, clear of the sticky
/// bar at the top of the attempt page.
async fn click(browser: &Browser, css: &str) {
    browser.wait_for(css).await;
    browser
        .eval(&format!(
            "document.querySelector({css:?}).scrollIntoView({{block: 'center'}}); return true"
        ))
        .await;
    browser.wait_for(css).await.click().await.unwrap();
}

/// Waits until `script` (a JS expression) is true in the page.
async fn wait_until(browser: &Browser, script: &str, what: &str) {
    for _ in 0..300 {
        if browser.eval(&format!("return !!({script})")).await == Value::Bool(true) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{what} never happened ({script})");
}

/// Opens the THPT core module, starts its assessment and returns the attempt id.
async fn start_assessment(browser: &Browser, app: &TestApp) -> i64 {
    browser
        .client
        .goto(&app.url("/hoc/thpt-core"))
        .await
        .unwrap();
    browser
        .wait_for_text("#lam-bai-kiem-tra", "Làm bài kiểm tra")
        .await;
    browser
        .wait_for("#lam-bai-kiem-tra")
        .await
        .click()
        .await
        .unwrap();
    for _ in 0..300 {
        let path = current_path(browser).await;
        if let Some(id) = path.strip_prefix("/lam-bai/") {
            browser.wait_for("fieldset.question").await;
            return id.parse().unwrap();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the attempt page never opened");
}

/// The page's questions as `[slot, type]`, in the order shown.
async fn questions(browser: &Browser) -> Vec<(i64, String)> {
    let list = browser
        .eval(
            "return [...document.querySelectorAll('fieldset.question')]
                .map(f => [Number(f.id.slice(4)), f.dataset.type])",
        )
        .await;
    serde_json::from_value(list).unwrap()
}

/// Answers the question in `slot` the way a learner would, whatever its type (the first choice,
/// every item of a match paired with its first answer, a typed text or number).
async fn answer(browser: &Browser, slot: i64, kind: &str) {
    let card = format!("#cau-{slot}");
    match kind {
        "multichoice" | "truefalse" => click(browser, &format!("{card} input")).await,
        "shortanswer" | "essay" => {
            let field = browser
                .wait_for(&format!("{card} input, {card} textarea"))
                .await;
            field.send_keys("Cổng Dịch vụ công").await.unwrap();
        }
        "numerical" => {
            let field = browser.wait_for(&format!("{card} input")).await;
            field.send_keys("2,5").await.unwrap();
        }
        "match" => {
            browser
                .eval(&format!(
                    "document.querySelectorAll('{card} select').forEach(s => {{
                        s.selectedIndex = 1;
                        s.dispatchEvent(new Event('change', {{ bubbles: true }}));
                    }}); return true"
                ))
                .await;
        }
        _ => {}
    }
}

/// What the page shows as answered, per slot: checked choices, typed text, chosen pairs.
async fn shown_answers(browser: &Browser) -> Value {
    browser
        .eval(
            "return [...document.querySelectorAll('fieldset.question')].map(f => [
                f.id,
                [...f.querySelectorAll('input[type=radio], input[type=checkbox]')].map(i => i.checked),
                [...f.querySelectorAll('input[type=text], textarea')].map(i => i.value),
                [...f.querySelectorAll('select')].map(s => s.value),
            ])",
        )
        .await
}

async fn wait_until_saved(browser: &Browser) {
    wait_until(
        browser,
        "document.querySelector('#trang-thai-luu')?.dataset.state === 'saved'",
        "every answer acknowledged",
    )
    .await;
    browser.wait_for_text("#trang-thai-luu", "Đã lưu").await;
}

async fn a_student_takes_the_assessment_with_a_reload_in_the_middle(app: &TestApp) {
    let browser = Browser::start_sized(360, 740).await;
    sign_in(&browser, app, "hs.thpt").await;
    let attempt_id = start_assessment(&browser, app).await;
    let backend = app.backend.api_name();

    // The countdown comes from the server's clock: 20 minutes at most.
    let clock = browser.wait_for_text("#dong-ho", ":").await;
    assert!(
        clock.contains("20:00") || clock.contains("19:"),
        "countdown {clock:?}"
    );
    let all = questions(&browser).await;
    assert_eq!(all.len(), 15, "{all:?}");
    let (first, rest) = all.split_at(all.len() / 2);

    for (slot, kind) in first {
        answer(&browser, *slot, kind).await;
    }
    wait_until_saved(&browser).await;
    assert_eq!(
        browser
            .eval("return document.querySelectorAll('.jump.answered').length")
            .await,
        serde_json::json!(first.len())
    );
    let overflow = browser
        .eval("return document.documentElement.scrollWidth > window.innerWidth")
        .await;
    assert_eq!(
        overflow,
        Value::Bool(false),
        "the page is wider than 360 px"
    );
    browser
        .screenshot(&format!("attempt-answering-360-{backend}"))
        .await;

    // The server holds every answer the page called saved.
    let student = app.login("hs.thpt", DEMO_PASSWORD).await;
    let view: Value = student
        .get(&format!("/api/attempts/{attempt_id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        view["answers"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["seq"].as_i64().unwrap_or(0) > 0)
            .count(),
        first.len(),
        "{view}"
    );

    // Reload in the middle: the same attempt, every answer where it was.
    let before = shown_answers(&browser).await;
    browser.client.refresh().await.unwrap();
    browser.wait_for("fieldset.question").await;
    wait_for_path(&browser, &format!("/lam-bai/{attempt_id}")).await;
    assert_eq!(shown_answers(&browser).await, before);
    assert_eq!(questions(&browser).await, all);

    // Submitting early lists what is still unanswered.
    click(&browser, "#nop-bai").await;
    let unanswered = browser
        .wait_for_text("#cau-chua-tra-loi", "chưa trả lời")
        .await;
    assert!(
        unanswered.contains(&format!("{} câu", rest.len())),
        "{unanswered}"
    );
    click(&browser, "#lam-tiep").await;

    for (slot, kind) in rest {
        answer(&browser, *slot, kind).await;
    }
    wait_until_saved(&browser).await;
    click(&browser, "#nop-bai").await;
    browser
        .wait_for_text("#xac-nhan-nop", "Bạn đã trả lời tất cả các câu")
        .await;
    click(&browser, "#xac-nhan-nop-bai").await;

    // The result as the server computed it, then the review of every question.
    browser.wait_for("#ket-qua #diem").await;
    let view: Value = student
        .get(&format!("/api/attempts/{attempt_id}"))
        .await
        .json()
        .await
        .unwrap();
    let result = &view["result"];
    let written = |mark: f64| {
        let rounded = (mark * 100.0).round() / 100.0;
        format!("{rounded}").replace('.', ",")
    };
    let score = browser.wait_for("#diem").await.text().await.unwrap();
    assert_eq!(
        score,
        format!(
            "Điểm: {} / {}",
            written(result["score"].as_f64().unwrap()),
            written(result["max_score"].as_f64().unwrap())
        )
    );
    let verdict = browser.wait_for("#ket-luan").await.text().await.unwrap();
    let passed = result["passed"].as_bool().unwrap();
    assert_eq!(verdict, if passed { "Đạt" } else { "Chưa đạt" });
    browser.wait_for("#xem-lai .review-item").await;
    assert_eq!(
        browser
            .eval("return document.querySelectorAll('#xem-lai .review-item').length")
            .await,
        serde_json::json!(all.len())
    );
    // Each reviewed question shows its mark and a right answer.
    let marks = browser
        .eval("return [...document.querySelectorAll('#xem-lai .review-mark')].map(m => m.textContent)")
        .await;
    assert!(
        marks
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m.as_str().unwrap().contains("điểm")),
        "{marks}"
    );
    browser
        .screenshot(&format!("attempt-review-360-{backend}"))
        .await;

    // The answers kept on the phone are forgotten once the attempt is finished.
    let kept = browser
        .eval(&format!(
            "return localStorage.getItem('hocdvc.attempt.{attempt_id}')"
        ))
        .await;
    assert_eq!(kept, Value::Null);
    browser.close().await;
}

/// Makes every answer save fail as if the phone had no signal while `window.__offline` holds.
const CUT_THE_NETWORK: &str = "
    if (!window.__realFetch) {
        window.__realFetch = window.fetch;
        window.fetch = function (input, init) {
            const url = typeof input === 'string' ? input : input.url;
            if (window.__offline && url.includes('/answers/')) {
                return Promise.reject(new TypeError('Failed to fetch'));
            }
            return window.__realFetch.call(window, input, init);
        };
    }
    window.__offline = true;
    return true;";

async fn answers_given_offline_wait_on_the_phone_and_are_saved_when_the_network_returns(
    app: &TestApp,
) {
    let browser = Browser::start_sized(360, 740).await;
    sign_in(&browser, app, "hs.thpt").await;
    let attempt_id = start_assessment(&browser, app).await;
    let backend = app.backend.api_name();
    let all = questions(&browser).await;

    // Offline: the answer stays on the phone and the page says so.
    browser.eval(CUT_THE_NETWORK).await;
    let (slot, kind) = &all[0];
    answer(&browser, *slot, kind).await;
    browser
        .wait_for_text("#trang-thai-luu", "Đang chờ mạng")
        .await;
    browser
        .wait_for_text(&format!("#cau-{slot} .save-state"), "Đang chờ mạng")
        .await;
    browser.wait_for("#canh-bao-mang").await;
    browser
        .screenshot(&format!("attempt-offline-360-{backend}"))
        .await;

    // Back online: saved, and only then called saved.
    browser
        .eval("window.__offline = false; window.dispatchEvent(new Event('online')); return true")
        .await;
    wait_until_saved(&browser).await;
    browser
        .wait_for_text(&format!("#cau-{slot} .save-state"), "Đã lưu")
        .await;

    // Offline again, then the page is reloaded before the network returns: the answer given
    // meanwhile is still on the phone, shown, and sent by the reloaded page.
    browser.eval(CUT_THE_NETWORK).await;
    let (second, second_kind) = &all[1];
    answer(&browser, *second, second_kind).await;
    browser
        .wait_for_text("#trang-thai-luu", "Đang chờ mạng")
        .await;
    let before = shown_answers(&browser).await;
    browser.client.refresh().await.unwrap();
    browser.wait_for("fieldset.question").await;
    assert_eq!(shown_answers(&browser).await, before);
    wait_until_saved(&browser).await;

    let student = app.login("hs.thpt", DEMO_PASSWORD).await;
    let view: Value = student
        .get(&format!("/api/attempts/{attempt_id}"))
        .await
        .json()
        .await
        .unwrap();
    let saved: Vec<i64> = view["answers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["seq"].as_i64().unwrap_or(0) > 0)
        .map(|a| a["slot"].as_i64().unwrap())
        .collect();
    assert!(
        saved.contains(slot) && saved.contains(second),
        "{saved:?} {view}"
    );
    browser.close().await;
}

on_both_backends_curriculum! {
    async fn a_student_takes_the_thpt_assessment_reloads_midway_finds_every_answer_submits_and_reviews(app) {
        a_student_takes_the_assessment_with_a_reload_in_the_middle(&app).await;
    }

    async fn answers_given_without_network_say_so_and_are_saved_once_it_returns_even_after_a_reload(app) {
        answers_given_offline_wait_on_the_phone_and_are_saved_when_the_network_returns(&app).await;
    }
}

/// The shipped curriculum plus two small THPT modules whose assessment is one essay (so a
/// submitted attempt waits for the teacher): `thpt-tu-luan` with 20 minutes, and
/// `thpt-tu-luan-nhanh` with one minute.
fn curriculum_with_essay_modules() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let shipped = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../question-bank"));
    copy_dir(shipped, dir.path());
    add_essay_module(dir.path(), "thpt-tu-luan", 20);
    add_essay_module(dir.path(), "thpt-tu-luan-nhanh", 1);
    dir
}

fn add_essay_module(root: &std::path::Path, id: &str, minutes: u32) {
    let module = root.join(format!("modules/{id}"));
    std::fs::create_dir_all(module.join("lessons")).unwrap();
    std::fs::create_dir_all(module.join("questions")).unwrap();
    std::fs::write(
        module.join("module.toml"),
        format!(
            r#"id = "{id}"
title = "Viết về dịch vụ công ({minutes} phút)"
description = "Học phần kiểm thử: một câu tự luận do giáo viên chấm."
audience = ["thpt"]
grades = [10, 12]
core = false
prerequisites = []
source_note = "Bộ kiểm thử của Học DVC"

[[lessons]]
file = "lessons/01-viet.md"
required = true

[assessment]
time_limit_minutes = {minutes}
pass_percent = 50
max_attempts = 3

[[assessment.draw]]
tags = ["cong-dvc"]
difficulty = "easy"
count = 1
"#
        ),
    )
    .unwrap();
    std::fs::write(
        module.join("lessons/01-viet.md"),
        format!(
            "---\nid: {id}-01\ntitle: Viết về dịch vụ công\nminutes: 5\nlanguage: vi\n---\n\n\
             ## Viết ngắn\n\nEm hãy kể lại một thủ tục đã làm trên Cổng Dịch vụ công.\n"
        ),
    )
    .unwrap();
    let essays = (1..=3)
        .map(|n| {
            format!(
                "// [id:{id}-00{n}] [tag:cong-dvc] [tag:easy]\n\
                 // source: Bộ kiểm thử của Học DVC\n\
                 ::{id}-00{n}::Em hãy kể một thủ tục em có thể làm trên Cổng Dịch vụ công (bài {n}).{{}}\n\n"
            )
        })
        .collect::<String>();
    std::fs::write(module.join("questions/viet.gift"), essays).unwrap();
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

async fn a_teacher_grades_an_essay_from_the_queue(backend: Backend) {
    let content = curriculum_with_essay_modules();
    let app = TestApp::spawn_with(backend, |s| {
        s.demo = true;
        s.content_dir = content.path().to_path_buf();
    })
    .await;

    // The student answers the essay and submits (through the API, as any client may).
    let student = app.login("hs.thpt", DEMO_PASSWORD).await;
    let started = student
        .post("/api/modules/thpt-tu-luan/attempts", &serde_json::json!({}))
        .await;
    assert!(started.status().is_success(), "{}", started.status());
    let started: Value = started.json().await.unwrap();
    let attempt_id = started["attempt_id"].as_i64().unwrap();
    let slot = started["questions"][0]["slot"].as_i64().unwrap();
    assert_eq!(started["questions"][0]["type"], "essay");
    assert_eq!(started["questions"][0]["max_mark"].as_f64(), Some(1.0));
    let saved = student
        .send(
            reqwest::Method::PUT,
            &format!("/api/attempts/{attempt_id}/answers/{slot}"),
            Some(&serde_json::json!({"seq": 1, "response": {"text": "Em đăng ký tạm trú\ncho anh trai."}})),
        )
        .await;
    assert_eq!(saved.status(), 200);
    let result: Value = student
        .post(
            &format!("/api/attempts/{attempt_id}/submit"),
            &serde_json::json!({}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(result["score"], Value::Null, "{result}");

    // The teacher finds it in the queue from the menu and grades it.
    let browser = Browser::start_sized(360, 740).await;
    sign_in(&browser, &app, "gv.thpt").await;
    browser
        .wait_for(".site-nav a[href='/cham-bai']")
        .await
        .click()
        .await
        .unwrap();
    wait_for_path(&browser, "/cham-bai").await;
    let card = format!("#cham-{attempt_id}-{slot}");
    let text = browser.wait_for_text(&card, "Em đăng ký tạm trú").await;
    assert!(text.contains("Cổng Dịch vụ công"), "{text}");
    browser
        .screenshot(&format!("grading-queue-360-{}", app.backend.api_name()))
        .await;

    // A mark above the maximum is refused on the page, with the reason.
    let mark = browser.wait_for(&format!("{card} .mark-input")).await;
    mark.send_keys("5").await.unwrap();
    browser
        .wait_for(&format!("{card} button[type=submit]"))
        .await
        .click()
        .await
        .unwrap();
    browser
        .wait_for_text(&format!("{card} .error"), "từ 0 đến 1")
        .await;
    mark.clear().await.unwrap();
    mark.send_keys("0,75").await.unwrap();
    browser
        .wait_for(&format!("{card} textarea"))
        .await
        .send_keys("Kể đúng thủ tục, cần nói rõ các bước.")
        .await
        .unwrap();
    browser
        .wait_for(&format!("{card} button[type=submit]"))
        .await
        .click()
        .await
        .unwrap();
    browser.wait_for_text("main", "Đã lưu điểm 1 câu").await;
    browser
        .wait_for_text("main", "Không có bài nào chờ chấm")
        .await;

    // The student's attempt now has its score.
    let view: Value = student
        .get(&format!("/api/attempts/{attempt_id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(view["result"]["score"].as_f64(), Some(0.75), "{view}");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_teacher_grades_an_essay_from_the_queue_on_sqlite() {
    a_teacher_grades_an_essay_from_the_queue(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_teacher_grades_an_essay_from_the_queue_on_postgres() {
    a_teacher_grades_an_essay_from_the_queue(Backend::Postgres).await;
}

async fn when_time_is_up_the_page_warns_then_submits_what_was_saved(backend: Backend) {
    let content = curriculum_with_essay_modules();
    let app = TestApp::spawn_with(backend, |s| {
        s.demo = true;
        s.content_dir = content.path().to_path_buf();
    })
    .await;
    let browser = Browser::start_sized(360, 740).await;
    sign_in(&browser, &app, "hs.thpt").await;
    browser
        .client
        .goto(&app.url("/hoc/thpt-tu-luan-nhanh"))
        .await
        .unwrap();
    click(&browser, "#lam-bai-kiem-tra").await;
    browser.wait_for("fieldset.question").await;
    let attempt_id: i64 = current_path(&browser)
        .await
        .strip_prefix("/lam-bai/")
        .unwrap()
        .parse()
        .unwrap();

    // One minute from the start: the warning is there at once.
    browser
        .wait_for_text("#canh-bao-het-gio", "Còn 1 phút")
        .await;
    let field = browser.wait_for("fieldset.question textarea").await;
    field
        .send_keys("Em xin cấp phiếu lý lịch tư pháp.")
        .await
        .unwrap();
    wait_until_saved(&browser).await;
    browser
        .screenshot(&format!(
            "attempt-last-minute-360-{}",
            app.backend.api_name()
        ))
        .await;

    // Nobody presses "Nộp bài": at 00:00 the page submits by itself and shows the result.
    for _ in 0..900 {
        if browser
            .eval("return !!document.querySelector('#ket-qua #diem')")
            .await
            == Value::Bool(true)
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    browser
        .wait_for_text("#diem", "Đang chờ giáo viên chấm")
        .await;
    let student = app.login("hs.thpt", DEMO_PASSWORD).await;
    let view: Value = student
        .get(&format!("/api/attempts/{attempt_id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(view["state"], "finished", "{view}");
    assert_eq!(
        view["answers"][0]["response"]["text"], "Em xin cấp phiếu lý lịch tư pháp.",
        "{view}"
    );
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn when_time_is_up_the_page_warns_then_submits_what_was_saved_on_sqlite() {
    when_time_is_up_the_page_warns_then_submits_what_was_saved(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn when_time_is_up_the_page_warns_then_submits_what_was_saved_on_postgres() {
    when_time_is_up_the_page_warns_then_submits_what_was_saved(Backend::Postgres).await;
}
