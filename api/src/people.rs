//! People of a unit (students, teachers, staff): search and the class activation sheet.

use serde::{Deserialize, Serialize};

use crate::auth::RoleGrant;
use crate::unit::UnitView;

/// One person as an administrator or teacher sees them. Only what the job needs: no gender,
/// no contact details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonView {
    pub username: String,
    pub full_name: String,
    /// Whether the person has set a password (used their activation code).
    pub activated: bool,
    /// Students: the school's student code.
    pub student_code: Option<String>,
    /// Students: ISO date `yyyy-mm-dd` (the UI shows dd/mm/yyyy).
    pub birth_date: Option<String>,
    /// Students: their current class.
    pub class_code: Option<String>,
    pub class_name: Option<String>,
    pub roles: Vec<RoleGrant>,
}

/// `GET /api/people?unit=CODE&q=TEXT&page=N`: people with a role inside the unit's subtree
/// whose name, username or student code matches `q`, ignoring case and diacritics.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PeoplePage {
    pub people: Vec<PersonView>,
    /// Matches in all pages.
    pub total: i64,
    /// 1-based.
    pub page: i64,
    pub per_page: i64,
}

/// One line of a class activation sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivationEntry {
    pub username: String,
    pub full_name: String,
    /// ISO date `yyyy-mm-dd`.
    pub birth_date: Option<String>,
    /// `None` once the student has activated their account.
    pub activation_code: Option<String>,
}

/// `GET /api/units/{code}/activation-sheet`: the printable sheet a teacher hands out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivationSheet {
    pub class: UnitView,
    pub school: Option<UnitView>,
    /// Students of the class, by name.
    pub entries: Vec<ActivationEntry>,
}
