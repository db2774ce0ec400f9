//! The family-helper practical task (issue 6): a student records that they guided a relative
//! through an online public service — relation, procedure and outcome from fixed lists, and a
//! short note — and their class's teacher confirms or rejects it. Confirmed tasks are the
//! "families helped" figure. Nothing about the relative is stored: the lists hold no names, and
//! a note that looks like a phone or identity number is refused.

use diesel::Connection;
use hocdvc_api::{
    ErrorDetail, FAMILY_OUTCOMES, FAMILY_PROCEDURES, FAMILY_RELATIONS, FamilyTaskRequest,
    FamilyTaskStatus, FamilyTaskView,
};

use crate::db::DbConnection;
use crate::domain::{Role, text};
use crate::error::{AppError, AppResult};
use crate::models::family_task::{self, FamilyTaskRow, NewFamilyTask};
use crate::models::{self, assignment};
use crate::services::assignments::{class_ids_for, current_school_year};
use crate::services::auth::Principal;
use crate::services::gate::{self, Permission};

/// Longest note, in characters: a sentence or two.
pub const NOTE_MAX_CHARS: usize = 300;

fn status_code(status: FamilyTaskStatus) -> &'static str {
    match status {
        FamilyTaskStatus::Pending => "pending",
        FamilyTaskStatus::Confirmed => "confirmed",
        FamilyTaskStatus::Rejected => "rejected",
    }
}

fn status_of(code: &str) -> FamilyTaskStatus {
    match code {
        "confirmed" => FamilyTaskStatus::Confirmed,
        "rejected" => FamilyTaskStatus::Rejected,
        _ => FamilyTaskStatus::Pending,
    }
}

fn view(conn: &mut DbConnection, row: FamilyTaskRow) -> AppResult<FamilyTaskView> {
    let class = assignment::current_class(conn, row.user_id, &row.school_year)?;
    Ok(FamilyTaskView {
        id: row.id,
        relation: row.relation,
        procedure: row.procedure_code,
        outcome: row.outcome,
        note: row.note,
        recorded_at: row.recorded_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        status: status_of(&row.status),
        student_name: row.student_name,
        class_code: class.as_ref().map(|c| c.1.clone()),
        class_name: class.map(|c| c.2),
    })
}

fn detail(field: &str, message: String) -> ErrorDetail {
    ErrorDetail {
        line: None,
        column: Some(field.to_owned()),
        message,
    }
}

/// A note with a run of nine or more digits (spaces, dots and dashes between them allowed)
/// looks like a phone, identity or dossier number: personal data of the relative.
fn looks_like_personal_number(note: &str) -> bool {
    let mut run = 0;
    for c in note.chars() {
        if c.is_ascii_digit() {
            run += 1;
            if run >= 9 {
                return true;
            }
        } else if !matches!(c, ' ' | '.' | '-') {
            run = 0;
        }
    }
    false
}

/// The request checked field by field; the note cleaned (NFC, single spaces), empty → none.
fn validate(request: &FamilyTaskRequest) -> AppResult<Option<String>> {
    let mut details = Vec::new();
    let choose = |field: &str, value: &str, list: &[&str], details: &mut Vec<ErrorDetail>| {
        if !list.contains(&value.trim()) {
            details.push(detail(
                field,
                format!("{field}: hãy chọn một mục trong danh sách."),
            ));
        }
    };
    choose(
        "Người được hướng dẫn",
        &request.relation,
        &FAMILY_RELATIONS,
        &mut details,
    );
    choose(
        "Thủ tục",
        &request.procedure,
        &FAMILY_PROCEDURES,
        &mut details,
    );
    choose("Kết quả", &request.outcome, &FAMILY_OUTCOMES, &mut details);
    let note = request
        .note
        .as_deref()
        .map(text::clean)
        .filter(|n| !n.is_empty());
    if let Some(note) = &note {
        if note.chars().count() > NOTE_MAX_CHARS {
            details.push(detail(
                "Ghi chú",
                format!("Ghi chú: tối đa {NOTE_MAX_CHARS} ký tự."),
            ));
        }
        if looks_like_personal_number(note) {
            details.push(detail(
                "Ghi chú",
                "Ghi chú: đừng ghi số điện thoại, số định danh hay mã hồ sơ của người thân."
                    .to_owned(),
            ));
        }
    }
    if let Some(first) = details.first() {
        return Err(AppError::Rejected {
            message: first.message.clone(),
            details,
        });
    }
    Ok(note)
}

/// `POST /api/me/family-tasks`: students only.
pub fn record(
    conn: &mut DbConnection,
    principal: &Principal,
    request: &FamilyTaskRequest,
) -> AppResult<FamilyTaskView> {
    if !principal.grants.iter().any(|g| g.role == Role::Student) {
        return Err(AppError::Forbidden);
    }
    let note = validate(request)?;
    let year = current_school_year().to_string();
    let id = family_task::insert(
        conn,
        &NewFamilyTask {
            user_id: principal.user.id,
            school_year: year,
            relation: request.relation.trim().to_owned(),
            procedure_code: request.procedure.trim().to_owned(),
            outcome: request.outcome.trim().to_owned(),
            note,
            recorded_at: models::now(),
            status: "pending".to_owned(),
        },
    )?;
    let row = family_task::find(conn, id)?.ok_or(AppError::NotFound)?;
    view(conn, row)
}

/// `GET /api/me/family-tasks`: the student's own tasks this school year, newest first.
pub fn mine(conn: &mut DbConnection, principal: &Principal) -> AppResult<Vec<FamilyTaskView>> {
    let year = current_school_year().to_string();
    family_task::of_users(conn, &[principal.user.id], &year, None)?
        .into_iter()
        .map(|row| view(conn, row))
        .collect()
}

/// `GET /api/family-tasks?status=…`: the tasks of the reviewer's classes' students.
pub fn for_review(
    conn: &mut DbConnection,
    principal: &Principal,
    status: FamilyTaskStatus,
) -> AppResult<Vec<FamilyTaskView>> {
    if !gate::may_anywhere(principal, Permission::ReviewFamilyTasks) {
        return Err(AppError::Forbidden);
    }
    let year = current_school_year().to_string();
    let mut students = Vec::new();
    for class_id in class_ids_for(conn, principal, Permission::ReviewFamilyTasks)? {
        students.extend(
            assignment::students_of(conn, class_id, &year)?
                .into_iter()
                .map(|s| s.0),
        );
    }
    students.sort_unstable();
    students.dedup();
    family_task::of_users(conn, &students, &year, Some(status_code(status)))?
        .into_iter()
        .map(|row| view(conn, row))
        .collect()
}

/// `POST /api/family-tasks/{id}/review`: the student's class's teacher (or an admin above it)
/// confirms or rejects; deciding again changes the decision.
pub fn review(
    conn: &mut DbConnection,
    principal: &Principal,
    id: i32,
    status: FamilyTaskStatus,
) -> AppResult<FamilyTaskView> {
    let task = family_task::find(conn, id)?.ok_or(AppError::NotFound)?;
    let (class_id, _, _) = assignment::current_class(conn, task.user_id, &task.school_year)?
        .ok_or(AppError::NotFound)?;
    gate::authorize(conn, principal, Permission::ReviewFamilyTasks, class_id)?;
    if status == FamilyTaskStatus::Pending {
        return Err(AppError::Validation(
            "Quyết định: hãy chọn xác nhận hoặc không xác nhận.".to_owned(),
        ));
    }
    // The decision and the "families helped" counters it moves are one write.
    conn.transaction::<_, AppError, _>(|conn| {
        family_task::set_status(
            conn,
            id,
            status_code(status),
            principal.user.id,
            models::now(),
        )?;
        crate::services::coverage::refresh_students(conn, &[task.user_id], &task.school_year)?;
        Ok(())
    })?;
    let row = family_task::find(conn, id)?.ok_or(AppError::NotFound)?;
    view(conn, row)
}

#[cfg(test)]
mod tests {
    use super::looks_like_personal_number;

    #[test]
    fn phone_and_identity_numbers_in_a_note_are_spotted() {
        assert!(looks_like_personal_number("gọi 0912 345 678"));
        assert!(looks_like_personal_number("CCCD 089123456789"));
        assert!(!looks_like_personal_number(
            "làm xong trong 15 phút, lệ phí 20.000đ"
        ));
        assert!(!looks_like_personal_number("ngày 12/03/2026"));
    }
}
