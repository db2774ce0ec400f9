//! The coverage dashboard in real headless Chromium (issue 7's "done when"), on SQLite and on
//! PostgreSQL, in the demo province with the shipped curriculum: the department viewer opens
//! "Độ bao phủ" from the menu on a phone, drills down province → commune → school → class
//! through the table, and at every level the numbers shown agree with the CSV export; then
//! `hocdvc coverage rebuild --check` finds nothing to correct. Screenshots (phone and a
//! department PC) in target/screenshots/.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: fail loudly.

use std::process::Command;
use std::time::Duration;

use hocdvc::domain::SchoolYear;
use hocdvc_tests::{Browser, DEMO_PASSWORD, TestApp, binary, on_both_backends_curriculum};

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

async fn sign_in(browser: &Browser, username: &str, password: &str) {
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
        .send_keys(password)
        .await
        .unwrap();
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

/// The "reached/enrolled" the scorecard shows for students reached.
async fn shown_reached(browser: &Browser, code: &str) -> String {
    browser
        .wait_for(&format!("#bao-phu-don-vi[data-code='{code}']"))
        .await;
    browser
        .wait_for("#the-diem .indicator[data-indicator='students_reached'] .indicator-count")
        .await
        .text()
        .await
        .unwrap()
}

/// The same figure from the CSV export: the unit's own `students_reached` line.
async fn csv_reached(session: &hocdvc_tests::Session<'_>, code: &str) -> String {
    let bytes = session
        .get(&format!("/api/coverage/{code}.csv"))
        .await
        .bytes()
        .await
        .unwrap();
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let line = text
        .lines()
        .map(fields)
        .find(|f| f[1] == code && f[4] == "students_reached")
        .unwrap_or_else(|| panic!("{code} in {text}"));
    format!("{}/{}", line[6], line[7])
}

async fn a_department_viewer_drills_from_the_province_to_a_class(app: &TestApp) {
    let class = format!(
        "AG-LX-THPT-10A1-{}",
        SchoolYear::containing(hocdvc::models::now().date()).start_year()
    );
    let session = app.login("sogddt", DEMO_PASSWORD).await;
    let browser = Browser::start_sized(360, 740).await;
    browser.client.goto(&app.url("/dang-nhap")).await.unwrap();
    sign_in(&browser, "sogddt", DEMO_PASSWORD).await;
    wait_for_path(&browser, "/").await;
    browser
        .wait_for(".site-nav a[href='/bao-phu']")
        .await
        .click()
        .await
        .unwrap();
    wait_for_path(&browser, "/bao-phu").await;

    let province = shown_reached(&browser, "AG").await;
    assert!(province.starts_with("3/"), "{province}");
    assert_eq!(province, csv_reached(&session, "AG").await);
    browser
        .wait_for("#bieu-do-cot g.bar[data-code='AG-LX']")
        .await;
    browser.wait_for("#bieu-do-xu-huong polyline").await;
    browser.wait_for("#don-vi-cham li").await;
    browser
        .screenshot(&format!("coverage-province-360-{}", app.backend.api_name()))
        .await;

    for code in ["AG-LX", "AG-LX-THPT", class.as_str()] {
        browser
            .wait_for(&format!("#don-vi-truc-thuoc tr[data-code='{code}'] a"))
            .await
            .click()
            .await
            .unwrap();
        wait_for_path(&browser, &format!("/bao-phu/{code}")).await;
        let shown = shown_reached(&browser, code).await;
        assert_eq!(shown, csv_reached(&session, code).await, "{code}");
    }
    assert!(shown_reached(&browser, &class).await.starts_with("3/"));
    let crumbs = browser
        .eval(
            "return [...document.querySelectorAll('#bao-phu-vi-tri li')].map(li => li.textContent)",
        )
        .await;
    assert_eq!(crumbs.as_array().unwrap().len(), 4, "{crumbs}");
    browser
        .screenshot(&format!("coverage-class-360-{}", app.backend.api_name()))
        .await;

    // Back up through the breadcrumb, then sort the communes by rate on a department PC.
    browser
        .wait_for("#bao-phu-vi-tri li:first-child a")
        .await
        .click()
        .await
        .unwrap();
    wait_for_path(&browser, "/bao-phu/AG").await;
    browser.client.set_window_size(1366, 900).await.unwrap();
    browser
        .wait_for("#don-vi-truc-thuoc thead th:nth-child(3) button")
        .await
        .click()
        .await
        .unwrap();
    let first = browser
        .eval("return document.querySelector('#don-vi-truc-thuoc tbody tr').dataset.code")
        .await;
    assert_eq!(
        first, "AG-LX",
        "highest rate first: the commune with the completions"
    );
    browser
        .screenshot(&format!(
            "coverage-province-1366-{}",
            app.backend.api_name()
        ))
        .await;
    browser.close().await;

    // And the counters agree with a rebuild from raw rows.
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
    let check = command
        .args(["coverage", "rebuild", "--check"])
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

on_both_backends_curriculum! {
    async fn a_department_viewer_drills_from_the_province_to_a_class_and_the_numbers_agree(app) {
        a_department_viewer_drills_from_the_province_to_a_class(&app).await;
    }
}
