//! A short-lived, in-process cache of signed-in principals by session-token digest, so that
//! the requests of an exam day (an autosave every few seconds per student) skip the three
//! queries — session, user, grants — that identify the caller.
//!
//! Correctness. An entry lives at most [`TTL`] and never past its session's expiry. Every write
//! that can change a principal — signing out, ending a user's sessions, a password change or
//! reset, a rename, a grant given or revoked — calls [`changed`] from its model function, which
//! empties the cache and moves a generation counter; a lookup that began before the change
//! does not store its (possibly stale) result. Several server processes: a change made by
//! another process is seen here within [`TTL`].

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use chrono::NaiveDateTime;

use crate::services::auth::Principal;

/// How long a principal is reused without asking the database.
pub const TTL: Duration = Duration::from_secs(2);

/// Above this many entries the cache starts again empty (a bound on memory, not a policy).
const MAX_ENTRIES: usize = 100_000;

struct Entry {
    stored: Instant,
    session_expires: NaiveDateTime,
    principal: Principal,
}

/// The cache: entries and the generation counter that [`PrincipalCache::changed`] moves.
#[derive(Default)]
pub struct PrincipalCache {
    generation: AtomicU64,
    entries: Mutex<HashMap<String, Entry>>,
}

/// The process's cache.
pub fn global() -> &'static PrincipalCache {
    static CACHE: OnceLock<PrincipalCache> = OnceLock::new();
    CACHE.get_or_init(PrincipalCache::default)
}

/// Something a principal is made of changed: forget every cached one (model functions call
/// this after each such write).
pub fn changed() {
    global().changed();
}

impl PrincipalCache {
    fn locked(&self) -> std::sync::MutexGuard<'_, HashMap<String, Entry>> {
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The generation to pass to [`PrincipalCache::store`]: read it before the lookup.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// The cached principal of a session-token digest, if fresh at `now` (server clock).
    pub fn get(&self, digest: &str, now: NaiveDateTime) -> Option<Principal> {
        let mut map = self.locked();
        let fresh = map
            .get(digest)
            .is_some_and(|e| e.stored.elapsed() < TTL && e.session_expires > now);
        if fresh {
            map.get(digest).map(|e| e.principal.clone())
        } else {
            map.remove(digest);
            None
        }
    }

    /// Keeps a principal looked up under `generation`, unless something changed since.
    pub fn store(
        &self,
        digest: String,
        principal: &Principal,
        session_expires: NaiveDateTime,
        generation: u64,
    ) {
        let mut map = self.locked();
        // Checked under the lock: `changed` moves the counter and clears under it too.
        if self.generation.load(Ordering::Acquire) != generation {
            return;
        }
        if map.len() >= MAX_ENTRIES {
            map.clear();
        }
        map.insert(
            digest,
            Entry {
                stored: Instant::now(),
                session_expires,
                principal: principal.clone(),
            },
        );
    }

    /// Forgets every cached principal.
    pub fn changed(&self) {
        let mut map = self.locked();
        self.generation.fetch_add(1, Ordering::AcqRel);
        map.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::user::User;

    fn principal(name: &str) -> Principal {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 29)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .unwrap_or_default();
        Principal {
            user: User {
                id: 1,
                username: name.to_owned(),
                full_name: "Nguyễn Văn A".to_owned(),
                search_name: "nguyen van a".to_owned(),
                password_hash: None,
                activation_code: None,
                disabled: false,
                created_at: at,
            },
            grants: Vec::new(),
            session_id: format!("session-{name}"),
            csrf_token: "csrf".to_owned(),
        }
    }

    fn at(hour: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 29)
            .and_then(|d| d.and_hms_opt(hour, 0, 0))
            .unwrap_or_default()
    }

    #[test]
    fn a_cached_principal_is_reused_until_its_session_expires() {
        let cache = PrincipalCache::default();
        cache.store("a".into(), &principal("a"), at(10), cache.generation());
        assert_eq!(
            cache.get("a", at(9)).map(|p| p.user.username),
            Some("a".to_owned())
        );
        assert!(cache.get("a", at(10)).is_none(), "the session has expired");
        assert!(cache.get("a", at(9)).is_none(), "and the entry is gone");
    }

    #[test]
    fn a_change_forgets_every_principal() {
        let cache = PrincipalCache::default();
        cache.store("b".into(), &principal("b"), at(10), cache.generation());
        cache.changed();
        assert!(cache.get("b", at(9)).is_none());
    }

    #[test]
    fn a_lookup_that_raced_a_change_is_not_kept() {
        let cache = PrincipalCache::default();
        let before = cache.generation();
        cache.changed();
        cache.store("c".into(), &principal("c"), at(10), before);
        assert!(cache.get("c", at(9)).is_none());
    }
}
