//! Browser journeys of identity and rosters, in real headless Chromium, on SQLite and on
//! PostgreSQL, in the demo province: a school admin imports a roster, a student activates their
//! account from the class sheet, a teacher prints that sheet. Each keeps screenshots in
//! target/screenshots/.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: fail loudly.

use std::io::Write;
use std::time::Duration;

use fantoccini::Locator;
use hocdvc_tests::{Browser, DEMO_PASSWORD, Session, TestApp, on_both_backends_demo};

/// Signs in through the sign-in page the browser is on (or was sent to).
async fn sign_in(browser: &Browser, username: &str, password: &str) {
    browser.wait_for_text("main h1", "Đăng nhập").await;
    let field = browser.wait_for("#ten-dang-nhap").await;
    field.clear().await.unwrap();
    field.send_keys(username).await.unwrap();
    let field = browser.wait_for("#mat-khau").await;
    field.clear().await.unwrap();
    field.send_keys(password).await.unwrap();
    browser
        .wait_for("main form button[type=submit]")
        .await
        .click()
        .await
        .unwrap();
}

/// Types into an input found by CSS.
async fn type_into(browser: &Browser, css: &str, text: &str) {
    let field = browser.wait_for(css).await;
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

/// The code of the demo teacher's class (it carries the current school year).
async fn teachers_class(teacher: &Session<'_>) -> String {
    let units: serde_json::Value = teacher.get("/api/units").await.json().await.unwrap();
    units[0]["code"]
        .as_str()
        .expect("the teacher's class")
        .to_owned()
}

/// Writes a roster file (UTF-8, as Excel's "CSV UTF-8" does) and returns it.
fn roster_file(name: &str, lines: &[&str]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    let mut file = std::fs::File::create(&path).unwrap();
    file.write_all("\u{feff}".as_bytes()).unwrap();
    file.write_all(lines.join("\r\n").as_bytes()).unwrap();
    file.write_all(b"\r\n").unwrap();
    (dir, path)
}

async fn people_named(session: &Session<'_>, unit: &str, query: &str) -> i64 {
    let page: serde_json::Value = session
        .get(&format!("/api/people?unit={unit}&q={query}"))
        .await
        .json()
        .await
        .unwrap();
    page["total"]
        .as_i64()
        .unwrap_or_else(|| panic!("people page: {page}"))
}

/// Waits until the page's path is `path`.
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

/// Chooses `file` in the import form and presses the button `button` ("#kiem-tra", "#nhap").
async fn upload(browser: &Browser, file: &std::path::Path, button: &str) {
    let input = browser.wait_for("#tep-danh-sach").await;
    input.clear().await.unwrap();
    input.send_keys(file.to_str().unwrap()).await.unwrap();
    browser.wait_for(button).await.click().await.unwrap();
}

/// The line numbers listed in the import error table.
async fn error_lines(browser: &Browser) -> Vec<String> {
    let lines = browser
        .eval(
            "return [...document.querySelectorAll('#import-errors tbody tr')]\
             .map(r => r.cells[0].textContent)",
        )
        .await;
    serde_json::from_value(lines).unwrap()
}

const HEADER: &str = "Mã học sinh,Họ và tên,Ngày sinh,Giới tính,Lớp,Khối,Mã trường";

async fn school_admin_imports(app: &TestApp) {
    let admin = app.login("qt.thpt", DEMO_PASSWORD).await;
    let browser = Browser::start().await;
    // Straight to the page: the sign-in page brings the admin back to it.
    browser
        .client
        .goto(&app.url("/quan-tri/nhap-danh-sach"))
        .await
        .unwrap();
    sign_in(&browser, "qt.thpt", DEMO_PASSWORD).await;
    browser.wait_for_text("main h1", "Nhập danh sách").await;
    wait_for_path(&browser, "/quan-tri/nhap-danh-sach").await;
    browser
        .wait_for_text("#ten-nguoi-dung", "Lâm Thị Quản Trị")
        .await;

    // The file is read first: an impossible date (line 2) and a grade that does not exist
    // (line 4) are both reported.
    let (_dir, unreadable) = roster_file(
        "lop-10a1-sai-ngay.csv",
        &[
            HEADER,
            "HS9001,Nguyễn Văn Mới,31/02/2010,Nam,10A1,10,AG-LX-THPT",
            "HS9002,Trần Thị Đúng,05/09/2010,Nữ,10A1,10,AG-LX-THPT",
            "HS9003,Lê Hoàng Lạc,12/03/2010,Nam,13A1,13,AG-LX-THPT",
        ],
    );
    upload(&browser, &unreadable, "#nhap").await;
    let errors = browser.wait_for_text("#import-errors", "31/02/2010").await;
    browser
        .screenshot(&format!("import-errors-{}", app.backend.api_name()))
        .await;
    assert_eq!(error_lines(&browser).await, ["2", "4"], "errors: {errors}");
    assert!(errors.contains("Ngày sinh"), "{errors}");
    assert!(errors.contains("Khối"), "{errors}");

    // Then it is checked against the tree: an unknown school (line 2) and a class of a grade
    // the school does not teach (line 3).
    let (_dir1, unknown) = roster_file(
        "lop-10a1-sai-truong.csv",
        &[
            HEADER,
            "HS9001,Nguyễn Văn Mới,28/02/2010,Nam,10A1,10,KHONG-CO-TRUONG",
            "HS9002,Trần Thị Đúng,05/09/2010,Nữ,9A1,9,AG-LX-THPT",
            "HS9003,Lê Hoàng Lạc,12/03/2010,Nam,10A1,10,AG-LX-THPT",
        ],
    );
    upload(&browser, &unknown, "#nhap").await;
    let errors = browser
        .wait_for_text("#import-errors", "KHONG-CO-TRUONG")
        .await;
    assert_eq!(error_lines(&browser).await, ["2", "3"], "errors: {errors}");
    assert!(errors.contains("Mã trường"), "{errors}");

    assert_eq!(
        people_named(&admin, "AG-LX-THPT", "Lê Hoàng Lạc").await,
        0,
        "nothing imported"
    );
    let history: serde_json::Value = admin.get("/api/imports").await.json().await.unwrap();
    assert!(
        !history.to_string().contains("lop-10a1-sai"),
        "no refused file recorded: {history}"
    );

    // The corrected file: checked first (nothing written), then imported.
    let (_dir2, right) = roster_file(
        "lop-10a1.csv",
        &[
            HEADER,
            "HS9001,Nguyễn Văn Mới,28/02/2010,Nam,10A1,10,AG-LX-THPT",
            "HS9002,Trần Thị Đúng,05/09/2010,Nữ,10A1,10,AG-LX-THPT",
            "HS9003,Lê Hoàng Lạc,12/03/2010,Nam,10A2,10,AG-LX-THPT",
        ],
    );
    upload(&browser, &right, "#kiem-tra").await;
    browser
        .wait_for_text("#ket-qua-nhap", "chưa có gì được ghi")
        .await;
    assert_eq!(
        people_named(&admin, "AG-LX-THPT", "Trần Thị Đúng").await,
        0,
        "a check writes nothing"
    );

    browser.wait_for("#nhap").await.click().await.unwrap();
    let summary = browser
        .wait_for_text("#ket-qua-nhap", "Đã nhập danh sách")
        .await;
    assert!(summary.contains("lop-10a1.csv"), "{summary}");
    let created = browser
        .eval(
            "return [...document.querySelectorAll('#ket-qua-nhap tr')]\
             .find(r => r.cells[0].textContent === 'Tài khoản mới').cells[1].textContent",
        )
        .await;
    assert_eq!(created, "3", "{summary}");
    let history = browser.wait_for_text("#lich-su-nhap", "lop-10a1.csv").await;
    assert!(history.contains("qt.thpt"), "{history}");
    assert_eq!(people_named(&admin, "AG-LX-THPT", "tran thi dung").await, 1);
    browser
        .screenshot(&format!("import-done-{}", app.backend.api_name()))
        .await;
    browser.close().await;
}

async fn student_activates(app: &TestApp) {
    let teacher = app.login("gv.thpt", DEMO_PASSWORD).await;
    let class = teachers_class(&teacher).await;
    let sheet: serde_json::Value = teacher
        .get(&format!("/api/units/{class}/activation-sheet"))
        .await
        .json()
        .await
        .unwrap();
    let entry = sheet["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["activation_code"].is_string())
        .unwrap_or_else(|| panic!("a student still to activate: {sheet}"))
        .clone();
    let username = entry["username"].as_str().unwrap();
    let full_name = entry["full_name"].as_str().unwrap();
    let code = entry["activation_code"].as_str().unwrap();
    let new_password = "mat-khau-cua-em-2026";

    let browser = Browser::start_sized(360, 740).await;
    browser.client.goto(&app.url("/kich-hoat")).await.unwrap();
    browser
        .wait_for_text("main h1", "Kích hoạt tài khoản")
        .await;
    type_into(&browser, "#ten-dang-nhap", username).await;
    // Typed from paper: lower case, no dash.
    type_into(
        &browser,
        "#ma-kich-hoat",
        &code.replace('-', "").to_lowercase(),
    )
    .await;
    type_into(&browser, "#mat-khau-moi", new_password).await;
    type_into(&browser, "#nhap-lai-mat-khau", "khac-mat-khau-2026").await;
    browser
        .wait_for("main form button[type=submit]")
        .await
        .click()
        .await
        .unwrap();
    browser
        .wait_for_text("#nhap-lai-mat-khau-error", "chưa giống nhau")
        .await;
    type_into(&browser, "#nhap-lai-mat-khau", new_password).await;
    browser
        .screenshot(&format!("activate-phone-{}", app.backend.api_name()))
        .await;
    browser
        .wait_for("main form button[type=submit]")
        .await
        .click()
        .await
        .unwrap();

    browser
        .wait_for_text("#thong-bao", "đã được kích hoạt")
        .await;
    browser.wait_for_text("#ten-nguoi-dung", full_name).await;
    wait_for_path(&browser, "/").await;
    let scroll_width = browser
        .eval("return document.documentElement.scrollWidth")
        .await;
    assert!(
        scroll_width.as_u64().unwrap() <= 360,
        "page is {scroll_width} px wide"
    );
    browser
        .screenshot(&format!("activated-phone-{}", app.backend.api_name()))
        .await;

    browser.wait_for("#dang-xuat").await.click().await.unwrap();
    browser
        .wait_for_text("#thong-bao", "Bạn đã đăng xuất")
        .await;
    wait_for_path(&browser, "/dang-nhap").await;
    sign_in(&browser, username, new_password).await;
    browser.wait_for_text("#ten-nguoi-dung", full_name).await;
    wait_for_path(&browser, "/").await;
    let role = browser.wait_for_text("#vai-tro-hien-tai", "Học sinh").await;
    assert_eq!(role, "Học sinh · Lớp 10A1");
    browser.close().await;

    // The code was used up: the sheet now says the student is activated.
    let sheet: serde_json::Value = teacher
        .get(&format!("/api/units/{class}/activation-sheet"))
        .await
        .json()
        .await
        .unwrap();
    let after = sheet["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["username"] == username)
        .unwrap();
    assert!(after["activation_code"].is_null(), "{after}");
}

async fn teacher_prints_the_sheet(app: &TestApp) {
    let teacher = app.login("gv.thpt", DEMO_PASSWORD).await;
    let class = teachers_class(&teacher).await;
    let sheet: serde_json::Value = teacher
        .get(&format!("/api/units/{class}/activation-sheet"))
        .await
        .json()
        .await
        .unwrap();
    let first_code = sheet["entries"][0]["activation_code"]
        .as_str()
        .unwrap_or_else(|| panic!("demo students start with codes: {sheet}"))
        .to_owned();

    let browser = Browser::start().await;
    browser.client.goto(&app.url("/dang-nhap")).await.unwrap();
    sign_in(&browser, "gv.thpt", DEMO_PASSWORD).await;
    browser
        .wait_for_text("#ten-nguoi-dung", "Nguyễn Thị Giáo Viên")
        .await;
    browser
        .client
        .find(Locator::LinkText("Đơn vị"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .client
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::LinkText("Lớp 10A1"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser.wait_for_text("main h1", "Lớp 10A1").await;
    browser
        .client
        .find(Locator::LinkText("In phiếu kích hoạt"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_path(&browser, &format!("/lop/{class}/phieu-kich-hoat")).await;
    let table = browser.wait_for_text("#phieu-kich-hoat", &first_code).await;
    let codes = browser
        .eval("return document.querySelectorAll('#phieu-kich-hoat .activation-code').length")
        .await;
    let waiting = sheet["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["activation_code"].is_string())
        .count();
    assert_eq!(
        codes.as_u64().unwrap(),
        waiting as u64,
        "every student still to activate has a code: {table}"
    );
    // The demo student hs.thpt has signed in before: the sheet says so instead of a code.
    assert!(table.contains("Đã kích hoạt"), "{table}");
    let steps = browser.wait_for_text(".sheet-steps", "/kich-hoat").await;
    assert!(steps.contains(&app.url("/kich-hoat")), "{steps}");
    let school = browser
        .eval("return document.querySelector('.sheet-school').textContent")
        .await;
    assert_eq!(school, "Trường THPT Long Xuyên");
    let class_line = browser.wait_for_text(".sheet-class", "Lớp 10A1").await;
    assert!(class_line.contains("Năm học"), "{class_line}");
    browser
        .screenshot(&format!("activation-sheet-{}", app.backend.api_name()))
        .await;
    browser.close().await;
}

async fn ended_session_returns_through_sign_in(app: &TestApp) {
    let browser = Browser::start().await;
    browser.client.goto(&app.url("/dang-nhap")).await.unwrap();
    sign_in(&browser, "gv.thpt", DEMO_PASSWORD).await;
    browser
        .wait_for_text("#ten-nguoi-dung", "Nguyễn Thị Giáo Viên")
        .await;
    // The session ends behind the page's back (expiry, a password change elsewhere).
    browser.client.delete_all_cookies().await.unwrap();
    browser
        .client
        .find(Locator::LinkText("Người dùng"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser.wait_for_text("main h1", "Đăng nhập").await;
    assert!(
        browser
            .client
            .find(Locator::Css("#ten-nguoi-dung"))
            .await
            .is_err()
    );
    sign_in(&browser, "gv.thpt", DEMO_PASSWORD).await;
    browser.wait_for_text("main h1", "Người dùng").await;
    wait_for_path(&browser, "/quan-tri/nguoi-dung").await;
    browser.wait_for_text("#so-nguoi", "Tìm thấy").await;
    browser.close().await;
}

on_both_backends_demo! {
    async fn a_school_admin_sees_every_wrong_line_of_a_roster_then_imports_the_corrected_file(app) {
        school_admin_imports(&app).await;
    }

    async fn a_student_activates_their_account_on_a_phone_signs_out_and_signs_in_with_the_new_password(app) {
        student_activates(&app).await;
    }

    async fn a_teacher_opens_the_printable_activation_sheet_of_their_class_and_sees_the_codes(app) {
        teacher_prints_the_sheet(&app).await;
    }

    async fn when_the_session_has_ended_the_next_page_asks_to_sign_in_and_then_returns_there(app) {
        ended_session_returns_through_sign_in(&app).await;
    }
}
