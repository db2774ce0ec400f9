//! `/api/imports`: roster uploads (student and teacher lists) and their history.

pub mod create;
pub mod list;

/// Largest roster file accepted: 200,000 rows in UTF-16 fit comfortably.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
