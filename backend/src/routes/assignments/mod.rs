//! Assignments, the student's to-do list and a class's progress matrix (issue 6).

pub mod create;
pub mod delete;
pub mod list;
pub mod progress;
pub mod todo;
pub mod update;
