//! Assignments and class progress (issue 6): a teacher assigns a module to their classes with
//! open and due dates for the current school year; a student's to-do list; the teacher's
//! progress matrix of a class. Who may do what is asked of the gate
//! ([`Permission::AssignModules`], [`Permission::ViewClassProgress`]).
//!
//! Dates people type are days in Vietnam (UTC+7): a module opens at the start of its open day
//! and is due at the end of its due day, stored as UTC.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use diesel::Connection;
use hocdvc_api::{
    AssessmentState, AssignableClass, AssignmentBoard, AssignmentView, ClassProgress,
    CreateAssignmentRequest, ErrorDetail, LessonProgress, MatrixLesson, StudentProgress, TodoItem,
    TodoState, UpdateAssignmentRequest,
};

use crate::db::DbConnection;
use crate::domain::{Role, SchoolYear, UnitKind};
use crate::error::{AppError, AppResult};
use crate::models::assignment::{self, AssignmentRow, AttemptFact, NewAssignment};
use crate::models::{self, family_task, unit};
use crate::services::auth::Principal;
use crate::services::gate::{self, Permission};
use crate::services::people::vietnamese_sort_key;

/// Vietnam's offset from UTC; the country has one time zone and no daylight saving.
const VIETNAM_OFFSET_HOURS: i64 = 7;

/// The field names as the assignment form shows them.
const OPENS_FIELD: &str = "Ngày mở";
const DUE_FIELD: &str = "Hạn nộp";
const CLASSES_FIELD: &str = "Lớp";
const MODULE_FIELD: &str = "Học phần";

/// The school year assignments are made for now.
pub fn current_school_year() -> SchoolYear {
    SchoolYear::containing(models::now().date())
}

/// A day typed as `dd/mm/yyyy` (or `YYYY-MM-DD`, as a date input sends it).
pub fn parse_day(text: &str, field: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(format!("{field}: hãy nhập ngày dạng dd/mm/yyyy."));
    }
    NaiveDate::parse_from_str(text, "%d/%m/%Y")
        .or_else(|_| NaiveDate::parse_from_str(text, "%Y-%m-%d"))
        .map_err(|_| {
            format!("{field}: «{text}» không phải là ngày hợp lệ; hãy viết dạng dd/mm/yyyy.")
        })
}

/// The start of a Vietnamese day, in UTC.
pub fn start_of_day(day: NaiveDate) -> NaiveDateTime {
    day.and_time(NaiveTime::MIN) - Duration::hours(VIETNAM_OFFSET_HOURS)
}

/// The last second of a Vietnamese day, in UTC.
pub fn end_of_day(day: NaiveDate) -> NaiveDateTime {
    start_of_day(day) + Duration::days(1) - Duration::seconds(1)
}

/// The Vietnamese day a UTC moment falls on.
pub fn day_of(at: NaiveDateTime) -> NaiveDate {
    (at + Duration::hours(VIETNAM_OFFSET_HOURS)).date()
}

fn iso(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Open and due dates checked together: both valid days, due not before open.
fn parse_window(opens_on: &str, due_on: &str) -> Result<(NaiveDateTime, NaiveDateTime), AppError> {
    let mut details = Vec::new();
    let opens = parse_day(opens_on, OPENS_FIELD).map_err(|m| field_error(OPENS_FIELD, m));
    let due = parse_day(due_on, DUE_FIELD).map_err(|m| field_error(DUE_FIELD, m));
    match (opens, due) {
        (Ok(opens), Ok(due)) if due < opens => {
            details.push(field_error(
                DUE_FIELD,
                format!(
                    "{DUE_FIELD} ({}) phải từ {} ({}) trở đi.",
                    due.format("%d/%m/%Y"),
                    OPENS_FIELD.to_lowercase(),
                    opens.format("%d/%m/%Y")
                ),
            ));
        }
        (Ok(opens), Ok(due)) => return Ok((start_of_day(opens), end_of_day(due))),
        (opens, due) => {
            details.extend(opens.err());
            details.extend(due.err());
        }
    }
    Err(rejected(details))
}

fn field_error(field: &str, message: String) -> ErrorDetail {
    ErrorDetail {
        line: None,
        column: Some(field.to_owned()),
        message,
    }
}

/// A form refused: the first problem as the message, all of them as details.
fn rejected(details: Vec<ErrorDetail>) -> AppError {
    let message = details
        .first()
        .map(|d| d.message.clone())
        .unwrap_or_else(|| "Thông tin giao bài chưa hợp lệ.".to_owned());
    AppError::Rejected { message, details }
}

fn view(conn: &mut DbConnection, row: &AssignmentRow) -> AppResult<AssignmentView> {
    let (students, completed) =
        assignment::class_counts(conn, row.class_id, &row.module_id, &row.school_year)?;
    Ok(AssignmentView {
        id: row.id,
        module_id: row.module_id.clone(),
        module_title: row.module_title.clone(),
        class_code: row.class_code.clone(),
        class_name: row.class_name.clone(),
        school_year: row.school_year.clone(),
        opens_on: day_of(row.opens_at).to_string(),
        due_on: day_of(row.due_at).to_string(),
        students,
        completed,
    })
}

/// The classes the principal may assign to (`permission` decides which grants count).
fn classes_for(
    conn: &mut DbConnection,
    principal: &Principal,
    permission: Permission,
) -> AppResult<Vec<AssignableClass>> {
    let mut classes: BTreeMap<String, (i32, AssignableClass)> = BTreeMap::new();
    for grant in &principal.grants {
        if !gate::role_allows(grant.role, permission) {
            continue;
        }
        for (id, code, name, grade) in assignment::classes_within(conn, grant.unit_id)? {
            classes.insert(code.clone(), (id, AssignableClass { code, name, grade }));
        }
    }
    Ok(classes.into_values().map(|(_, c)| c).collect())
}

/// Class ids the principal holds `permission` on.
pub fn class_ids_for(
    conn: &mut DbConnection,
    principal: &Principal,
    permission: Permission,
) -> AppResult<Vec<i32>> {
    let mut ids = Vec::new();
    for grant in &principal.grants {
        if gate::role_allows(grant.role, permission) {
            ids.extend(
                assignment::classes_within(conn, grant.unit_id)?
                    .into_iter()
                    .map(|c| c.0),
            );
        }
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// `GET /api/assignments`.
pub fn board(conn: &mut DbConnection, principal: &Principal) -> AppResult<AssignmentBoard> {
    if !gate::may_anywhere(principal, Permission::AssignModules) {
        return Err(AppError::Forbidden);
    }
    let year = current_school_year().to_string();
    let classes = classes_for(conn, principal, Permission::AssignModules)?;
    let ids = class_ids_for(conn, principal, Permission::AssignModules)?;
    let rows = assignment::of_classes(conn, &ids, &year)?;
    let assignments = rows
        .iter()
        .map(|r| view(conn, r))
        .collect::<AppResult<Vec<_>>>()?;
    Ok(AssignmentBoard {
        school_year: year,
        classes,
        assignments,
    })
}

/// Whether a module written for `audience` (grades `first..=last`) suits a class.
fn module_suits_class(
    conn: &mut DbConnection,
    class: &unit::Unit,
    audience: &[String],
    grades: (Option<i32>, Option<i32>),
) -> AppResult<Result<(), String>> {
    let band = gate::student_band(conn, class.id)?;
    // Every student studies the family module; the rest must be written for the class's band.
    let audience_fits = audience.iter().any(|a| a == "gia_dinh")
        || band.is_some_and(|b| audience.iter().any(|a| a == b));
    if !audience_fits {
        return Ok(Err(format!(
            "{MODULE_FIELD}: học phần này không dành cho học sinh lớp {} ({}).",
            class.name,
            band.map_or("không rõ cấp học".to_owned(), |b| b.to_uppercase())
        )));
    }
    if let (Some(grade), (Some(first), Some(last))) = (class.grade, grades)
        && !(first..=last).contains(&grade)
    {
        return Ok(Err(format!(
            "{MODULE_FIELD}: học phần này dành cho khối {first}–{last}, lớp {} là khối {grade}.",
            class.name
        )));
    }
    Ok(Ok(()))
}

/// `POST /api/assignments`: all classes or none.
pub fn create(
    conn: &mut DbConnection,
    principal: &Principal,
    request: &CreateAssignmentRequest,
) -> AppResult<Vec<AssignmentView>> {
    let module_id = request.module_id.trim();
    let Some((module_title, audience, first, last)) = assignment::module_facts(conn, module_id)?
    else {
        return Err(rejected(vec![field_error(
            MODULE_FIELD,
            format!("{MODULE_FIELD}: hãy chọn một học phần có trong chương trình."),
        )]));
    };
    let audience: Vec<String> = serde_json::from_str(&audience).unwrap_or_default();
    let mut codes: Vec<String> = request
        .class_codes
        .iter()
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty())
        .collect();
    codes.sort();
    codes.dedup();
    if codes.is_empty() {
        return Err(rejected(vec![field_error(
            CLASSES_FIELD,
            format!("{CLASSES_FIELD}: hãy chọn ít nhất một lớp."),
        )]));
    }
    let (opens_at, due_at) = parse_window(&request.opens_on, &request.due_on)?;
    let now = models::now();
    let year = current_school_year().to_string();
    let mut details = Vec::new();
    if due_at < now {
        details.push(field_error(
            DUE_FIELD,
            format!("{DUE_FIELD}: ngày này đã qua; hãy chọn hôm nay hoặc một ngày sau."),
        ));
    }
    let mut classes = Vec::with_capacity(codes.len());
    for code in &codes {
        let class = unit::find_by_code(conn, code)?.ok_or(AppError::NotFound)?;
        gate::authorize(conn, principal, Permission::AssignModules, class.id)?;
        if class.kind() != Some(UnitKind::Class) {
            details.push(field_error(
                CLASSES_FIELD,
                format!("{CLASSES_FIELD}: {} không phải là lớp.", class.name),
            ));
            continue;
        }
        if let Err(message) = module_suits_class(conn, &class, &audience, (first, last))? {
            details.push(field_error(MODULE_FIELD, message));
            continue;
        }
        if assignment::exists(conn, class.id, module_id, &year)? {
            details.push(field_error(
                CLASSES_FIELD,
                format!(
                    "{CLASSES_FIELD}: lớp {} đã được giao «{module_title}» trong năm học {year}; \
                     hãy đổi ngày của lần giao đó.",
                    class.name
                ),
            ));
            continue;
        }
        classes.push(class);
    }
    if !details.is_empty() {
        return Err(rejected(details));
    }
    conn.transaction(|conn| {
        let mut views = Vec::with_capacity(classes.len());
        for class in &classes {
            let id = assignment::insert(
                conn,
                &NewAssignment {
                    module_id: module_id.to_owned(),
                    class_id: class.id,
                    school_year: year.clone(),
                    opens_at,
                    due_at,
                    assigned_by: Some(principal.user.id),
                    created_at: now,
                },
            )?;
            let row = assignment::find(conn, id)?.ok_or(AppError::NotFound)?;
            views.push(view(conn, &row)?);
        }
        Ok(views)
    })
}

/// An assignment the principal may change, or 403/404.
fn own_assignment(
    conn: &mut DbConnection,
    principal: &Principal,
    id: i32,
) -> AppResult<AssignmentRow> {
    let row = assignment::find(conn, id)?.ok_or(AppError::NotFound)?;
    gate::authorize(conn, principal, Permission::AssignModules, row.class_id)?;
    Ok(row)
}

/// `PATCH /api/assignments/{id}`: new open and due dates.
pub fn update(
    conn: &mut DbConnection,
    principal: &Principal,
    id: i32,
    request: &UpdateAssignmentRequest,
) -> AppResult<AssignmentView> {
    own_assignment(conn, principal, id)?;
    let (opens_at, due_at) = parse_window(&request.opens_on, &request.due_on)?;
    assignment::set_dates(conn, id, opens_at, due_at)?;
    let row = assignment::find(conn, id)?.ok_or(AppError::NotFound)?;
    view(conn, &row)
}

/// `DELETE /api/assignments/{id}`. Progress, attempts and completions stay: they belong to
/// the students, not to the assignment.
pub fn remove(conn: &mut DbConnection, principal: &Principal, id: i32) -> AppResult<()> {
    own_assignment(conn, principal, id)?;
    assignment::delete(conn, id)?;
    Ok(())
}

/// The best finished score, its maximum, and whether any attempt passed.
fn best_of(attempts: &[AttemptFact]) -> (Option<f64>, Option<f64>, Option<bool>) {
    let best = attempts
        .iter()
        .filter(|a| a.state == "finished")
        .filter_map(|a| a.score.map(|s| (s, a.max_score)))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let passed = attempts
        .iter()
        .filter(|a| a.state == "finished")
        .filter_map(|a| a.passed)
        .reduce(|a, b| a || b);
    (best.map(|b| b.0), best.map(|b| b.1), passed)
}

fn assessment_state(attempts: &[AttemptFact]) -> AssessmentState {
    if attempts.iter().any(|a| a.passed == Some(true)) {
        AssessmentState::Passed
    } else if attempts
        .iter()
        .any(|a| a.state == "in_progress" || a.state == "overdue")
    {
        AssessmentState::InProgress
    } else if attempts
        .iter()
        .any(|a| a.state == "finished" && a.needs_grading)
    {
        AssessmentState::NeedsGrading
    } else if attempts.is_empty() {
        AssessmentState::NotAttempted
    } else {
        AssessmentState::Failed
    }
}

/// `GET /api/me/todo`: the modules assigned to the student's class this school year.
pub fn todo(conn: &mut DbConnection, principal: &Principal) -> AppResult<Vec<TodoItem>> {
    let year = current_school_year().to_string();
    let user_id = principal.user.id;
    if !principal.grants.iter().any(|g| g.role == Role::Student) {
        return Ok(Vec::new());
    }
    let Some((class_id, class_code, _)) = assignment::current_class(conn, user_id, &year)? else {
        return Ok(Vec::new());
    };
    let now = models::now();
    let mut items = Vec::new();
    for row in assignment::of_classes(conn, &[class_id], &year)? {
        let lessons = assignment::required_lessons(conn, &row.module_id)?;
        let ids: Vec<String> = lessons.into_iter().map(|l| l.0).collect();
        let done = assignment::learned(conn, &[user_id], &ids)?.len() as i64;
        let attempts = assignment::attempts_of(conn, &[user_id], &row.module_id, &year)?
            .remove(&user_id)
            .unwrap_or_default();
        let completed =
            !assignment::completions_of(conn, &[user_id], &row.module_id, &year)?.is_empty();
        let (best_score, max_score, passed) = best_of(&attempts);
        let state = if completed {
            TodoState::Completed
        } else if now > row.due_at {
            TodoState::Overdue
        } else if done > 0 || !attempts.is_empty() {
            TodoState::InProgress
        } else {
            TodoState::NotStarted
        };
        items.push(TodoItem {
            assignment_id: row.id,
            module_id: row.module_id.clone(),
            module_title: row.module_title.clone(),
            class_code: class_code.clone(),
            opens_on: day_of(row.opens_at).to_string(),
            due_on: day_of(row.due_at).to_string(),
            open: now >= row.opens_at,
            state,
            lessons: LessonProgress {
                done,
                total: ids.len() as i64,
            },
            best_score,
            max_score,
            passed,
        });
    }
    // Work still to do first, soonest due first; completed work last.
    items.sort_by(|a, b| {
        let rank = |s: TodoState| u8::from(s == TodoState::Completed);
        (rank(a.state), &a.due_on, &a.module_id).cmp(&(rank(b.state), &b.due_on, &b.module_id))
    });
    Ok(items)
}

/// `GET /api/units/{code}/progress?module=…`.
pub fn class_progress(
    conn: &mut DbConnection,
    principal: &Principal,
    class_code: &str,
    module_id: Option<&str>,
) -> AppResult<ClassProgress> {
    let class = unit::find_by_code(conn, class_code)?.ok_or(AppError::NotFound)?;
    gate::authorize(conn, principal, Permission::ViewClassProgress, class.id)?;
    if class.kind() != Some(UnitKind::Class) {
        return Err(AppError::Validation(format!(
            "Đơn vị {} không phải là lớp: tiến độ được xem theo lớp.",
            class.code
        )));
    }
    let year = current_school_year().to_string();
    let assigned = assignment::of_classes(conn, &[class.id], &year)?;
    let module_id = match module_id.map(str::trim).filter(|m| !m.is_empty()) {
        Some(id) => id.to_owned(),
        None => match assigned.first() {
            Some(first) => first.module_id.clone(),
            // Nothing assigned yet: the class's students, no module columns.
            None => String::new(),
        },
    };
    let module_title = if module_id.is_empty() {
        None
    } else {
        let facts = assignment::module_facts(conn, &module_id)?.ok_or(AppError::NotFound)?;
        Some(facts.0)
    };
    let lessons = assignment::required_lessons(conn, &module_id)?;
    let lesson_ids: Vec<String> = lessons.iter().map(|l| l.0.clone()).collect();
    let mut students = assignment::students_of(conn, class.id, &year)?;
    students.sort_by_cached_key(|s| vietnamese_sort_key(&s.2));
    let user_ids: Vec<i32> = students.iter().map(|s| s.0).collect();
    let learned = assignment::learned(conn, &user_ids, &lesson_ids)?;
    let mut attempts = assignment::attempts_of(conn, &user_ids, &module_id, &year)?;
    let completions = assignment::completions_of(conn, &user_ids, &module_id, &year)?;
    let helped = family_task::confirmed_counts(conn, &user_ids, &year)?;
    let pending = family_task::of_users(conn, &user_ids, &year, Some("pending"))?.len() as i64;
    let rows: Vec<StudentProgress> = students
        .into_iter()
        .map(|(id, username, full_name)| {
            let mine = attempts.remove(&id).unwrap_or_default();
            let (best_score, max_score, _) = best_of(&mine);
            StudentProgress {
                username,
                full_name,
                lessons: lesson_ids
                    .iter()
                    .map(|l| learned.contains(&(id, l.clone())))
                    .collect(),
                assessment: assessment_state(&mine),
                attempts: mine.len() as i64,
                best_score,
                max_score,
                completed_at: completions.get(&id).map(|at| iso(*at)),
                families_helped: helped.get(&id).copied().unwrap_or(0),
            }
        })
        .collect();
    let assignment_row = assigned.iter().find(|a| a.module_id == module_id);
    let assignment_view = match assignment_row {
        Some(row) => Some(view(conn, row)?),
        None => None,
    };
    let assigned_modules = assigned
        .iter()
        .map(|r| view(conn, r))
        .collect::<AppResult<Vec<_>>>()?;
    Ok(ClassProgress {
        class_code: class.code,
        class_name: class.name,
        school_year: year,
        module_id: module_title.is_some().then_some(module_id),
        module_title,
        assignment: assignment_view,
        assigned_modules,
        lessons: lessons
            .into_iter()
            .map(|(id, title)| MatrixLesson { id, title })
            .collect(),
        completed: rows.iter().filter(|r| r.completed_at.is_some()).count() as i64,
        families_helped: helped.values().sum(),
        family_tasks_pending: pending,
        students: rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_typed_day_first_or_iso_and_named_in_errors() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap_or_default();
        assert_eq!(parse_day("05/12/2026", "Hạn nộp"), Ok(day));
        assert_eq!(parse_day("2026-12-05", "Hạn nộp"), Ok(day));
        let err = parse_day("31/02/2026", "Hạn nộp").unwrap_err();
        assert!(err.starts_with("Hạn nộp:"), "{err}");
        assert!(
            parse_day("", "Ngày mở")
                .unwrap_err()
                .starts_with("Ngày mở:")
        );
    }

    #[test]
    fn a_vietnamese_day_runs_from_17_00_utc_the_day_before() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap_or_default();
        assert_eq!(start_of_day(day).to_string(), "2026-12-04 17:00:00");
        assert_eq!(end_of_day(day).to_string(), "2026-12-05 16:59:59");
        assert_eq!(day_of(start_of_day(day)), day);
        assert_eq!(day_of(end_of_day(day)), day);
    }

    #[test]
    fn a_due_date_before_the_open_date_is_refused_naming_the_field() {
        let Err(AppError::Rejected { message, details }) = parse_window("10/12/2026", "05/12/2026")
        else {
            panic!("refused");
        };
        assert!(message.contains("Hạn nộp (05/12/2026)"), "{message}");
        assert_eq!(details[0].column.as_deref(), Some("Hạn nộp"));
    }
}
