//! Browser journey of the lesson player, in real headless Chromium at phone size (360 px), on
//! SQLite and on PostgreSQL, in the demo province with the shipped curriculum: a THPT student
//! reads the first lesson of their core module, marks it learned and moves on. Screenshots in
//! target/screenshots/.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: fail loudly.

use std::time::Duration;

use hocdvc_tests::{Browser, DEMO_PASSWORD, TestApp, on_both_backends_curriculum};

async fn sign_in(browser: &Browser, username: &str, password: &str) {
    browser.wait_for_text("main h1", "Đăng nhập").await;
    let field = browser.wait_for("#ten-dang-nhap").await;
    field.send_keys(username).await.unwrap();
    let field = browser.wait_for("#mat-khau").await;
    field.send_keys(password).await.unwrap();
    browser
        .wait_for("main form button[type=submit]")
        .await
        .click()
        .await
        .unwrap();
}

async fn wait_for_path(browser: &Browser, path: &str) {
    for _ in 0..300 {
        if browser.client.current_url().await.unwrap().path() == path {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "never reached {path}; at {}",
        browser.client.current_url().await.unwrap()
    );
}

async fn a_thpt_student_reads_a_lesson_and_marks_it_learned(app: &TestApp) {
    let browser = Browser::start_sized(360, 740).await;
    browser.client.goto(&app.url("/dang-nhap")).await.unwrap();
    sign_in(&browser, "hs.thpt", DEMO_PASSWORD).await;
    wait_for_path(&browser, "/").await;

    // Học in the menu → the learner's modules, THPT core among them and THCS not.
    browser.wait_for_text(".site-nav", "Học").await;
    browser
        .wait_for(".site-nav a[href='/hoc']")
        .await
        .click()
        .await
        .unwrap();
    wait_for_path(&browser, "/hoc").await;
    browser
        .wait_for("#hoc-phan li[data-module='thpt-core']")
        .await;
    let listed = browser
        .eval("return [...document.querySelectorAll('#hoc-phan li')].map(li => li.dataset.module)")
        .await;
    let listed: Vec<String> = serde_json::from_value(listed).unwrap();
    assert!(!listed.contains(&"thcs-core".to_owned()), "{listed:?}");
    browser
        .screenshot(&format!("lessons-modules-360-{}", app.backend.api_name()))
        .await;

    browser
        .wait_for("#hoc-phan li[data-module='thpt-core'] h2 a")
        .await
        .click()
        .await
        .unwrap();
    wait_for_path(&browser, "/hoc/thpt-core").await;
    browser
        .wait_for("#bai-hoc li[data-lesson] a")
        .await
        .click()
        .await
        .unwrap();

    // The first lesson: its heading, a body without script, a Khmer switch.
    let first = "/bai-hoc/thpt-01";
    wait_for_path(&browser, first).await;
    browser.wait_for("#noi-dung-bai h2").await;
    let heading = browser
        .wait_for("main article h1")
        .await
        .text()
        .await
        .unwrap();
    assert!(!heading.is_empty());
    let scripts = browser
        .eval(
            "return document.querySelectorAll('#noi-dung-bai script, #noi-dung-bai iframe').length",
        )
        .await;
    assert_eq!(scripts, 0);
    browser
        .wait_for_text(".lesson-languages", "ភាសាខ្មែរ (bản dịch, chờ duyệt)")
        .await;
    browser
        .screenshot(&format!("lessons-reading-360-{}", app.backend.api_name()))
        .await;

    browser
        .wait_for("#danh-dau-da-hoc")
        .await
        .click()
        .await
        .unwrap();
    browser.wait_for_text("#da-hoc", "Đã học").await;

    browser
        .wait_for(".lesson-nav a.next")
        .await
        .click()
        .await
        .unwrap();
    wait_for_path(&browser, "/bai-hoc/thpt-02").await;
    browser.wait_for("#noi-dung-bai h2").await;

    // Back to the module: one lesson done, ticked.
    browser
        .wait_for("main article p a[href='/hoc/thpt-core']")
        .await
        .click()
        .await
        .unwrap();
    wait_for_path(&browser, "/hoc/thpt-core").await;
    browser.wait_for_text("main .progress", "Đã học 1/").await;
    let ticked = browser
        .eval("return [...document.querySelectorAll('#bai-hoc li.done')].map(li => li.dataset.lesson)")
        .await;
    assert_eq!(ticked, serde_json::json!(["thpt-01"]));
    browser
        .screenshot(&format!("lessons-module-360-{}", app.backend.api_name()))
        .await;
    browser.close().await;
}

on_both_backends_curriculum! {
    async fn a_thpt_student_reads_the_first_lesson_marks_it_learned_and_sees_it_in_the_module(app) {
        a_thpt_student_reads_a_lesson_and_marks_it_learned(&app).await;
    }
}
