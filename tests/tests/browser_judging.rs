//! Browser journey of a poster contest (issue 8), in real headless Chromium, on SQLite and on
//! PostgreSQL, in the demo province: `hs.thpt` creates an entry and uploads a poster on a
//! phone; the organiser `btc` assigns judges automatically — the judge from the student's own
//! school is never given it, and assigning them by hand is refused; `giamkhao` scores blind;
//! `btc` sets the prizes and publishes; the public gallery shows the winner without a sign-in.
//! Screenshots in target/screenshots/.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: fail loudly.

use std::time::Duration;

use hocdvc::services::judging::files::sample_png;
use hocdvc_tests::{Browser, DEMO_PASSWORD, TestApp, on_both_backends_demo};
use serde_json::{Value, json};

const TITLE: &str = "Áp phích của lớp 10A1";

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

async fn type_into(browser: &Browser, css: &str, text: &str) {
    let field = browser.wait_for(css).await;
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

fn minutes_from_now(minutes: i64) -> String {
    (chrono::Utc::now().naive_utc() + chrono::Duration::minutes(minutes))
        .format("%Y-%m-%dT%H:%M:%S")
        .to_string()
}

async fn page_text(browser: &Browser) -> String {
    browser
        .eval("return document.body.innerText")
        .await
        .as_str()
        .unwrap()
        .to_owned()
}

async fn a_poster_goes_from_upload_through_blind_judging_to_the_gallery(app: &TestApp) {
    // Arrange: btc opens a contest with one judge per entry and a panel of two judges, one of
    // them (gk.thpt) from hs.thpt's school.
    let btc = app.login("btc", DEMO_PASSWORD).await;
    let created: Value = btc
        .post("/api/creative-contests", &json!({
            "title": "Áp phích tháng 12", "kind": "poster", "unit_code": "AG",
            "submission_opens_at": minutes_from_now(-60), "submission_closes_at": minutes_from_now(24 * 60),
            "team_size_max": 2, "judges_per_entry": 1,
            "rubric": [
                {"name": "Nội dung", "weight": 40, "scale_max": 10, "guidance": "Thông điệp rõ"},
                {"name": "Sáng tạo", "weight": 30, "scale_max": 10},
                {"name": "Kỹ thuật", "weight": 20, "scale_max": 10},
                {"name": "Tính lan tỏa", "weight": 10, "scale_max": 10}
            ]
        }))
        .await
        .json()
        .await
        .unwrap();
    let contest = created["id"].as_i64().unwrap();
    assert_eq!(
        btc.put(
            &format!("/api/creative-contests/{contest}/judges"),
            &json!({"usernames": ["gk.thpt", "giamkhao"]})
        )
        .await
        .status(),
        200
    );

    // A student on a phone creates an entry and uploads a poster.
    let phone = Browser::start_sized(360, 740).await;
    sign_in(&phone, app, "hs.thpt").await;
    click(&phone, ".site-nav a[href='/bai-du-thi']").await;
    wait_for_path(&phone, "/bai-du-thi").await;
    type_into(&phone, &format!("#bai-moi-{contest}-ten"), TITLE).await;
    type_into(
        &phone,
        &format!("#bai-moi-{contest}-thuyet-minh"),
        "Hướng dẫn nộp hồ sơ trực tuyến",
    )
    .await;
    click(&phone, ".new-entry .tao-bai").await;
    // The new entry appears among the student's own, ready for its files.
    phone.wait_for_text("main", TITLE).await;
    let dir = tempfile::tempdir().unwrap();
    let poster = dir.path().join("ap-phich.png");
    std::fs::write(&poster, sample_png(400, 560, [200, 40, 40])).unwrap();
    let card = format!("//li[contains(@class,'entry-card')][.//h3[text()='{TITLE}']]");
    let input = phone
        .client
        .wait()
        .for_element(fantoccini::Locator::XPath(&format!(
            "{card}//input[@type='file']"
        )))
        .await
        .unwrap();
    input.send_keys(poster.to_str().unwrap()).await.unwrap();
    phone
        .client
        .find(fantoccini::Locator::XPath(&format!(
            "{card}//button[contains(@class,'tai-len')]"
        )))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    phone.wait_for_text("main", "Đã tải tệp lên").await;
    phone.wait_for(".entry-card img.thumb").await;
    phone.screenshot("judging-student-uploaded").await;
    phone.close().await;

    // The deadline passes (the organiser closes submission).
    assert_eq!(
        btc.patch(
            &format!("/api/creative-contests/{contest}"),
            &json!({"submission_closes_at": minutes_from_now(-1)})
        )
        .await
        .status(),
        200
    );

    // The organiser assigns automatically; the conflict holds, also by hand.
    let office = Browser::start_sized(1280, 900).await;
    sign_in(&office, app, "btc").await;
    click(&office, ".site-nav a[href='/ban-to-chuc/cuoc-thi']").await;
    office
        .wait_for_text(".contest-list", "Áp phích tháng 12")
        .await;
    office
        .client
        .goto(&app.url(&format!("/ban-to-chuc/cuoc-thi/{contest}")))
        .await
        .unwrap();
    click(&office, ".phan-cong-tu-dong").await;
    office
        .wait_for_text("main .alert-success", "Đã phân công thêm 1 lượt chấm")
        .await;
    office.wait_for_text("#bang-diem", "giamkhao").await;
    let table = office
        .eval("return document.querySelector('#bang-diem').innerText")
        .await;
    assert!(!table.as_str().unwrap().contains("gk.thpt"), "{table}");
    let entry_option = office.eval(&format!("return [...document.querySelectorAll('#chon-bai option')].find(o => o.text.includes('{TITLE}')).value")).await;
    let judge_option = office.eval("return [...document.querySelectorAll('#chon-giam-khao option')].find(o => o.text === 'gk.thpt').value").await;
    // Chosen as a mouse would: the value set and the select's change event fired.
    for (select, option) in [
        ("#chon-bai", &entry_option),
        ("#chon-giam-khao", &judge_option),
    ] {
        office
            .eval(&format!(
                "const s = document.querySelector('{select}');
                 s.value = '{}';
                 s.dispatchEvent(new Event('change', {{ bubbles: true }}));
                 return true",
                option.as_str().unwrap()
            ))
            .await;
    }
    click(&office, ".giao-bai").await;
    office
        .wait_for_text("main .alert-error", "cùng trường")
        .await;
    office.screenshot("judging-organiser-conflict").await;

    // The judge scores blind.
    let judge = Browser::start_sized(1280, 900).await;
    sign_in(&judge, app, "giamkhao").await;
    click(&judge, ".site-nav a[href='/cham-thi']").await;
    judge.wait_for_text("#bai-can-cham", TITLE).await;
    let link = judge
        .client
        .find(fantoccini::Locator::XPath(&format!(
            "//li[.//h3[text()='{TITLE}']]//a[contains(@class,'cham-bai')]"
        )))
        .await
        .unwrap();
    link.click().await.unwrap();
    judge.wait_for_text("main h1", TITLE).await;
    judge.wait_for("main img.thumb").await;
    for word in ["Trần Minh Khoa", "hs.thpt", "THPT Long Xuyên", "AG-LX-THPT"] {
        assert!(
            !page_text(&judge).await.contains(word),
            "the judge's page names «{word}»"
        );
    }
    judge
        .wait_for_text("#diem-giam-khao-khac", "sau khi thầy/cô nộp điểm")
        .await;
    for (i, value) in ["9", "8", "9", "7"].iter().enumerate() {
        let inputs = judge
            .client
            .find_all(fantoccini::Locator::Css(".score-input"))
            .await
            .unwrap();
        inputs[i].send_keys(value).await.unwrap();
    }
    click(&judge, ".nop-diem").await;
    judge
        .wait_for_text("main .alert-success", "Đã nộp điểm: 85/100")
        .await;
    judge.screenshot("judging-judge-submitted").await;
    judge.close().await;

    // The organiser sets one first prize and publishes.
    office.client.refresh().await.unwrap();
    office.wait_for_text("#bang-diem", "85").await;
    type_into(&office, "#so-giai", "1, 0, 0, 0").await;
    click(&office, ".luu-thiet-lap").await;
    office.wait_for_text("main .alert-success", "Đã lưu").await;
    click(&office, ".cong-bo").await;
    office
        .wait_for_text("main .alert-success", "Đã công bố kết quả")
        .await;
    office.wait_for_text("#bang-diem .prize", "Giải Nhất").await;
    office.close().await;

    // Anyone sees the winner in the gallery, without names or school.
    let visitor = Browser::start_sized(360, 740).await;
    visitor
        .client
        .goto(&app.url("/bai-doat-giai"))
        .await
        .unwrap();
    visitor.wait_for_text("#thu-vien", TITLE).await;
    visitor.wait_for_text("#thu-vien", "Giải Nhất").await;
    visitor.wait_for("#thu-vien img.thumb").await;
    let loaded = visitor.eval("return [...document.querySelectorAll('#thu-vien img.thumb')].every(i => i.complete && i.naturalWidth > 0)").await;
    assert_eq!(loaded, json!(true));
    let text = page_text(&visitor).await;
    assert!(!text.contains("Trần Minh Khoa") && !text.contains("THPT Long Xuyên"));
    visitor.screenshot("judging-gallery").await;
    visitor.close().await;
}

on_both_backends_demo! {
    async fn a_poster_goes_from_upload_through_blind_judging_to_the_gallery_in_the_browser(app) {
        a_poster_goes_from_upload_through_blind_judging_to_the_gallery(&app).await;
    }
}
