//! Browser journey of a poster contest (issue 8), in real headless Chromium, on SQLite and on
//! PostgreSQL, in the demo province: `hs.thpt` creates an entry and uploads a poster on a
//! phone; the organiser `btc` assigns judges automatically — the judge from the student's own
//! school is never given it, and assigning them by hand is refused; `giamkhao` scores blind;
//! `btc` sets the prizes and publishes; the public gallery shows the winner without a sign-in.
//! Screenshots in target/screenshots/.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: fail loudly.

use hocdvc::services::judging::files::sample_png;
use hocdvc_tests::{Browser, DEMO_PASSWORD, TestApp, on_both_backends_demo};
use serde_json::{Value, json};

const TITLE: &str = "Áp phích của lớp 10A1";

fn minutes_from_now(minutes: i64) -> String {
    (chrono::Utc::now().naive_utc() + chrono::Duration::minutes(minutes))
        .format("%Y-%m-%dT%H:%M:%S")
        .to_string()
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
    phone.sign_in(app, "hs.thpt").await;
    phone.click(".site-nav a[href='/bai-du-thi']").await;
    phone.wait_for_path("/bai-du-thi").await;
    phone
        .type_into(&format!("#bai-moi-{contest}-ten"), TITLE)
        .await;
    phone
        .type_into(
            &format!("#bai-moi-{contest}-thuyet-minh"),
            "Hướng dẫn nộp hồ sơ trực tuyến",
        )
        .await;
    phone.click(".new-entry .tao-bai").await;
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
    office.sign_in(app, "btc").await;
    office
        .click(".site-nav a[href='/ban-to-chuc/cuoc-thi']")
        .await;
    office
        .wait_for_text(".contest-list", "Áp phích tháng 12")
        .await;
    office
        .client
        .goto(&app.url(&format!("/ban-to-chuc/cuoc-thi/{contest}")))
        .await
        .unwrap();
    office.click(".phan-cong-tu-dong").await;
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
    office.click(".giao-bai").await;
    office
        .wait_for_text("main .alert-error", "cùng trường")
        .await;
    office.screenshot("judging-organiser-conflict").await;

    // The judge scores blind.
    let judge = Browser::start_sized(1280, 900).await;
    judge.sign_in(app, "giamkhao").await;
    judge.click(".site-nav a[href='/cham-thi']").await;
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
            !judge.page_text().await.contains(word),
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
    judge.click(".nop-diem").await;
    judge
        .wait_for_text("main .alert-success", "Đã nộp điểm: 85/100")
        .await;
    judge.screenshot("judging-judge-submitted").await;
    judge.close().await;

    // The organiser sets one first prize and publishes.
    office.client.refresh().await.unwrap();
    office.wait_for_text("#bang-diem", "85").await;
    office.type_into("#so-giai", "1, 0, 0, 0").await;
    office.click(".luu-thiet-lap").await;
    office.wait_for_text("main .alert-success", "Đã lưu").await;
    office.click(".cong-bo").await;
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
    let text = visitor.page_text().await;
    assert!(!text.contains("Trần Minh Khoa") && !text.contains("THPT Long Xuyên"));
    visitor.screenshot("judging-gallery").await;
    visitor.close().await;
}

on_both_backends_demo! {
    async fn a_poster_goes_from_upload_through_blind_judging_to_the_gallery_in_the_browser(app) {
        a_poster_goes_from_upload_through_blind_judging_to_the_gallery(&app).await;
    }
}
