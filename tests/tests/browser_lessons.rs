//! Browser journeys of the lesson player, in real headless Chromium at phone size (360 px), on
//! SQLite and on PostgreSQL, in the demo province with the shipped curriculum: a THPT student
//! reads the first lesson of their core module, marks it learned and moves on; searches without
//! diacritics; reaches the end of a lesson and sees it learned by itself; leaves feedback that a
//! teacher answers publicly; and loads a lesson video only by clicking it (a test-only copy of a
//! module with a video link, since no shipped lesson has one). Screenshots in
//! target/screenshots/.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: fail loudly.

use std::time::Duration;

use hocdvc_tests::{Backend, Browser, DEMO_PASSWORD, TestApp, on_both_backends_curriculum};

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

async fn signed_in(app: &TestApp, username: &str, path: &str) -> Browser {
    let browser = Browser::start_sized(360, 740).await;
    browser.client.goto(&app.url("/dang-nhap")).await.unwrap();
    sign_in(&browser, username, DEMO_PASSWORD).await;
    wait_for_path(&browser, "/").await;
    browser.client.goto(&app.url(path)).await.unwrap();
    wait_for_path(&browser, path).await;
    browser
}

async fn type_into(browser: &Browser, css: &str, text: &str) {
    let field = browser.wait_for(css).await;
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

async fn click(browser: &Browser, css: &str) {
    browser.wait_for(css).await.click().await.unwrap();
}

async fn a_student_searches_without_diacritics_and_opens_a_lesson(app: &TestApp) {
    let browser = signed_in(app, "hs.thpt", "/hoc").await;

    // One letter is refused on the spot, in Vietnamese.
    type_into(&browser, "#tu-khoa", "a").await;
    click(&browser, ".search-form button[type=submit]").await;
    browser
        .wait_for_text(".search-form .error", "ít nhất 2 ký tự")
        .await;

    type_into(&browser, "#tu-khoa", "giai quyet thu tuc").await;
    click(&browser, ".search-form button[type=submit]").await;
    wait_for_path(&browser, "/tim-kiem").await;
    browser.wait_for_text("#so-ket-qua", "Tìm thấy").await;
    let first = browser
        .eval("return document.querySelector('#ket-qua-bai-hoc li').dataset.lesson")
        .await;
    assert_eq!(first, "thpt-01");
    let snippet = browser
        .wait_for("#ket-qua-bai-hoc li .snippet")
        .await
        .text()
        .await
        .unwrap();
    assert!(!snippet.is_empty());
    let questions = browser
        .eval("return document.querySelectorAll('#ket-qua-cau-hoi').length")
        .await;
    assert_eq!(questions, 0, "a student sees no questions of the bank");
    let url = browser.client.current_url().await.unwrap();
    assert!(url.query().unwrap_or_default().contains("q=giai"), "{url}");
    browser
        .screenshot(&format!("search-results-360-{}", app.backend.api_name()))
        .await;

    click(&browser, "#ket-qua-bai-hoc li[data-lesson='thpt-01'] a").await;
    wait_for_path(&browser, "/bai-hoc/thpt-01").await;
    browser.wait_for("#noi-dung-bai h2").await;
    browser.close().await;
}

async fn reaching_the_end_of_a_lesson_marks_it_learned(app: &TestApp) {
    let browser = signed_in(app, "hs.thpt", "/bai-hoc/thpt-03").await;
    browser.wait_for("#noi-dung-bai h2").await;
    // The manual button stays; nothing is marked while the learner is at the top.
    browser.wait_for("#danh-dau-da-hoc").await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let early = browser
        .eval("return document.querySelectorAll('#da-hoc').length")
        .await;
    assert_eq!(early, 0);

    browser
        .eval("document.getElementById('cuoi-bai').scrollIntoView(); return true")
        .await;
    // At most the minimum stay (20 s for a long lesson) after the page opened.
    let mut learned = false;
    for _ in 0..450 {
        let badge = browser
            .eval("return document.querySelectorAll('#da-hoc').length")
            .await;
        if badge == 1 {
            learned = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        learned,
        "the lesson was never marked learned after scrolling to its end"
    );
    browser.wait_for_text("#da-hoc", "Đã học").await;
    browser
        .screenshot(&format!("lessons-auto-done-360-{}", app.backend.api_name()))
        .await;
    browser.close().await;

    let student = app.login("hs.thpt", DEMO_PASSWORD).await;
    let module: serde_json::Value = student
        .get("/api/modules/thpt-core")
        .await
        .json()
        .await
        .unwrap();
    let done: Vec<&str> = module["lessons"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["done"] == true)
        .map(|l| l["id"].as_str().unwrap())
        .collect();
    assert_eq!(done, vec!["thpt-03"]);
}

async fn a_learner_leaves_feedback_a_teacher_answers_and_the_answer_is_public(app: &TestApp) {
    let full_name = app.login("hs.thpt", DEMO_PASSWORD).await.body["user"]["full_name"]
        .as_str()
        .unwrap()
        .to_owned();
    let comment = "Phần các bước hơi khó theo dõi";
    let answer = "Cảm ơn em, thầy cô đã thêm hình minh họa cho từng bước.";

    let learner = signed_in(app, "hs.thpt", "/bai-hoc/thpt-01").await;
    learner.wait_for("#form-gop-y").await;
    learner
        .wait_for_text("#gop-y-cong-khai-trong", "Chưa có góp ý nào")
        .await;
    click(&learner, "#gui-gop-y").await;
    learner
        .wait_for_text("#sao-loi", "Đánh giá: hãy chọn từ 1 đến 5 sao")
        .await;
    click(&learner, "label[for='sao-4']").await;
    type_into(&learner, "#gop-y", comment).await;
    click(&learner, "#gui-gop-y").await;
    learner.wait_for_text("#gop-y-da-luu", "Đã lưu góp ý").await;
    learner.wait_for_text("#trang-thai-gop-y", "Đã nhận").await;
    learner
        .screenshot(&format!("feedback-sent-360-{}", app.backend.api_name()))
        .await;
    learner.close().await;

    // The teacher finds the queue in the menu and answers publicly.
    let teacher = signed_in(app, "gv.thpt", "/").await;
    click(&teacher, ".site-nav a[href='/quan-tri/gop-y']").await;
    wait_for_path(&teacher, "/quan-tri/gop-y").await;
    let item = "#hang-gop-y li[data-status='received']";
    teacher.wait_for_text(item, comment).await;
    let queue_text = teacher.wait_for("#hang-gop-y").await.text().await.unwrap();
    assert!(!queue_text.contains(&full_name), "{queue_text}");
    click(&teacher, &format!("{item} button.answer")).await;
    teacher
        .wait_for_text(&format!("{item} .error"), "Câu trả lời công khai")
        .await;
    type_into(&teacher, &format!("{item} textarea"), answer).await;
    teacher
        .screenshot(&format!("feedback-queue-360-{}", app.backend.api_name()))
        .await;
    click(&teacher, &format!("{item} button.answer")).await;
    teacher
        .wait_for_text("main", "Không có góp ý nào ở trạng thái này")
        .await;
    teacher.close().await;

    // Back on the lesson: the answer is public, without the learner's name.
    let learner = signed_in(app, "hs.thpt", "/bai-hoc/thpt-01").await;
    let public = learner.wait_for_text("#gop-y-cong-khai", answer).await;
    assert!(public.contains(comment), "{public}");
    assert!(
        !public.contains(&full_name) && !public.contains("hs.thpt"),
        "{public}"
    );
    learner
        .wait_for_text("#trang-thai-gop-y", "Đã trả lời")
        .await;
    learner
        .eval("document.getElementById('gop-y-cong-khai').scrollIntoView(); return true")
        .await;
    learner
        .screenshot(&format!("feedback-public-360-{}", app.backend.api_name()))
        .await;
    learner.close().await;
}

on_both_backends_curriculum! {
    async fn a_student_searches_lessons_without_diacritics_and_opens_one(app) {
        a_student_searches_without_diacritics_and_opens_a_lesson(&app).await;
    }

    async fn scrolling_to_the_end_of_a_lesson_marks_it_learned(app) {
        reaching_the_end_of_a_lesson_marks_it_learned(&app).await;
    }

    async fn a_learner_leaves_feedback_and_sees_the_teachers_public_answer(app) {
        a_learner_leaves_feedback_a_teacher_answers_and_the_answer_is_public(&app).await;
    }
}

/// A test-only question bank: the shipped family-helper module, its first lesson with a video
/// link added (no shipped lesson has one, and the shipped bank must not carry invented links).
fn bank_with_a_video() -> tempfile::TempDir {
    fn copy(from: &std::path::Path, to: &std::path::Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let path = entry.unwrap().path();
            let target = to.join(path.file_name().unwrap());
            if path.is_dir() {
                copy(&path, &target);
            } else {
                std::fs::copy(&path, &target).unwrap();
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let shipped =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../question-bank/modules/gia-dinh");
    let module = dir.path().join("modules/gia-dinh");
    copy(&shipped, &module);
    let lesson = module.join("lessons/01-nhiem-vu-gia-dinh.md");
    let mut text = std::fs::read_to_string(&lesson).unwrap();
    text.push_str("\n\n[Video thử nghiệm](https://www.youtube.com/watch?v=aqz-KE-bpKQ)\n");
    std::fs::write(&lesson, text).unwrap();
    dir
}

async fn a_video_loads_only_when_clicked(backend: Backend) {
    let bank = bank_with_a_video();
    let root = bank.path().to_path_buf();
    let app = TestApp::spawn_with(backend, move |s| {
        s.demo = true;
        s.content_dir = root;
    })
    .await;
    // The CSP lets exactly the no-cookie YouTube player into a frame.
    let shell = app.get("/bai-hoc/gd-01").await;
    let csp = shell.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("frame-src https://www.youtube-nocookie.com"),
        "{csp}"
    );

    let browser = signed_in(&app, "hs.thpt", "/bai-hoc/gd-01").await;
    browser
        .wait_for("#noi-dung-bai a.video-placeholder[data-video-kind='youtube']")
        .await;
    let players = "return document.querySelectorAll('iframe, embed, object, video').length";
    assert_eq!(browser.eval(players).await, 0, "no player before the click");
    browser
        .screenshot(&format!(
            "lessons-video-placeholder-360-{}",
            backend.api_name()
        ))
        .await;

    click(&browser, "#noi-dung-bai a.video-placeholder").await;
    let frame = browser.wait_for("#noi-dung-bai iframe.video-player").await;
    let src = frame.attr("src").await.unwrap().unwrap_or_default();
    assert_eq!(
        src,
        "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1"
    );
    assert_eq!(current_path(&browser).await, "/bai-hoc/gd-01");
    assert_eq!(
        browser
            .eval("return document.querySelectorAll('#noi-dung-bai a.video-placeholder').length")
            .await,
        0
    );
    browser.close().await;
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

mod clicking_a_video_placeholder_loads_the_privacy_friendly_player {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn on_sqlite() {
        a_video_loads_only_when_clicked(Backend::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn on_postgres() {
        a_video_loads_only_when_clicked(Backend::Postgres).await;
    }
}
