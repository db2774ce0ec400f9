//! `certificates`: one row per certificate issued (module completion, contest prize, annual
//! training), with the snapshot of what it says and its verification code.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::schema::{certificates, module_completions, modules, users};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = certificates)]
pub struct CertificateRow {
    pub id: i32,
    pub kind: String,
    pub user_id: i32,
    pub subject_id: String,
    pub period: String,
    pub subject_title: String,
    pub detail: Option<String>,
    pub learner_name: String,
    pub unit_name: Option<String>,
    pub issued_at: NaiveDateTime,
    pub expires_at: Option<NaiveDateTime>,
    pub verify_code: String,
    pub revoked: bool,
    pub revoked_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = certificates, treat_none_as_default_value = false)]
pub struct NewCertificate {
    pub kind: String,
    pub user_id: i32,
    pub subject_id: String,
    pub period: String,
    pub subject_title: String,
    pub detail: Option<String>,
    pub learner_name: String,
    pub unit_name: Option<String>,
    pub issued_at: NaiveDateTime,
    pub expires_at: Option<NaiveDateTime>,
    pub verify_code: String,
    pub revoked: bool,
    pub created_at: NaiveDateTime,
}

pub fn find(conn: &mut DbConnection, id: i32) -> QueryResult<Option<CertificateRow>> {
    certificates::table
        .find(id)
        .select(CertificateRow::as_select())
        .first(conn)
        .optional()
}

pub fn find_by_code(conn: &mut DbConnection, code: &str) -> QueryResult<Option<CertificateRow>> {
    certificates::table
        .filter(certificates::verify_code.eq(code))
        .select(CertificateRow::as_select())
        .first(conn)
        .optional()
}

/// The certificate of `user_id` for (kind, subject, period), if issued.
pub fn find_issued(
    conn: &mut DbConnection,
    kind: &str,
    user_id: i32,
    subject_id: &str,
    period: &str,
) -> QueryResult<Option<CertificateRow>> {
    certificates::table
        .filter(certificates::kind.eq(kind))
        .filter(certificates::user_id.eq(user_id))
        .filter(certificates::subject_id.eq(subject_id))
        .filter(certificates::period.eq(period))
        .select(CertificateRow::as_select())
        .first(conn)
        .optional()
}

/// Whether a row with this verification code exists (a new code must not collide).
pub fn code_taken(conn: &mut DbConnection, code: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        certificates::table.filter(certificates::verify_code.eq(code)),
    ))
    .get_result(conn)
}

/// Inserts the certificate; `false` when one for the same (kind, user, subject, period) or the
/// same code already exists (a concurrent issue won the race).
pub fn insert(conn: &mut DbConnection, row: &NewCertificate) -> QueryResult<bool> {
    match diesel::insert_into(certificates::table)
        .values(row)
        .execute(conn)
    {
        Ok(_) => Ok(true),
        Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => Ok(false),
        Err(e) => Err(e),
    }
}

/// How many certificates of `kind` were issued for `subject_id` (a contest's prize
/// certificates, whatever the period).
pub fn count_for_subject(
    conn: &mut DbConnection,
    kind: &str,
    subject_id: &str,
) -> QueryResult<i64> {
    certificates::table
        .filter(certificates::kind.eq(kind))
        .filter(certificates::subject_id.eq(subject_id))
        .count()
        .get_result(conn)
}

/// The user's certificates, newest first.
pub fn of_user(conn: &mut DbConnection, user_id: i32) -> QueryResult<Vec<CertificateRow>> {
    certificates::table
        .filter(certificates::user_id.eq(user_id))
        .order((certificates::issued_at.desc(), certificates::id.desc()))
        .select(CertificateRow::as_select())
        .load(conn)
}

pub fn set_revoked(
    conn: &mut DbConnection,
    id: i32,
    revoked: bool,
    at: Option<NaiveDateTime>,
) -> QueryResult<()> {
    diesel::update(certificates::table.find(id))
        .set((
            certificates::revoked.eq(revoked),
            certificates::revoked_at.eq(at),
        ))
        .execute(conn)
        .map(|_| ())
}

/// A user's full name (the learner-name snapshot's source).
pub fn full_name(conn: &mut DbConnection, user_id: i32) -> QueryResult<String> {
    users::table
        .find(user_id)
        .select(users::full_name)
        .first(conn)
}

/// A module's title (the module-completion certificate's subject).
pub fn module_title(conn: &mut DbConnection, module_id: &str) -> QueryResult<Option<String>> {
    modules::table
        .find(module_id)
        .select(modules::title)
        .first(conn)
        .optional()
}

/// Module completions without their certificate: (user, module, school year, completed at).
pub fn completions_without_certificate(
    conn: &mut DbConnection,
) -> QueryResult<Vec<(i32, String, String, NaiveDateTime)>> {
    module_completions::table
        .left_join(
            certificates::table.on(certificates::kind
                .eq("module_completion")
                .and(certificates::user_id.eq(module_completions::user_id))
                .and(certificates::subject_id.eq(module_completions::module_id))
                .and(certificates::period.eq(module_completions::school_year))),
        )
        .filter(certificates::id.is_null())
        .select((
            module_completions::user_id,
            module_completions::module_id,
            module_completions::school_year,
            module_completions::completed_at,
        ))
        .load(conn)
}
