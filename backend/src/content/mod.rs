//! The shipped curriculum as files: this module owns reading the `question-bank/` folder
//! (format: `question-bank/README.md`) into typed values — module manifests, lessons with
//! their translations, GIFT questions. No database: loading the bank into one builds on
//! [`bank::load`].
//!
//! - `vocabulary`: ids, audiences, difficulties, topic tags, languages, pass marks.
//! - `manifest`: `module.toml`; `lesson`: lesson files; `questions`: GIFT files.
//! - `bank`: the whole folder.

pub mod bank;
pub mod lesson;
pub mod manifest;
pub mod problem;
pub mod questions;
pub mod vocabulary;

pub use problem::Problem;
