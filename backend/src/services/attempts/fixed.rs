//! What never changes in an attempt once it is drawn — its owner, its deadline, and each
//! slot's question version, parsed answers and choice order — kept in memory per attempt, so
//! that an autosave costs one guarded `UPDATE` and no read.
//!
//! Why this is safe: the draw is written once, in the start's transaction, and nothing updates
//! those columns afterwards (state and saved answers do change, and the save's `UPDATE` checks
//! both itself). A cache entry can therefore never be stale, across restarts or between
//! several servers on one PostgreSQL. It is filled when an attempt is shown (start or resume)
//! or, after a restart, by the first save; above [`MAX_ATTEMPTS`] attempts it starts again
//! empty (a bound on memory — about 2 KB per attempt — not a policy).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use chrono::NaiveDateTime;

use super::layout::Layout;
use super::{Slot, load_slots};
use crate::db::DbConnection;
use crate::error::AppResult;
use crate::models::attempt::{self as store, Attempt};
use crate::question_formats::model::QuestionKind;

/// Attempts kept before the cache starts again empty.
const MAX_ATTEMPTS: usize = 50_000;

/// One slot as a save needs it.
pub struct FixedSlot {
    pub kind: Arc<QuestionKind>,
    pub layout: Layout,
}

/// The unchanging part of one attempt.
pub struct FixedAttempt {
    pub user_id: i32,
    pub deadline: NaiveDateTime,
    pub slots: HashMap<i32, FixedSlot>,
}

/// Keyed by database ([`crate::db::scope`]) and attempt id.
type Cache = Mutex<HashMap<(u64, i32), Arc<FixedAttempt>>>;

fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

fn remember(attempt_id: i32, fixed: FixedAttempt) -> Arc<FixedAttempt> {
    let fixed = Arc::new(fixed);
    if let Ok(mut cache) = cache().lock() {
        if cache.len() >= MAX_ATTEMPTS {
            cache.clear();
        }
        cache.insert((crate::db::scope(), attempt_id), fixed.clone());
    }
    fixed
}

/// Keeps the unchanging part of an attempt whose slots were just read (start, resume).
pub(super) fn remember_slots(attempt: &Attempt, slots: &[Slot]) -> Arc<FixedAttempt> {
    let slots = slots
        .iter()
        .map(|s| {
            let slot = FixedSlot {
                kind: s.kind.clone(),
                layout: s.layout.clone(),
            };
            (s.row.slot, slot)
        })
        .collect();
    remember(
        attempt.id,
        FixedAttempt {
            user_id: attempt.user_id,
            deadline: attempt.deadline,
            slots,
        },
    )
}

/// The attempt's unchanging part, from memory or else read (the engine's own slot read) and
/// kept; `None` for an unknown attempt.
pub fn of(conn: &mut DbConnection, attempt_id: i32) -> AppResult<Option<Arc<FixedAttempt>>> {
    if let Some(fixed) = cache()
        .lock()
        .ok()
        .and_then(|cache| cache.get(&(crate::db::scope(), attempt_id)).cloned())
    {
        return Ok(Some(fixed));
    }
    let Some(attempt) = store::find(conn, attempt_id)? else {
        return Ok(None);
    };
    let slots = load_slots(conn, attempt_id)?;
    Ok(Some(remember_slots(&attempt, &slots)))
}

/// Forgets what is kept of the attempt, in every database of the process (the caller may be
/// outside any [`crate::db::Db::run`]), so the next save reads its draw again.
pub fn forget(attempt_id: i32) {
    if let Ok(mut cache) = cache().lock() {
        cache.retain(|(_, id), _| *id != attempt_id);
    }
}
