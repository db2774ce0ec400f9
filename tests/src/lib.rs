//! Test harness for Học DVC's black-box suites (`tests/tests/*.rs`).
//!
//! - [`TestApp`] starts the real application in-process on a free port, with its own database:
//!   a fresh SQLite file in a temporary directory, or a fresh PostgreSQL database that is
//!   dropped afterwards. [`on_both_backends!`] writes each test once and runs it on both.
//! - [`Browser`] starts Debian's `chromedriver` and headless `chromium` for browser journeys
//!   and keeps a screenshot of each journey in `target/screenshots/`.
//! - [`binary`] finds the built `hocdvc` binary for command-line tests.
//!
//! The suites never skip: when PostgreSQL or Chromium is missing they fail and say how to get
//! it (`tests/ci.sh` installs and starts both).

#![allow(clippy::expect_used, clippy::unwrap_used)] // A test harness should fail loudly.

mod app;
mod browser;

pub use app::{Backend, Session, TestApp, TestDatabase, binary, free_port, postgres_admin_url};

/// Password of every demo account.
pub const DEMO_PASSWORD: &str = "hocdvc-demo";
pub use browser::Browser;

/// Writes each test once and runs it on SQLite and on PostgreSQL, as
/// `<test name>::on_sqlite` and `<test name>::on_postgres`.
///
/// ```ignore
/// on_both_backends! {
///     async fn health_reports_the_backend(app) { … }
/// }
/// ```
#[macro_export]
macro_rules! on_both_backends {
    ($(async fn $name:ident($app:ident) $body:block)*) => {$(
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_sqlite() {
                let $app = $crate::TestApp::spawn($crate::Backend::Sqlite).await;
                $body
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_postgres() {
                let $app = $crate::TestApp::spawn($crate::Backend::Postgres).await;
                $body
            }
        }
    )*};
}

/// Like [`on_both_backends!`], with the demo province seeded.
#[macro_export]
macro_rules! on_both_backends_demo {
    ($(async fn $name:ident($app:ident) $body:block)*) => {$(
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_sqlite() {
                let $app = $crate::TestApp::spawn_demo($crate::Backend::Sqlite).await;
                $body
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_postgres() {
                let $app = $crate::TestApp::spawn_demo($crate::Backend::Postgres).await;
                $body
            }
        }
    )*};
}

/// Like [`on_both_backends_demo!`], with the repository's `question-bank/` loaded, as
/// `hocdvc serve --demo` loads it when run from the repository.
#[macro_export]
macro_rules! on_both_backends_curriculum {
    ($(async fn $name:ident($app:ident) $body:block)*) => {$(
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_sqlite() {
                let $app = $crate::TestApp::spawn_curriculum($crate::Backend::Sqlite).await;
                $body
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_postgres() {
                let $app = $crate::TestApp::spawn_curriculum($crate::Backend::Postgres).await;
                $body
            }
        }
    )*};
}
