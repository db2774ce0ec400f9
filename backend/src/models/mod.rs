//! Rows, insert/update forms and the queries on them, one file per table (or pair of tables
//! that only make sense together). Queries return diesel's `QueryResult`; turning that into
//! HTTP answers is the routes' job.

pub mod app_meta;
pub mod curriculum;
pub mod feedback;
pub mod grant;
pub mod progress;
pub mod question;
pub mod roster_import;
pub mod search;
pub mod session;
pub mod student;
pub mod teacher;
pub mod throttle;
pub mod unit;
pub mod user;

/// The current time in UTC, as stored (timestamps are UTC without a zone in both backends).
pub fn now() -> chrono::NaiveDateTime {
    chrono::Utc::now().naive_utc()
}
