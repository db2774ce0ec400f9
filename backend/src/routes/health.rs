//! `GET /api/health`: liveness plus the facts an operator checks first.

use actix_web::web;
use hocdvc_api::HealthResponse;

use crate::db::{Db, migrations};
use crate::error::{AppError, AppResult};

/// Server status, version, database backend and migration level.
#[utoipa::path(
    get,
    path = "/api/health",
    tag = "system",
    responses(
        (status = 200, description = "Máy chủ và cơ sở dữ liệu hoạt động", body = HealthResponse),
        (status = 503, description = "Không kết nối được cơ sở dữ liệu", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn health(db: web::Data<Db>) -> AppResult<web::Json<HealthResponse>> {
    let backend = db.backend();
    let migration = db
        .run(|conn| migrations::current_level(conn).map_err(AppError::Internal))
        .await?;
    Ok(web::Json(HealthResponse {
        status: "ok".to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
        database: backend,
        migration,
    }))
}
