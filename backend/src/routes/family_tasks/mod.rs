//! Family-helper practical tasks: a student records one, their teacher reviews it (issue 6).

pub mod create;
pub mod list;
pub mod mine;
pub mod review;
