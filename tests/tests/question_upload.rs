//! Question files uploaded from the browser (`POST /api/questions/import`): preview first, then
//! import, into the teacher's own corner of the bank — on SQLite and on PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: fail loudly.

use hocdvc_tests::{DEMO_PASSWORD, Session, on_both_backends_demo};
use serde_json::Value;

const GIFT: &str = "// [id:gv-001] [tag:vneid] [tag:easy]\n\
::gv-001::Tài khoản định danh điện tử mức 2 được dùng để làm gì?{\n\
  =Đăng nhập Cổng Dịch vụ công quốc gia#Đúng.\n\
  ~Chỉ để gọi điện#Chưa đúng.\n\
}\n\n\
::gv-002::Cổng Dịch vụ công quốc gia là một trang web chính thức.{TRUE}\n\n\
::gv-003::Kể tên một thủ tục em có thể nộp trực tuyến.{}\n";

async fn upload(session: &Session<'_>, file: &str, dry_run: bool) -> (u16, Value) {
    let response = session
        .upload(
            &format!(
                "/api/questions/import?dry_run={dry_run}&category=Ch%E1%BB%A7%20%C4%91%E1%BB%81%201"
            ),
            "cau-hoi-lop-10a1.gift",
            file.as_bytes().to_vec(),
        )
        .await;
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

on_both_backends_demo! {
    async fn a_teacher_previews_a_gift_file_then_imports_it_into_their_own_category(app) {
        let teacher = app.login("gv.thpt", DEMO_PASSWORD).await;
        let (status, preview) = upload(&teacher, GIFT, true).await;
        assert_eq!(status, 200, "{preview}");
        assert_eq!(preview["dry_run"], true);
        assert_eq!(preview["format"], "gift");
        assert_eq!(preview["total"], 3);
        assert_eq!(preview["by_type"]["multichoice"], 1);
        assert_eq!(preview["by_type"]["truefalse"], 1);
        assert_eq!(preview["by_type"]["essay"], 1);
        assert_eq!(preview["created"], 3);
        assert_eq!(preview["categories"][0], "Giáo viên/gv.thpt/Chủ đề 1");
        assert_eq!(preview["preview"][0]["name"], "gv-001");
        assert_eq!(preview["preview"][0]["kind"], "multichoice");
        assert_eq!(
            preview["preview"][0]["text"],
            "Tài khoản định danh điện tử mức 2 được dùng để làm gì?"
        );
        // A preview names questions, never their answers.
        assert!(!preview.to_string().contains("Đăng nhập Cổng"), "{preview}");

        // The preview wrote nothing: a second one still finds three new questions.
        let (_, again) = upload(&teacher, GIFT, true).await;
        assert_eq!(again["created"], 3);

        let (status, imported) = upload(&teacher, GIFT, false).await;
        assert_eq!(status, 200, "{imported}");
        assert_eq!(imported["created"], 3);
        assert_eq!(imported["categories_created"], 3);
        let (_, reimported) = upload(&teacher, GIFT, false).await;
        assert_eq!(reimported["created"], 0);
        assert_eq!(reimported["unchanged"], 3);

        // An edited question becomes a new version.
        let edited = GIFT.replace("làm gì?", "làm gì trên Cổng?");
        let (_, revised) = upload(&teacher, &edited, false).await;
        assert_eq!(revised["new_versions"], 1);
        assert_eq!(revised["unchanged"], 2);
    }

    async fn a_question_file_with_an_error_is_refused_whole_and_names_the_line(app) {
        let teacher = app.login("gv.thpt", DEMO_PASSWORD).await;
        let broken = format!("{GIFT}\n::gv-004::Câu hỏi thiếu ngoặc đóng{{\n=Một\n~Hai\n");
        let (status, body) = upload(&teacher, &broken, false).await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(body["error"], "invalid_file");
        assert_eq!(body["details"][0]["line"], 11, "{body}");
        assert!(body["details"][0]["message"].as_str().unwrap().contains("Thiếu dấu đóng ngoặc"));
        let (_, preview) = upload(&teacher, GIFT, true).await;
        assert_eq!(preview["created"], 3, "nothing of the broken file was written");
    }

    async fn students_cannot_import_questions_and_every_upload_needs_the_csrf_token(app) {
        let student = app.login("hs.thpt", DEMO_PASSWORD).await;
        let (status, _) = upload(&student, GIFT, true).await;
        assert_eq!(status, 403);
        let teacher = app.login("gv.thpt", DEMO_PASSWORD).await;
        let response = app
            .client
            .post(app.url("/api/questions/import?dry_run=true"))
            .header("cookie", &teacher.cookie)
            .body(GIFT)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403);
    }

    async fn a_system_admin_chooses_the_category_freely(app) {
        let admin = app.login("admin", DEMO_PASSWORD).await;
        let (status, preview) = upload(&admin, GIFT, true).await;
        assert_eq!(status, 200, "{preview}");
        assert_eq!(preview["categories"][0], "Chủ đề 1");
    }
}
