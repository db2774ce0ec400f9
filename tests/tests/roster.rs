//! Roster imports through the API (`POST /api/imports`), people search and class activation
//! sheets — each on SQLite and on PostgreSQL, in the demo province.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: fail loudly.

use hocdvc_tests::{DEMO_PASSWORD, Session, TestApp, on_both_backends_demo};
use serde_json::{Value, json};

const HEADER: &str = "Mã học sinh,Họ và tên,Ngày sinh,Giới tính,Lớp,Khối,Mã trường\n";

fn year() -> String {
    hocdvc::domain::SchoolYear::containing(chrono::Utc::now().date_naive()).to_string()
}

fn class_code(school: &str, class: &str) -> String {
    format!("{school}-{class}-{}", &year()[..4])
}

/// Three new students of a new class 11A2 at the demo THPT school of Long Xuyên.
fn three_students() -> String {
    format!(
        "{HEADER}HS9000001,Nguyễn Văn An,05/09/2010,Nam,11A2,11,AG-LX-THPT\n\
         HS9000002,Trần Thị Bích Ngọc,17/01/2010,Nữ,11A2,11,AG-LX-THPT\n\
         HS9000003,Châu Sóc Kha,30/12/2009,Nam,11A2,11,AG-LX-THPT\n"
    )
}

async fn import(session: &Session<'_>, file: &str, dry_run: bool) -> (u16, Value) {
    let response = session
        .upload(
            &format!(
                "/api/imports?kind=students&dry_run={dry_run}&school_year={}",
                year()
            ),
            "Danh sách lớp 11A2.csv",
            file.as_bytes().to_vec(),
        )
        .await;
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

async fn people(session: &Session<'_>, unit: &str, q: &str) -> Value {
    let response = session
        .get(&format!("/api/people?unit={unit}&q={}", urlencode(q)))
        .await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

async fn import_count(session: &Session<'_>) -> usize {
    let imports: Value = session.get("/api/imports").await.json().await.unwrap();
    imports.as_array().unwrap().len()
}

fn names(page: &Value) -> Vec<String> {
    page["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["full_name"].as_str().unwrap().to_owned())
        .collect()
}

fn history(app: &TestApp, student_code: &str) -> Vec<(String, bool)> {
    let location = hocdvc::db::Location::from_settings(&app.database.settings()).unwrap();
    let mut conn = location.connect().unwrap();
    let user = hocdvc::models::user::find_by_username(&mut conn, &student_code.to_lowercase())
        .unwrap()
        .unwrap();
    hocdvc::models::student::history(&mut conn, user.id)
        .unwrap()
        .into_iter()
        .map(|(_, code, _, _, ended)| (code, ended.is_some()))
        .collect()
}

on_both_backends_demo! {
    async fn a_school_admin_imports_a_class_and_each_student_can_activate_with_the_printed_code(app) {
        let admin = app.login("qt.thpt", DEMO_PASSWORD).await;
        let (status, summary) = import(&admin, &three_students(), false).await;
        assert_eq!(status, 200, "{summary}");
        assert_eq!(summary["rows"], 3);
        assert_eq!(summary["created"], 3);
        assert_eq!(summary["classes_created"], 1);
        assert_eq!(summary["file_name"], "Danh sách lớp 11A2.csv");
        assert_eq!(summary["format"], "UTF-8, dấu phẩy");
        assert!(summary["id"].is_i64());

        let class = class_code("AG-LX-THPT", "11A2");
        let sheet: Value = admin
            .get(&format!("/api/units/{class}/activation-sheet"))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(sheet["class"]["name"], "11A2");
        assert_eq!(sheet["class"]["grade"], 11);
        assert_eq!(sheet["school"]["code"], "AG-LX-THPT");
        let entries = sheet["entries"].as_array().unwrap();
        // Vietnamese class order: by given name (An, Kha, Ngọc).
        let order: Vec<&str> = entries.iter().map(|e| e["username"].as_str().unwrap()).collect();
        assert_eq!(order, vec!["hs9000001", "hs9000003", "hs9000002"]);
        assert_eq!(entries[0]["birth_date"], "2010-09-05");
        let code = entries[0]["activation_code"].as_str().unwrap().to_owned();

        let activated = app
            .post_json(
                "/api/auth/activate",
                &json!({"username": "hs9000001", "activation_code": code, "new_password": "Hoa-sen-2026"}),
            )
            .await;
        assert_eq!(activated.status(), 200);
        let student = app.login("hs9000001", "Hoa-sen-2026").await;
        assert_eq!(student.body["user"]["full_name"], "Nguyễn Văn An");
        assert_eq!(student.body["user"]["roles"][0]["role"], "student");
        assert_eq!(student.body["user"]["roles"][0]["unit_code"], class);

        let sheet: Value = admin
            .get(&format!("/api/units/{class}/activation-sheet"))
            .await
            .json()
            .await
            .unwrap();
        assert!(sheet["entries"][0]["activation_code"].is_null(), "a used code leaves the sheet");

        let imports: Value = admin.get("/api/imports").await.json().await.unwrap();
        assert_eq!(imports[0]["by"], "qt.thpt");
        assert_eq!(imports[0]["created"], 3);
        assert_eq!(imports[0]["kind"], "students");
    }

    async fn a_file_with_wrong_rows_writes_nothing_and_names_every_wrong_line_and_column(app) {
        let admin = app.login("qt.thpt", DEMO_PASSWORD).await;
        let before = import_count(&admin).await;
        let file = format!(
            "{HEADER}HS9100001,Nguyễn Văn An,05/09/2010,Nam,11A3,11,AG-LX-THPT\n\
             HS9100002,Lê Văn Bình,31/02/2010,Nam,11A3,11,AG-LX-THPT\n\
             HS9100003,,01/01/2010,Nữ,11A3,11,AG-LX-THPT\n\
             HS9100004,Phạm Thị Chi,01/01/2010,Nữ,11A3,11,KHONG-CO\n\
             HS9100005,Võ Minh Đức,01/01/2012,Nam,9A3,9,AG-LX-THPT\n\
             HS9100001,Huỳnh Ngọc Em,01/01/2010,Nữ,11A3,11,AG-LX-THPT\n"
        );
        let (status, body) = import(&admin, &file, false).await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(body["error"], "invalid_file");
        assert!(body["message"].as_str().unwrap().contains("Chưa có dữ liệu nào được lưu"), "{body}");
        // One upload names everything: the file's own errors and the database checks.
        let details = body["details"].as_array().unwrap();
        let lines: Vec<u64> = details.iter().map(|d| d["line"].as_u64().unwrap()).collect();
        assert_eq!(lines, vec![3, 4, 5, 6, 7], "{body}");
        assert_eq!(details[0]["column"], "Ngày sinh");
        assert_eq!(details[1]["column"], "Họ và tên");
        assert_eq!(details[2]["column"], "Mã trường");
        assert_eq!(details[3]["column"], "Lớp");
        assert_eq!(details[4]["column"], "Mã học sinh");
        assert!(body["message"].as_str().unwrap().contains("có 5 lỗi ở 5 dòng"), "{body}");

        // Database checks alone: unknown school, wrong grade, another school's code.
        let file = format!(
            "{HEADER}HS9100001,Nguyễn Văn An,05/09/2010,Nam,11A3,11,AG-LX-THPT\n\
             HS9100004,Phạm Thị Chi,01/01/2010,Nữ,11A3,11,KHONG-CO\n\
             HS9100005,Võ Minh Đức,01/01/2012,Nam,9A3,9,AG-LX-THPT\n\
             HS9100006,Đặng Thị Giang,01/01/2010,Nữ,11A3,11,AG-CD-THPT\n"
        );
        let (status, body) = import(&admin, &file, false).await;
        assert_eq!(status, 422, "{body}");
        let details: Vec<(u64, String, String)> = body["details"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["line"].as_u64().unwrap(),
                    d["column"].as_str().unwrap().to_owned(),
                    d["message"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        assert_eq!(details.len(), 3, "{details:?}");
        assert_eq!(details[0].0, 3);
        assert_eq!(details[0].1, "Mã trường");
        assert_eq!(details[0].2, "Không tìm thấy trường có mã KHONG-CO");
        assert_eq!(details[1].0, 4);
        assert!(details[1].2.contains("chỉ có khối 10–12"), "{details:?}");
        // Another school's code reads like an unknown one: its existence is not revealed.
        assert_eq!(details[2].0, 5);
        assert_eq!(details[2].2, "Không tìm thấy trường có mã AG-CD-THPT");

        let found = people(&admin, "AG-LX-THPT", "Nguyễn Văn An").await;
        assert!(
            !found["people"].as_array().unwrap().iter().any(|p| p["username"] == "hs9100001"),
            "nothing was written"
        );
        assert_eq!(import_count(&admin).await, before);
    }

    async fn a_dry_run_reports_what_would_happen_and_writes_nothing(app) {
        let admin = app.login("qt.thpt", DEMO_PASSWORD).await;
        let before = import_count(&admin).await;
        let (status, summary) = import(&admin, &three_students(), true).await;
        assert_eq!(status, 200, "{summary}");
        assert_eq!(summary["dry_run"], true);
        assert_eq!(summary["created"], 3);
        assert_eq!(summary["classes_created"], 1);
        assert!(summary["id"].is_null());
        let class = class_code("AG-LX-THPT", "11A2");
        assert_eq!(admin.get(&format!("/api/units/{class}")).await.status(), 404);
        assert_eq!(import_count(&admin).await, before);
    }

    async fn reimporting_a_file_changes_nothing_and_a_class_move_keeps_the_history(app) {
        let admin = app.login("qt.thpt", DEMO_PASSWORD).await;
        assert_eq!(import(&admin, &three_students(), false).await.0, 200);
        let (status, again) = import(&admin, &three_students(), false).await;
        assert_eq!(status, 200, "{again}");
        assert_eq!(
            (again["created"].as_u64(), again["updated"].as_u64(), again["moved"].as_u64(), again["unchanged"].as_u64(), again["classes_created"].as_u64()),
            (Some(0), Some(0), Some(0), Some(3), Some(0))
        );

        // Ngọc moves to 11A1 (the demo class) and Kha's name is corrected.
        let changed = three_students()
            .replace("Nữ,11A2", "Nữ,11A1")
            .replace("Châu Sóc Kha", "Châu Sóc Khánh");
        let (status, moved) = import(&admin, &changed, false).await;
        assert_eq!(status, 200, "{moved}");
        assert_eq!(moved["moved"], 1);
        assert_eq!(moved["updated"], 1);
        assert_eq!(moved["unchanged"], 1);
        assert_eq!(
            history(&app, "HS9000002"),
            vec![
                (class_code("AG-LX-THPT", "11A2"), true),
                (class_code("AG-LX-THPT", "11A1"), false),
            ]
        );
        let student = people(&admin, "AG-LX-THPT", "HS9000002").await;
        assert_eq!(student["people"][0]["class_name"], "11A1");
        assert_eq!(student["people"][0]["roles"].as_array().unwrap().len(), 1);
        assert_eq!(
            student["people"][0]["roles"][0]["unit_code"],
            class_code("AG-LX-THPT", "11A1")
        );
        let renamed = people(&admin, "AG-LX-THPT", "chau soc khanh").await;
        assert_eq!(names(&renamed), vec!["Châu Sóc Khánh"]);
    }

    async fn files_from_excel_unicode_text_and_decomposed_keyboards_are_stored_in_nfc(app) {
        let admin = app.login("qt.thpt", DEMO_PASSWORD).await;
        // Excel "Unicode text": UTF-16LE with a BOM, tab-separated.
        let tsv = three_students().replace(',', "\t");
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in tsv.encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        let response = admin
            .upload(&format!("/api/imports?kind=students&school_year={}", year()), "lop.txt", utf16)
            .await;
        let summary: Value = response.json().await.unwrap();
        assert_eq!(summary["created"], 3, "{summary}");
        assert_eq!(summary["format"], "UTF-16 LE, dấu tab");

        // Decomposed UTF-8 (some keyboards): the stored name is NFC and search still finds it.
        use unicode_normalization::UnicodeNormalization;
        let nfd: String = format!("{HEADER}HS9000009,Nguyễn Thị Ánh Tuyết,01/02/2010,Nữ,11A2,11,AG-LX-THPT\n")
            .nfd()
            .collect();
        let (status, summary) = import(&admin, &nfd, false).await;
        assert_eq!(status, 200, "{summary}");
        let found = people(&admin, "AG-LX-THPT", "NGUYEN THI ANH TUYET").await;
        let name = found["people"][0]["full_name"].as_str().unwrap().to_owned();
        assert_eq!(name, "Nguyễn Thị Ánh Tuyết");
        assert_eq!(name, name.nfc().collect::<String>());
    }

    async fn people_search_ignores_diacritics_and_case_and_stays_inside_the_viewers_scope(app) {
        let admin = app.login("qt.thpt", DEMO_PASSWORD).await;
        import(&admin, &three_students(), false).await;
        let found = people(&admin, "AG-LX-THPT", "nguyen van an").await;
        assert!(names(&found).contains(&"Nguyễn Văn An".to_owned()), "{found}");
        assert!(names(&found).iter().all(|n| n.starts_with("Nguyễn Văn An")), "{found}");
        let by_code = people(&admin, "AG-LX-THPT", "hs9000003").await;
        assert_eq!(names(&by_code), vec!["Châu Sóc Kha"]);
        assert_eq!(by_code["people"][0]["student_code"], "HS9000003");
        assert_eq!(by_code["people"][0]["activated"], false);

        // The teacher of 10A1 sees their class only; another school is out of sight.
        let teacher = app.login("gv.thpt", DEMO_PASSWORD).await;
        let class = class_code("AG-LX-THPT", "10A1");
        let own = people(&teacher, &class, "").await;
        assert!(own["total"].as_i64().unwrap() >= 8, "{own}");
        assert_eq!(teacher.get("/api/people?unit=AG-LX-THPT&q=").await.status(), 403);
        assert_eq!(teacher.get("/api/people?unit=AG-CD-THPT&q=").await.status(), 404);
    }

    async fn a_teacher_file_gives_each_teacher_their_homeroom_class_and_reimport_is_idempotent(app) {
        let admin = app.login("qt.thpt", DEMO_PASSWORD).await;
        import(&admin, &three_students(), false).await;
        let file = "Mã giáo viên,Họ và tên,Mã trường,Lớp chủ nhiệm,Email\n\
                    GV9001,Trương Thị Mai,AG-LX-THPT,11A2,mai@example.edu.vn\n\
                    GV9002,Lý Văn Tâm,AG-LX-THPT,,\n";
        let url = format!("/api/imports?kind=teachers&school_year={}", year());
        let response = admin.upload(&url, "giao-vien.csv", file.as_bytes().to_vec()).await;
        let summary: Value = response.json().await.unwrap();
        assert_eq!(summary["created"], 2, "{summary}");
        let again: Value = admin
            .upload(&url, "giao-vien.csv", file.as_bytes().to_vec())
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(again["unchanged"], 2, "{again}");

        let found = people(&admin, "AG-LX-THPT", "truong thi mai").await;
        let roles = &found["people"][0]["roles"];
        assert_eq!(roles[0]["role"], "teacher");
        assert_eq!(roles[0]["unit_code"], class_code("AG-LX-THPT", "11A2"));
        let found = people(&admin, "AG-LX-THPT", "ly van tam").await;
        assert_eq!(found["people"][0]["roles"][0]["unit_code"], "AG-LX-THPT");
    }

    async fn students_teachers_and_viewers_cannot_import_rosters(app) {
        for account in ["gv.thpt", "hs.thpt", "sogddt"] {
            let session = app.login(account, DEMO_PASSWORD).await;
            let (status, body) = import(&session, &three_students(), true).await;
            assert_eq!(status, 403, "{account}: {body}");
        }
    }

    async fn an_upload_without_the_csrf_token_is_refused(app) {
        let admin = app.login("qt.thpt", DEMO_PASSWORD).await;
        let response = app
            .client
            .post(app.url("/api/imports?kind=students"))
            .header("cookie", &admin.cookie)
            .body(three_students())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403);
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"], "csrf");
    }

    async fn a_spreadsheet_saved_as_xlsx_is_refused_with_advice(app) {
        let admin = app.login("qt.thpt", DEMO_PASSWORD).await;
        let mut xlsx = b"PK\x03\x04".to_vec();
        xlsx.extend_from_slice(&[0u8; 64]);
        let response = admin
            .upload(&format!("/api/imports?kind=students&school_year={}", year()), "lop.xlsx", xlsx)
            .await;
        assert_eq!(response.status(), 422);
        let body: Value = response.json().await.unwrap();
        assert!(body["message"].as_str().unwrap().contains("CSV UTF-8"), "{body}");
    }
}
