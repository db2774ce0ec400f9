//! The judge's routes, blind: `/api/judging/…`.

pub mod assignments;
pub mod conflict;
pub mod entry;
pub mod scores;
