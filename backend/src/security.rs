//! HTTP hardening applied to every response: security headers (a Content-Security-Policy that
//! lets the WebAssembly UI run and nothing else), request-body limits with JSON error answers,
//! and the request id echoed back so a user's report can be matched to the log.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::DefaultHeaders;
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpRequest, error::JsonPayloadError, web};

use crate::error::AppError;

/// `'wasm-unsafe-eval'` is what compiling the UI's WebAssembly needs; no inline script and no
/// inline style are allowed. Lesson videos load only when the learner clicks: YouTube through
/// its no-cookie domain in a frame, `.mp4` files from any HTTPS host.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; \
     media-src 'self' https:; frame-src https://www.youtube-nocookie.com; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

pub fn headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add(("Content-Security-Policy", CONTENT_SECURITY_POLICY))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("Referrer-Policy", "same-origin"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Cross-Origin-Opener-Policy", "same-origin"))
        .add((
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=(), payment=()",
        ))
}

/// JSON bodies: size limit and errors in the one error shape.
pub fn json_config(limit: usize) -> web::JsonConfig {
    web::JsonConfig::default()
        .limit(limit)
        .error_handler(|err, _req: &HttpRequest| {
            let app_error = match err {
                JsonPayloadError::Overflow { .. }
                | JsonPayloadError::OverflowKnownLength { .. } => AppError::PayloadTooLarge,
                JsonPayloadError::ContentType => AppError::BadRequest(
                    "Yêu cầu phải gửi dữ liệu JSON (Content-Type: application/json).".into(),
                ),
                other => AppError::BadRequest(format!("Dữ liệu JSON không hợp lệ: {other}")),
            };
            app_error.into()
        })
}

/// Other bodies (raw payloads, forms): size limit.
pub fn payload_config(limit: usize) -> web::PayloadConfig {
    web::PayloadConfig::new(limit)
}

pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|err, _req| {
        AppError::BadRequest(format!("Tham số truy vấn không hợp lệ: {err}")).into()
    })
}

pub fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|_err, _req| AppError::NotFound.into())
}

/// Copies the request id that `tracing-actix-web` gave the request into `X-Request-Id`.
pub async fn echo_request_id(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let id = req
        .extensions()
        .get::<tracing_actix_web::RequestId>()
        .map(|id| id.to_string());
    let mut res = next.call(req).await?;
    if let Some(value) = id.and_then(|id| HeaderValue::from_str(&id).ok()) {
        res.headers_mut()
            .insert(HeaderName::from_static("x-request-id"), value);
    }
    Ok(res)
}

#[cfg(test)]
mod tests {
    use actix_web::{App, HttpResponse, test, web};

    use super::*;

    async fn echo(body: web::Json<serde_json::Value>) -> HttpResponse {
        HttpResponse::Ok().json(body.into_inner())
    }

    #[actix_web::test]
    async fn a_json_body_over_the_limit_is_refused_with_413_in_the_error_shape() {
        let app = test::init_service(
            App::new()
                .app_data(json_config(64))
                .route("/echo", web::post().to(echo)),
        )
        .await;
        let big = serde_json::json!({ "ten": "Nguyễn Văn An ".repeat(20) });
        let response = test::call_service(
            &app,
            test::TestRequest::post()
                .uri("/echo")
                .set_json(&big)
                .to_request(),
        )
        .await;
        assert_eq!(response.status(), 413);
        let body: hocdvc_api::ErrorBody = test::read_body_json(response).await;
        assert_eq!(body.error, "payload_too_large");

        let small = serde_json::json!({ "ten": "An" });
        let response = test::call_service(
            &app,
            test::TestRequest::post()
                .uri("/echo")
                .set_json(&small)
                .to_request(),
        )
        .await;
        assert_eq!(response.status(), 200);
    }

    #[actix_web::test]
    async fn malformed_json_is_a_400_with_a_vietnamese_message() {
        let app = test::init_service(
            App::new()
                .app_data(json_config(1024))
                .route("/echo", web::post().to(echo)),
        )
        .await;
        let request = test::TestRequest::post()
            .uri("/echo")
            .insert_header(("content-type", "application/json"))
            .set_payload("{\"ten\": ")
            .to_request();
        let response = test::call_service(&app, request).await;
        assert_eq!(response.status(), 400);
        let body: hocdvc_api::ErrorBody = test::read_body_json(response).await;
        assert!(
            body.message.starts_with("Dữ liệu JSON không hợp lệ"),
            "{}",
            body.message
        );
    }
}
