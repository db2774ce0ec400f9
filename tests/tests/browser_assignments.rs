//! Browser journeys of class work (issue 6), in real headless Chromium, on SQLite and on
//! PostgreSQL, in the demo province with the shipped curriculum: a teacher assigns a module on
//! a school computer and reads the class's progress matrix (which scrolls sideways on a phone);
//! a student finds the assigned module in "Việc cần làm", records a family-helper task, and the
//! teacher confirms it. Screenshots in target/screenshots/.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: fail loudly.

use std::time::Duration;

use hocdvc_tests::{Browser, DEMO_PASSWORD, TestApp, on_both_backends_curriculum};

async fn sign_in(browser: &Browser, app: &TestApp, username: &str) {
    browser.client.goto(&app.url("/dang-nhap")).await.unwrap();
    browser.wait_for_text("main h1", "Đăng nhập").await;
    let field = browser.wait_for("#ten-dang-nhap").await;
    field.send_keys(username).await.unwrap();
    let field = browser.wait_for("#mat-khau").await;
    field.send_keys(DEMO_PASSWORD).await.unwrap();
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

fn class_code() -> String {
    let year = hocdvc::domain::SchoolYear::containing(chrono::Utc::now().date_naive());
    format!("AG-LX-THPT-10A1-{}", year.start_year())
}

async fn a_teacher_assigns_a_module_and_reads_the_progress_matrix(app: &TestApp) {
    // A school computer.
    let browser = Browser::start_sized(1280, 900).await;
    sign_in(&browser, app, "gv.thpt").await;

    click(&browser, ".site-nav a[href='/giao-bai']").await;
    wait_for_path(&browser, "/giao-bai").await;
    // The demo's assignment is listed; the teacher's one class is already ticked.
    browser
        .wait_for_text(
            "#danh-sach-giao-bai",
            "Dịch vụ công trực tuyến cho học sinh THPT",
        )
        .await;
    browser.wait_for("#hoc-phan option[value='gia-dinh']").await;
    click(&browser, "#hoc-phan option[value='gia-dinh']").await;
    let ticked = browser
        .eval("return [...document.querySelectorAll('#giao-bai input[type=checkbox]')].map(c => c.checked)")
        .await;
    assert_eq!(ticked, serde_json::json!([true]));
    // A due date before the open date is refused by the server, naming the field.
    let due = browser.wait_for("#han-nop").await;
    due.clear().await.unwrap();
    due.send_keys("01/01/2000").await.unwrap();
    click(&browser, "#giao-bai button[type=submit]").await;
    browser.wait_for_text("main .alert-error", "Hạn nộp").await;

    let due = browser.wait_for("#han-nop").await;
    due.clear().await.unwrap();
    let in_two_weeks = (chrono::Utc::now() + chrono::Duration::days(14))
        .format("%d/%m/%Y")
        .to_string();
    due.send_keys(&in_two_weeks).await.unwrap();
    click(&browser, "#giao-bai button[type=submit]").await;
    browser
        .wait_for_text("main .alert-success", "Đã giao bài cho 1 lớp")
        .await;
    browser
        .wait_for_text(
            "#danh-sach-giao-bai",
            "Nhiệm vụ gia đình: hướng dẫn người thân",
        )
        .await;
    browser
        .screenshot(&format!(
            "assignments-board-1280-{}",
            app.backend.api_name()
        ))
        .await;

    // The matrix of the THPT core module: the demo's nine students, three done.
    let row = "#danh-sach-giao-bai tr[data-assignment]";
    let link = browser
        .eval(&format!(
            "return [...document.querySelectorAll('{row}')]
                .find(r => r.textContent.includes('học sinh THPT'))
                .querySelector('a').getAttribute('href')"
        ))
        .await;
    let link = link.as_str().unwrap().to_owned();
    assert!(
        link.starts_with(&format!("/lop/{}/tien-do", class_code())),
        "{link}"
    );
    browser.client.goto(&app.url(&link)).await.unwrap();
    browser
        .wait_for_text("#so-hoan-thanh", "3/9 học sinh đã hoàn thành")
        .await;
    browser
        .wait_for_text(
            "#gia-dinh-da-huong-dan",
            "Gia đình đã được hướng dẫn (đã xác nhận): 2",
        )
        .await;
    let rows = browser
        .eval("return document.querySelectorAll('#ma-tran-tien-do tbody tr').length")
        .await;
    assert_eq!(rows, 9);
    let columns = browser
        .eval("return document.querySelectorAll('#ma-tran-tien-do thead th').length")
        .await;
    assert_eq!(columns, 1 + 9 + 3);
    browser.wait_for("#tai-csv").await;
    browser
        .screenshot(&format!(
            "assignments-matrix-1280-{}",
            app.backend.api_name()
        ))
        .await;
    let path = browser.client.current_url().await.unwrap();
    browser.close().await;

    // On a phone the table scrolls sideways inside its frame; the page itself does not.
    let phone = Browser::start_sized(360, 740).await;
    sign_in(&phone, app, "gv.thpt").await;
    phone.client.goto(path.as_str()).await.unwrap();
    phone.wait_for_text("#so-hoan-thanh", "3/9").await;
    let fits = phone
        .eval(
            "const wrap = document.querySelector('.matrix-wrap');
             return [wrap.scrollWidth > wrap.clientWidth,
                     document.documentElement.scrollWidth <= window.innerWidth + 1]",
        )
        .await;
    assert_eq!(fits, serde_json::json!([true, true]));
    phone
        .screenshot(&format!(
            "assignments-matrix-360-{}",
            app.backend.api_name()
        ))
        .await;
    phone.close().await;
}

async fn a_student_sees_the_todo_list_records_a_family_task_and_the_teacher_confirms_it(
    app: &TestApp,
) {
    let student = Browser::start_sized(360, 740).await;
    sign_in(&student, app, "hs.thpt").await;

    click(&student, ".site-nav a[href='/viec-can-lam']").await;
    wait_for_path(&student, "/viec-can-lam").await;
    let item = "#viec-can-lam li[data-module='thpt-core']";
    student.wait_for_text(item, "Chưa bắt đầu").await;
    student.wait_for_text(item, "Hạn nộp").await;
    student.wait_for_text(item, "Đã học 0/9 bài").await;
    student
        .screenshot(&format!("assignments-todo-360-{}", app.backend.api_name()))
        .await;
    let href = student
        .eval(&format!(
            "return document.querySelector(\"{item} h2 a\").getAttribute('href')"
        ))
        .await;
    assert_eq!(href, "/hoc/thpt-core");

    // The family-helper task, reached from the to-do list.
    click(&student, "main a[href='/nhiem-vu-gia-dinh']").await;
    wait_for_path(&student, "/nhiem-vu-gia-dinh").await;
    student
        .wait_for_text(
            "#khong-ghi-thong-tin-ca-nhan",
            "Không ghi tên, số điện thoại",
        )
        .await;
    click(&student, "#nhiem-vu-gia-dinh button[type=submit]").await;
    student
        .wait_for_text("#nhiem-vu-gia-dinh .error", "Hãy chọn một mục")
        .await;
    click(&student, "#quan-he option[value='grandparent']").await;
    click(&student, "#thu-tuc option[value='vneid_activation']").await;
    click(&student, "#ket-qua option[value='succeeded']").await;
    student
        .wait_for("#ghi-chu")
        .await
        .send_keys("Bà đã tự đăng nhập được.")
        .await
        .unwrap();
    click(&student, "#nhiem-vu-gia-dinh button[type=submit]").await;
    student
        .wait_for_text("main .alert-success", "Đã ghi nhận")
        .await;
    student
        .wait_for_text("#nhiem-vu-cua-em", "Chờ xác nhận")
        .await;
    student
        .wait_for_text(
            "#nhiem-vu-cua-em",
            "Kích hoạt tài khoản định danh điện tử VNeID",
        )
        .await;
    student
        .screenshot(&format!(
            "assignments-family-task-360-{}",
            app.backend.api_name()
        ))
        .await;

    // The teacher confirms it.
    let teacher = Browser::start_sized(1280, 900).await;
    sign_in(&teacher, app, "gv.thpt").await;
    click(&teacher, ".site-nav a[href='/duyet-nhiem-vu-gia-dinh']").await;
    wait_for_path(&teacher, "/duyet-nhiem-vu-gia-dinh").await;
    teacher
        .wait_for_text("#cho-xac-nhan", "Trần Minh Khoa")
        .await;
    let id = teacher
        .eval(
            "return [...document.querySelectorAll('#cho-xac-nhan li')]
                .find(li => li.textContent.includes('Trần Minh Khoa')).dataset.task",
        )
        .await;
    let id = id.as_str().unwrap().to_owned();
    click(
        &teacher,
        &format!("#cho-xac-nhan li[data-task='{id}'] button.xac-nhan"),
    )
    .await;
    teacher
        .wait_for_text("main .alert-success", "Đã xác nhận nhiệm vụ")
        .await;
    teacher
        .wait_for_text("#da-xac-nhan", "Trần Minh Khoa")
        .await;
    teacher
        .screenshot(&format!(
            "assignments-family-review-1280-{}",
            app.backend.api_name()
        ))
        .await;
    teacher
        .client
        .goto(&app.url(&format!("/lop/{}/tien-do", class_code())))
        .await
        .unwrap();
    teacher
        .wait_for_text("#gia-dinh-da-huong-dan", "(đã xác nhận): 3")
        .await;
    teacher.close().await;

    student.client.refresh().await.unwrap();
    student
        .wait_for_text("#nhiem-vu-cua-em", "Đã xác nhận")
        .await;
    student.close().await;
}

on_both_backends_curriculum! {
    async fn a_teacher_assigns_a_module_and_sees_the_class_matrix_on_a_computer_and_a_phone(app) {
        a_teacher_assigns_a_module_and_reads_the_progress_matrix(&app).await;
    }

    async fn a_student_finds_the_module_in_viec_can_lam_and_a_recorded_family_task_is_confirmed(app) {
        a_student_sees_the_todo_list_records_a_family_task_and_the_teacher_confirms_it(&app).await;
    }
}
