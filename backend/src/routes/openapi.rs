//! `GET /api/openapi.json`: the machine-readable description of this API.

use actix_web::HttpResponse;

pub async fn openapi_json() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .body(crate::openapi::document_json())
}
