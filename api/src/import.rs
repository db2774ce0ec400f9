//! Roster imports: a school's student or teacher list, uploaded as a CSV or Excel text file.

use serde::{Deserialize, Serialize};

/// What a roster file lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RosterKind {
    Students,
    Teachers,
    /// Members of agencies and community teams, with their job group (annual training).
    Members,
}

/// Answer of `POST /api/imports?kind=students|teachers&dry_run=true|false&school_year=2025-2026`
/// (request body: the file's raw bytes; optional header `X-File-Name`, percent-encoded).
/// A file with any wrong row is refused whole with 422 and the error shape, whose `details`
/// list every wrong row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportSummary {
    /// The recorded import; `None` for a dry run.
    pub id: Option<i32>,
    pub kind: RosterKind,
    pub dry_run: bool,
    pub file_name: String,
    pub school_year: String,
    /// How the file was read, e.g. "UTF-8 (BOM), dấu phẩy".
    pub format: String,
    /// Data rows in the file.
    pub rows: usize,
    /// New accounts.
    pub created: usize,
    /// Existing people whose name or birth date changed.
    pub updated: usize,
    /// Existing students who changed class (their history is kept).
    pub moved: usize,
    pub unchanged: usize,
    pub classes_created: usize,
}

/// One past import, for `GET /api/imports` (newest first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportRecord {
    pub id: i32,
    pub kind: RosterKind,
    pub file_name: String,
    pub school_year: String,
    /// Who imported: a username, or `cli` for the command line.
    pub by: String,
    /// UTC, ISO 8601 (`2026-11-28T15:04:05`).
    pub at: String,
    pub rows: usize,
    pub created: usize,
    pub updated: usize,
    pub moved: usize,
    pub classes_created: usize,
}
