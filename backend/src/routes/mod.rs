//! Every HTTP route of Học DVC is wired here, in [`configure`]; each handler lives in its own
//! file under its area.

pub mod health;
pub mod openapi;
pub mod ui;

use actix_web::web;

/// Registers every route. `/api/...` answers JSON; everything else is the embedded UI.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/api")
            .route("/health", web::get().to(health::health))
            .route("/openapi.json", web::get().to(openapi::openapi_json))
            .default_service(web::to(not_found)),
    )
    .route("/assets/{file}", web::get().to(ui::asset))
    .default_service(web::to(ui::app_shell));
}

async fn not_found() -> Result<actix_web::HttpResponse, crate::error::AppError> {
    Err(crate::error::AppError::NotFound)
}
