//! Talking to the server.

pub mod api;
