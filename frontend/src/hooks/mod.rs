//! Custom hooks shared by pages.

pub mod use_api;
pub mod use_title;
pub mod use_work;
