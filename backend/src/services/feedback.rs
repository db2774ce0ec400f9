//! Lesson feedback: a learner rates a lesson (1–5) with an optional comment, one per learner
//! and lesson, and may edit it; content owners (whoever holds
//! [`Permission::ManageFeedback`]) work through a queue — đã nhận (received) → đã trả lời
//! (answered, with a public answer) → đã cập nhật (the lesson was updated). The lesson page
//! shows answered feedback publicly, never with the learner's name or account.

use hocdvc_api::feedback::{FEEDBACK_ANSWER_MAX, FEEDBACK_COMMENT_MAX};
use hocdvc_api::{
    FeedbackItem, FeedbackRequest, FeedbackStatus, FeedbackUpdate, LessonFeedback, MyFeedback,
    PublicFeedback,
};

use crate::db::DbConnection;
use crate::domain::text;
use crate::error::{AppError, AppResult};
use crate::models::{self, feedback};
use crate::services::auth::Principal;
use crate::services::gate::{self, Permission};
use crate::services::lessons;

/// How many answered items a lesson page shows.
const PUBLIC_LIMIT: i64 = 50;
/// How many items the queue lists at once.
const QUEUE_LIMIT: i64 = 200;

fn iso(at: chrono::NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M:%S").to_string()
}

fn status_of(code: &str) -> FeedbackStatus {
    FeedbackStatus::parse(code).unwrap_or(FeedbackStatus::Received)
}

/// Vietnamese name of a status, as the UI shows it.
fn status_name(status: FeedbackStatus) -> &'static str {
    match status {
        FeedbackStatus::Received => "đã nhận",
        FeedbackStatus::Answered => "đã trả lời",
        FeedbackStatus::Updated => "đã cập nhật",
    }
}

fn rank(status: FeedbackStatus) -> u8 {
    match status {
        FeedbackStatus::Received => 0,
        FeedbackStatus::Answered => 1,
        FeedbackStatus::Updated => 2,
    }
}

/// Cleaned free text, `None` when empty; a message naming the field when too long.
fn free_text(raw: Option<&str>, field: &str, max: usize) -> AppResult<Option<String>> {
    let Some(raw) = raw else {
        return Ok(None);
    };
    let cleaned = text::clean_multiline(raw);
    let length = cleaned.chars().count();
    if length > max {
        return Err(AppError::Validation(format!(
            "{field} dài {length} ký tự; tối đa {max} ký tự."
        )));
    }
    Ok((!cleaned.is_empty()).then_some(cleaned))
}

fn mine(row: &feedback::FeedbackRow) -> MyFeedback {
    MyFeedback {
        rating: row.rating,
        comment: row.comment.clone(),
        status: status_of(&row.status),
        answer: row.answer.clone(),
        updated_at: iso(row.updated_at),
    }
}

/// `POST /api/lessons/{id}/feedback`: creates the learner's feedback or replaces their own.
/// A changed comment goes back to "đã nhận" (the old answer no longer answers it); a changed
/// rating alone keeps the status and answer.
pub fn save_own(
    conn: &mut DbConnection,
    principal: &Principal,
    lesson_id: &str,
    request: &FeedbackRequest,
) -> AppResult<MyFeedback> {
    lessons::open_lesson_module(conn, principal, lesson_id)?;
    if !(1..=5).contains(&request.rating) {
        return Err(AppError::Validation(format!(
            "Điểm đánh giá (rating) phải từ 1 đến 5; đã gửi {}.",
            request.rating
        )));
    }
    let comment = free_text(
        request.comment.as_deref(),
        "Góp ý (comment)",
        FEEDBACK_COMMENT_MAX,
    )?;
    let now = models::now();
    match feedback::find_own(conn, lesson_id, principal.user.id)? {
        Some(row) => {
            let mut change = row.change();
            if row.comment != comment {
                change.status = FeedbackStatus::Received.as_str().to_owned();
                change.answer = None;
                change.answered_by = None;
                change.answered_at = None;
            }
            change.rating = request.rating;
            change.comment = comment;
            change.updated_at = now;
            feedback::update(conn, row.id, &change)?;
        }
        None => {
            let row = feedback::NewFeedback {
                lesson_id: lesson_id.to_owned(),
                user_id: principal.user.id,
                rating: request.rating,
                comment,
                status: FeedbackStatus::Received.as_str().to_owned(),
                created_at: now,
                updated_at: now,
            };
            // Two submissions at once: the second hits the (lesson, user) key; ask again.
            if let Err(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            )) = feedback::insert(conn, &row)
            {
                return Err(AppError::Conflict(
                    "Góp ý của bạn cho bài này vừa được lưu. Hãy tải lại trang.".into(),
                ));
            }
        }
    }
    let row = feedback::find_own(conn, lesson_id, principal.user.id)?.ok_or(AppError::NotFound)?;
    Ok(mine(&row))
}

/// `GET /api/lessons/{id}/feedback`: the learner's own and everyone's answered feedback,
/// anonymous.
pub fn for_lesson(
    conn: &mut DbConnection,
    principal: &Principal,
    lesson_id: &str,
) -> AppResult<LessonFeedback> {
    lessons::open_lesson_module(conn, principal, lesson_id)?;
    let own = feedback::find_own(conn, lesson_id, principal.user.id)?;
    let public = feedback::answered_on(conn, lesson_id, PUBLIC_LIMIT)?
        .into_iter()
        .filter_map(|row| {
            Some(PublicFeedback {
                rating: row.rating,
                comment: row.comment,
                status: status_of(&row.status),
                answer: row.answer?,
                answered_at: iso(row.answered_at.unwrap_or(row.updated_at)),
            })
        })
        .collect();
    Ok(LessonFeedback {
        lesson_id: lesson_id.to_owned(),
        mine: own.as_ref().map(mine),
        public,
    })
}

fn require_owner(principal: &Principal) -> AppResult<()> {
    if gate::may_anywhere(principal, Permission::ManageFeedback) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

fn item(row: feedback::FeedbackRow, lesson_title: String, module_id: String) -> FeedbackItem {
    FeedbackItem {
        id: row.id,
        lesson_id: row.lesson_id,
        lesson_title,
        module_id,
        rating: row.rating,
        comment: row.comment,
        status: status_of(&row.status),
        answer: row.answer,
        created_at: iso(row.created_at),
        updated_at: iso(row.updated_at),
    }
}

/// Reads the `status` filter of the queue.
pub fn parse_status(raw: Option<&str>) -> AppResult<Option<FeedbackStatus>> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(code) => FeedbackStatus::parse(code).map(Some).ok_or_else(|| {
            AppError::Validation(format!(
                "Trạng thái (status) «{code}» không hợp lệ; dùng received, answered hoặc updated."
            ))
        }),
    }
}

/// `GET /api/feedback?status=…`: the owners' queue.
pub fn queue(
    conn: &mut DbConnection,
    principal: &Principal,
    status: Option<FeedbackStatus>,
) -> AppResult<Vec<FeedbackItem>> {
    require_owner(principal)?;
    Ok(
        feedback::queue(conn, status.map(FeedbackStatus::as_str), QUEUE_LIMIT)?
            .into_iter()
            .map(|(row, title, module)| item(row, title, module))
            .collect(),
    )
}

/// `PATCH /api/feedback/{id}`: writes the public answer and/or moves the status forward.
pub fn update(
    conn: &mut DbConnection,
    principal: &Principal,
    id: i32,
    request: &FeedbackUpdate,
) -> AppResult<FeedbackItem> {
    require_owner(principal)?;
    let row = feedback::find(conn, id)?.ok_or(AppError::NotFound)?;
    if request.status.is_none() && request.answer.is_none() {
        return Err(AppError::Validation(
            "Cần gửi trạng thái (status) hoặc câu trả lời công khai (answer).".into(),
        ));
    }
    let current = status_of(&row.status);
    let answer = free_text(
        request.answer.as_deref(),
        "Câu trả lời công khai (answer)",
        FEEDBACK_ANSWER_MAX,
    )?;
    // Writing an answer to new feedback answers it.
    let target = match (request.status, &answer) {
        (Some(status), _) => status,
        (None, Some(_)) if current == FeedbackStatus::Received => FeedbackStatus::Answered,
        (None, _) => current,
    };
    if rank(target) < rank(current) {
        return Err(AppError::Validation(format!(
            "Trạng thái (status) không thể chuyển từ «{}» về «{}».",
            status_name(current),
            status_name(target)
        )));
    }
    if target == FeedbackStatus::Updated && current == FeedbackStatus::Received {
        return Err(AppError::Validation(
            "Trạng thái (status): góp ý cần được trả lời («đã trả lời») trước khi chuyển sang «đã cập nhật».".into(),
        ));
    }
    let final_answer = answer.clone().or_else(|| row.answer.clone());
    if target != FeedbackStatus::Received && final_answer.is_none() {
        return Err(AppError::Validation(format!(
            "Câu trả lời công khai (answer) là bắt buộc trước khi chuyển sang «{}».",
            status_name(target)
        )));
    }
    if target == FeedbackStatus::Received && answer.is_some() {
        return Err(AppError::Validation(
            "Trạng thái (status): góp ý có câu trả lời thì chuyển sang «đã trả lời».".into(),
        ));
    }
    let now = models::now();
    let mut change = row.change();
    change.status = target.as_str().to_owned();
    if answer.is_some() && answer != row.answer {
        change.answer = answer;
        change.answered_by = Some(principal.user.id);
        change.answered_at = Some(now);
    }
    change.updated_at = now;
    feedback::update(conn, id, &change)?;
    let row = feedback::find(conn, id)?.ok_or(AppError::NotFound)?;
    let (title, module) = feedback::lesson_of(conn, &row.lesson_id)?;
    Ok(item(row, title, module))
}
