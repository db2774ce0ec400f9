//! Học DVC server library: configuration, storage, HTTP routes and the admin command line.
//!
//! Where things live (two hops from the README):
//! - `cli`: the `hocdvc` subcommands (`serve`, `migrate`, `backup`, `restore`, `openapi`).
//! - `startup`: builds the actix application from `config::Settings`.
//! - `routes`: every HTTP route, wired in `routes::configure`; one handler per file.
//! - `services`: logic spanning several models; `models`: rows and their queries.
//! - `db`: the connection pool over SQLite or PostgreSQL, and the embedded migrations.
//! - `demo`: the one seeding module for `serve --demo`.
//! - `question_formats`: GIFT and Moodle XML import/export; `roster`: reading school CSV files.
//! - `content`: the `question-bank/` folder read into typed values, and `content check`.

pub mod cli;
pub mod config;
pub mod content;
pub mod coverage_bench;
pub mod db;
pub mod demo;
pub mod domain;
pub mod error;
pub mod models;
pub mod openapi;
pub mod question_formats;
pub mod roster;
pub mod routes;
pub mod schema;
pub mod security;
pub mod services;
pub mod startup;
pub mod telemetry;
pub mod ui_assets;

pub use error::{AppError, AppResult};
