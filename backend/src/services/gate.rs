//! The one authorisation gate. Every handler that touches protected data asks
//! [`authorize`] whether the signed-in principal may perform a [`Permission`] on a unit; no
//! handler looks at roles itself.
//!
//! A role is granted on a unit and covers its subtree. The answer is:
//! - allowed when a grant whose role has the permission sits on the unit or an ancestor;
//! - 403 Forbidden when the principal can see the unit (a grant above or below it) but lacks the
//!   permission;
//! - 404 Not Found otherwise, so a unit's existence never leaks outside one's scope.

use crate::db::DbConnection;
use crate::domain::Role;
use crate::error::{AppError, AppResult};
use crate::models::unit;
use crate::services::auth::Principal;

/// What a request wants to do. Each endpoint class maps to exactly one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// See a unit, its path and its children.
    ViewUnit,
    /// Create, rename or move classes (inside a school).
    ManageClasses,
    /// Create, rename or move any other unit (schools, communes, agencies …).
    ManageUnits,
    /// See and search the people of a unit.
    ViewPeople,
    /// Reset a person's password to a new activation code.
    ResetPassword,
    /// Import a school's student or teacher roster.
    ImportRoster,
    /// See a class's activation codes (the printable sheet).
    ViewActivationCodes,
    /// Import question files into one's own part of the question bank.
    ImportQuestions,
}

impl Permission {
    pub const ALL: [Permission; 8] = [
        Permission::ViewUnit,
        Permission::ManageClasses,
        Permission::ManageUnits,
        Permission::ViewPeople,
        Permission::ResetPassword,
        Permission::ImportRoster,
        Permission::ViewActivationCodes,
        Permission::ImportQuestions,
    ];
}

impl Permission {
    /// The permission needed to create, rename or move a unit of `kind`.
    pub fn to_manage(kind: crate::domain::UnitKind) -> Permission {
        if kind == crate::domain::UnitKind::Class {
            Permission::ManageClasses
        } else {
            Permission::ManageUnits
        }
    }
}

/// The policy table: which role may do what (within its subtree).
pub fn role_allows(role: Role, permission: Permission) -> bool {
    use Permission::*;
    match role {
        Role::SystemAdmin => true,
        Role::SchoolAdmin => {
            matches!(
                permission,
                ViewUnit
                    | ManageClasses
                    | ViewPeople
                    | ResetPassword
                    | ImportRoster
                    | ViewActivationCodes
                    | ImportQuestions
            )
        }
        Role::Teacher => matches!(
            permission,
            ViewUnit | ViewPeople | ViewActivationCodes | ImportQuestions
        ),
        Role::DepartmentViewer => matches!(permission, ViewUnit),
        Role::Organiser | Role::Judge | Role::Student | Role::CivilServant => false,
    }
}

/// Allows, or answers 403/404 as described in the module documentation.
pub fn authorize(
    conn: &mut DbConnection,
    principal: &Principal,
    permission: Permission,
    unit_id: i32,
) -> AppResult<()> {
    for grant in &principal.grants {
        if role_allows(grant.role, permission) && unit::is_within(conn, unit_id, grant.unit_id)? {
            return Ok(());
        }
    }
    for grant in &principal.grants {
        if unit::is_within(conn, unit_id, grant.unit_id)?
            || unit::is_within(conn, grant.unit_id, unit_id)?
        {
            return Err(AppError::Forbidden);
        }
    }
    Err(AppError::NotFound)
}

/// Whether the principal may do `permission` anywhere at all (for showing menu entries).
pub fn may_anywhere(principal: &Principal, permission: Permission) -> bool {
    principal
        .grants
        .iter()
        .any(|g| role_allows(g.role, permission))
}
