//! The attempt engine's HTTP face: start or resume, save an answer, see, submit, and the
//! teachers' essay grading. The logic is in `services::attempts`.

pub mod essays;
pub mod grade;
pub mod save;
pub mod show;
pub mod start;
pub mod submit;
