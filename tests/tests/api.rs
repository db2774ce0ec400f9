//! API tests against a spawned server, each on SQLite and on PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: fail loudly.

use hocdvc_api::{ErrorBody, HealthResponse};
use hocdvc_tests::on_both_backends;

on_both_backends! {
    async fn health_reports_status_version_database_and_migration(app) {
        let response = app.get("/api/health").await;
        assert_eq!(response.status(), 200);
        let health: HealthResponse = response.json().await.unwrap();
        assert_eq!(health.status, "ok");
        assert_eq!(health.version, env!("CARGO_PKG_VERSION"));
        assert_eq!(serde_json::to_value(health.database).unwrap(), app.backend.api_name());
        assert_eq!(health.migration, hocdvc::db::migrations::latest_embedded());
    }

    async fn unknown_api_paths_answer_404_in_the_json_error_shape(app) {
        let response = app.get("/api/khong-co").await;
        assert_eq!(response.status(), 404);
        assert!(response.headers()["content-type"].to_str().unwrap().starts_with("application/json"));
        let body: ErrorBody = response.json().await.unwrap();
        assert_eq!(body.error, "not_found");
        assert!(body.message.contains("Không tìm thấy"), "{}", body.message);
    }

    async fn deep_links_serve_the_app_shell_so_the_browser_router_can_open_them(app) {
        let response = app.get("/lop/9A1").await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["cache-control"], "no-cache");
        let html = response.text().await.unwrap();
        assert!(html.contains("<html lang=\"vi\">"));
        assert!(html.contains("/assets/boot-"));
    }

    async fn learner_pages_get_the_small_bundle_and_staff_pages_the_full_one(app) {
        let wasm_of = |html: &str| {
            html.split('"')
                .find(|part| part.starts_with("/assets/") && part.ends_with(".wasm"))
                .map(str::to_owned)
        };
        for learner in ["/", "/dang-nhap", "/hoc/thpt-core", "/lam-bai/3", "/viec-can-lam"] {
            let html = app.get(learner).await.text().await.unwrap();
            let wasm = wasm_of(&html).unwrap();
            assert!(wasm.starts_with("/assets/learner-"), "{learner}: {wasm}");
        }
        for staff in ["/giao-bai", "/quan-tri/don-vi", "/lop/9A1/tien-do", "/cham-bai"] {
            let html = app.get(staff).await.text().await.unwrap();
            let wasm = wasm_of(&html).unwrap();
            assert!(wasm.starts_with("/assets/app-"), "{staff}: {wasm}");
        }
    }

    async fn missing_files_are_404_rather_than_the_app_shell(app) {
        assert_eq!(app.get("/assets/khong-co.js").await.status(), 404);
        assert_eq!(app.get("/favicon.ico").await.status(), 404);
    }

    async fn hashed_assets_are_precompressed_and_cached_for_a_year(app) {
        let html = app.get("/").await.text().await.unwrap();
        let wasm_path = html
            .split('"')
            .find(|part| part.starts_with("/assets/learner-") && part.ends_with(".wasm"))
            .expect("the learner shell preloads its wasm")
            .to_owned();
        let get = |encoding: &'static str| {
            app.client.get(app.url(&wasm_path)).header("accept-encoding", encoding).send()
        };
        let brotli = get("gzip, deflate, br").await.unwrap();
        assert_eq!(brotli.status(), 200);
        assert_eq!(brotli.headers()["content-type"], "application/wasm");
        assert_eq!(brotli.headers()["content-encoding"], "br");
        assert_eq!(brotli.headers()["cache-control"], "public, max-age=31536000, immutable");
        let etag = brotli.headers()["etag"].to_str().unwrap().to_owned();
        let brotli_len = brotli.bytes().await.unwrap().len();

        let gzip = get("gzip").await.unwrap();
        assert_eq!(gzip.headers()["content-encoding"], "gzip");
        let gzip_len = gzip.bytes().await.unwrap().len();

        let plain = get("identity").await.unwrap();
        assert!(plain.headers().get("content-encoding").is_none());
        let plain_bytes = plain.bytes().await.unwrap();
        assert_eq!(&plain_bytes[..4], b"\0asm", "the raw body is a WebAssembly module");
        assert!(brotli_len < gzip_len && gzip_len < plain_bytes.len());

        let revalidated = app
            .client
            .get(app.url(&wasm_path))
            .header("if-none-match", etag)
            .send()
            .await
            .unwrap();
        assert_eq!(revalidated.status(), 304);
    }

    async fn every_response_carries_the_security_headers_and_a_request_id(app) {
        for path in ["/", "/api/health", "/api/khong-co"] {
            let response = app.get(path).await;
            let headers = response.headers();
            let csp = headers["content-security-policy"].to_str().unwrap();
            assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
            assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval'"), "{path}: {csp}");
            assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
            assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
            assert_eq!(headers["referrer-policy"], "same-origin", "{path}");
            assert_eq!(headers["x-frame-options"], "DENY", "{path}");
            assert_eq!(headers["x-request-id"].to_str().unwrap().len(), 36, "{path}");
        }
    }

    async fn the_app_shell_has_no_inline_script(app) {
        let html = app.get("/").await.text().await.unwrap();
        for tag in html.split("<script").skip(1) {
            let opening = tag.split('>').next().unwrap_or_default();
            assert!(opening.contains("src="), "inline <script> found: <script{opening}>");
        }
    }

    async fn metrics_are_exposed_in_prometheus_format(app) {
        app.get("/api/health").await;
        let response = app.get("/metrics").await;
        assert_eq!(response.status(), 200);
        let text = response.text().await.unwrap();
        assert!(text.contains("hocdvc_http_requests_total"), "{text}");
        assert!(text.contains("endpoint=\"/api/health\""), "{text}");
    }

    async fn the_openapi_document_matches_the_committed_contract(app) {
        let served: serde_json::Value = app.get("/api/openapi.json").await.json().await.unwrap();
        let committed_path = concat!(env!("CARGO_MANIFEST_DIR"), "/../api/openapi.json");
        let committed: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(committed_path).expect("api/openapi.json exists"),
        )
        .unwrap();
        assert_eq!(
            served, committed,
            "the API changed: review it, then run `cargo run -p hocdvc -- openapi > api/openapi.json`"
        );
        assert!(served["paths"]["/api/health"]["get"].is_object());
    }

    async fn json_api_answers_are_compressed_for_slow_connections(app) {
        let response = app
            .client
            .get(app.url("/api/openapi.json"))
            .header("accept-encoding", "gzip")
            .send()
            .await
            .unwrap();
        assert_eq!(response.headers()["content-encoding"], "gzip");
    }
}

/// Issue 2's budget: a student's first visit downloads at most 350 KB (compressed). Students
/// get the learner bundle; staff pages come in the full bundle, loaded when first opened.
#[test]
fn a_students_first_page_load_stays_within_350_kb() {
    let bytes = hocdvc::ui_assets::first_load_bytes();
    assert!(
        bytes <= 350 * 1024,
        "first load is {bytes} bytes compressed"
    );
}

/// PostgreSQL only (a SQLite file connection cannot drop): when the database server ends every
/// connection — a restart, a failover — the pool's idle connections are dead. The server pings
/// a connection that sat idle before handing it out and drops a dead one, so no request fails.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_postgresql_ends_every_connection_the_next_requests_still_succeed() {
    use diesel::RunQueryDsl;
    let app = hocdvc_tests::TestApp::spawn(hocdvc_tests::Backend::Postgres).await;
    for _ in 0..4 {
        assert_eq!(app.get("/api/health").await.status(), 200);
    }
    let location = hocdvc::db::Location::from_settings(&app.database.settings()).unwrap();
    let mut admin = location.connect().unwrap();
    let ended = diesel::sql_query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = current_database() AND pid <> pg_backend_pid()",
    )
    .execute(&mut admin)
    .unwrap();
    assert!(ended >= 1, "the server held at least one connection");
    // Past the idle time after which a connection is checked before use.
    tokio::time::sleep(std::time::Duration::from_secs(11)).await;
    for attempt in 0..20 {
        let response = app.get("/api/health").await;
        assert_eq!(
            response.status(),
            200,
            "request {attempt} after the connections ended"
        );
    }
}
