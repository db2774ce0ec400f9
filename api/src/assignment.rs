//! Assignments and class progress: a teacher assigns a module to their classes with open and
//! due dates; a student's to-do list ("Việc cần làm"); the teacher's progress matrix of a class;
//! and the family-helper practical task a student records and their teacher confirms.
//!
//! Open and due dates travel as days, `YYYY-MM-DD` in Vietnam's calendar (`*_on`): work opens
//! at the start of its open day and is due at the end of its due day, Vietnam time (UTC+7).

use serde::{Deserialize, Serialize};

use crate::LessonProgress;

/// A class a teacher (or school administrator) may assign modules to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssignableClass {
    pub code: String,
    pub name: String,
    pub grade: Option<i32>,
}

/// One module assigned to one class for a school year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssignmentView {
    pub id: i32,
    pub module_id: String,
    pub module_title: String,
    pub class_code: String,
    pub class_name: String,
    pub school_year: String,
    /// First day of work, `YYYY-MM-DD` (Vietnam's calendar).
    pub opens_on: String,
    /// Last day of work, `YYYY-MM-DD` (Vietnam's calendar).
    pub due_on: String,
    /// Students enrolled in the class now.
    pub students: i64,
    /// Of them, those who completed the module this school year.
    pub completed: i64,
}

/// `GET /api/assignments`: what the signed-in teacher may assign to, and what is assigned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssignmentBoard {
    pub school_year: String,
    pub classes: Vec<AssignableClass>,
    /// By class, then due date.
    pub assignments: Vec<AssignmentView>,
}

/// `POST /api/assignments`: assign one module to one or more classes. Dates as typed:
/// `dd/mm/yyyy` or `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateAssignmentRequest {
    pub module_id: String,
    pub class_codes: Vec<String>,
    pub opens_on: String,
    pub due_on: String,
}

/// `PATCH /api/assignments/{id}`: new dates, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateAssignmentRequest {
    pub opens_on: String,
    pub due_on: String,
}

/// Where a student stands with an assigned module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TodoState {
    /// Chưa bắt đầu.
    NotStarted,
    /// Đang học.
    InProgress,
    /// Hoàn thành.
    Completed,
    /// Quá hạn: past the due date and not completed.
    Overdue,
}

/// One line of the to-do list (`GET /api/me/todo`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TodoItem {
    pub assignment_id: i32,
    pub module_id: String,
    pub module_title: String,
    pub class_code: String,
    pub opens_on: String,
    pub due_on: String,
    /// Whether the open date has come.
    pub open: bool,
    pub state: TodoState,
    /// Required lessons learned of those the module has.
    pub lessons: LessonProgress,
    /// The best finished attempt, when there is one.
    pub best_score: Option<f64>,
    pub max_score: Option<f64>,
    pub passed: Option<bool>,
}

/// A required lesson, as a column of the progress matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MatrixLesson {
    pub id: String,
    pub title: String,
}

/// How far a student is with the module's assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AssessmentState {
    /// No attempt yet.
    NotAttempted,
    /// An attempt is open.
    InProgress,
    /// Finished, waiting for a teacher to grade an essay.
    NeedsGrading,
    /// Finished and passed.
    Passed,
    /// Finished, not passed (yet).
    Failed,
}

/// One row of the progress matrix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StudentProgress {
    pub username: String,
    pub full_name: String,
    /// Learned or not, in the order of [`ClassProgress::lessons`].
    pub lessons: Vec<bool>,
    pub assessment: AssessmentState,
    pub attempts: i64,
    pub best_score: Option<f64>,
    pub max_score: Option<f64>,
    /// When the module completion was recorded (UTC), if it was.
    pub completed_at: Option<String>,
    /// Family-helper tasks confirmed this school year.
    pub families_helped: i64,
}

/// `GET /api/units/{code}/progress?module=…`: a class's students × the module's required
/// lessons, with assessment and completion, sorted as Vietnamese class lists are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClassProgress {
    pub class_code: String,
    pub class_name: String,
    pub school_year: String,
    /// The module shown; `None` when none was asked for and the class has none assigned.
    pub module_id: Option<String>,
    pub module_title: Option<String>,
    /// The class's assignment of this module this school year, if any.
    pub assignment: Option<AssignmentView>,
    /// The other modules assigned to the class this year, to switch to.
    pub assigned_modules: Vec<AssignmentView>,
    pub lessons: Vec<MatrixLesson>,
    pub students: Vec<StudentProgress>,
    pub completed: i64,
    /// Confirmed family-helper tasks of the class's students this school year.
    pub families_helped: i64,
    /// Family-helper tasks waiting for a teacher.
    pub family_tasks_pending: i64,
}

/// The fixed list of relations a family-helper task may name (codes; the UI labels them).
pub const FAMILY_RELATIONS: [&str; 5] =
    ["parent", "grandparent", "sibling", "relative", "neighbour"];

/// The fixed list of procedures a family-helper task may name.
pub const FAMILY_PROCEDURES: [&str; 9] = [
    "vneid_activation",
    "birth_registration_bundle",
    "death_registration_bundle",
    "residence_registration",
    "driving_licence_renewal",
    "electricity_bill_payment",
    "fee_payment",
    "dossier_tracking",
    "other",
];

/// How a family-helper task ended.
pub const FAMILY_OUTCOMES: [&str; 3] = ["succeeded", "unfinished", "needs_more_help"];

/// `POST /api/me/family-tasks`. No personal data of the relative: codes from the fixed lists,
/// and a short note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FamilyTaskRequest {
    /// One of [`FAMILY_RELATIONS`].
    pub relation: String,
    /// One of [`FAMILY_PROCEDURES`].
    pub procedure: String,
    /// One of [`FAMILY_OUTCOMES`].
    pub outcome: String,
    #[serde(default)]
    pub note: Option<String>,
}

/// Where a family-helper task stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FamilyTaskStatus {
    Pending,
    Confirmed,
    Rejected,
}

/// A recorded family-helper task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FamilyTaskView {
    pub id: i32,
    pub relation: String,
    pub procedure: String,
    pub outcome: String,
    pub note: Option<String>,
    /// UTC.
    pub recorded_at: String,
    pub status: FamilyTaskStatus,
    /// Who recorded it (for the teacher's list).
    pub student_name: String,
    pub class_code: Option<String>,
    pub class_name: Option<String>,
}

/// `POST /api/family-tasks/{id}/review`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FamilyTaskReview {
    /// `confirmed` or `rejected`.
    pub status: FamilyTaskStatus,
}
