//! One module per page of the UI.

pub mod about;
pub mod home;
pub mod not_found;
