//! Item statistics of an assessment: how each question performed, as JSON and as CSV.

pub mod csv;
pub mod show;

use serde::Deserialize;

use crate::domain::SchoolYear;
use crate::error::{AppError, AppResult};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct StatisticsQuery {
    /// Năm học, ví dụ 2025-2026; mặc định năm học hiện tại
    #[serde(default)]
    pub year: Option<String>,
}

impl StatisticsQuery {
    /// The school year asked for, or the one in progress.
    pub fn school_year(&self) -> AppResult<SchoolYear> {
        match self.year.as_deref() {
            Some(text) if !text.trim().is_empty() => {
                SchoolYear::parse(text).map_err(AppError::Validation)
            }
            _ => Ok(SchoolYear::containing(crate::models::now().date())),
        }
    }
}
