//! The schema migrations, embedded in the binary: one directory per backend under
//! `migrations/` because their SQL differs (SQLite's `INTEGER PRIMARY KEY` vs PostgreSQL's
//! identity columns, types, …). They run on start (`serve`) and with `hocdvc migrate`.

use anyhow::anyhow;
use diesel::connection::SimpleConnection;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use super::DbConnection;

pub const SQLITE: EmbeddedMigrations = embed_migrations!("../migrations/sqlite");
pub const POSTGRES: EmbeddedMigrations = embed_migrations!("../migrations/postgres");

/// Key of the PostgreSQL advisory lock that serialises migrations when several servers start
/// at once against one database (SQLite serialises writers by itself).
const MIGRATION_LOCK: i64 = 0x4844_5643; // "HDVC"

/// Applies every pending migration; returns the versions it applied.
pub fn run_pending(conn: &mut DbConnection) -> anyhow::Result<Vec<String>> {
    let applied = match conn {
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE).map(versions),
        DbConnection::Postgres(c) => {
            c.batch_execute(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK})"))?;
            let result = c.run_pending_migrations(POSTGRES).map(versions);
            c.batch_execute(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK})"))?;
            result
        }
    };
    applied.map_err(|e| anyhow!("chạy migration thất bại: {e}"))
}

/// The newest migration applied to this database (`"none"` on an empty database).
pub fn current_level(conn: &mut DbConnection) -> anyhow::Result<String> {
    let applied = match conn {
        DbConnection::Sqlite(c) => c.applied_migrations().map(versions),
        DbConnection::Postgres(c) => c.applied_migrations().map(versions),
    }
    .map_err(|e| anyhow!("không đọc được mức migration: {e}"))?;
    Ok(applied
        .into_iter()
        .max()
        .unwrap_or_else(|| "none".to_owned()))
}

fn versions(list: Vec<diesel::migration::MigrationVersion<'_>>) -> Vec<String> {
    list.into_iter().map(|v| v.to_string()).collect()
}

/// The newest migration this binary carries (what a fully migrated database reports).
pub fn latest_embedded() -> String {
    use diesel::migration::MigrationSource;
    MigrationSource::<diesel::sqlite::Sqlite>::migrations(&SQLITE)
        .unwrap_or_default()
        .iter()
        .map(|m| m.name().version().to_string())
        .max()
        .unwrap_or_else(|| "none".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use diesel::migration::MigrationSource;

    #[test]
    fn both_backends_carry_the_same_migrations() {
        let names = |list: Vec<Box<dyn diesel::migration::Migration<_>>>| -> Vec<String> {
            list.iter().map(|m| m.name().to_string()).collect()
        };
        let sqlite = names(MigrationSource::<diesel::sqlite::Sqlite>::migrations(&SQLITE).unwrap());
        let postgres: Vec<String> = MigrationSource::<diesel::pg::Pg>::migrations(&POSTGRES)
            .unwrap()
            .iter()
            .map(|m| m.name().to_string())
            .collect();
        assert_eq!(sqlite, postgres);
        assert_eq!(latest_embedded(), "20261128000012");
    }
}
