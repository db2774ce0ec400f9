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
        if let Some(name) = &self.postgres_name
            && let Ok(mut admin) =
                PgConnection::establish(&format!("{}/postgres", postgres_admin_url()))
        {
            let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                .execute(&mut admin);
        }
    }
}

/// How the server under test runs: inside the test process, or as a real `hocdvc serve`
/// process that a test can kill (SIGKILL) and start again on the same database.
enum Running {
    InProcess(actix_web::dev::ServerHandle),
    Process {
        child: std::process::Child,
        curriculum: bool,
    },
    Stopped {
        curriculum: bool,
    },
}

/// A running Học DVC, stopped when dropped.
pub struct TestApp {
    pub address: String,
    pub port: u16,
    pub backend: Backend,
    pub client: reqwest::Client,
    running: std::sync::Mutex<Running>,
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
            client: http_client(),
            running: std::sync::Mutex::new(Running::InProcess(handle)),
            database,
        }
    }

    /// Runs the real `hocdvc serve` binary (`cargo build -p hocdvc` first) with the demo
    /// province, and the repository's curriculum when `curriculum`, so the test can
    /// [`kill`](TestApp::kill) it and [`restart`](TestApp::restart) it, e.g. with the clock moved.
    pub async fn spawn_process(backend: Backend, curriculum: bool) -> TestApp {
        let database = TestDatabase::create(backend);
        let port = free_port();
        let app = TestApp {
            address: format!("http://127.0.0.1:{port}"),
            port,
            backend,
            client: http_client(),
            running: std::sync::Mutex::new(Running::Stopped { curriculum }),
            database,
        };
        app.restart(0).await;
        app
    }

    /// Kills the server process at once (SIGKILL: no shutdown, no flushing beyond what each
    /// acknowledged request already made durable).
    pub fn kill(&self) {
        let mut running = self.running.lock().expect("server state");
        if let Running::Process { child, curriculum } = &mut *running {
            let _ = child.kill();
            let _ = child.wait();
            *running = Running::Stopped {
                curriculum: *curriculum,
            };
        }
    }

    /// Kills the server process (if running) and starts it again on the same database and
    /// port, its clock shifted by `clock_offset_seconds`; returns once it answers.
    pub async fn restart(&self, clock_offset_seconds: i64) {
        self.kill();
        {
            let mut running = self.running.lock().expect("server state");
            let Running::Stopped { curriculum } = *running else {
                panic!("restart works on a server spawned with spawn_process");
            };
            let content_dir = if curriculum {
                PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../question-bank"))
            } else {
                self.database.data_dir.path().join("no-curriculum")
            };
            let mut command = std::process::Command::new(binary());
            command
                .arg("serve")
                .env("HOCDVC_DATA_DIR", self.database.data_dir.path())
                .env("HOCDVC_PORT", self.port.to_string())
                .env("HOCDVC_BIND", "127.0.0.1")
                .env("HOCDVC_DEMO", "true")
                .env("HOCDVC_CONTENT_DIR", content_dir)
                .env(
                    "HOCDVC_CLOCK_OFFSET_SECONDS",
                    clock_offset_seconds.to_string(),
                )
                .env("HOCDVC_POOL_SIZE", "4")
                .env("HOCDVC_WORKERS", "2")
                .env("HOCDVC_LOG", "warn")
                .env_remove("HOCDVC_CONFIG")
                .env_remove("HOCDVC_DATABASE_URL")
                .stdout(std::process::Stdio::null());
            match self.database.database_url() {
                Some(url) => command.env("DATABASE_URL", url),
                None => command.env_remove("DATABASE_URL"),
            };
            let child = command.spawn().expect("hocdvc serve starts");
            *running = Running::Process { child, curriculum };
        }
        for _ in 0..1200 {
            if let Ok(response) = self.client.get(self.url("/api/health")).send().await
                && response.status().is_success()
            {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("hocdvc serve did not answer on port {}", self.port);
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

fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("http client")
}

impl Drop for TestApp {
    fn drop(&mut self) {
        match self.running.get_mut() {
            // Stops accepting at once; in-flight work is abandoned (the test is over).
            Ok(Running::InProcess(handle)) => drop(handle.stop(false)),
            Ok(Running::Process { child, .. }) => {
                let _ = child.kill();
                let _ = child.wait();
            }
            _ => {}
        }
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

/// A signed-in client: the session cookie and CSRF token of one login.
pub struct Session<'a> {
    pub app: &'a TestApp,
    pub cookie: String,
    pub csrf_token: String,
    pub body: serde_json::Value,
}

impl TestApp {
    /// Spawns with the demo province seeded.
    pub async fn spawn_demo(backend: Backend) -> TestApp {
        TestApp::spawn_with(backend, |s| s.demo = true).await
    }

    /// Spawns with the demo province and the repository's curriculum (`question-bank/`).
    pub async fn spawn_curriculum(backend: Backend) -> TestApp {
        TestApp::spawn_with(backend, |s| {
            s.demo = true;
            s.content_dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../question-bank"));
        })
        .await
    }

    pub async fn post_json(&self, path: &str, body: &serde_json::Value) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .expect("request reaches the server")
    }

    /// Signs in and keeps the cookie; panics when sign-in fails.
    pub async fn login(&self, username: &str, password: &str) -> Session<'_> {
        let response = self
            .post_json(
                "/api/auth/login",
                &serde_json::json!({"username": username, "password": password}),
            )
            .await;
        assert_eq!(response.status(), 200, "login of {username}");
        Session::from_response(self, response).await
    }
}

impl<'a> Session<'a> {
    /// Builds a session from a login or activation answer.
    pub async fn from_response(app: &'a TestApp, response: reqwest::Response) -> Session<'a> {
        let cookie = response
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("hocdvc_session="))
            .map(|v| v.split(';').next().unwrap_or_default().to_owned())
            .expect("session cookie");
        let body: serde_json::Value = response.json().await.expect("session body");
        let csrf_token = body["csrf_token"].as_str().expect("csrf token").to_owned();
        Session {
            app,
            cookie,
            csrf_token,
            body,
        }
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.app
            .client
            .get(self.app.url(path))
            .header("cookie", &self.cookie)
            .send()
            .await
            .expect("request reaches the server")
    }

    /// A state-changing request carrying the CSRF token.
    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&serde_json::Value>,
    ) -> reqwest::Response {
        let mut request = self
            .app
            .client
            .request(method, self.app.url(path))
            .header("cookie", &self.cookie)
            .header("x-csrf-token", &self.csrf_token);
        if let Some(body) = body {
            request = request.json(body);
        }
        request.send().await.expect("request reaches the server")
    }

    pub async fn post(&self, path: &str, body: &serde_json::Value) -> reqwest::Response {
        self.send(reqwest::Method::POST, path, Some(body)).await
    }

    /// Uploads a file's raw bytes, as the import page does.
    pub async fn upload(&self, path: &str, file_name: &str, bytes: Vec<u8>) -> reqwest::Response {
        self.app
            .client
            .post(self.app.url(path))
            .header("cookie", &self.cookie)
            .header("x-csrf-token", &self.csrf_token)
            .header("content-type", "text/csv")
            .header("x-file-name", utf8_percent_encode(file_name))
            .body(bytes)
            .send()
            .await
            .expect("request reaches the server")
    }

    pub async fn patch(&self, path: &str, body: &serde_json::Value) -> reqwest::Response {
        self.send(reqwest::Method::PATCH, path, Some(body)).await
    }

    pub async fn put(&self, path: &str, body: &serde_json::Value) -> reqwest::Response {
        self.send(reqwest::Method::PUT, path, Some(body)).await
    }
}

/// Percent-encodes every byte outside unreserved ASCII, as `encodeURIComponent` does.
fn utf8_percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
