//! Quiz attempts: starting or resuming an attempt at a module's assessment, saving answers one
//! by one, submitting, and reviewing. Nothing here may carry an answer key, weights or
//! correctness while an attempt is open: `review` is filled only after submission, and only when
//! the review options allow it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One choice shown to the learner. `id` is the position shown (`a`, `b`, `c` …), never the
/// answer's index in the question, so ids reveal nothing about which answer is right.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttemptOption {
    pub id: String,
    /// Sanitised HTML.
    pub text: String,
}

/// A question as an attempt shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttemptQuestion {
    /// 1-based position in the attempt.
    pub slot: i32,
    /// Moodle's type name: `multichoice`, `truefalse`, `shortanswer`, `numerical`, `match`,
    /// `essay`, `description`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Sanitised HTML.
    pub text: String,
    /// For `multichoice`: whether exactly one option may be chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub single: Option<bool>,
    /// Choices (`multichoice`, `truefalse`: ids `true`/`false`; `match`: the answers to pick
    /// from, distractors included), in the order to show them. Empty for the other types.
    #[serde(default)]
    pub options: Vec<AttemptOption>,
    /// For `match`: the items to pair, in the order to show them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stems: Vec<AttemptOption>,
    /// The most this question can add to the score.
    pub max_mark: f64,
}

/// A learner's answer to one question. Which field is used depends on the question type:
/// `selected` for `multichoice` and `truefalse` (option ids), `text` for `shortanswer`,
/// `numerical` and `essay`, `pairs` (stem id → option id) for `match`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttemptResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selected: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pairs: Option<BTreeMap<String, String>>,
}

/// `PUT /api/attempts/{attempt_id}/answers/{slot}`. `seq` is the client's own increasing
/// sequence number for this attempt: a save with a `seq` not above the one kept changes
/// nothing (a late or repeated request never overwrites a newer answer).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SaveAnswerRequest {
    pub seq: i64,
    pub response: AttemptResponse,
}

/// The answer to a save: the sequence number now kept for that slot (the request's, or a newer
/// one already saved).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SaveAnswerAck {
    pub saved_seq: i64,
}

/// `POST /api/modules/{module_id}/attempts` (201, or 200 when an open attempt is resumed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttemptStarted {
    pub attempt_id: i32,
    /// UTC, ISO 8601 (`2026-11-28T15:04:05Z`): when the server stops accepting answers.
    pub deadline: String,
    /// The server's clock when it answered, so the browser can count down without trusting
    /// its own clock.
    pub server_now: String,
    pub questions: Vec<AttemptQuestion>,
}

/// A saved answer, as `GET /api/attempts/{attempt_id}` returns it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SavedAnswer {
    pub slot: i32,
    pub seq: i64,
    pub response: AttemptResponse,
}

/// The review of one question after submission.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SlotReview {
    pub slot: i32,
    /// `None` while an essay waits for a teacher.
    pub mark: Option<f64>,
    pub max_mark: f64,
    /// Option ids (as shown) that earn credit; for `match`, stem id → right option id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub right_options: Vec<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub right_pairs: BTreeMap<String, String>,
    /// For `shortanswer` and `numerical`: an answer that earns full credit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub right_answer: Option<String>,
    /// Feedback for the answer given, then the general feedback (sanitised HTML).
    pub feedback: String,
    /// The teacher's comment on a manually graded essay (plain text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grader_comment: Option<String>,
}

/// `POST /api/attempts/{attempt_id}/submit` (idempotent: submitting again returns the same).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttemptResult {
    /// `None` while an essay waits for manual grading.
    pub score: Option<f64>,
    pub max_score: f64,
    /// `None` while an essay waits for manual grading.
    pub passed: Option<bool>,
}

/// `GET /api/attempts/{attempt_id}`: the attempt with every saved answer, its result once
/// finished, and the review when the review options allow it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttemptView {
    pub attempt_id: i32,
    pub module_id: String,
    /// The module's title, or for an attempt at a contest round the contest's and round's.
    pub module_title: String,
    /// Set when the attempt is at a round of this knowledge contest.
    #[serde(default)]
    pub contest_id: Option<i32>,
    pub attempt_number: i32,
    /// `in_progress`, `overdue` (in the grace period), `finished`, `abandoned`.
    pub state: String,
    pub started_at: String,
    pub deadline: String,
    pub server_now: String,
    pub finished_at: Option<String>,
    pub questions: Vec<AttemptQuestion>,
    pub answers: Vec<SavedAnswer>,
    pub result: Option<AttemptResult>,
    #[serde(default)]
    pub review: Vec<SlotReview>,
}

/// An essay waiting for a teacher (`GET /api/grading/essays`): the teacher's own classes'
/// students only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EssayToGrade {
    pub attempt_id: i32,
    pub slot: i32,
    pub module_id: String,
    pub student_name: String,
    pub student_username: String,
    /// UTC, ISO 8601.
    pub submitted_at: Option<String>,
    /// Sanitised HTML.
    pub question_text: String,
    /// The learner's text, as written (show it as text, not HTML).
    pub response_text: String,
    pub max_mark: f64,
}

/// `PUT /api/attempts/{attempt_id}/slots/{slot}/grade`: a teacher's mark (0..max_mark) and
/// optional comment for an essay. Grading again replaces the mark.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GradeSlotRequest {
    pub mark: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}
