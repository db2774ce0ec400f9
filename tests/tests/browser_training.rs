//! The annual training journey (issue 9) in real headless Chromium at phone size, on SQLite and
//! on PostgreSQL, with the demo province and the shipped curriculum: the system admin imports
//! members into Văn phòng UBND tỉnh on the import page and saves its training cycle on the cycle
//! page; `canbo` sees the annual module due on the home page, learns every lesson, takes the
//! assessment and submits, and finds their certificate valid to the end of the year; the agency
//! report and the coverage dashboard show the new percent; with the server clock moved
//! to the next year the status is due again once that year's cycle opens. Screenshots in
//! target/screenshots/.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: fail loudly.

use std::io::Write;
use std::time::Duration;

use chrono::NaiveDate;
use diesel::prelude::*;
use hocdvc::db::Location;
use hocdvc::schema::modules;
use hocdvc_tests::{Backend, Browser, DEMO_PASSWORD, TestApp};
use reqwest::Method;
use serde_json::{Value, json};

const AGENCY: &str = "AG-VPUB";
const MODULE: &str = "can-bo-annual";

fn this_year() -> i32 {
    hocdvc::services::training::year_of(chrono::Utc::now().naive_utc())
}

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
    browser
        .wait_for("main form button[type=submit]")
        .await
        .click()
        .await
        .unwrap();
    wait_until(browser, "location.pathname === '/'", "signed in").await;
}

async fn wait_until(browser: &Browser, script: &str, what: &str) {
    for _ in 0..300 {
        if browser.eval(&format!("return !!({script})")).await == Value::Bool(true) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{what} never happened ({script})");
}

async fn click(browser: &Browser, css: &str) {
    browser.wait_for(css).await;
    browser
        .eval(&format!(
            "document.querySelector({css:?}).scrollIntoView({{block: 'center'}}); return true"
        ))
        .await;
    browser.wait_for(css).await.click().await.unwrap();
}

/// The percent shown on the report page for one unit and job group.
async fn shown_percent(browser: &Browser, app: &TestApp, year: i32, group: &str) -> String {
    browser
        .client
        .goto(&app.url(&format!("/dao-tao/{AGENCY}/bao-cao/{year}")))
        .await
        .unwrap();
    let css = format!("#bao-cao-dao-tao tr[data-unit='{AGENCY}'][data-group='{group}'] .percent");
    browser.wait_for(&css).await.text().await.unwrap()
}

/// The agency's civil servants trained this year (%) on its coverage dashboard.
async fn shown_trained(browser: &Browser, app: &TestApp) -> String {
    browser
        .client
        .goto(&app.url(&format!("/bao-phu/{AGENCY}")))
        .await
        .unwrap();
    let css = "#the-diem article[data-indicator='civil_servants_trained'] .value";
    browser.wait_for(css).await.text().await.unwrap()
}

/// Lets any answer pass (the shipped bank's answers are not what this journey tests).
fn pass_anything(app: &TestApp) {
    let mut conn = Location::from_settings(&app.database.settings())
        .unwrap()
        .connect()
        .unwrap();
    let stored: String = modules::table
        .find(MODULE)
        .select(modules::assessment)
        .first(&mut conn)
        .unwrap();
    let mut value: Value = serde_json::from_str(&stored).unwrap();
    value["pass_percent"] = json!(0);
    diesel::update(modules::table.find(MODULE))
        .set(modules::assessment.eq(value.to_string()))
        .execute(&mut conn)
        .unwrap();
}

/// Answers the question in `slot` whatever its type.
async fn answer(browser: &Browser, slot: i64, kind: &str) {
    let card = format!("#cau-{slot}");
    match kind {
        "multichoice" | "truefalse" => click(browser, &format!("{card} input")).await,
        "shortanswer" | "essay" | "numerical" => {
            let field = browser
                .wait_for(&format!("{card} input, {card} textarea"))
                .await;
            field.send_keys("1").await.unwrap();
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

async fn journey(backend: Backend) {
    let app = TestApp::spawn_process(backend, true).await;
    let year = this_year();
    let admin = app.login("admin", DEMO_PASSWORD).await;

    // The admin imports one more operator into the agency on the import page.
    let browser = Browser::start().await;
    sign_in(&browser, &app, "admin").await;
    browser
        .client
        .goto(&app.url("/quan-tri/nhap-danh-sach"))
        .await
        .unwrap();
    browser.wait_for_text("main h1", "Nhập danh sách").await;
    browser
        .eval(
            "const s = document.querySelector('#loai-danh-sach'); s.value = 'members';
             s.dispatchEvent(new Event('change', { bubbles: true })); return true",
        )
        .await;
    browser
        .wait_for_text("#loai-danh-sach-hint", "Mã cán bộ")
        .await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("can-bo-vpub.csv");
    let mut file = std::fs::File::create(&path).unwrap();
    file.write_all("\u{feff}Mã cán bộ,Họ và tên,Mã đơn vị,Nhóm,Phụ trách đào tạo\r\nvpub.vh09,Đỗ Thành Nhân,AG-VPUB,Cán bộ vận hành hệ thống,\r\n".as_bytes()).unwrap();
    let input = browser.wait_for("#tep-danh-sach").await;
    input.send_keys(path.to_str().unwrap()).await.unwrap();
    browser.wait_for("#nhap").await.click().await.unwrap();
    browser
        .wait_for_text("#ket-qua-nhap", "Đã nhập danh sách")
        .await;

    // It saves the year's cycle on the cycle page: the operators' module, due 31 December.
    browser
        .client
        .goto(&app.url(&format!("/dao-tao/{AGENCY}/chu-ky/{year}")))
        .await
        .unwrap();
    browser
        .wait_for_text("#trang-thai-chu-ky", "Chu kỳ đang mở")
        .await;
    let chosen = browser
        .eval("return document.querySelector('#hoc-phan-operator').value")
        .await;
    assert_eq!(chosen, MODULE);
    let due = browser.wait_for("#han-hoan-thanh").await;
    due.clear().await.unwrap();
    due.send_keys(&format!("31/12/{year}")).await.unwrap();
    click(&browser, "#luu-chu-ky").await;
    browser
        .wait_for_text("#da-luu-chu-ky", "Đã lưu chu kỳ đào tạo")
        .await;
    browser
        .screenshot(&format!("training-cycle-{}", app.backend.api_name()))
        .await;

    // The report before canbo learns: 1 of 4 operators; on the coverage dashboard, 4 of the
    // agency's 9 civil servants trained this year.
    assert_eq!(
        shown_percent(&browser, &app, year, "operator").await,
        "25,0%"
    );
    assert_eq!(shown_trained(&browser, &app).await, "44,4");
    browser.close().await;

    // canbo sees the annual module due on the home page, learns and passes it.
    pass_anything(&app);
    let canbo_api = app.login("canbo", DEMO_PASSWORD).await;
    let browser = Browser::start().await;
    sign_in(&browser, &app, "canbo").await;
    browser
        .wait_for_text("#trang-thai-dao-tao", "Chưa bắt đầu")
        .await;
    browser
        .screenshot(&format!("training-home-due-{}", app.backend.api_name()))
        .await;
    let detail: Value = canbo_api
        .get(&format!("/api/modules/{MODULE}"))
        .await
        .json()
        .await
        .unwrap();
    for lesson in detail["lessons"].as_array().unwrap() {
        let id = lesson["id"].as_str().unwrap();
        browser
            .client
            .goto(&app.url(&format!("/bai-hoc/{id}")))
            .await
            .unwrap();
        click(&browser, "#danh-dau-da-hoc").await;
        browser.wait_for_text("#da-hoc", "Đã học").await;
    }
    browser
        .client
        .goto(&app.url(&format!("/hoc/{MODULE}")))
        .await
        .unwrap();
    click(&browser, "#lam-bai-kiem-tra").await;
    browser.wait_for("fieldset.question").await;
    let list = browser
        .eval("return [...document.querySelectorAll('fieldset.question')].map(f => [Number(f.id.slice(4)), f.dataset.type])")
        .await;
    let questions: Vec<(i64, String)> = serde_json::from_value(list).unwrap();
    for (slot, kind) in &questions {
        answer(&browser, *slot, kind).await;
    }
    wait_until(
        &browser,
        "document.querySelector('#trang-thai-luu')?.dataset.state === 'saved'",
        "answers saved",
    )
    .await;
    click(&browser, "#nop-bai").await;
    browser.wait_for("#xac-nhan-nop").await;
    click(&browser, "#xac-nhan-nop-bai").await;
    browser.wait_for("#ket-qua #diem").await;
    browser.client.goto(&app.url("/")).await.unwrap();
    browser
        .wait_for_text("#trang-thai-dao-tao", "Hoàn thành")
        .await;
    browser
        .screenshot(&format!("training-home-done-{}", app.backend.api_name()))
        .await;
    // Their certificate is there, valid to the end of the year.
    browser
        .client
        .goto(&app.url("/giay-chung-nhan"))
        .await
        .unwrap();
    browser
        .wait_for_text(
            "#giay-chung-nhan",
            &format!("Có giá trị đến ngày 31/12/{year}"),
        )
        .await;
    browser.close().await;

    // The agency report shows the new percent: 2 of 4 operators.
    let browser = Browser::start().await;
    sign_in(&browser, &app, "admin").await;
    assert_eq!(
        shown_percent(&browser, &app, year, "operator").await,
        "50,0%"
    );
    browser
        .screenshot(&format!("training-report-{}", app.backend.api_name()))
        .await;
    // And the dashboard: 5 of 9 civil servants.
    assert_eq!(shown_trained(&browser, &app).await, "55,6");
    browser
        .screenshot(&format!("training-coverage-{}", app.backend.api_name()))
        .await;
    browser.close().await;
    drop(admin);
    drop(canbo_api);

    // Next year: the completion has expired; once the year's cycle opens canbo is due again.
    let target = NaiveDate::from_ymd_opt(year + 1, 1, 15)
        .unwrap()
        .and_hms_opt(3, 0, 0)
        .unwrap();
    app.restart((target - chrono::Utc::now().naive_utc()).num_seconds())
        .await;
    let browser = Browser::start().await;
    sign_in(&browser, &app, "canbo").await;
    browser
        .wait_for_text(
            "#trang-thai-dao-tao",
            &format!("Chưa có chu kỳ đào tạo năm {}", year + 1),
        )
        .await;
    let admin = app.login("admin", DEMO_PASSWORD).await;
    let opened = admin
        .send(
            Method::PUT,
            &format!("/api/training/cycles/{AGENCY}/{}", year + 1),
            Some(&json!({"due_on": format!("{}-06-30", year + 1),
                         "modules": [{"job_group": "operator", "module_id": MODULE, "track": "training"}]})),
        )
        .await;
    assert_eq!(opened.status(), 200);
    browser.client.refresh().await.unwrap();
    browser
        .wait_for_text("#trang-thai-dao-tao", "Chưa bắt đầu")
        .await;
    browser
        .wait_for_text(
            "#dao-tao-hang-nam h2",
            &format!("Đào tạo hằng năm {}", year + 1),
        )
        .await;
    browser
        .screenshot(&format!("training-next-year-{}", app.backend.api_name()))
        .await;
    browser.close().await;
    app.kill();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_annual_training_journey_from_roster_to_report_and_next_year_on_sqlite() {
    journey(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_annual_training_journey_from_roster_to_report_and_next_year_on_postgres() {
    journey(Backend::Postgres).await;
}
