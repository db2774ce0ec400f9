//! Reading the CSV files schools and agencies send: rosters of students, teachers and agency
//! or team members, and the unit tree.
//! Detects the encoding (UTF-8 with or without BOM, UTF-16 from Excel "Unicode text", legacy
//! Windows-1258) and the delimiter, stores text in NFC, matches Vietnamese headers with or
//! without diacritics, and validates every row, reporting every error with its line and column.
//! Pure functions over bytes: writing to the database is `services::import`'s job.

pub mod decode;
pub mod error;
pub mod fields;
pub mod headers;
pub mod members;
pub mod students;
pub mod table;
pub mod teachers;
pub mod text;
pub mod units;
