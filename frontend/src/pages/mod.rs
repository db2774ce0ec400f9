//! One module per page of the UI.

pub mod about;
pub mod activate;
pub mod activation_sheet;
pub mod assignments;
pub mod attempt;
pub mod change_password;
pub mod class_progress;
pub mod family_review;
pub mod family_task;
pub mod feedback_queue;
pub mod grading;
pub mod home;
pub mod imports;
pub mod item_statistics;
pub mod judging;
pub mod learn;
pub mod login;
pub mod not_found;
pub mod people;
pub mod question_import;
pub mod search;
pub mod todo;
pub mod units;
