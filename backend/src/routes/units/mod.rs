//! `/api/units/*`: browse and manage the organisation tree.

pub mod activation_sheet;
pub mod create;
pub mod list;
pub mod show;
pub mod update;
