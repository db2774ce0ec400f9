//! Logging: `tracing` with human-readable lines by default, JSON lines on demand
//! (`HOCDVC_LOG_FORMAT=json`), filtered by `HOCDVC_LOG` (e.g. `info,hocdvc=debug`).

use tracing_subscriber::fmt::format::FmtSpan;
use tracing_subscriber::{EnvFilter, fmt};

use crate::config::LogFormat;

/// Installs the global subscriber once; later calls (tests build many apps) are no-ops.
pub fn init(format: LogFormat, filter: &str) {
    let filter = EnvFilter::try_new(filter).unwrap_or_else(|_| EnvFilter::new("info"));
    // Closing a request's span logs one line with its id, route, status and time taken.
    let builder = fmt()
        .with_env_filter(filter)
        .with_target(false)
        .with_span_events(FmtSpan::CLOSE);
    // `try_init` fails only when a subscriber is already installed, which is fine.
    let _ = match format {
        LogFormat::Human => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
}
