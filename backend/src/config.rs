//! Settings, layered: built-in defaults → an optional TOML file → environment variables →
//! command-line flags (each layer overrides the one before).
//!
//! | setting | environment variable | default |
//! |---|---|---|
//! | config file | `HOCDVC_CONFIG` (or `--config`) | none; `hocdvc.toml` in the working directory if present |
//! | `bind` | `HOCDVC_BIND` | `127.0.0.1` (use `0.0.0.0` to serve a school's network) |
//! | `port` | `HOCDVC_PORT` (or `--port`) | `8080` |
//! | `data_dir` | `HOCDVC_DATA_DIR` (or `--data-dir`) | `data` |
//! | `database_url` | `DATABASE_URL` or `HOCDVC_DATABASE_URL` | unset → SQLite file `hocdvc.sqlite3` in `data_dir` |
//! | `pool_size` | `HOCDVC_POOL_SIZE` | `16` |
//! | `workers` | `HOCDVC_WORKERS` | number of CPU cores |
//! | `max_json_bytes` | `HOCDVC_MAX_JSON_BYTES` | `262144` (256 KiB) |
//! | `log_format` | `HOCDVC_LOG_FORMAT` | `human` (`json` for log collectors) |
//! | `log` | `HOCDVC_LOG` (or `RUST_LOG`) | `info` |
//! | `demo` | `HOCDVC_DEMO` (or `serve --demo`) | `false` |
//! | `secure_cookies` | `HOCDVC_SECURE_COOKIES` | `false` (set `true` behind HTTPS) |
//! | `content_dir` | `HOCDVC_CONTENT_DIR` | `question-bank` (loaded by `serve` when it changed; skipped when absent) |
//! | `public_url` | `HOCDVC_PUBLIC_URL` | unset → the address the request came to (the base of certificate verification links and QR codes, e.g. `https://hocdvc.angiang.gov.vn`) |
//! | `clock_offset_seconds` | `HOCDVC_CLOCK_OFFSET_SECONDS` | `0` (shifts the server's clock: rehearsing a deadline or the next training year, and tests) |
//! | `storage` | `HOCDVC_STORAGE` | `local`: contest entry files under `data_dir/entry-files/`; `s3`: an S3-compatible bucket (several servers) |
//! | `s3_bucket` | `HOCDVC_S3_BUCKET` | required when `storage = "s3"` |
//! | `s3_endpoint` | `HOCDVC_S3_ENDPOINT` | unset → Amazon S3; e.g. `https://s3.example.vn` or `http://10.0.0.5:9000` (MinIO) |
//! | `s3_region` | `HOCDVC_S3_REGION` | `us-east-1` (most S3-compatible stores ignore it) |
//! | `s3_prefix` | `HOCDVC_S3_PREFIX` | `entry-files` (the folder inside the bucket) |
//! | `s3_access_key_id`, `s3_secret_access_key` | `HOCDVC_S3_ACCESS_KEY_ID`, `HOCDVC_S3_SECRET_ACCESS_KEY` | unset → `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` (or an instance role) |
//!
//! The database URL and the S3 secret key may hold secrets: they are wrapped in [`Secret`] and
//! never logged. `services::judging::storage::StorageConfig` reads the storage settings.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// A value that must never appear in logs or debug output.
#[derive(Clone, Deserialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    #[default]
    Human,
    Json,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Settings {
    pub bind: String,
    pub port: u16,
    pub data_dir: PathBuf,
    pub database_url: Option<Secret>,
    pub pool_size: u32,
    pub workers: Option<usize>,
    pub max_json_bytes: usize,
    pub log_format: LogFormat,
    pub log: String,
    pub demo: bool,
    pub secure_cookies: bool,
    /// The curriculum folder `serve` loads on start when it changed.
    pub content_dir: PathBuf,
    /// Seconds added to the real clock wherever the server reads the time.
    pub clock_offset_seconds: i64,
    /// The site's public address (scheme and host, no trailing path), printed in certificate
    /// QR codes and verification links; unset: the host of each request.
    #[serde(default)]
    pub public_url: Option<String>,
    /// Where contest entry files are kept: `local` or `s3` (see the table above).
    #[serde(default = "default_storage")]
    pub storage: String,
    #[serde(default)]
    pub s3_bucket: Option<String>,
    #[serde(default)]
    pub s3_endpoint: Option<String>,
    #[serde(default)]
    pub s3_region: Option<String>,
    #[serde(default)]
    pub s3_prefix: Option<String>,
    #[serde(default)]
    pub s3_access_key_id: Option<String>,
    #[serde(default)]
    pub s3_secret_access_key: Option<Secret>,
}

fn default_storage() -> String {
    "local".to_owned()
}

/// Overrides given on the command line; `None` leaves the lower layers alone.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub config_file: Option<PathBuf>,
    pub port: Option<u16>,
    pub data_dir: Option<PathBuf>,
    pub demo: bool,
}

impl Settings {
    /// Reads every layer. Fails with a message naming the file or variable at fault.
    pub fn load(overrides: &Overrides) -> anyhow::Result<Settings> {
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let mut builder = config::Config::builder()
            .set_default("bind", "127.0.0.1")?
            .set_default("port", 8080)?
            .set_default("data_dir", "data")?
            .set_default("pool_size", 16)?
            .set_default("max_json_bytes", 256 * 1024)?
            .set_default("log_format", "human")?
            .set_default("log", "info")?
            .set_default("demo", false)?
            .set_default("secure_cookies", false)?
            .set_default("content_dir", "question-bank")?
            .set_default("clock_offset_seconds", 0)?;

        let file = overrides
            .config_file
            .clone()
            .or_else(|| env("HOCDVC_CONFIG").map(PathBuf::from));
        builder = match file {
            Some(path) => builder.add_source(config::File::from(path).required(true)),
            None => {
                builder.add_source(config::File::from(Path::new("hocdvc.toml")).required(false))
            }
        };
        builder = builder.add_source(
            config::Environment::with_prefix("HOCDVC")
                .try_parsing(true)
                .ignore_empty(true),
        );
        if let Some(url) = env("DATABASE_URL") {
            builder = builder.set_override("database_url", url)?;
        }
        if let Some(level) = env("RUST_LOG").filter(|_| env("HOCDVC_LOG").is_none()) {
            builder = builder.set_override("log", level)?;
        }
        if let Some(port) = overrides.port {
            builder = builder.set_override("port", port)?;
        }
        if let Some(dir) = &overrides.data_dir {
            builder = builder.set_override("data_dir", dir.to_string_lossy().into_owned())?;
        }
        if overrides.demo {
            builder = builder.set_override("demo", true)?;
        }
        let settings: Settings = builder.build()?.try_deserialize()?;
        Ok(settings)
    }

    /// Settings for a server on `data_dir` with every other value at its default; tests build
    /// on this.
    pub fn for_data_dir(data_dir: impl Into<PathBuf>) -> Settings {
        Settings {
            bind: "127.0.0.1".into(),
            port: 0,
            data_dir: data_dir.into(),
            database_url: None,
            pool_size: 8,
            workers: Some(2),
            max_json_bytes: 256 * 1024,
            log_format: LogFormat::Human,
            log: "warn".into(),
            demo: false,
            secure_cookies: false,
            content_dir: PathBuf::from("question-bank"),
            clock_offset_seconds: 0,
            public_url: None,
            storage: default_storage(),
            s3_bucket: None,
            s3_endpoint: None,
            s3_region: None,
            s3_prefix: None,
            s3_access_key_id: None,
            s3_secret_access_key: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_never_shows_in_debug_output() {
        let secret = Secret::new("postgres://user:hunter2@db/hocdvc");
        assert_eq!(format!("{secret:?}"), "Secret(***)");
        assert_eq!(secret.expose(), "postgres://user:hunter2@db/hocdvc");
    }

    #[test]
    fn a_config_file_overrides_defaults_and_flags_override_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("hocdvc.toml");
        std::fs::write(
            &file,
            "port = 9000\nbind = \"0.0.0.0\"\nlog_format = \"json\"\n",
        )
        .unwrap();
        let from_file = Settings::load(&Overrides {
            config_file: Some(file.clone()),
            ..Overrides::default()
        })
        .unwrap();
        assert_eq!(from_file.bind, "0.0.0.0");
        assert_eq!(from_file.log_format, LogFormat::Json);

        let flagged = Settings::load(&Overrides {
            config_file: Some(file),
            port: Some(9100),
            demo: true,
            ..Overrides::default()
        })
        .unwrap();
        assert_eq!(flagged.port, 9100);
        assert!(flagged.demo);
    }

    #[test]
    fn a_missing_config_file_is_an_error_that_names_it() {
        let result = Settings::load(&Overrides {
            config_file: Some(PathBuf::from("/nonexistent/hocdvc-test.toml")),
            ..Overrides::default()
        });
        let message = format!("{:#}", result.unwrap_err());
        assert!(message.contains("hocdvc-test.toml"), "{message}");
    }
}
