//! `hocdvc backup FILE` / `hocdvc restore FILE`.
//!
//! SQLite: `VACUUM INTO` writes a consistent snapshot from a read transaction, so the server
//! keeps serving while it runs. Restore writes the snapshot beside the live file and renames
//! it into place (stop the server first), then applies any newer migrations.
//! PostgreSQL: the same commands call `pg_dump --format=custom` and `pg_restore --clean`.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use crate::config::Secret;
use crate::db::{Location, migrations};

const SQLITE_MAGIC: &[u8] = b"SQLite format 3\0";

pub fn backup(location: &Location, target: &Path) -> anyhow::Result<()> {
    if target.exists() {
        bail!(
            "Tệp {} đã tồn tại; hãy chọn tên khác để không ghi đè bản sao lưu cũ.",
            target.display()
        );
    }
    match location {
        Location::Sqlite(_) => {
            let mut conn = location.connect().context("không mở được cơ sở dữ liệu")?;
            let target = target.to_string_lossy().replace('\'', "''");
            conn.batch_execute(&format!("VACUUM INTO '{target}'"))
                .context("sao lưu SQLite thất bại")?;
            Ok(())
        }
        Location::Postgres(url) => run_tool(
            Command::new("pg_dump")
                .arg("--format=custom")
                .arg("--no-owner")
                .arg("--file")
                .arg(target)
                .arg("--dbname")
                .arg(url.expose()),
            "pg_dump",
        ),
    }
}

pub fn restore(location: &Location, source: &Path) -> anyhow::Result<()> {
    let header = std::fs::read(source)
        .with_context(|| format!("không đọc được tệp sao lưu {}", source.display()))?;
    match location {
        Location::Sqlite(live) => {
            if !header.starts_with(SQLITE_MAGIC) {
                bail!(
                    "Tệp {} không phải bản sao lưu SQLite của Học DVC.",
                    source.display()
                );
            }
            restore_sqlite(live, source)?;
        }
        Location::Postgres(url) => {
            if !header.starts_with(b"PGDMP") {
                bail!(
                    "Tệp {} không phải bản sao lưu pg_dump (định dạng custom).",
                    source.display()
                );
            }
            restore_postgres(url, source)?;
        }
    }
    let mut conn = location
        .connect()
        .context("không mở được cơ sở dữ liệu sau khi khôi phục")?;
    migrations::run_pending(&mut conn)?;
    Ok(())
}

fn restore_sqlite(live: &Path, source: &Path) -> anyhow::Result<()> {
    // Check the snapshot is one of ours before touching the live database.
    let mut probe = diesel::SqliteConnection::establish(&source.to_string_lossy())
        .context("không mở được tệp sao lưu")?;
    let ours: i64 = diesel::dsl::select(diesel::dsl::sql::<diesel::sql_types::BigInt>(
        "(SELECT COUNT(*) FROM sqlite_master WHERE name = '__diesel_schema_migrations')",
    ))
    .get_result(&mut probe)
    .context("tệp sao lưu bị hỏng")?;
    drop(probe);
    if ours != 1 {
        bail!(
            "Tệp {} không phải bản sao lưu của Học DVC.",
            source.display()
        );
    }
    if let Some(dir) = live.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let staging = sibling(live, "restoring");
    std::fs::copy(source, &staging).context("không chép được tệp sao lưu")?;
    for suffix in ["-wal", "-shm"] {
        let stale = sibling_suffix(live, suffix);
        if stale.exists() {
            std::fs::remove_file(&stale)?;
        }
    }
    std::fs::rename(&staging, live).context("không thay được cơ sở dữ liệu")?;
    Ok(())
}

fn restore_postgres(url: &Secret, source: &Path) -> anyhow::Result<()> {
    run_tool(
        Command::new("pg_restore")
            .arg("--clean")
            .arg("--if-exists")
            .arg("--no-owner")
            .arg("--single-transaction")
            .arg("--dbname")
            .arg(url.expose())
            .arg(source),
        "pg_restore",
    )
}

fn run_tool(command: &mut Command, name: &str) -> anyhow::Result<()> {
    let output = command.output().with_context(|| {
        format!("không chạy được {name}: hãy cài gói postgresql-client (apt-get install postgresql-client)")
    })?;
    if !output.status.success() {
        bail!(
            "{name} thất bại: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(())
}

fn sibling(path: &Path, tag: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{tag}"));
    path.with_file_name(name)
}

fn sibling_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}
