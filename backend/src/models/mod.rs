//! Rows, insert/update forms and the queries on them, one file per table (or pair of tables
//! that only make sense together). Queries return diesel's `QueryResult`; turning that into
//! HTTP answers is the routes' job.

pub mod app_meta;
pub mod assignment;
pub mod attempt;
pub mod attempt_statistics;
pub mod certificate;
pub mod completion;
pub mod contest;
pub mod coverage;
pub mod curriculum;
pub mod family_task;
pub mod feedback;
pub mod grant;
pub mod judging;
pub mod progress;
pub mod question;
pub mod roster_import;
pub mod search;
pub mod session;
pub mod student;
pub mod teacher;
pub mod throttle;
pub mod training;
pub mod unit;
pub mod user;

use std::sync::atomic::{AtomicI64, Ordering};

/// Seconds the server's clock runs ahead of the real one (setting `clock_offset_seconds`).
static CLOCK_OFFSET_SECONDS: AtomicI64 = AtomicI64::new(0);

/// Shifts [`now`] for the whole process; `serve` and the commands call it once at start.
pub fn set_clock_offset(seconds: i64) {
    CLOCK_OFFSET_SECONDS.store(seconds, Ordering::Relaxed);
}

/// The current time in UTC, as stored (timestamps are UTC without a zone in both backends),
/// shifted by the configured clock offset. Everything that reads the time goes through here.
pub fn now() -> chrono::NaiveDateTime {
    let offset = chrono::Duration::seconds(CLOCK_OFFSET_SECONDS.load(Ordering::Relaxed));
    chrono::Utc::now().naive_utc() + offset
}
