//! Certificates (giấy chứng nhận): issuing them — module completions automatically, contest
//! prizes and annual training through [`issue`] — the learner's list, the staff's view through
//! the gate, revocation, and the public verification by code that needs no sign-in.
//!
//! A certificate is a snapshot: the learner's name (NFC), the subject's title and the optional
//! detail and unit are copied when it is issued, so renaming a module or a person later
//! changes neither the paper nor what `/verify/{code}` says. The verification code is 10
//! symbols from an alphabet without look-alikes (`ABCDEFGHJKMNPQRSTUVWXYZ23456789`, 31^10 ≈
//! 8·10^14 codes, ~50 bits): guessing one is impractical, and a client that keeps asking for
//! unknown codes is slowed down (see [`verify`]).

use argon2::password_hash::rand_core::{OsRng, RngCore};
use chrono::{Duration, NaiveDateTime};
use diesel::Connection;
use hocdvc_api::{CertificateKind, CertificateStatus, CertificateVerification, CertificateView};

use crate::db::DbConnection;
use crate::domain::text;
use crate::error::{AppError, AppResult};
use crate::models::certificate::{self, CertificateRow, NewCertificate};
use crate::models::{self, throttle};
use crate::services::auth::{ACTIVATION_ALPHABET, Principal};
use crate::services::gate::{self, Permission};

/// Symbols in a verification code.
pub const CODE_LEN: usize = 10;

/// What a feature asks [`issue`] for. One certificate exists per (kind, user, subject,
/// period); asking again returns the one already issued, unchanged.
#[derive(Debug, Clone)]
pub struct CertificateIssue {
    pub kind: CertificateKind,
    pub user_id: i32,
    /// What it is for: the module id, a contest's prize subject ([`creative_prize_subject`],
    /// [`knowledge_prize_subject`]), or the training cycle id. Not shown; it makes issuing
    /// idempotent.
    pub subject_id: String,
    /// The school year (`"2026-2027"`), contest round or training year (`"2026"`).
    pub period: String,
    /// Printed as what the learner achieved: the module's or contest's title.
    pub subject_title: String,
    /// An optional second line: the prize tier ("Giải Nhất"), a round's name.
    pub detail: Option<String>,
    /// An optional school or agency name printed on the certificate.
    pub unit_name: Option<String>,
    pub issued_at: NaiveDateTime,
    /// When it lapses (annual training); `None` for certificates that do not.
    pub expires_at: Option<NaiveDateTime>,
}

/// The outcome of [`issue`]: the certificate, and whether this call created it.
#[derive(Debug, Clone)]
pub struct Issued {
    pub certificate: CertificateRow,
    pub created: bool,
}

/// Issues the certificate described by `request`, or returns the one already issued for its
/// (kind, user, subject, period). The learner's name is read from the user now and stored in
/// NFC. Safe inside the caller's transaction (the insert runs in a savepoint).
pub fn issue(conn: &mut DbConnection, request: &CertificateIssue) -> AppResult<Issued> {
    let kind = request.kind.as_str();
    let subject_title = text::clean(&request.subject_title);
    if subject_title.is_empty() || request.subject_id.trim().is_empty() {
        return Err(AppError::Validation(
            "Giấy chứng nhận cần tên học phần, cuộc thi hoặc khóa bồi dưỡng.".into(),
        ));
    }
    if request
        .expires_at
        .is_some_and(|expires| expires <= request.issued_at)
    {
        return Err(AppError::Validation(
            "Ngày hết hạn của giấy chứng nhận phải sau ngày cấp.".into(),
        ));
    }
    let existing = |conn: &mut DbConnection| {
        certificate::find_issued(
            conn,
            kind,
            request.user_id,
            &request.subject_id,
            &request.period,
        )
    };
    if let Some(certificate) = existing(conn)? {
        return Ok(Issued {
            certificate,
            created: false,
        });
    }
    let learner_name = text::clean(&certificate::full_name(conn, request.user_id)?);
    let clean_optional =
        |value: &Option<String>| value.as_deref().map(text::clean).filter(|v| !v.is_empty());
    for _ in 0..8 {
        let code = new_code();
        if certificate::code_taken(conn, &code)? {
            continue;
        }
        let row = NewCertificate {
            kind: kind.to_owned(),
            user_id: request.user_id,
            subject_id: request.subject_id.clone(),
            period: request.period.clone(),
            subject_title: subject_title.clone(),
            detail: clean_optional(&request.detail),
            learner_name: learner_name.clone(),
            unit_name: clean_optional(&request.unit_name),
            issued_at: request.issued_at,
            expires_at: request.expires_at,
            verify_code: code,
            revoked: false,
            created_at: models::now(),
        };
        // A savepoint: on PostgreSQL a failed insert would otherwise abort the caller's
        // transaction.
        let inserted = conn.transaction::<bool, diesel::result::Error, _>(|conn| {
            if certificate::insert(conn, &row)? {
                Ok(true)
            } else {
                Err(diesel::result::Error::RollbackTransaction)
            }
        });
        match inserted {
            Ok(_) => {}
            Err(diesel::result::Error::RollbackTransaction) => {}
            Err(e) => return Err(e.into()),
        }
        if let Some(certificate) = existing(conn)? {
            let created = certificate.verify_code == row.verify_code;
            return Ok(Issued {
                certificate,
                created,
            });
        }
    }
    Err(AppError::Internal(anyhow::anyhow!(
        "no free certificate verification code after 8 tries"
    )))
}

/// Issues the module-completion certificate for a recorded completion (the subject is the
/// module, the period its school year). `services::completion` calls it.
pub fn issue_for_completion(
    conn: &mut DbConnection,
    user_id: i32,
    module_id: &str,
    school_year: &str,
    completed_at: NaiveDateTime,
) -> AppResult<Issued> {
    let title = certificate::module_title(conn, module_id)?.unwrap_or_else(|| module_id.into());
    issue(
        conn,
        &CertificateIssue {
            kind: CertificateKind::ModuleCompletion,
            user_id,
            subject_id: module_id.to_owned(),
            period: school_year.to_owned(),
            subject_title: title,
            detail: None,
            unit_name: None,
            issued_at: completed_at,
            expires_at: None,
        },
    )
}

/// The subject of a creative contest's prize certificates (`"creative/5"`).
pub fn creative_prize_subject(contest_id: i32) -> String {
    format!("creative/{contest_id}")
}

/// The subject of the prize certificates of a knowledge-contest round (`"knowledge/12/3"`).
pub fn knowledge_prize_subject(contest_id: i32, round_id: i32) -> String {
    format!("knowledge/{contest_id}/{round_id}")
}

/// How many prize certificates were issued for a contest subject (see the two above).
pub fn prize_certificates(conn: &mut DbConnection, subject_id: &str) -> AppResult<i64> {
    Ok(certificate::count_for_subject(
        conn,
        CertificateKind::ContestPrize.as_str(),
        subject_id,
    )?)
}

/// Issues the certificates of module completions recorded before certificates existed (the
/// demo, an upgraded database). Returns how many were issued.
pub fn backfill_completions(conn: &mut DbConnection) -> AppResult<usize> {
    let mut issued = 0;
    for (user_id, module_id, year, at) in certificate::completions_without_certificate(conn)? {
        if issue_for_completion(conn, user_id, &module_id, &year, at)?.created {
            issued += 1;
        }
    }
    Ok(issued)
}

/// A fresh random verification code (uniform over the alphabet: bytes past the last whole
/// multiple of its length are drawn again).
pub fn new_code() -> String {
    let alphabet = ACTIVATION_ALPHABET;
    let limit = 256 - 256 % alphabet.len();
    let mut code = String::with_capacity(CODE_LEN);
    let mut bytes = [0u8; 32];
    while code.len() < CODE_LEN {
        OsRng.fill_bytes(&mut bytes);
        for b in bytes {
            if usize::from(b) < limit && code.len() < CODE_LEN {
                code.push(char::from(alphabet[usize::from(b) % alphabet.len()]));
            }
        }
    }
    code
}

/// A typed code as stored: dashes and spaces dropped, upper case. `None` when it cannot be a
/// code at all (wrong length or a symbol outside the alphabet), which needs no database look.
pub fn normalise_code(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| !matches!(c, '-' | ' ' | '.'))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (code.len() == CODE_LEN && code.bytes().all(|b| ACTIVATION_ALPHABET.contains(&b)))
        .then_some(code)
}

/// Unknown codes a client may look up before it is slowed down.
const FREE_MISSES: i32 = 20;

/// How long a client waits after `misses` unknown codes in a row: nothing for the first
/// [`FREE_MISSES`], then doubling from one second up to 15 minutes.
pub fn verify_delay(misses: i32) -> Duration {
    if misses <= FREE_MISSES {
        return Duration::zero();
    }
    let exponent = u32::try_from((misses - FREE_MISSES - 1).min(10)).unwrap_or(10);
    Duration::seconds((1i64 << exponent).min(15 * 60))
}

/// The public answer for a typed code, or `None` (404) when no certificate has it. `client`
/// (the caller's IP) is throttled after repeated unknown codes, so trying codes in bulk is
/// slowed to a crawl on top of the code space being far too large to walk.
pub fn verify(
    conn: &mut DbConnection,
    typed: &str,
    client: &str,
) -> AppResult<Option<CertificateVerification>> {
    let now = models::now();
    let key = format!("verify:{client}");
    if throttle::blocked_until(conn, &key, now)?.is_some() {
        return Err(AppError::TooManyRequests);
    }
    let found = match normalise_code(typed) {
        Some(code) => certificate::find_by_code(conn, &code)?,
        None => None,
    };
    match found {
        Some(row) => Ok(Some(facts(&row, now))),
        None => {
            throttle::record_failure(conn, &key, verify_delay, now)?;
            Ok(None)
        }
    }
}

/// Whether the certificate holds at `now`.
pub fn status(row: &CertificateRow, now: NaiveDateTime) -> CertificateStatus {
    if row.revoked {
        CertificateStatus::Revoked
    } else if row.expires_at.is_some_and(|expires| expires <= now) {
        CertificateStatus::Expired
    } else {
        CertificateStatus::Valid
    }
}

/// What the certificate says, as anyone may read it.
pub fn facts(row: &CertificateRow, now: NaiveDateTime) -> CertificateVerification {
    CertificateVerification {
        verify_code: row.verify_code.clone(),
        kind: CertificateKind::parse(&row.kind).unwrap_or(CertificateKind::ModuleCompletion),
        learner_name: row.learner_name.clone(),
        subject_title: row.subject_title.clone(),
        detail: row.detail.clone(),
        unit_name: row.unit_name.clone(),
        issued_on: row.issued_at.date().format("%Y-%m-%d").to_string(),
        expires_on: row
            .expires_at
            .map(|at| at.date().format("%Y-%m-%d").to_string()),
        status: status(row, now),
    }
}

/// The address a certificate's QR code points to.
pub fn verify_url(base: &str, code: &str) -> String {
    format!("{}/verify/{code}", base.trim_end_matches('/'))
}

/// The owner's (or an allowed staff member's) view of a certificate.
pub fn view(row: &CertificateRow, base: &str, now: NaiveDateTime) -> CertificateView {
    CertificateView {
        id: row.id,
        facts: facts(row, now),
        period: row.period.clone(),
        verify_url: verify_url(base, &row.verify_code),
        pdf_url: format!("/api/certificates/{}.pdf", row.id),
        qr_url: format!("/api/certificates/{}/qr.svg", row.id),
    }
}

/// The signed-in user's own certificates, newest first.
pub fn mine(
    conn: &mut DbConnection,
    principal: &Principal,
    base: &str,
) -> AppResult<Vec<CertificateView>> {
    let now = models::now();
    Ok(certificate::of_user(conn, principal.user.id)?
        .iter()
        .map(|row| view(row, base, now))
        .collect())
}

/// One certificate, for its owner or staff the gate allows; 404 otherwise.
pub fn find_for(
    conn: &mut DbConnection,
    principal: &Principal,
    id: i32,
) -> AppResult<CertificateRow> {
    let row = certificate::find(conn, id)?.ok_or(AppError::NotFound)?;
    gate::authorize_certificate(conn, principal, row.user_id, Permission::ViewCertificates)?;
    Ok(row)
}

/// Withdraws (`revoked`) or reinstates a certificate. Only holders of
/// [`Permission::RevokeCertificates`] on a unit the owner belongs to may.
pub fn set_revoked(
    conn: &mut DbConnection,
    principal: &Principal,
    id: i32,
    revoked: bool,
    base: &str,
) -> AppResult<CertificateView> {
    let row = certificate::find(conn, id)?.ok_or(AppError::NotFound)?;
    gate::authorize_certificate(conn, principal, row.user_id, Permission::RevokeCertificates)?;
    let at = revoked.then(models::now);
    certificate::set_revoked(conn, id, revoked, at)?;
    let row = certificate::find(conn, id)?.ok_or(AppError::NotFound)?;
    Ok(view(&row, base, models::now()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_codes_are_ten_unambiguous_symbols_and_differ() {
        let a = new_code();
        let b = new_code();
        assert_eq!(a.len(), CODE_LEN);
        assert!(a.bytes().all(|c| ACTIVATION_ALPHABET.contains(&c)));
        assert!(!a.contains('0') && !a.contains('O') && !a.contains('1') && !a.contains('I'));
        assert_ne!(a, b);
    }

    #[test]
    fn typed_codes_are_normalised_and_impossible_ones_refused() {
        assert_eq!(
            normalise_code("k7mq-2xpa-9r ").as_deref(),
            Some("K7MQ2XPA9R")
        );
        assert_eq!(normalise_code("K7MQ2XPA9"), None);
        assert_eq!(
            normalise_code("K7MQ2XPA9O"),
            None,
            "O is not in the alphabet"
        );
        assert_eq!(normalise_code("../../etc"), None);
    }

    #[test]
    fn unknown_codes_are_free_at_first_then_slowed_down() {
        assert_eq!(verify_delay(FREE_MISSES), Duration::zero());
        assert_eq!(verify_delay(FREE_MISSES + 1), Duration::seconds(1));
        assert_eq!(verify_delay(FREE_MISSES + 4), Duration::seconds(8));
        assert_eq!(verify_delay(FREE_MISSES + 40), Duration::seconds(15 * 60));
    }
}
