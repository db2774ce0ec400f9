//! Search across lessons and questions (`GET /api/search`), with the shipped curriculum in the
//! demo province — each on SQLite and on PostgreSQL: diacritics ignored, lessons limited to
//! the modules the learner may study, questions only for content authors, LIKE wildcards in
//! the query taken literally.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: fail loudly.

use hocdvc_tests::{DEMO_PASSWORD, Session, on_both_backends_curriculum};
use serde_json::Value;

async fn search(session: &Session<'_>, q: &str) -> Value {
    let path = format!("/api/search?q={}", encode(q));
    let response = session.get(&path).await;
    assert_eq!(response.status(), 200, "GET {path}");
    response.json().await.unwrap()
}

fn encode(q: &str) -> String {
    q.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'~' => (b as char).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

fn lesson_ids(results: &Value) -> Vec<String> {
    results["lessons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["lesson_id"].as_str().unwrap().to_owned())
        .collect()
}

on_both_backends_curriculum! {
    async fn a_search_without_diacritics_finds_the_lessons_written_with_them(app) {
        let student = app.login("hs.thpt", DEMO_PASSWORD).await;

        let plain = search(&student, "he thong giai quyet thu tuc").await;
        let accented = search(&student, "HỆ THỐNG giải quyết Thủ Tục").await;

        let ids = lesson_ids(&plain);
        assert!(ids.contains(&"thpt-01".to_owned()), "{plain}");
        assert_eq!(ids, lesson_ids(&accented));
        let first = &plain["lessons"][0];
        assert_eq!(first["lesson_id"], "thpt-01", "{plain}");
        assert_eq!(first["title_match"], true);
        assert_eq!(first["module_id"], "thpt-core");
        // The snippet is the original text, diacritics and all.
        let body = search(&student, "thu tuc").await;
        let snippets: Vec<&str> = body["lessons"].as_array().unwrap().iter()
            .map(|h| h["snippet"].as_str().unwrap()).collect();
        assert!(snippets.iter().any(|s| s.to_lowercase().contains("thủ tục")), "{snippets:?}");
        assert!(snippets.iter().all(|s| !s.contains('<')), "{snippets:?}");
    }

    async fn title_matches_come_before_matches_in_the_text(app) {
        let student = app.login("hs.thpt", DEMO_PASSWORD).await;

        let results = search(&student, "vneid").await;

        let flags: Vec<bool> = results["lessons"].as_array().unwrap().iter()
            .map(|h| h["title_match"].as_bool().unwrap()).collect();
        assert!(flags.first() == Some(&true), "{results}");
        assert!(flags.contains(&false), "{results}");
        let first_text_match = flags.iter().position(|f| !f).unwrap();
        assert!(flags[first_text_match..].iter().all(|f| !f), "{flags:?}");
        assert!(results["lessons"].as_array().unwrap().len() <= 20);
    }

    async fn a_learner_finds_only_lessons_of_the_modules_open_to_them(app) {
        let thcs = app.login("hs.thcs", DEMO_PASSWORD).await;
        let thpt = app.login("hs.thpt", DEMO_PASSWORD).await;
        let module: Value = thcs.get("/api/modules/thcs-core").await.json().await.unwrap();
        let title = module["lessons"][0]["title"].as_str().unwrap().to_owned();
        let id = module["lessons"][0]["id"].as_str().unwrap().to_owned();

        let found_by_thcs = search(&thcs, &title).await;
        let found_by_thpt = search(&thpt, &title).await;

        assert!(lesson_ids(&found_by_thcs).contains(&id), "{found_by_thcs}");
        assert!(!lesson_ids(&found_by_thpt).contains(&id), "{found_by_thpt}");
        let open: Value = thpt.get("/api/modules").await.json().await.unwrap();
        let open: Vec<&str> = open.as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap()).collect();
        for hit in found_by_thpt["lessons"].as_array().unwrap() {
            assert!(open.contains(&hit["module_id"].as_str().unwrap()), "{hit}");
        }
        for hit in search(&thpt, "dich vu cong").await["lessons"].as_array().unwrap() {
            assert!(open.contains(&hit["module_id"].as_str().unwrap()), "{hit}");
        }
    }

    async fn questions_are_found_by_content_authors_only(app) {
        let teacher = app.login("gv.thpt", DEMO_PASSWORD).await;
        let student = app.login("hs.thpt", DEMO_PASSWORD).await;

        let by_teacher = search(&teacher, "gd-antoan-001").await;
        let by_student = search(&student, "gd-antoan-001").await;
        let by_text = search(&teacher, "ma otp gui ve dien thoai cua bo").await;

        let hit = &by_teacher["questions"][0];
        assert_eq!(hit["bank_id"], "gd-antoan-001", "{by_teacher}");
        assert_eq!(hit["category"], "question-bank/gia-dinh");
        assert_eq!(hit["question_type"], "multichoice");
        assert_eq!(by_student["questions"], serde_json::json!([]));
        let keys: Vec<&str> = by_text["questions"].as_array().unwrap().iter()
            .map(|h| h["bank_id"].as_str().unwrap()).collect();
        assert!(keys.contains(&"gd-antoan-001"), "{by_text}");
        assert!(by_text["questions"][0]["snippet"].as_str().unwrap().contains("OTP"));
        // Nothing of the answers travels with a question hit.
        assert!(!by_text.to_string().contains("Bố tự đọc và tự nhập"), "{by_text}");
        let admin = app.login("admin", DEMO_PASSWORD).await;
        assert!(!search(&admin, "gd-antoan-001").await["questions"].as_array().unwrap().is_empty());
    }

    async fn like_wildcards_in_the_query_are_taken_literally(app) {
        let teacher = app.login("gv.thpt", DEMO_PASSWORD).await;

        for q in ["%%", "__", "%_", "\\%"] {
            let results = search(&teacher, q).await;
            assert_eq!(results["lessons"], serde_json::json!([]), "{q}: {results}");
            assert_eq!(results["questions"], serde_json::json!([]), "{q}: {results}");
        }
        let dash = search(&teacher, "gd_antoan").await;
        assert_eq!(dash["questions"], serde_json::json!([]), "{dash}");
    }

    async fn a_query_shorter_than_two_characters_is_refused_in_vietnamese(app) {
        assert_eq!(app.get("/api/search?q=thu").await.status(), 401);
        let student = app.login("hs.thpt", DEMO_PASSWORD).await;

        for q in ["", "a", " đ "] {
            let response = student.get(&format!("/api/search?q={}", encode(q))).await;
            assert_eq!(response.status(), 422, "{q:?}");
            let body: Value = response.json().await.unwrap();
            assert!(body["message"].as_str().unwrap().contains("Từ khóa tìm kiếm (q) cần ít nhất 2 ký tự"), "{body}");
        }
        let long = "a".repeat(101);
        assert_eq!(student.get(&format!("/api/search?q={long}")).await.status(), 422);
    }
}
