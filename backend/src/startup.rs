//! Builds the running application from settings: database (migrated, demo-seeded when asked),
//! middleware and routes. Tests use the same entry point on port 0.

use std::net::TcpListener;

use actix_web::dev::Server;
use actix_web::middleware::{Compress, from_fn};
use actix_web::{App, HttpServer, web};
use actix_web_prom::PrometheusMetricsBuilder;
use anyhow::Context;
use tracing_actix_web::TracingLogger;

use crate::config::Settings;
use crate::db::{Db, migrations};
use crate::routes::auth::CookiePolicy;
use crate::services::auth::PasswordPool;
use crate::{demo, routes, security};

pub struct Application {
    port: u16,
    server: Server,
    db: Db,
}

/// Opens the pool, applies pending migrations and, with `demo`, seeds the demo data set.
/// Blocking: call it before the async runtime starts or on a blocking thread.
pub fn prepare_database(settings: &Settings) -> anyhow::Result<Db> {
    let db = Db::connect(settings)?;
    let mut conn = db.get().context("không lấy được kết nối cơ sở dữ liệu")?;
    let applied = migrations::run_pending(&mut conn)?;
    if !applied.is_empty() {
        tracing::info!(?applied, "migrations applied");
    }
    if crate::services::coverage::initialise(&mut conn)? {
        tracing::info!("coverage counters built from existing rows");
    }
    if settings.demo && demo::seed(&mut conn)? {
        tracing::info!("demo data seeded");
    }
    if settings.demo && demo::judging::seed(&mut conn, &settings.data_dir, crate::models::now())? {
        tracing::info!("demo poster contest seeded");
    }
    drop(conn);
    Ok(db)
}

/// [`prepare_database`], then loads the curriculum folder when it changed: what `serve` does
/// before it listens.
pub fn prepare_serving(settings: &Settings) -> anyhow::Result<Db> {
    let db = prepare_database(settings)?;
    let mut conn = db.get().context("không lấy được kết nối cơ sở dữ liệu")?;
    load_content(&mut conn, &settings.content_dir);
    if settings.demo {
        match demo::seed_after_content(&mut conn) {
            Ok(true) => tracing::info!("demo class work seeded"),
            Ok(false) => {}
            Err(err) => tracing::error!(error = %err, "demo class work not seeded"),
        }
    }
    drop(conn);
    Ok(db)
}

/// One migrated connection for an admin command (`migrate`, the imports, `content load`).
/// Not a pool: a pool opens its spare connection on a background thread, and a process that
/// exits while libpq is still connecting there crashes (SIGSEGV at exit on PostgreSQL).
pub fn connect_for_command(settings: &Settings) -> anyhow::Result<crate::db::DbConnection> {
    let location = crate::db::Location::from_settings(settings)?;
    if let crate::db::Location::Sqlite(path) = &location
        && let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("không tạo được thư mục dữ liệu {}", dir.display()))?;
    }
    let mut conn = location
        .connect()
        .context("không kết nối được cơ sở dữ liệu (kiểm tra DATABASE_URL)")?;
    let applied = migrations::run_pending(&mut conn)?;
    if !applied.is_empty() {
        tracing::info!(?applied, "migrations applied");
    }
    Ok(conn)
}

/// Loads the curriculum folder when it changed since the last load. A folder that is absent
/// or fails `content check` never stops the server: it keeps serving the content it has.
fn load_content(conn: &mut crate::db::DbConnection, dir: &std::path::Path) {
    use crate::services::content_load::{self, LoadError};
    if !dir.is_dir() {
        tracing::info!(dir = %dir.display(), "no curriculum folder; content not loaded");
        return;
    }
    match content_load::load_if_changed(conn, dir) {
        Ok(None) => tracing::debug!(dir = %dir.display(), "curriculum unchanged"),
        Ok(Some(summary)) => tracing::info!(
            dir = %dir.display(),
            modules = summary.modules.created + summary.modules.updated,
            lessons = summary.lessons.created + summary.lessons.updated,
            questions_created = summary.questions.created,
            question_versions = summary.questions.new_versions,
            "curriculum loaded"
        ),
        Err(LoadError::Refused(problems)) => {
            for problem in &problems {
                tracing::warn!(%problem, "curriculum problem");
            }
            tracing::error!(
                dir = %dir.display(),
                problems = problems.len(),
                "curriculum folder fails content check; keeping the content already loaded"
            );
        }
        Err(err) => tracing::error!(dir = %dir.display(), error = %err, "curriculum load failed"),
    }
}

/// How often the overdue finaliser looks for attempts left open past their deadline.
pub const FINALISE_EVERY: std::time::Duration = std::time::Duration::from_secs(15);

/// Starts the background task that finalises overdue attempts (submits, moves into the grace
/// period or abandons them, as each quiz's policy says) even when the learner never comes
/// back. Runs once at once, then every [`FINALISE_EVERY`]. Call it inside the server's runtime.
pub fn spawn_overdue_finaliser(db: Db) {
    actix_web::rt::spawn(async move {
        let mut interval = actix_web::rt::time::interval(FINALISE_EVERY);
        loop {
            interval.tick().await;
            match db.run(crate::services::attempts::finalise_overdue).await {
                Ok(0) => {}
                Ok(changed) => tracing::info!(changed, "overdue attempts finalised"),
                Err(err) => tracing::error!(error = %err, "overdue finaliser failed"),
            }
        }
    });
}

impl Application {
    pub async fn build(settings: Settings) -> anyhow::Result<Application> {
        let prepared_settings = settings.clone();
        let db = actix_web::rt::task::spawn_blocking(move || prepare_serving(&prepared_settings))
            .await
            .context("start-up task failed")??;
        Application::with_db(settings, db)
    }

    /// Builds the server on an already prepared database.
    pub fn with_db(settings: Settings, db: Db) -> anyhow::Result<Application> {
        let listener = TcpListener::bind((settings.bind.as_str(), settings.port))
            .with_context(|| format!("không mở được cổng {}:{}", settings.bind, settings.port))?;
        let port = listener.local_addr()?.port();
        let metrics = PrometheusMetricsBuilder::new("hocdvc")
            .endpoint("/metrics")
            .registry(prometheus::Registry::new())
            .mask_unmatched_patterns("UNMATCHED")
            .build()
            .map_err(|e| anyhow::anyhow!("metrics: {e}"))?;
        let data = web::Data::new(db.clone());
        let passwords = web::Data::new(PasswordPool::new());
        let cookie_policy = web::Data::new(CookiePolicy {
            secure: settings.secure_cookies,
        });
        let public_url = web::Data::new(crate::routes::certificates::PublicUrl(
            settings
                .public_url
                .as_deref()
                .map(|url| url.trim().trim_end_matches('/').to_owned())
                .filter(|url| !url.is_empty()),
        ));
        let json_limit = settings.max_json_bytes;
        let file_store: web::Data<dyn crate::services::judging::storage::FileStore> = {
            use crate::services::judging::storage;
            web::Data::from(storage::open(&storage::StorageConfig::from_settings(
                &settings,
            )?)?)
        };
        let mut server = HttpServer::new(move || {
            App::new()
                .wrap(Compress::default())
                .wrap(metrics.clone())
                .wrap(security::headers())
                .wrap(from_fn(security::echo_request_id))
                .wrap(TracingLogger::default())
                .app_data(data.clone())
                .app_data(passwords.clone())
                .app_data(cookie_policy.clone())
                .app_data(public_url.clone())
                .app_data(file_store.clone())
                .app_data(security::json_config(json_limit))
                .app_data(security::payload_config(json_limit))
                .app_data(security::query_config())
                .app_data(security::path_config())
                .configure(routes::configure)
        })
        .listen(listener)?;
        if let Some(workers) = settings.workers {
            server = server.workers(workers.max(1));
        }
        Ok(Application {
            port,
            server: server.run(),
            db,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    pub fn handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}
