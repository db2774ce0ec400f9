//! The small set of building blocks every page reuses. Each is accessible on its own: labels
//! tied to inputs, roles for live messages, native elements first.

pub mod account_bar;
pub mod alert;
pub mod breadcrumb;
pub mod card;
pub mod empty_state;
pub mod field;
pub mod layout;
pub mod lesson_feedback;
pub mod notice;
pub mod pager;
pub mod progress_bar;
pub mod require_sign_in;
pub mod table;
pub mod unit_forms;
