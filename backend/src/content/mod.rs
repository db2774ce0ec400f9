//! The shipped curriculum as files: this module owns reading the `question-bank/` folder
//! (format: `question-bank/README.md`) into typed values — module manifests, lessons with
//! their translations, GIFT questions — and `hocdvc content check`, which reports every
//! problem in it (file, line, what is wrong, in Vietnamese) with counts per module.
//! No database: loading the bank into one builds on [`bank::load`].
//!
//! - `vocabulary`: ids, audiences, difficulties, topic tags, languages, pass marks.
//! - `manifest`: `module.toml`; `lesson`: lesson files; `questions`: GIFT files.
//! - `bank`: the whole folder; `draw`: whether an assessment can be drawn;
//!   `check`: the checks across files; `report`: the result, as text or JSON.

pub mod bank;
pub mod check;
pub mod draw;
pub mod lesson;
pub mod manifest;
pub mod problem;
pub mod questions;
pub mod report;
pub mod vocabulary;

pub use check::check;
pub use problem::Problem;
pub use report::Report;

#[cfg(test)]
mod tests;
