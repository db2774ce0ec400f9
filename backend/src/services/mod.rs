//! Logic that spans several models or touches the world outside the database.

pub mod backup;
