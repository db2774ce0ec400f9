//! The organiser's routes: `/api/creative-contests…`.

pub mod add_assignment;
pub mod assign;
pub mod conflict;
pub mod create;
pub mod list;
pub mod publish;
pub mod remove_assignment;
pub mod results;
pub mod set_judges;
pub mod show;
pub mod update;
