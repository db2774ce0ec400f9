//! Browser journey in real headless Chromium, on SQLite and on PostgreSQL: a teacher imports a
//! GIFT question file from the UI, previewing it first.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: fail loudly.

use std::time::Duration;

use hocdvc_tests::{Browser, DEMO_PASSWORD, TestApp, on_both_backends_demo};

const GIFT: &str = "// [id:gv-101] [tag:vneid] [tag:easy]\n\
::gv-101::Tài khoản định danh điện tử mức 2 dùng để làm gì?{\n\
  =Đăng nhập Cổng Dịch vụ công quốc gia#Đúng.\n\
  ~Chỉ để gọi điện#Chưa đúng.\n\
}\n\n\
::gv-102::Cổng Dịch vụ công quốc gia là trang web chính thức.{TRUE}\n";

async fn sign_in(browser: &Browser, username: &str) {
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
}

async fn choose_and_press(browser: &Browser, file: &std::path::Path, button: &str) {
    let input = browser.wait_for("#tep-cau-hoi").await;
    input.clear().await.unwrap();
    input.send_keys(file.to_str().unwrap()).await.unwrap();
    browser.wait_for(button).await.click().await.unwrap();
}

async fn column(browser: &Browser, table: &str, cell: usize) -> Vec<String> {
    for _ in 0..100 {
        let values = browser
            .eval(&format!(
                "return [...document.querySelectorAll('{table} tbody tr')].map(r => r.cells[{cell}].textContent)"
            ))
            .await;
        let values: Vec<String> = serde_json::from_value(values).unwrap();
        if !values.is_empty() {
            return values;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{table} stayed empty");
}

async fn teacher_imports_a_gift_file(app: &TestApp) {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("cau-hoi-10a1.gift");
    std::fs::write(&good, GIFT).unwrap();
    let bad = dir.path().join("cau-hoi-loi.gift");
    std::fs::write(
        &bad,
        format!("{GIFT}\n::gv-103::Thiếu ngoặc đóng{{\n=Một\n"),
    )
    .unwrap();

    let browser = Browser::start().await;
    browser
        .client
        .goto(&app.url("/quan-tri/cau-hoi"))
        .await
        .unwrap();
    sign_in(&browser, "gv.thpt").await;
    browser.wait_for_text("main h1", "Nhập câu hỏi").await;

    // A broken file: every wrong line, nothing written.
    choose_and_press(&browser, &bad, "#nhap-cau-hoi").await;
    let lines = column(&browser, "#loi-cau-hoi", 0).await;
    assert_eq!(lines, vec!["9"]);

    // Preview: the questions by name and type, and a note that nothing was written yet.
    choose_and_press(&browser, &good, "#xem-truoc").await;
    let names = column(&browser, "#xem-truoc-cau-hoi", 2).await;
    assert_eq!(names, vec!["gv-101", "gv-102"]);
    let kinds = column(&browser, "#xem-truoc-cau-hoi", 1).await;
    assert_eq!(kinds, vec!["Trắc nghiệm", "Đúng/Sai"]);
    browser
        .wait_for_text("#ket-qua-cau-hoi", "chưa có gì được ghi")
        .await;
    let page = browser.eval("return document.body.textContent").await;
    assert!(
        !page.as_str().unwrap().contains("Đăng nhập Cổng"),
        "answers never reach the page"
    );
    browser
        .screenshot(&format!("questions-preview-{}", app.backend.api_name()))
        .await;

    choose_and_press(&browser, &good, "#nhap-cau-hoi").await;
    browser
        .wait_for_text("#ket-qua-cau-hoi", "Đã nhập câu hỏi")
        .await;
    let categories = browser
        .eval("return document.querySelector('#ket-qua-cau-hoi').textContent")
        .await;
    assert!(
        categories.as_str().unwrap().contains("Giáo viên/gv.thpt"),
        "{categories}"
    );
    browser
        .screenshot(&format!("questions-imported-{}", app.backend.api_name()))
        .await;
    browser.close().await;

    // The questions are in the bank: importing again changes nothing.
    let teacher = app.login("gv.thpt", DEMO_PASSWORD).await;
    let again: serde_json::Value = teacher
        .upload(
            "/api/questions/import?dry_run=true",
            "cau-hoi-10a1.gift",
            GIFT.as_bytes().to_vec(),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(again["unchanged"], 2, "{again}");
}

on_both_backends_demo! {
    async fn a_teacher_previews_a_gift_file_in_the_browser_then_imports_it(app) {
        teacher_imports_a_gift_file(&app).await;
    }
}
