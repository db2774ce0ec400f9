//! Signing in: argon2id password hashes (verified on a bounded pool), random tokens, server-side
//! sessions, first-login activation codes and login throttling with growing delays.

use std::sync::Arc;

use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use chrono::{Duration, NaiveDateTime};
use sha2::{Digest, Sha256};
use tokio::sync::Semaphore;

use crate::db::{Db, DbConnection};
use crate::error::{AppError, AppResult};
use crate::models::{self, grant, session, throttle, user};
use crate::services::principal_cache;

/// How long a session lasts after sign-in.
pub const SESSION_HOURS: i64 = 12;
/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "hocdvc_session";
/// Shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 8;
/// Activation codes avoid letters and digits that read alike (0/O, 1/I/L).
pub const ACTIVATION_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const ACTIVATION_LEN: usize = 10;

/// OWASP's argon2id parameters: 19 MiB, 2 passes, 1 lane.
fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Limits concurrent argon2 work to the number of cores, so a login storm queues here instead
/// of starving every other request of CPU and blocking threads.
#[derive(Clone)]
pub struct PasswordPool {
    permits: Arc<Semaphore>,
}

impl PasswordPool {
    pub fn new() -> PasswordPool {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        PasswordPool {
            permits: Arc::new(Semaphore::new(cores)),
        }
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> AppResult<T> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| AppError::Internal(e.into()))?;
        Ok(actix_web::web::block(work).await?)
    }

    pub async fn hash(&self, password: String) -> AppResult<String> {
        self.run(move || hash_password(&password)).await?
    }

    pub async fn verify(&self, password: String, hash: String) -> AppResult<bool> {
        self.run(move || verify_password(&password, &hash)).await
    }
}

impl Default for PasswordPool {
    fn default() -> Self {
        PasswordPool::new()
    }
}

pub fn hash_password(password: &str) -> AppResult<String> {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(anyhow::anyhow!("argon2: {e}")))
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            argon2()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash of a random password, verified against when the account does not exist, so an
/// unknown user costs the same time as a wrong password.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password(&random_token()).unwrap_or_default())
}

/// 32 random bytes, hex.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

pub fn token_digest(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A one-time activation code such as `K7MQ-2XPA-9R` (10 symbols, ~50 bits), grouped for
/// reading aloud and typing on a phone.
pub fn activation_code() -> String {
    let mut bytes = [0u8; ACTIVATION_LEN];
    OsRng.fill_bytes(&mut bytes);
    let symbols: Vec<char> = bytes
        .iter()
        .map(|b| char::from(ACTIVATION_ALPHABET[usize::from(*b) % ACTIVATION_ALPHABET.len()]))
        .collect();
    symbols
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// Codes compare without dashes, spaces or case, since people retype them from paper.
pub fn normalise_code(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

pub fn check_new_password(password: &str, username: &str) -> AppResult<()> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AppError::Validation(format!(
            "Mật khẩu mới phải có ít nhất {MIN_PASSWORD_CHARS} ký tự."
        )));
    }
    if password.chars().count() > 128 {
        return Err(AppError::Validation(
            "Mật khẩu mới dài quá 128 ký tự.".into(),
        ));
    }
    if password.to_lowercase().contains(&username.to_lowercase()) {
        return Err(AppError::Validation(
            "Mật khẩu không được chứa tên đăng nhập.".into(),
        ));
    }
    Ok(())
}

/// Delay before the next try after `failures` consecutive failures: free for the first 3,
/// then 1 s, 2 s, 4 s … up to 15 minutes.
pub fn throttle_delay(failures: i32) -> Duration {
    if failures < 3 {
        return Duration::zero();
    }
    let seconds = 1i64 << (failures - 3).clamp(0, 10);
    Duration::seconds(seconds.min(15 * 60))
}

/// A signed-in user as every handler sees them.
#[derive(Debug, Clone)]
pub struct Principal {
    pub user: user::User,
    pub grants: Vec<grant::Grant>,
    pub session_id: String,
    pub csrf_token: String,
}

/// A new session: the cookie token (secret, only ever in the cookie) and the stored row.
pub struct NewSession {
    pub token: String,
    pub csrf_token: String,
    pub expires_at: NaiveDateTime,
}

pub fn open_session(
    conn: &mut DbConnection,
    user_id: i32,
    now: NaiveDateTime,
) -> AppResult<NewSession> {
    let token = random_token();
    let csrf_token = random_token();
    let expires_at = now + Duration::hours(SESSION_HOURS);
    session::insert(
        conn,
        &session::SessionRow {
            id: token_digest(&token),
            user_id,
            csrf_token: csrf_token.clone(),
            created_at: now,
            expires_at,
        },
    )?;
    Ok(NewSession {
        token,
        csrf_token,
        expires_at,
    })
}

/// The principal of a live session by its token digest, with the session's expiry.
fn lookup(
    conn: &mut DbConnection,
    digest: &str,
    now: NaiveDateTime,
) -> AppResult<Option<(Principal, NaiveDateTime)>> {
    let Some(found) = session::find_live(conn, digest, now)? else {
        return Ok(None);
    };
    let user = user::find(conn, found.user_id)?;
    if user.disabled {
        return Ok(None);
    }
    let grants = grant::for_user(conn, user.id)?;
    Ok(Some((
        Principal {
            user,
            grants,
            session_id: found.id,
            csrf_token: found.csrf_token,
        },
        found.expires_at,
    )))
}

/// The principal of a session cookie's token, from the few-seconds cache when it is there
/// (`services/principal_cache.rs`), else from the database.
pub async fn principal_for(db: &Db, token: &str) -> AppResult<Option<Principal>> {
    let digest = token_digest(token);
    let now = models::now();
    let cache = principal_cache::global();
    if let Some(principal) = cache.get(&digest, now) {
        return Ok(Some(principal));
    }
    let generation = cache.generation();
    let key = digest.clone();
    let found = db.run(move |conn| lookup(conn, &key, now)).await?;
    Ok(found.map(|(principal, expires)| {
        cache.store(digest, &principal, expires, generation);
        principal
    }))
}

/// The throttle keys of a sign-in attempt.
fn throttle_keys(username: &str, ip: &str) -> [String; 2] {
    [
        format!("user:{}", username.trim().to_lowercase()),
        format!("ip:{ip}"),
    ]
}

/// Refuses the attempt while either key is blocked.
pub async fn check_throttle(db: &Db, username: &str, ip: &str) -> AppResult<()> {
    let keys = throttle_keys(username, ip);
    db.run(move |conn| {
        let now = models::now();
        for key in &keys {
            if throttle::blocked_until(conn, key, now)?.is_some() {
                return Err(AppError::TooManyRequests);
            }
        }
        Ok(())
    })
    .await
}

pub async fn record_failure(db: &Db, username: &str, ip: &str) -> AppResult<()> {
    let keys = throttle_keys(username, ip);
    db.run(move |conn| {
        let now = models::now();
        for key in &keys {
            throttle::record_failure(conn, key, throttle_delay, now)?;
        }
        Ok(())
    })
    .await
}

/// The enabled account with this username, if any.
pub async fn find_enabled(db: &Db, username: &str) -> AppResult<Option<user::User>> {
    let lookup = username.to_owned();
    Ok(db
        .run(move |conn| Ok(user::find_by_username(conn, &lookup)?))
        .await?
        .filter(|u| !u.disabled))
}

/// The last step of every successful sign-in (password or activation code): clears the
/// account's failures, stores `new_hash` when the password is being set, opens a session and
/// loads the account's roles.
pub async fn complete_sign_in(
    db: &Db,
    account: &user::User,
    new_hash: Option<String>,
) -> AppResult<(NewSession, Vec<grant::Grant>)> {
    clear_failures(db, &account.username).await?;
    let user_id = account.id;
    db.run(move |conn| {
        use diesel::Connection;
        let _turn = crate::db::write_turn(conn);
        conn.transaction(|conn| {
            if let Some(hash) = &new_hash {
                user::set_password_hash(conn, user_id, hash)?;
            }
            let session = open_session(conn, user_id, models::now())?;
            Ok((session, grant::for_user(conn, user_id)?))
        })
    })
    .await
}

pub async fn clear_failures(db: &Db, username: &str) -> AppResult<()> {
    let [user_key, _] = throttle_keys(username, "");
    db.run(move |conn| Ok(throttle::clear(conn, &user_key)?))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_against_its_own_hash_only() {
        let hash = hash_password("mat-khau-dai-9").unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify_password("mat-khau-dai-9", &hash));
        assert!(!verify_password("mat-khau-dai-8", &hash));
        assert!(!verify_password("mat-khau-dai-9", "not a hash"));
    }

    #[test]
    fn activation_codes_are_grouped_and_compare_loosely() {
        let code = activation_code();
        assert_eq!(code.len(), 12, "{code}");
        assert_eq!(
            normalise_code(&code.to_lowercase().replace('-', " ")),
            normalise_code(&code)
        );
        assert!(!code.contains(['0', 'O', '1', 'I', 'L']));
    }

    #[test]
    fn the_throttle_delay_grows_after_three_failures_and_is_capped() {
        assert_eq!(throttle_delay(2), Duration::zero());
        assert_eq!(throttle_delay(3), Duration::seconds(1));
        assert_eq!(throttle_delay(6), Duration::seconds(8));
        assert_eq!(throttle_delay(40), Duration::seconds(15 * 60));
    }

    #[test]
    fn new_passwords_must_be_long_and_not_contain_the_username() {
        assert!(check_new_password("ngan", "hs001").is_err());
        assert!(check_new_password("hs001-abcdef", "hs001").is_err());
        assert!(check_new_password("Sen-hong-2026", "hs001").is_ok());
    }
}
