//! Annual training (issue 9): training cycles, the agency report and reminders (organisers),
//! and the learner's own training this year.

pub mod cycle_save;
pub mod cycle_show;
pub mod mine;
pub mod reminders;
pub mod reminders_csv;
pub mod report;
pub mod report_csv;

use actix_web::{HttpResponse, http::header};
use serde::Deserialize;

use crate::error::AppResult;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct YearQuery {
    /// Năm (chu kỳ đào tạo là năm dương lịch), ví dụ 2026; mặc định năm hiện tại
    #[serde(default)]
    pub year: Option<i32>,
}

impl YearQuery {
    pub fn year(&self) -> i32 {
        self.year
            .unwrap_or_else(|| crate::services::training::year_of(crate::models::now()))
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct RemindersQuery {
    /// Năm, ví dụ 2026; mặc định năm hiện tại
    #[serde(default)]
    pub year: Option<i32>,
    /// Nhắc những người có hạn trong số ngày này kể từ hôm nay (mặc định 14)
    #[serde(default)]
    pub days: Option<u32>,
}

impl RemindersQuery {
    pub fn year(&self) -> i32 {
        self.year
            .unwrap_or_else(|| crate::services::training::year_of(crate::models::now()))
    }

    pub fn days(&self) -> u32 {
        self.days.unwrap_or(14)
    }
}

/// A CSV download; the name keeps to ASCII so the header stays valid.
pub fn csv_download(bytes: Vec<u8>, file_name: &str) -> AppResult<HttpResponse> {
    let safe: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{safe}\""),
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(bytes))
}
