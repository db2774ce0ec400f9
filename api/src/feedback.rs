//! Lesson feedback: a learner's rating and comment, the content owners' queue and their public
//! answer. Public views never carry the learner's name or account (learners are minors).

use serde::{Deserialize, Serialize};

/// Where a piece of feedback stands: `received` (đã nhận) → `answered` (đã trả lời, the answer
/// is public) → `updated` (đã cập nhật: the lesson was changed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FeedbackStatus {
    Received,
    Answered,
    Updated,
}

impl FeedbackStatus {
    pub const ALL: [FeedbackStatus; 3] = [
        FeedbackStatus::Received,
        FeedbackStatus::Answered,
        FeedbackStatus::Updated,
    ];

    /// The code used on the wire and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            FeedbackStatus::Received => "received",
            FeedbackStatus::Answered => "answered",
            FeedbackStatus::Updated => "updated",
        }
    }

    pub fn parse(code: &str) -> Option<FeedbackStatus> {
        FeedbackStatus::ALL.into_iter().find(|s| s.as_str() == code)
    }
}

/// Longest comment a learner may write, in characters.
pub const FEEDBACK_COMMENT_MAX: usize = 1000;
/// Longest public answer, in characters.
pub const FEEDBACK_ANSWER_MAX: usize = 2000;

/// `POST /api/lessons/{id}/feedback`: creates or replaces the learner's own feedback.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedbackRequest {
    /// 1 (poor) to 5 (very good).
    pub rating: i32,
    /// Optional, at most 1000 characters.
    #[serde(default)]
    pub comment: Option<String>,
}

/// The signed-in learner's own feedback on a lesson.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyFeedback {
    pub rating: i32,
    pub comment: Option<String>,
    pub status: FeedbackStatus,
    pub answer: Option<String>,
    /// ISO 8601, UTC.
    pub updated_at: String,
}

/// Answered feedback as everyone may read it: no name, no account, no id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicFeedback {
    pub rating: i32,
    pub comment: Option<String>,
    pub status: FeedbackStatus,
    pub answer: String,
    /// ISO 8601, UTC.
    pub answered_at: String,
}

/// `GET /api/lessons/{id}/feedback`: the learner's own, and the answered feedback of everyone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LessonFeedback {
    pub lesson_id: String,
    pub mine: Option<MyFeedback>,
    pub public: Vec<PublicFeedback>,
}

/// One entry of the content owners' queue (`GET /api/feedback`). The learner stays anonymous
/// here too: owners need the comment, not who wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedbackItem {
    pub id: i32,
    pub lesson_id: String,
    pub lesson_title: String,
    pub module_id: String,
    pub rating: i32,
    pub comment: Option<String>,
    pub status: FeedbackStatus,
    pub answer: Option<String>,
    /// ISO 8601, UTC.
    pub created_at: String,
    /// ISO 8601, UTC.
    pub updated_at: String,
}

/// `PATCH /api/feedback/{id}`: the public answer and/or the next status. Moving to `answered`
/// needs an answer; `updated` comes only after `answered`; a status never goes back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedbackUpdate {
    #[serde(default)]
    pub status: Option<FeedbackStatus>,
    #[serde(default)]
    pub answer: Option<String>,
}
