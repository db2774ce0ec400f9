//! Logic that spans several models or touches the world outside the database.

pub mod auth;
pub mod backup;
pub mod gate;
pub mod import_units;
pub mod people;
pub mod roster_import;
pub mod units;
