//! The OpenAPI document of the HTTP API. Every handler carries `#[utoipa::path]`; list it in
//! `paths(...)` below. `tests/` compares the served document with `api/openapi.json`, so a
//! change to the API shows up in review.

use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Học DVC API",
        description = "API của Học DVC: học, kiểm tra, thi và theo dõi phổ cập kỹ năng sử dụng dịch vụ công trực tuyến.",
    ),
    paths(crate::routes::health::health),
    components(schemas(
        hocdvc_api::ErrorBody,
        hocdvc_api::HealthResponse,
        hocdvc_api::DatabaseBackend
    )),
    tags((name = "system", description = "Tình trạng máy chủ"))
)]
pub struct ApiDoc;

/// The document as pretty JSON, with the package version filled in.
pub fn document_json() -> String {
    let mut doc = ApiDoc::openapi();
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    doc.to_pretty_json()
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
