//! Coverage dashboards: indicators of a unit's subtree against targets, as JSON and CSV, and
//! the targets themselves.

pub mod csv;
pub mod home;
pub mod show;
pub mod targets;
pub mod update_targets;

use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct CoverageQuery {
    /// Năm học, ví dụ 2025-2026; mặc định năm học hiện tại
    #[serde(default)]
    pub year: Option<String>,
}
