//! `GET /api/health`: is the server up, which version, which database, which schema.

use serde::{Deserialize, Serialize};

/// Which database engine the server is running on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum DatabaseBackend {
    Sqlite,
    Postgres,
}

impl DatabaseBackend {
    /// The name a person reads on the about page.
    pub fn display_name(self) -> &'static str {
        match self {
            DatabaseBackend::Sqlite => "SQLite",
            DatabaseBackend::Postgres => "PostgreSQL",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HealthResponse {
    /// Always `"ok"` when the server answers and its database is reachable.
    #[cfg_attr(feature = "openapi", schema(example = "ok"))]
    pub status: String,
    /// The server's version (Cargo package version).
    #[cfg_attr(feature = "openapi", schema(example = "0.1.0"))]
    pub version: String,
    pub database: DatabaseBackend,
    /// The newest database migration applied, e.g. `20261128000001`.
    #[cfg_attr(feature = "openapi", schema(example = "20261128000001"))]
    pub migration: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn health_response_serialises_to_the_documented_contract() {
        let health = HealthResponse {
            status: "ok".into(),
            version: "1.2.3".into(),
            database: DatabaseBackend::Postgres,
            migration: "20261128000001".into(),
        };
        let json = serde_json::to_value(&health).unwrap_or_default();
        assert_eq!(
            json,
            serde_json::json!({"status": "ok", "version": "1.2.3", "database": "postgres",
                               "migration": "20261128000001"})
        );
    }
}
