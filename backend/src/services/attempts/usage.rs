//! How often each question has been drawn, for the draw's "least used first" rule, kept in
//! memory per module.
//!
//! Counting the uses from `attempt_slots` on every start costs a scan of every slot ever
//! drawn for the module — a cost that grows with the exam itself and made the exam-minute
//! spike slow. Instead each module's counts are read once, then kept current in this process
//! by adding each draw as it happens, and read again from the database after
//! [`REFRESH`] so that draws made by other servers (several `hocdvc` behind one PostgreSQL)
//! and rolled-back starts are folded in. Between refreshes a server only misses the other
//! servers' latest draws: "least used" is a balancing preference, not a count anyone reads.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use crate::db::DbConnection;
use crate::error::AppResult;
use crate::models::attempt as store;

/// How long a module's counts are trusted before they are read again.
pub const REFRESH: Duration = Duration::from_secs(60);

struct ModuleUses {
    read_at: Instant,
    uses: HashMap<i32, i64>,
}

/// Keyed by database ([`crate::db::scope`]) and module id.
fn cache() -> &'static Mutex<HashMap<(u64, String), ModuleUses>> {
    static CACHE: OnceLock<Mutex<HashMap<(u64, String), ModuleUses>>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

/// The uses of the module's questions `ids` (absent: never drawn).
pub fn of_module(
    conn: &mut DbConnection,
    module_id: &str,
    ids: &[i32],
) -> AppResult<HashMap<i32, i64>> {
    let key = (crate::db::scope(), module_id.to_owned());
    if let Ok(cache) = cache().lock()
        && let Some(entry) = cache.get(&key)
        && entry.read_at.elapsed() < REFRESH
    {
        return Ok(entry.uses.clone());
    }
    let uses: HashMap<i32, i64> = store::question_uses(conn, ids)?.into_iter().collect();
    if let Ok(mut cache) = cache().lock() {
        cache.insert(
            key,
            ModuleUses {
                read_at: Instant::now(),
                uses: uses.clone(),
            },
        );
    }
    Ok(uses)
}

/// Counts a draw of `question_ids` for the module (called once the attempt is stored).
pub fn add_draw(module_id: &str, question_ids: impl IntoIterator<Item = i32>) {
    if let Ok(mut cache) = cache().lock()
        && let Some(entry) = cache.get_mut(&(crate::db::scope(), module_id.to_owned()))
    {
        for id in question_ids {
            *entry.uses.entry(id).or_insert(0) += 1;
        }
    }
}
