//! The demo data set behind `hocdvc serve --demo`: the one seeding module. Each capability
//! adds its own part here (the province and accounts, lessons, assignments, contests …);
//! seeding is idempotent, so starting with `--demo` again changes nothing.

pub mod class_work;
pub mod judging;
pub mod province;

use crate::db::DbConnection;
use crate::models::{self, app_meta};

/// Bumped whenever the demo data set gains a part.
pub const DEMO_VERSION: &str = "4";
const DEMO_KEY: &str = "demo.version";

/// Seeds the demo data set once. Returns `true` when it wrote anything.
pub fn seed(conn: &mut DbConnection) -> anyhow::Result<bool> {
    use diesel::Connection;
    conn.transaction(|conn| {
        if app_meta::get(conn, DEMO_KEY)?.as_deref() == Some(DEMO_VERSION) {
            return Ok(false);
        }
        province::seed(conn, models::now())?;
        app_meta::set(conn, DEMO_KEY, DEMO_VERSION)?;
        Ok(true)
    })
}

/// Seeds the parts that need the curriculum loaded (the demo class's assignment, progress,
/// attempts and family tasks) once it is. Returns `true` when it wrote anything.
pub fn seed_after_content(conn: &mut DbConnection) -> anyhow::Result<bool> {
    if !is_seeded(conn)? {
        return Ok(false);
    }
    class_work::seed(conn, models::now())
}

/// Whether this database holds the demo data set.
pub fn is_seeded(conn: &mut DbConnection) -> diesel::QueryResult<bool> {
    Ok(app_meta::get(conn, DEMO_KEY)?.is_some())
}
