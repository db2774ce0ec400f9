//! The content owners' lesson-feedback queue.

pub mod list;
pub mod update;
