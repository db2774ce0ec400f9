//! Storage: one connection type over SQLite (the embedded default) and PostgreSQL (for a
//! province that outgrows one machine), an r2d2 pool of it, and the embedded migrations.
//!
//! Diesel calls block, so request handlers reach the database only through [`Db::run`], which
//! moves the work onto the blocking thread pool and off the async workers.

pub mod migrations;

/// Rows per multi-row INSERT: with up to 12 columns this stays under SQLite's 32,766 and
/// PostgreSQL's 65,535 bind parameters.
pub const BULK_ROWS: usize = 1000;

/// Below this many rows PostgreSQL gets one multi-row INSERT rather than `COPY FROM`, whose
/// protocol costs extra round trips (an attempt's 15 slots, on every start of an exam minute).
pub const COPY_FROM_ROWS: usize = 64;

/// `insert_rows!(conn, table, rows)` inserts a slice of `Insertable` rows in bulk and evaluates
/// to the number of rows written, or returns the diesel error from the enclosing function.
///
/// diesel's `MultiConnection` cannot batch, so the macro dispatches to the concrete connection:
/// SQLite gets multi-row INSERTs of [`BULK_ROWS`] rows, PostgreSQL one binary `COPY FROM` (one
/// multi-row INSERT below [`COPY_FROM_ROWS`] rows).
/// Row types must derive `Insertable` with `treat_none_as_default_value = false` (a `None` is
/// NULL), else diesel falls back to one statement per row on SQLite. This is what makes a
/// 100,000-student roster import take seconds instead of minutes.
#[macro_export]
macro_rules! insert_rows {
    ($conn:expr, $table:expr, $rows:expr) => {{
        let rows = $rows;
        match &mut *$conn {
            $crate::db::DbConnection::Sqlite(c) => {
                let mut written = 0usize;
                for chunk in rows.chunks($crate::db::BULK_ROWS) {
                    written += ::diesel::RunQueryDsl::execute(
                        ::diesel::insert_into($table).values(chunk),
                        c,
                    )?;
                }
                written
            }
            $crate::db::DbConnection::Postgres(c) => {
                if rows.is_empty() {
                    0
                } else if rows.len() < $crate::db::COPY_FROM_ROWS {
                    ::diesel::RunQueryDsl::execute(::diesel::insert_into($table).values(rows), c)?
                } else {
                    ::diesel::ExecuteCopyFromDsl::execute(
                        ::diesel::copy_from($table).from_insertable(rows),
                        c,
                    )?
                }
            }
        }
    }};
}

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection};
use hocdvc_api::DatabaseBackend;

use crate::config::{Secret, Settings};
use crate::error::{AppError, AppResult};

/// A connection to whichever database the server runs on. Queries written once with diesel's
/// DSL run on both.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Sqlite(diesel::SqliteConnection),
    Postgres(diesel::PgConnection),
}

impl DbConnection {
    pub fn backend(&self) -> DatabaseBackend {
        match self {
            DbConnection::Sqlite(_) => DatabaseBackend::Sqlite,
            DbConnection::Postgres(_) => DatabaseBackend::Postgres,
        }
    }
}

/// Where the database lives, decided once from the settings.
/// SQLite lets one writer in at a time. The others wait in SQLite's busy handler, which sleeps
/// 1, 2, 5, 10 … 100 ms between tries, so in an exam-minute burst of autosaves the sleeping,
/// not the writing, made the latency. The hot write paths (autosave, attempt start and
/// submit, sign-in) first take this process-wide turn, so their writers queue in memory and
/// each finds the file free. PostgreSQL locks rows, not the database: it gets no turn.
///
/// The turn is taken only outside a transaction: inside one that may already hold SQLite's
/// lock, waiting for the turn could stall the turn's holder for the whole busy timeout, so a
/// caller there goes on without it (as every other writer does).
pub fn write_turn(conn: &mut DbConnection) -> Option<std::sync::MutexGuard<'static, ()>> {
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    static TURN: std::sync::Mutex<()> = std::sync::Mutex::new(());
    match conn {
        DbConnection::Sqlite(c) => {
            let depth =
                AnsiTransactionManager::transaction_manager_status_mut(c).transaction_depth();
            if !matches!(depth, Ok(None)) {
                return None;
            }
            // A writer that panicked left nothing half-done in SQLite (its transaction rolled
            // back), so a poisoned turn is still a good one.
            Some(TURN.lock().unwrap_or_else(|e| e.into_inner()))
        }
        DbConnection::Postgres(_) => None,
    }
}

#[derive(Debug, Clone)]
pub enum Location {
    Sqlite(PathBuf),
    Postgres(Secret),
}

/// File name of the SQLite database inside the data directory.
pub const SQLITE_FILE: &str = "hocdvc.sqlite3";

/// Every SQLite connection: write-ahead log so readers never wait for the writer, a busy
/// timeout so concurrent writers queue instead of failing with "database is locked", foreign
/// keys enforced, and `synchronous = NORMAL`, which in WAL mode survives a killed process.
const SQLITE_PRAGMAS: &str = "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; \
     PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";

impl Location {
    pub fn from_settings(settings: &Settings) -> anyhow::Result<Location> {
        match &settings.database_url {
            None => Ok(Location::Sqlite(settings.data_dir.join(SQLITE_FILE))),
            Some(url) => Location::parse(url),
        }
    }

    fn parse(url: &Secret) -> anyhow::Result<Location> {
        let raw = url.expose();
        if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            Ok(Location::Postgres(url.clone()))
        } else if let Some(path) = raw.strip_prefix("sqlite://") {
            Ok(Location::Sqlite(PathBuf::from(path)))
        } else if raw.contains("://") {
            anyhow::bail!(
                "DATABASE_URL không hợp lệ: chỉ hỗ trợ postgres://… hoặc sqlite://… (hoặc để trống để dùng SQLite trong thư mục dữ liệu)"
            )
        } else {
            Ok(Location::Sqlite(PathBuf::from(raw)))
        }
    }

    pub fn backend(&self) -> DatabaseBackend {
        match self {
            Location::Sqlite(_) => DatabaseBackend::Sqlite,
            Location::Postgres(_) => DatabaseBackend::Postgres,
        }
    }

    /// Opens one connection, outside any pool (admin commands, migrations).
    pub fn connect(&self) -> Result<DbConnection, r2d2::Error> {
        match self {
            Location::Sqlite(path) => {
                let mut conn = diesel::SqliteConnection::establish(&path.to_string_lossy())
                    .map_err(r2d2::Error::ConnectionError)?;
                conn.batch_execute(SQLITE_PRAGMAS)
                    .map_err(r2d2::Error::QueryError)?;
                Ok(DbConnection::Sqlite(conn))
            }
            Location::Postgres(url) => diesel::PgConnection::establish(url.expose())
                .map(DbConnection::Postgres)
                .map_err(r2d2::Error::ConnectionError),
        }
    }
}

/// r2d2 manager that opens exactly the backend the location names (diesel's generic manager
/// would try each backend in turn, and SQLite happily creates a file named like a URL).
#[derive(Debug)]
pub struct Manager {
    location: Location,
}

impl ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConnection, r2d2::Error> {
        self.location.connect()
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), r2d2::Error> {
        conn.batch_execute("SELECT 1")
            .map_err(r2d2::Error::QueryError)
    }

    /// A connection whose last query found it dead (PostgreSQL restarted) or that came back
    /// with a transaction still open is dropped instead of pooled again.
    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        use diesel::r2d2::R2D2Connection;
        match conn {
            DbConnection::Sqlite(c) => c.is_broken(),
            DbConnection::Postgres(c) => c.is_broken(),
        }
    }
}

pub type Pool = r2d2::Pool<Manager>;
pub type PooledConnection = r2d2::PooledConnection<Manager>;

/// The application's handle on its database; cheap to clone.
///
/// `slots` admits at most as many blocking tasks as the pool has connections. Without it an
/// exam-minute burst of 2,000 requests became up to 512 blocking threads per worker, all
/// parked on the pool's condition variable and woken one by one: the machine's two cores then
/// spent their time switching threads. Waiting for a slot costs nothing but a queued future,
/// and the semaphore is fair, so requests are served in arrival order.
#[derive(Clone)]
pub struct Db {
    pool: Pool,
    location: Location,
    slots: std::sync::Arc<tokio::sync::Semaphore>,
    scope: u64,
}

thread_local! {
    static SCOPE: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Which database the work on this thread is for, for in-process caches keyed by row ids
/// (`services::attempts`). A server has one database, but one process may hold several — the
/// test suite runs a server per test, each on its own database, side by side — and attempt 1
/// of one is not attempt 1 of another. [`Db::run`] sets it around its work; 0 elsewhere (a
/// command-line run has one database).
pub fn scope() -> u64 {
    SCOPE.with(std::cell::Cell::get)
}

impl Db {
    /// Creates the data directory when needed and opens the pool.
    pub fn connect(settings: &Settings) -> anyhow::Result<Db> {
        let location = Location::from_settings(settings)?;
        if let Location::Sqlite(path) = &location {
            ensure_parent_dir(path)?;
        }
        let pool = r2d2::Pool::builder()
            .max_size(settings.pool_size.max(1))
            .min_idle(Some(1))
            // r2d2 would run a `SELECT 1` before handing out each connection: a third of an
            // autosave's round trips on PostgreSQL. `checkout` checks only connections that sat
            // idle, and `has_broken` drops one found dead; a SQLite file connection cannot drop.
            .test_on_check_out(false)
            .connection_timeout(Duration::from_secs(10))
            .build(Manager {
                location: location.clone(),
            })
            .with_context(|| match &location {
                Location::Sqlite(path) => {
                    format!("không mở được cơ sở dữ liệu SQLite {}", path.display())
                }
                Location::Postgres(_) => {
                    "không kết nối được PostgreSQL (kiểm tra DATABASE_URL)".to_owned()
                }
            })?;
        let slots = std::sync::Arc::new(tokio::sync::Semaphore::new(
            settings.pool_size.max(1) as usize
        ));
        static SCOPES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Ok(Db {
            pool,
            location,
            slots,
            scope: SCOPES.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        })
    }

    pub fn backend(&self) -> DatabaseBackend {
        self.location.backend()
    }

    pub fn location(&self) -> &Location {
        &self.location
    }

    /// A pooled connection for blocking contexts (admin commands, start-up).
    pub fn get(&self) -> Result<PooledConnection, r2d2::PoolError> {
        self.pool.get()
    }

    /// Runs `work` with a pooled connection on the blocking thread pool.
    pub async fn run<T, F>(&self, work: F) -> AppResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> AppResult<T> + Send + 'static,
    {
        // Held by the blocking task itself, so a request dropped while its work runs still
        // counts until the work ends. The semaphore is never closed: acquiring only waits.
        let slot = self.slots.clone().acquire_owned().await.ok();
        let (pool, scope) = (self.pool.clone(), self.scope);
        actix_web::web::block(move || {
            let _slot = slot;
            SCOPE.with(|s| s.set(scope));
            let mut conn = checkout(&pool)?;
            work(&mut conn)
        })
        .await
        .map_err(AppError::from)?
    }
}

/// A PostgreSQL connection unused for this long is pinged before it is handed out.
const IDLE_BEFORE_PING: Duration = Duration::from_secs(10);

/// When a pooled connection last went out (kept in r2d2's per-connection extensions).
struct LastCheckout(std::time::Instant);

/// A connection from the pool that works. PostgreSQL: one idle for [`IDLE_BEFORE_PING`] or more
/// (a server restart leaves dead ones in the pool) is pinged first; one that fails the ping is
/// dropped by the pool (`has_broken`) and the next one tried, so a restart of PostgreSQL costs
/// no request an error. Busy connections — an exam minute — are never pinged.
fn checkout(pool: &Pool) -> Result<PooledConnection, r2d2::PoolError> {
    let mut tries = pool.max_size();
    loop {
        let mut conn = pool.get()?;
        if matches!(*conn, DbConnection::Sqlite(_)) {
            return Ok(conn);
        }
        let now = std::time::Instant::now();
        let extensions = r2d2::PooledConnection::extensions_mut(&mut conn);
        let busy = extensions
            .get::<LastCheckout>()
            .is_some_and(|last| now.duration_since(last.0) < IDLE_BEFORE_PING);
        extensions.insert(LastCheckout(now));
        if busy || tries == 0 || conn.batch_execute("SELECT 1").is_ok() {
            return Ok(conn);
        }
        tries -= 1;
    }
}

fn ensure_parent_dir(path: &Path) -> anyhow::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("không tạo được thư mục dữ liệu {}", dir.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_urls_choose_postgres_and_anything_else_is_a_sqlite_path() {
        let pg = Location::parse(&Secret::new("postgres://postgres@127.0.0.1/x")).unwrap();
        assert_eq!(pg.backend(), DatabaseBackend::Postgres);
        let pg2 = Location::parse(&Secret::new("postgresql://u@h/x")).unwrap();
        assert_eq!(pg2.backend(), DatabaseBackend::Postgres);
        let file = Location::parse(&Secret::new("/var/lib/hocdvc/db.sqlite3")).unwrap();
        assert!(
            matches!(file, Location::Sqlite(p) if p == Path::new("/var/lib/hocdvc/db.sqlite3"))
        );
        let prefixed = Location::parse(&Secret::new("sqlite:///tmp/a.sqlite3")).unwrap();
        assert!(matches!(prefixed, Location::Sqlite(p) if p == Path::new("/tmp/a.sqlite3")));
    }

    #[test]
    fn sqlite_writers_take_the_turn_outside_transactions_only() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = Location::Sqlite(dir.path().join("turn.sqlite3"))
            .connect()
            .unwrap();
        let turn = write_turn(&mut conn);
        assert!(turn.is_some());
        drop(turn);
        conn.transaction::<_, diesel::result::Error, _>(|conn| {
            assert!(
                write_turn(conn).is_none(),
                "never wait for the turn inside a transaction"
            );
            Ok(())
        })
        .unwrap();
        assert!(write_turn(&mut conn).is_some());
    }

    #[test]
    fn an_unknown_url_scheme_is_refused_in_vietnamese() {
        let err = Location::parse(&Secret::new("mysql://root@localhost/x")).unwrap_err();
        assert!(err.to_string().contains("DATABASE_URL không hợp lệ"));
    }

    #[test]
    fn the_data_directory_is_created_on_first_run() {
        let dir = tempfile::tempdir().unwrap();
        let settings = Settings::for_data_dir(dir.path().join("new/nested"));
        let db = Db::connect(&settings).unwrap();
        assert_eq!(db.backend(), DatabaseBackend::Sqlite);
        assert!(dir.path().join("new/nested").join(SQLITE_FILE).exists());
    }
}
