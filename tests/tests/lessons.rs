//! The lesson player through the API (`/api/modules`, `/api/lessons`), with the shipped
//! curriculum loaded into the demo province — each on SQLite and on PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: fail loudly.

use hocdvc_tests::{DEMO_PASSWORD, Session, TestApp, on_both_backends_curriculum};
use serde_json::{Value, json};

async fn get_json(session: &Session<'_>, path: &str) -> Value {
    let response = session.get(path).await;
    assert_eq!(response.status(), 200, "GET {path}");
    response.json().await.unwrap()
}

fn module_ids(modules: &Value) -> Vec<String> {
    modules
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_owned())
        .collect()
}

fn module<'v>(modules: &'v Value, id: &str) -> &'v Value {
    modules
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == id)
        .unwrap_or_else(|| panic!("module {id} listed"))
}

/// Stores an image beside the THPT core lessons, as `content load` does for shipped images.
fn store_image(app: &TestApp) {
    let location = hocdvc::db::Location::from_settings(&app.database.settings()).unwrap();
    let mut conn = location.connect().unwrap();
    let row = hocdvc::models::curriculum::MediaRow {
        module_id: "thpt-core".into(),
        path: "lessons/images/buoc-1.png".into(),
        media_type: "image/png".into(),
        data: b"\x89PNG\r\n\x1a\n".to_vec(),
        content_hash: "test".into(),
    };
    hocdvc::models::curriculum::upsert_media(&mut conn, &[row]).unwrap();
}

on_both_backends_curriculum! {
    async fn lesson_media_is_served_with_its_type_to_the_modules_learners_only(app) {
        store_image(&app);
        let path = "/api/modules/thpt-core/media/lessons/images/buoc-1.png";
        assert_eq!(app.get(path).await.status(), 401);

        let student = app.login("hs.thpt", DEMO_PASSWORD).await;
        let response = student.get(path).await;

        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-type"], "image/png");
        assert_eq!(response.headers()["x-content-type-options"], "nosniff");
        assert!(response.bytes().await.unwrap().starts_with(b"\x89PNG"));
        let missing = student.get("/api/modules/thpt-core/media/lessons/images/khong-co.png").await;
        assert_eq!(missing.status(), 404);
        let other = app.login("hs.thcs", DEMO_PASSWORD).await;
        assert_eq!(other.get(path).await.status(), 404);
    }

    async fn a_thpt_student_sees_the_thpt_core_module_and_not_the_thcs_one(app) {
        let student = app.login("hs.thpt", DEMO_PASSWORD).await;

        let modules = get_json(&student, "/api/modules").await;

        let ids = module_ids(&modules);
        assert!(ids.contains(&"thpt-core".to_owned()), "{ids:?}");
        assert!(ids.contains(&"gia-dinh".to_owned()), "{ids:?}");
        assert!(!ids.contains(&"thcs-core".to_owned()), "{ids:?}");
        assert!(!ids.contains(&"can-bo-annual".to_owned()), "{ids:?}");
        let core = module(&modules, "thpt-core");
        assert_eq!(core["progress"]["done"], 0);
        assert!(core["lesson_count"].as_i64().unwrap() >= 5);
        assert_eq!(core["progress"]["total"], core["lesson_count"]);
        assert_eq!(student.get("/api/modules/thcs-core").await.status(), 404);
        assert_eq!(student.get("/api/lessons/thcs-01").await.status(), 404);
    }

    async fn a_thcs_student_and_a_civil_servant_see_their_own_modules(app) {
        let thcs = app.login("hs.thcs", DEMO_PASSWORD).await;
        let ids = module_ids(&get_json(&thcs, "/api/modules").await);
        assert!(ids.contains(&"thcs-core".to_owned()), "{ids:?}");
        assert!(!ids.contains(&"thpt-core".to_owned()), "{ids:?}");

        let canbo = app.login("canbo", DEMO_PASSWORD).await;
        let mut ids = module_ids(&get_json(&canbo, "/api/modules").await);
        ids.sort();
        // The annual module and the leaders' awareness module (issue 9) are for civil servants.
        assert_eq!(ids, vec!["can-bo-annual".to_owned(), "lanh-dao-nhan-thuc".to_owned()]);

        let teacher = app.login("gv.thpt", DEMO_PASSWORD).await;
        let ids = module_ids(&get_json(&teacher, "/api/modules").await);
        assert!(ids.len() >= 7, "{ids:?}");
    }

    async fn anonymous_visitors_get_401(app) {
        for path in ["/api/modules", "/api/modules/thpt-core", "/api/lessons/thpt-01"] {
            assert_eq!(app.get(path).await.status(), 401, "{path}");
        }
        let response = app.post_json("/api/lessons/thpt-01/done", &json!({})).await;
        assert_eq!(response.status(), 401);
    }

    async fn a_lesson_renders_as_safe_html_with_its_neighbours_and_translations(app) {
        let student = app.login("hs.thpt", DEMO_PASSWORD).await;
        let detail = get_json(&student, "/api/modules/thpt-core").await;
        let lessons = detail["lessons"].as_array().unwrap();
        let first = lessons[0]["id"].as_str().unwrap();
        let second = lessons[1]["id"].as_str().unwrap();

        let lesson = get_json(&student, &format!("/api/lessons/{first}")).await;

        assert_eq!(lesson["module_id"], "thpt-core");
        assert_eq!(lesson["language"], "vi");
        assert!(lesson["previous"].is_null());
        assert_eq!(lesson["next"], second);
        assert_eq!(lesson["done"], false);
        let html = lesson["html"].as_str().unwrap();
        assert!(html.contains("<h2>"), "{html}");
        for bad in ["<script", "<iframe", "style=", " onerror", " onclick", "javascript:"] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
        let codes: Vec<&str> = lesson["languages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["code"].as_str().unwrap())
            .collect();
        assert_eq!(codes.first(), Some(&"vi"));
        assert!(codes.contains(&"km"), "{codes:?}");

        let khmer = get_json(&student, &format!("/api/lessons/{first}?lang=km")).await;
        assert_eq!(khmer["language"], "km");
        assert_ne!(khmer["title"], lesson["title"]);

        let second_view = get_json(&student, &format!("/api/lessons/{second}")).await;
        assert_eq!(second_view["previous"], first);
    }

    async fn marking_a_lesson_done_is_idempotent_and_shows_in_progress(app) {
        let student = app.login("hs.thpt", DEMO_PASSWORD).await;

        let without_csrf = app
            .client
            .post(app.url("/api/lessons/thpt-01/done"))
            .header("cookie", &student.cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(without_csrf.status(), 403);
        for _ in 0..2 {
            let response = student.post("/api/lessons/thpt-01/done", &json!({})).await;
            assert_eq!(response.status(), 200);
            let done: Value = response.json().await.unwrap();
            assert_eq!(done["module_id"], "thpt-core");
            assert_eq!(done["progress"]["done"], 1);
        }

        let modules = get_json(&student, "/api/modules").await;
        assert_eq!(module(&modules, "thpt-core")["progress"]["done"], 1);
        let detail = get_json(&student, "/api/modules/thpt-core").await;
        let done: Vec<&str> = detail["lessons"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| l["done"] == true)
            .map(|l| l["id"].as_str().unwrap())
            .collect();
        assert_eq!(done, vec!["thpt-01"]);
        assert_eq!(get_json(&student, "/api/lessons/thpt-01").await["done"], true);

        let other = app.login("hs.thcs", DEMO_PASSWORD).await;
        assert_eq!(other.post("/api/lessons/thpt-01/done", &json!({})).await.status(), 404);
    }
}
