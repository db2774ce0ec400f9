//! Issue 8's "done when", as one journey in real headless Chromium, on SQLite and on PostgreSQL,
//! in the demo province with the shipped curriculum:
//!
//! 1. A knowledge contest round: `hs.thpt` enters the demo's open round on a phone with a
//!    prediction and takes it; the organiser `btc` closes the round, the leaderboard shows
//!    every group ranked by the Vietnamese rules (score, then the prediction's distance, then
//!    the duration, then the submission time), and `btc` publishes it with prizes, which
//!    issues the winners' certificates.
//! 2. A poster contest: `btc` creates it and its panel in the browser; `hs.thpt` and `hs.thcs`
//!    upload real PNG posters through the file input; automatic assignment never gives
//!    `gk.thpt` the poster of their own school, and assigning it by hand is refused; the judges
//!    score blind; `btc` opens the popular vote, sets the prizes and publishes, which issues the
//!    certificates; `hs.thpt` finds theirs, votes once in the gallery (the count rises, the
//!    button stays disabled, also after a reload); anyone verifies the certificate at
//!    `/verify/{code}`.
//!
//! Screenshots in target/screenshots/.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: fail loudly.

use hocdvc::services::judging::files::sample_png;
use hocdvc_tests::{Browser, DEMO_PASSWORD, TestApp, on_both_backends_curriculum};
use serde_json::{Value, json};

const POSTER_CONTEST: &str = "Áp phích: Dịch vụ công trong tầm tay";
const HS_THPT_POSTER: &str = "Hồ sơ trực tuyến, cả nhà cùng làm";
const HS_THCS_POSTER: &str = "Mã QR của em";

fn minutes_from_now(minutes: i64) -> String {
    (chrono::Utc::now().naive_utc() + chrono::Duration::minutes(minutes))
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

/// The ranking key of a leaderboard row as the Vietnamese rules order it: higher score, then
/// the smaller prediction gap (none: last), then the shorter duration, then the earlier
/// submission.
fn rule_key(row: &Value) -> (i64, i64, i64, String) {
    (
        -(row["score"].as_f64().unwrap() * 1e6).round() as i64,
        row["gap"].as_i64().unwrap_or(i64::MAX),
        row["duration"].as_i64().unwrap(),
        row["submitted"].as_str().unwrap().to_owned(),
    )
}

/// Every group's rows are in rule order, and equal keys (only) share a rank.
fn assert_ranked_by_vietnamese_rules(rows: &[Value]) {
    let groups: std::collections::BTreeSet<&str> =
        rows.iter().map(|r| r["group"].as_str().unwrap()).collect();
    for group in groups {
        let mine: Vec<&Value> = rows.iter().filter(|r| r["group"] == group).collect();
        assert_eq!(mine[0]["rank"], 1, "{group}: {mine:?}");
        for (i, pair) in mine.windows(2).enumerate() {
            let (a, b) = (rule_key(pair[0]), rule_key(pair[1]));
            assert!(
                a <= b,
                "{group}: row {i} outranks the next wrongly: {mine:?}"
            );
            let (ra, rb) = (
                pair[0]["rank"].as_i64().unwrap(),
                pair[1]["rank"].as_i64().unwrap(),
            );
            if a == b {
                assert_eq!(ra, rb, "{group}: equal rows share a rank");
            } else {
                assert_eq!(rb, i as i64 + 2, "{group}: the next rank after a tie skips");
            }
        }
    }
}

/// The leaderboard's rows as the page shows them.
async fn shown_rows(browser: &Browser) -> Vec<Value> {
    browser
        .eval(
            "return [...document.querySelectorAll('#bang-xep-hang tbody tr')].map(r => ({
                rank: +r.dataset.rank, group: r.dataset.group, score: +r.dataset.score,
                gap: r.dataset.gap === '' ? null : +r.dataset.gap, duration: +r.dataset.duration,
                submitted: r.dataset.submitted, name: r.querySelector('th').innerText }))",
        )
        .await
        .as_array()
        .unwrap()
        .clone()
}

/// Creates an entry in the open poster contest and uploads a real PNG through the file input.
async fn enter_a_poster(browser: &Browser, contest: i64, title: &str, colour: [u8; 3]) {
    browser.click(".site-nav a[href='/bai-du-thi']").await;
    browser.wait_for_path("/bai-du-thi").await;
    browser
        .type_into(&format!("#bai-moi-{contest}-ten"), title)
        .await;
    browser
        .type_into(
            &format!("#bai-moi-{contest}-thuyet-minh"),
            "Hướng dẫn người thân nộp hồ sơ trên Cổng Dịch vụ công quốc gia",
        )
        .await;
    browser.click(".new-entry .tao-bai").await;
    browser.wait_for_text("main", title).await;
    let dir = tempfile::tempdir().unwrap();
    let poster = dir.path().join("ap-phich.png");
    std::fs::write(&poster, sample_png(420, 594, colour)).unwrap();
    let card = format!("//li[contains(@class,'entry-card')][.//h3[text()='{title}']]");
    browser
        .client
        .wait()
        .for_element(fantoccini::Locator::XPath(&format!(
            "{card}//input[@type='file']"
        )))
        .await
        .unwrap()
        .send_keys(poster.to_str().unwrap())
        .await
        .unwrap();
    browser
        .client
        .find(fantoccini::Locator::XPath(&format!(
            "{card}//button[contains(@class,'tai-len')]"
        )))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser.wait_for_text("main", "Đã tải tệp lên").await;
    browser.wait_for_image(".entry-card img.thumb").await;
}

/// The words that would identify an entry's team: the members' names and accounts and the
/// school, as the organiser's results name them.
fn identity_of(results: &Value, title: &str) -> Vec<String> {
    let entry = results["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["title"] == title)
        .unwrap();
    let mut words = vec![entry["school_name"].as_str().unwrap().to_owned()];
    for m in entry["members"].as_array().unwrap() {
        words.push(m.as_str().unwrap().to_owned());
    }
    words.extend(["hs.thpt".to_owned(), "hs.thcs".to_owned()]);
    words
}

/// A judge opens the poster among their assignments, sees nothing of its entrants, scores
/// every criterion and submits.
async fn score_blind(
    browser: &Browser,
    app: &TestApp,
    judge: &str,
    (title, identity): (&str, &[String]),
    scores: [&str; 4],
) {
    browser.sign_in(app, judge).await;
    browser.click(".site-nav a[href='/cham-thi']").await;
    browser.wait_for_text("#bai-can-cham", title).await;
    browser
        .client
        .find(fantoccini::Locator::XPath(&format!(
            "//li[.//h3[text()='{title}']]//a[contains(@class,'cham-bai')]"
        )))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser.wait_for_text("main h1", title).await;
    browser.wait_for_image("main img.thumb").await;
    // The page's content (the header shows the judge's own school, which is theirs to see).
    let text = browser
        .eval("return document.querySelector('main').innerText")
        .await;
    for word in identity {
        assert!(
            !text.as_str().unwrap().contains(word.as_str()),
            "{judge}'s page names «{word}»"
        );
    }
    let inputs = browser
        .client
        .find_all(fantoccini::Locator::Css(".score-input"))
        .await
        .unwrap();
    assert_eq!(inputs.len(), 4);
    for (input, value) in inputs.iter().zip(scores) {
        input.send_keys(value).await.unwrap();
    }
    browser.click(".nop-diem").await;
    browser
        .wait_for_text("main .alert-success", "Đã nộp điểm")
        .await;
}

async fn the_journey(app: &TestApp) {
    let backend = app.backend.api_name();
    let btc_api = app.login("btc", DEMO_PASSWORD).await;

    // ---- 1. A knowledge contest round ---------------------------------------------------
    let contests: Value = btc_api.get("/api/contests").await.json().await.unwrap();
    let contest = contests
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["rounds"][0]["status"] == "open")
        .expect("the demo has an open round")
        .clone();
    let (contest_id, round_id) = (
        contest["id"].as_i64().unwrap(),
        contest["rounds"][0]["id"].as_i64().unwrap(),
    );
    let contest_path = format!("/cuoc-thi/{contest_id}");

    // hs.thpt enters on a phone with a prediction and takes the round.
    let phone = Browser::start_sized(360, 740).await;
    phone.sign_in(app, "hs.thpt").await;
    phone.open(app, &contest_path).await;
    phone.type_into(".enter-round input.prediction", "2").await;
    phone.click(".enter-round button[type=submit]").await;
    phone
        .wait_until(
            "location.pathname.startsWith('/lam-bai/')",
            "the attempt opens",
        )
        .await;
    phone.wait_for("fieldset.question").await;
    phone
        .eval("document.querySelectorAll('fieldset.question').forEach(f => f.querySelector('input')?.click()); return true")
        .await;
    phone
        .wait_until(
            "document.querySelector('#trang-thai-luu')?.dataset.state === 'saved'",
            "answers saved",
        )
        .await;
    phone.click("#nop-bai").await;
    phone.click("#xac-nhan-nop-bai").await;
    phone.wait_for("#ket-qua #diem").await;
    phone
        .screenshot(&format!("journey-round-taken-{backend}"))
        .await;

    // The organiser closes the round: every group ranked by the Vietnamese rules.
    let office = Browser::start().await;
    office.sign_in(app, "btc").await;
    office.open(app, &contest_path).await;
    office
        .wait_for_text("#bang-xep-hang", "Trần Minh Khoa")
        .await;
    office
        .eval("window.confirm = () => true; return true")
        .await;
    office.click(".close-round").await;
    office
        .wait_for_text(".contest-round[data-status=closed]", "Đã kết thúc")
        .await;
    office
        .wait_until(
            "document.querySelector('#bang-xep-hang tbody tr:not([data-gap=\"\"])')",
            "the prediction decides once the round closed",
        )
        .await;
    let rows = shown_rows(&office).await;
    assert!(rows.len() >= 5, "{rows:?}");
    assert_ranked_by_vietnamese_rules(&rows);
    let board: Value = btc_api
        .get(&format!(
            "/api/contests/{contest_id}/leaderboard?round={round_id}"
        ))
        .await
        .json()
        .await
        .unwrap();
    let api_names: Vec<&Value> = board["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["name"])
        .collect();
    let shown_names: Vec<&Value> = rows.iter().map(|r| &r["name"]).collect();
    assert_eq!(shown_names, api_names, "the page shows the server's order");
    office
        .screenshot(&format!("journey-round-leaderboard-{backend}"))
        .await;

    // Published with one first and one second prize per group: the winners are certified.
    office
        .type_into(&format!("#so-giai-{round_id}"), "1, 1, 0, 0")
        .await;
    office.click(".publish-round").await;
    office
        .wait_for_text(".contest-round", "Đã công bố kết quả")
        .await;
    let winners = rows
        .iter()
        .filter(|r| r["rank"].as_i64().unwrap() <= 2)
        .count();
    office
        .wait_for_text(
            ".contest-round .certificates-issued",
            &format!("Đã cấp {winners} giấy chứng nhận"),
        )
        .await;

    // ---- 2. A poster contest --------------------------------------------------------------
    office
        .click(".site-nav a[href='/ban-to-chuc/cuoc-thi']")
        .await;
    office.wait_for_path("/ban-to-chuc/cuoc-thi").await;
    office.type_into("#ct-ten", POSTER_CONTEST).await;
    office.type_into("#ct-mo", &minutes_from_now(-60)).await;
    office
        .type_into("#ct-han", &minutes_from_now(24 * 60))
        .await;
    office.type_into("#ct-gk", "1").await;
    office.click("form.stack button[type=submit]").await;
    office.wait_for_text(".contest-list", POSTER_CONTEST).await;
    let href = office
        .eval(&format!(
            "return [...document.querySelectorAll('.contest-list a')].find(a => a.innerText.includes('{POSTER_CONTEST}')).getAttribute('href')"
        ))
        .await;
    let href = href.as_str().unwrap().to_owned();
    let poster_id: i64 = href.rsplit('/').next().unwrap().parse().unwrap();
    office.open(app, &href).await;
    office.type_into("#hoi-dong", "gk.thpt, giamkhao").await;
    office.click(".luu-hoi-dong").await;
    office
        .wait_for_text("main .alert-success", "Đã lưu hội đồng giám khảo")
        .await;

    // Two students upload their posters, on phones.
    phone.sign_in(app, "hs.thpt").await;
    enter_a_poster(&phone, poster_id, HS_THPT_POSTER, [200, 40, 40]).await;
    phone
        .screenshot(&format!("journey-poster-uploaded-{backend}"))
        .await;
    phone.sign_in(app, "hs.thcs").await;
    enter_a_poster(&phone, poster_id, HS_THCS_POSTER, [40, 90, 200]).await;

    // The deadline passes.
    let closed = btc_api
        .patch(
            &format!("/api/creative-contests/{poster_id}"),
            &json!({"submission_closes_at": minutes_from_now(-1)}),
        )
        .await;
    assert_eq!(closed.status(), 200);

    // Automatic assignment respects the conflict: gk.thpt (of hs.thpt's school) never gets
    // hs.thpt's poster, and a manual assignment of it is refused.
    office.client.refresh().await.unwrap();
    office.click(".phan-cong-tu-dong").await;
    office
        .wait_for_text("main .alert-success", "Đã phân công thêm 2 lượt chấm")
        .await;
    let results: Value = btc_api
        .get(&format!("/api/creative-contests/{poster_id}/results"))
        .await
        .json()
        .await
        .unwrap();
    let judges_of = |title: &str| -> Vec<String> {
        results["entries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["title"] == title)
            .unwrap()["scores"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["judge_username"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(judges_of(HS_THPT_POSTER), vec!["giamkhao".to_owned()]);
    assert_eq!(judges_of(HS_THCS_POSTER), vec!["gk.thpt".to_owned()]);
    let row = office
        .eval(&format!(
            "return [...document.querySelectorAll('#bang-diem tbody tr')].find(r => r.innerText.includes('{HS_THPT_POSTER}')).innerText"
        ))
        .await;
    assert!(!row.as_str().unwrap().contains("gk.thpt"), "{row}");
    let entry_option = office.eval(&format!("return [...document.querySelectorAll('#chon-bai option')].find(o => o.text.includes('{HS_THPT_POSTER}')).value")).await;
    let judge_option = office.eval("return [...document.querySelectorAll('#chon-giam-khao option')].find(o => o.text === 'gk.thpt').value").await;
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
    office
        .screenshot(&format!("journey-poster-conflict-{backend}"))
        .await;

    // The judges score blind.
    let judge = Browser::start().await;
    let (thpt_team, thcs_team) = (
        identity_of(&results, HS_THPT_POSTER),
        identity_of(&results, HS_THCS_POSTER),
    );
    assert!(
        thpt_team.iter().any(|w| w == "Trần Minh Khoa"),
        "{thpt_team:?}"
    );
    score_blind(
        &judge,
        app,
        "giamkhao",
        (HS_THPT_POSTER, &thpt_team),
        ["9", "9", "8", "9"],
    )
    .await;
    judge
        .wait_for_text("main .alert-success", "Đã nộp điểm: 88/100")
        .await;
    judge
        .screenshot(&format!("journey-poster-judged-{backend}"))
        .await;
    score_blind(
        &judge,
        app,
        "gk.thpt",
        (HS_THCS_POSTER, &thcs_team),
        ["7", "6", "7", "6"],
    )
    .await;
    judge.close().await;

    // The organiser opens the popular vote, sets one first and one second prize, publishes.
    office.client.refresh().await.unwrap();
    office.wait_for_text("#bang-diem", "88").await;
    office.type_into("#so-giai", "1, 1, 0, 0").await;
    office.click("#binh-chon").await;
    office.click(".luu-thiet-lap").await;
    office.wait_for_text("main .alert-success", "Đã lưu").await;
    office.click(".cong-bo").await;
    office
        .wait_for_text("main .alert-success", "Đã công bố kết quả")
        .await;
    office
        .wait_for_text(".certificates-issued", "Đã cấp 2 giấy chứng nhận")
        .await;
    office
        .screenshot(&format!("journey-poster-published-{backend}"))
        .await;
    office.close().await;

    // hs.thpt finds the prize certificate among theirs.
    phone.sign_in(app, "hs.thpt").await;
    phone.click("a[href='/giay-chung-nhan']").await;
    phone.wait_for_path("/giay-chung-nhan").await;
    phone.wait_for_text("main", POSTER_CONTEST).await;
    let found = phone
        .eval(&format!(
            "const li = [...document.querySelectorAll('li[data-code]')].find(li => li.innerText.includes('{POSTER_CONTEST}'));
             return [li.dataset.code, li.innerText]"
        ))
        .await;
    let (code, item) = (
        found[0].as_str().unwrap().to_owned(),
        found[1].as_str().unwrap(),
    );
    assert!(
        item.contains("Giải Nhất") && item.contains(HS_THPT_POSTER),
        "{item}"
    );
    phone
        .screenshot(&format!("journey-certificate-list-{backend}"))
        .await;

    // …and votes once for a winning poster in the gallery.
    phone.click(".site-nav a[href='/bai-doat-giai']").await;
    phone.wait_for_path("/bai-doat-giai").await;
    let entry = results["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["title"] == HS_THCS_POSTER)
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let item = format!("#thu-vien li[data-entry='{entry}']");
    phone
        .wait_for_text(&format!("{item} .vote-count"), "0 lượt bình chọn")
        .await;
    phone.click(&format!("{item} .binh-chon")).await;
    phone
        .wait_for_text(&format!("{item} .vote-count"), "1 lượt bình chọn")
        .await;
    phone
        .wait_for_text(&format!("{item} .binh-chon"), "Đã bình chọn")
        .await;
    let disabled = format!("document.querySelector(\"{item} .binh-chon\").disabled");
    phone
        .wait_until(&disabled, "the vote button is disabled")
        .await;
    phone.client.refresh().await.unwrap();
    phone
        .wait_for_text(&format!("{item} .vote-count"), "1 lượt bình chọn")
        .await;
    phone
        .wait_until(&disabled, "the vote button stays disabled after a reload")
        .await;
    phone
        .screenshot(&format!("journey-gallery-voted-{backend}"))
        .await;
    phone.close().await;

    // Anyone verifies the certificate from its code.
    let visitor = Browser::start_sized(360, 740).await;
    visitor.open(app, &format!("/verify/{code}")).await;
    let shown = visitor
        .wait_for_text("#ket-qua-xac-thuc", "Còn hiệu lực")
        .await;
    for fact in [
        "Trần Minh Khoa",
        POSTER_CONTEST,
        "Giải Nhất",
        HS_THPT_POSTER,
    ] {
        assert!(
            shown.contains(fact),
            "/verify/{code} lacks «{fact}»: {shown}"
        );
    }
    assert!(!shown.contains("hs.thpt"), "no username: {shown}");
    visitor
        .screenshot(&format!("journey-certificate-verified-{backend}"))
        .await;
    visitor.close().await;
}

on_both_backends_curriculum! {
    async fn an_organiser_runs_a_knowledge_round_and_a_poster_contest_to_verified_certificates(app) {
        the_journey(&app).await;
    }
}
