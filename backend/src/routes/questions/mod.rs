//! `/api/questions/*`: the question bank, for content authors.

pub mod import;
