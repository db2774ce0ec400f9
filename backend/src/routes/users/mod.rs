//! `/api/users/*`: account administration.

pub mod reset_password;
