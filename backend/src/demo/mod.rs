//! The demo data set behind `hocdvc serve --demo`: the one seeding module. Each capability
//! adds its own part here (the province and accounts, lessons, assignments, contests …);
//! seeding is idempotent, so starting with `--demo` again changes nothing.

pub mod class_work;
pub mod contests;
pub mod judging;
pub mod province;
pub mod training;

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
/// attempts and family tasks; the annual training cycles and their members; the knowledge
/// contests) once it is. Returns `true` when it wrote anything.
pub fn seed_after_content(conn: &mut DbConnection) -> anyhow::Result<bool> {
    if !is_seeded(conn)? {
        return Ok(false);
    }
    let now = models::now();
    let class_work = class_work::seed(conn, now)?;
    let training = training::seed(conn, now)?;
    let contests = contests::seed(conn, now)?;
    // Completions seeded before certificates existed get theirs (idempotent: none twice).
    let issued = crate::services::certificates::backfill_completions(conn)
        .map_err(|e| anyhow::anyhow!("issuing the demo's certificates: {e}"))?;
    Ok(class_work || training || contests || issued > 0)
}

/// Whether this database holds the demo data set.
pub fn is_seeded(conn: &mut DbConnection) -> diesel::QueryResult<bool> {
    Ok(app_meta::get(conn, DEMO_KEY)?.is_some())
}
