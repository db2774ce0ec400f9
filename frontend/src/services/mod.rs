//! Talking to the server.

pub mod api;
pub mod autosaver;
