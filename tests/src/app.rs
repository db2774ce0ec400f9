//! The application under test, on a database of its own.

use std::net::TcpListener;
use std::path::PathBuf;

use diesel::{Connection, PgConnection, RunQueryDsl};
use hocdvc::config::{Secret, Settings};
use hocdvc::startup::Application;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn api_name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }

    pub fn display_name(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }
}

/// `HOCDVC_TEST_PG_URL`, default `postgres://postgres@127.0.0.1:5432` (trust auth, as on the
/// CI machines). Test databases are created and dropped through its `postgres` database.
pub fn postgres_admin_url() -> String {
    std::env::var("HOCDVC_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".to_owned())
}

/// A database that exists for one test: a temporary directory (SQLite) or a PostgreSQL
/// database with a random name, dropped with this value.
pub struct TestDatabase {
    pub backend: Backend,
    pub data_dir: tempfile::TempDir,
    pub postgres_name: Option<String>,
}

impl TestDatabase {
    pub fn create(backend: Backend) -> TestDatabase {
        let data_dir = tempfile::tempdir().expect("temporary data directory");
        let postgres_name = (backend == Backend::Postgres).then(|| {
            let name = format!("hocdvc_test_{}", uuid::Uuid::new_v4().simple());
            let mut admin = PgConnection::establish(&format!("{}/postgres", postgres_admin_url()))
                .unwrap_or_else(|e| {
                    panic!(
                        "PostgreSQL is not reachable at {} ({e}). Start it with: \
                         pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
                        postgres_admin_url()
                    )
                });
            diesel::sql_query(format!("CREATE DATABASE \"{name}\""))
                .execute(&mut admin)
                .expect("create test database");
            name
        });
        TestDatabase {
            backend,
            data_dir,
            postgres_name,
        }
    }

    /// `DATABASE_URL` for this database (unset for SQLite: the data directory decides).
    pub fn database_url(&self) -> Option<String> {
        self.postgres_name
            .as_ref()
            .map(|name| format!("{}/{name}", postgres_admin_url()))
    }

    /// Settings for a server on this database, on a free port.
    pub fn settings(&self) -> Settings {
        let mut settings = Settings::for_data_dir(self.data_dir.path());
        settings.database_url = self.database_url().map(Secret::new);
        settings.pool_size = 4;
        settings
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Some(name) = &self.postgres_name {
            if let Ok(mut admin) =
                PgConnection::establish(&format!("{}/postgres", postgres_admin_url()))
            {
                let _ =
                    diesel::sql_query(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                        .execute(&mut admin);
            }
        }
    }
}

/// A running Học DVC, stopped when dropped.
pub struct TestApp {
    pub address: String,
    pub port: u16,
    pub backend: Backend,
    pub client: reqwest::Client,
    handle: actix_web::dev::ServerHandle,
    // Declared last: the server stops before its database goes away.
    pub database: TestDatabase,
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> TestApp {
        TestApp::spawn_with(backend, |_| {}).await
    }

    /// Spawns with settings adjusted by `configure` (e.g. `demo = true`).
    pub async fn spawn_with(backend: Backend, configure: impl FnOnce(&mut Settings)) -> TestApp {
        let database = TestDatabase::create(backend);
        let mut settings = database.settings();
        configure(&mut settings);
        let app = Application::build(settings)
            .await
            .expect("application starts");
        let port = app.port();
        let handle = app.handle();
        tokio::spawn(app.run_until_stopped());
        TestApp {
            address: format!("http://127.0.0.1:{port}"),
            port,
            backend,
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("http client"),
            handle,
            database,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request reaches the server")
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // Stops accepting at once; in-flight work is abandoned (the test is over).
        drop(self.handle.stop(false));
    }
}

/// A TCP port nobody listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// The `hocdvc` binary built next to this test executable (`cargo build -p hocdvc` first;
/// `tests/ci.sh` does).
pub fn binary() -> PathBuf {
    let exe = std::env::current_exe().expect("test executable path");
    // target/<profile>/deps/<test> → target/<profile>/hocdvc
    let path = exe
        .parent()
        .and_then(|deps| deps.parent())
        .map(|profile| profile.join("hocdvc"))
        .expect("target directory");
    assert!(
        path.exists(),
        "{} is missing: run `cargo build -p hocdvc` before the command-line tests",
        path.display()
    );
    path
}
