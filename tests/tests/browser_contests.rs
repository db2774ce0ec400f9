//! The knowledge-contest journey in real headless Chromium at phone size (360 px), on SQLite
//! and on PostgreSQL, in the demo province with the shipped curriculum: the organiser `btc`
//! creates a contest and opens a round; `hs.thpt` enters it with a prediction, answers on the
//! ordinary attempt page and submits; the organiser closes the round and publishes; the
//! leaderboard ranks the entrant, for the organiser and then for the entrant. Screenshots in
//! target/screenshots/.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: fail loudly.

use hocdvc_tests::{Browser, on_both_backends_curriculum};
use serde_json::Value;

on_both_backends_curriculum! {
    async fn an_organiser_runs_a_round_that_a_student_takes_and_the_leaderboard_ranks(app) {
        let backend = app.backend.api_name();
        let browser = Browser::start_sized(360, 740).await;

        // The organiser creates the contest and opens its school round.
        browser.sign_in(&app, "btc").await;
        browser.client.goto(&app.url("/cuoc-thi")).await.unwrap();
        browser.wait_for_text("main h1", "Cuộc thi tìm hiểu").await;
        browser.type_into("#ten-cuoc-thi", "Cuộc thi tìm hiểu DVCTT trong trình duyệt").await;
        browser.type_into("#cau-hoi-du-doan", "Bao nhiêu thí sinh đạt điểm tuyệt đối?").await;
        assert_eq!(browser.eval("return document.querySelector('#don-vi-to-chuc').value").await, "AG");
        browser.click("#tao-cuoc-thi button[type=submit]").await;
        browser.wait_until("location.pathname.startsWith('/cuoc-thi/')", "the contest page opens").await;
        let contest_path = browser.current_path().await;
        browser.wait_for_text("main h1", "trong trình duyệt").await;
        browser.type_into("#ten-vong", "Vòng thi cấp trường").await;
        browser.type_into("#so-cau", "5").await;
        browser.type_into("#thoi-gian", "10").await;
        browser.click("#them-vong-thi button[type=submit]").await;
        browser.wait_for_text(".contest-round[data-status=open]", "Đang mở").await;
        browser.screenshot(&format!("contest-organiser-round-open-{backend}")).await;

        // The student enters with a prediction and takes the round on the attempt page.
        browser.sign_in(&app, "hs.thpt").await;
        browser.client.goto(&app.url(&contest_path)).await.unwrap();
        browser.wait_for_text(".contest-round", "Vòng 1").await;
        browser.type_into(".enter-round input.prediction", "1").await;
        browser.screenshot(&format!("contest-student-prediction-{backend}")).await;
        browser.click(".enter-round button[type=submit]").await;
        browser.wait_until("location.pathname.startsWith('/lam-bai/')", "the attempt opens").await;
        browser.wait_for("fieldset.question").await;
        let count = browser.eval("return document.querySelectorAll('fieldset.question').length").await;
        assert_eq!(count, 5);
        browser
            .eval("document.querySelectorAll('fieldset.question').forEach(f => f.querySelector('input')?.click()); return true")
            .await;
        browser.wait_until("document.querySelector('#trang-thai-luu')?.dataset.state === 'saved'", "answers saved").await;
        browser.click("#nop-bai").await;
        browser.click("#xac-nhan-nop-bai").await;
        browser.wait_for("#ket-qua #diem").await;
        // A contest round has no pass mark; the way back leads to the contest.
        assert_eq!(browser.eval("return document.querySelector('#ket-luan') === null").await, true);
        browser.wait_for_text("#ket-qua .actions a", "Về trang cuộc thi").await;
        browser.screenshot(&format!("contest-student-result-{backend}")).await;
        // Before publication the student sees no leaderboard.
        browser.client.goto(&app.url(&contest_path)).await.unwrap();
        browser.wait_for_text("#bang-xep-hang-an", "chưa được công bố").await;

        // The organiser watches, closes and publishes.
        browser.sign_in(&app, "btc").await;
        browser.client.goto(&app.url(&contest_path)).await.unwrap();
        browser.wait_for_text("#bang-xep-hang tbody tr[data-rank='1']", "Trần Minh Khoa").await;
        browser.eval("window.confirm = () => true; return true").await;
        browser.click(".close-round").await;
        browser.wait_for_text(".contest-round[data-status=closed]", "Đã kết thúc").await;
        browser.click(".publish-round").await;
        browser.wait_for_text(".contest-round", "Đã công bố kết quả").await;
        browser.screenshot(&format!("contest-organiser-published-{backend}")).await;

        // Published: the student finds themself ranked.
        browser.sign_in(&app, "hs.thpt").await;
        browser.client.goto(&app.url(&contest_path)).await.unwrap();
        let row = browser.wait_for_text("#bang-xep-hang tbody tr[data-rank='1']", "Trần Minh Khoa").await;
        assert!(row.contains("Trường THPT"), "{row}");
        let overflow = browser.eval("return document.documentElement.scrollWidth > window.innerWidth").await;
        assert_eq!(overflow, Value::Bool(false), "the page is wider than 360 px");
        browser.screenshot(&format!("contest-student-leaderboard-{backend}")).await;
        browser.close().await;
    }
}
