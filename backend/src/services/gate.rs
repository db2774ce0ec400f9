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
    /// Assign modules to a class, change the dates, remove them.
    AssignModules,
    /// See a class's progress matrix (students × lessons, assessment, completion).
    ViewClassProgress,
    /// Confirm or reject the family-helper tasks of a class's students.
    ReviewFamilyTasks,
    /// Read the lesson feedback queue, answer feedback publicly and move it through its
    /// statuses (content owners: the same people who author questions).
    ManageFeedback,
    /// See the item statistics of an assessment (how each question performed, over every
    /// learner who took it): for those who maintain the content province-wide. The figures
    /// are aggregates over all schools, so school staff do not get them.
    ViewItemStatistics,
    /// Review the submitted attempts of the students of a class.
    ReviewAttempts,
    /// Grade the essays of the students of a class (the manual-grading queue).
    GradeAttempts,
    /// See the coverage dashboards (indicators against targets) of a unit's subtree.
    ViewCoverage,
    /// Change the coverage targets and the traffic-light threshold (province-wide data).
    ManageCoverageTargets,
    /// Run annual training in a subtree: open training cycles (modules by job group, due
    /// date) and import agency and team member rosters.
    ManageTraining,
    /// Read the annual training report of a subtree: percent trained, the overdue list and
    /// the reminder list (names of civil servants, so only those who organise the training).
    ViewTrainingReport,
    /// See (and download) the certificates of the learners in one's units, e.g. a class
    /// teacher printing a student's certificate.
    ViewCertificates,
    /// Withdraw or reinstate a certificate (it then verifies as "đã thu hồi").
    RevokeCertificates,
    /// Organise knowledge contests in a unit: create contests and rounds, watch the live
    /// leaderboard, close rounds, apply qualification, export and publish results.
    ManageContests,
    /// Create creative contests (poster, model, video) in one's units, set their rubric,
    /// panel, assignments and prizes, see the (named) results and publish them.
    ManageCreativeContests,
    /// Submit, edit and withdraw one's own creative-contest entries (students).
    SubmitEntries,
    /// Score the creative-contest entries one is assigned, blind.
    JudgeEntries,
}

impl Permission {
    pub const ALL: [Permission; 25] = [
        Permission::ViewUnit,
        Permission::ManageClasses,
        Permission::ManageUnits,
        Permission::ViewPeople,
        Permission::ResetPassword,
        Permission::ImportRoster,
        Permission::ViewActivationCodes,
        Permission::ImportQuestions,
        Permission::AssignModules,
        Permission::ViewClassProgress,
        Permission::ReviewFamilyTasks,
        Permission::ManageFeedback,
        Permission::ViewItemStatistics,
        Permission::ReviewAttempts,
        Permission::GradeAttempts,
        Permission::ViewCoverage,
        Permission::ManageCoverageTargets,
        Permission::ManageTraining,
        Permission::ViewTrainingReport,
        Permission::ViewCertificates,
        Permission::RevokeCertificates,
        Permission::ManageContests,
        Permission::ManageCreativeContests,
        Permission::SubmitEntries,
        Permission::JudgeEntries,
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
                    | AssignModules
                    | ViewClassProgress
                    | ReviewFamilyTasks
                    | ManageFeedback
                    | ReviewAttempts
                    | GradeAttempts
                    | ViewCoverage
                    | ViewCertificates
            )
        }
        Role::Teacher => matches!(
            permission,
            ViewUnit
                | ViewPeople
                | ViewActivationCodes
                | ImportQuestions
                | AssignModules
                | ViewClassProgress
                | ReviewFamilyTasks
                | ManageFeedback
                | ReviewAttempts
                | GradeAttempts
                | ViewCoverage
                | ViewCertificates
        ),
        Role::DepartmentViewer => {
            matches!(permission, ViewUnit | ViewItemStatistics | ViewCoverage)
        }
        Role::TrainingOfficer => matches!(
            permission,
            ViewUnit | ViewPeople | ManageTraining | ViewTrainingReport
        ),
        Role::Organiser => matches!(permission, ManageContests | ManageCreativeContests),
        Role::Judge => matches!(permission, JudgeEntries),
        Role::Student => matches!(permission, SubmitEntries),
        Role::CivilServant => false,
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

/// What a request wants to do with an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttemptAccess {
    /// Answer, submit, see one's own attempt: the owner only.
    Take,
    /// See a submitted attempt: the owner, or staff holding [`Permission::ReviewAttempts`] on
    /// a class the owner is enrolled in.
    Review,
    /// Grade an essay of a submitted attempt: staff holding [`Permission::GradeAttempts`] on a
    /// class the owner is enrolled in.
    Grade,
}

/// Allows an attempt of `owner_id` (`submitted`: no longer open), or answers 404 — an attempt
/// outside one's reach is not admitted to exist — or 403 for staff who see the student but
/// lack the permission.
pub fn authorize_attempt(
    conn: &mut DbConnection,
    principal: &Principal,
    owner_id: i32,
    submitted: bool,
    access: AttemptAccess,
) -> AppResult<()> {
    let is_owner = principal.user.id == owner_id;
    let permission = match access {
        AttemptAccess::Take => {
            return if is_owner {
                Ok(())
            } else {
                Err(AppError::NotFound)
            };
        }
        AttemptAccess::Review if is_owner => return Ok(()),
        AttemptAccess::Review => Permission::ReviewAttempts,
        AttemptAccess::Grade => Permission::GradeAttempts,
    };
    if !submitted {
        return Err(AppError::NotFound);
    }
    let mut answer = AppError::NotFound;
    for class_id in crate::models::attempt::open_classes(conn, owner_id)? {
        match authorize(conn, principal, permission, class_id) {
            Ok(()) => return Ok(()),
            Err(AppError::Forbidden) => answer = AppError::Forbidden,
            Err(AppError::NotFound) => {}
            Err(other) => return Err(other),
        }
    }
    Err(answer)
}

/// Allows `permission` ([`Permission::ViewCertificates`] or
/// [`Permission::RevokeCertificates`]) on the certificate of `owner_id`: the owner may view
/// their own; staff need the permission on a unit the owner belongs to (a class they are
/// enrolled in, or the unit of one of their learner grants). Otherwise 404 (or 403 for staff
/// who see the owner but lack the permission), so a certificate's existence never leaks.
pub fn authorize_certificate(
    conn: &mut DbConnection,
    principal: &Principal,
    owner_id: i32,
    permission: Permission,
) -> AppResult<()> {
    if principal.user.id == owner_id && permission == Permission::ViewCertificates {
        return Ok(());
    }
    let mut units = crate::models::attempt::open_classes(conn, owner_id)?;
    units.extend(
        crate::models::grant::for_user(conn, owner_id)?
            .into_iter()
            .filter(|g| matches!(g.role, Role::Student | Role::CivilServant))
            .map(|g| g.unit_id),
    );
    let mut answer = AppError::NotFound;
    for unit_id in units {
        match authorize(conn, principal, permission, unit_id) {
            Ok(()) => return Ok(()),
            Err(AppError::Forbidden) => answer = AppError::Forbidden,
            Err(AppError::NotFound) => {}
            Err(other) => return Err(other),
        }
    }
    Err(answer)
}

/// The units where the principal holds `permission` (a grant covers its subtree).
pub fn units_with(principal: &Principal, permission: Permission) -> Vec<i32> {
    principal
        .grants
        .iter()
        .filter(|g| role_allows(g.role, permission))
        .map(|g| g.unit_id)
        .collect()
}

/// Which curriculum audiences a principal may study (the lesson player's authorisation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audiences {
    /// Staff (teachers, administrators, the department) may open every module.
    All,
    /// Learners open the modules written for them.
    Only(std::collections::BTreeSet<&'static str>),
}

impl Audiences {
    /// Whether a module written for `module_audience` is open.
    pub fn admits(&self, module_audience: &[String]) -> bool {
        match self {
            Audiences::All => true,
            Audiences::Only(mine) => module_audience.iter().any(|a| mine.contains(a.as_str())),
        }
    }
}

/// The audiences of the principal: a student by their class's grade (6–9 → `thcs`, 10–12 →
/// `thpt`) or otherwise their school's level, plus `gia_dinh` (the family-helper task); a civil
/// servant `can_bo`, or `to_cnscd` when their role sits on a team; staff everything.
pub fn learner_audiences(conn: &mut DbConnection, principal: &Principal) -> AppResult<Audiences> {
    let mut mine = std::collections::BTreeSet::new();
    for grant in &principal.grants {
        match grant.role {
            Role::SystemAdmin
            | Role::SchoolAdmin
            | Role::Teacher
            | Role::DepartmentViewer
            | Role::TrainingOfficer => {
                return Ok(Audiences::All);
            }
            Role::Student => {
                mine.insert("gia_dinh");
                if let Some(band) = student_band(conn, grant.unit_id)? {
                    mine.insert(band);
                }
            }
            Role::CivilServant => {
                if grant.unit_kind == crate::domain::UnitKind::Team.as_str() {
                    mine.insert("to_cnscd");
                } else {
                    mine.insert("can_bo");
                }
            }
            Role::Organiser | Role::Judge => {}
        }
    }
    Ok(Audiences::Only(mine))
}

/// The audience code of a student's class: its grade band, else its school's level.
pub fn student_band(conn: &mut DbConnection, class_id: i32) -> AppResult<Option<&'static str>> {
    use crate::domain::SchoolLevel;
    let path = unit::path(conn, class_id)?;
    if let Some(grade) = path.iter().rev().find_map(|u| u.grade) {
        match grade {
            6..=9 => return Ok(Some("thcs")),
            10..=12 => return Ok(Some("thpt")),
            _ => {}
        }
    }
    Ok(path
        .iter()
        .rev()
        .find_map(|u| u.school_level())
        .and_then(|level| match level {
            SchoolLevel::Thcs => Some("thcs"),
            SchoolLevel::Thpt => Some("thpt"),
            SchoolLevel::DaiHoc => Some("dai_hoc"),
            SchoolLevel::Nghe => Some("nghe"),
            SchoolLevel::Gdtx => Some("gdtx"),
            SchoolLevel::LienCap => None,
        }))
}

#[cfg(test)]
mod audience_tests {
    use super::Audiences;

    #[test]
    fn learners_are_admitted_to_modules_written_for_one_of_their_audiences() {
        let thpt = Audiences::Only(["thpt", "gia_dinh"].into_iter().collect());
        assert!(thpt.admits(&["thpt".to_owned()]));
        assert!(thpt.admits(&["thcs".to_owned(), "thpt".to_owned()]));
        assert!(!thpt.admits(&["thcs".to_owned()]));
        assert!(!thpt.admits(&[]));
        assert!(Audiences::All.admits(&["can_bo".to_owned()]));
        assert!(!Audiences::Only(Default::default()).admits(&["thpt".to_owned()]));
    }
}
