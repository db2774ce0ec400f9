//! Search across lessons and questions (`GET /api/search?q=…`), ignoring Vietnamese
//! diacritics and case.

use serde::{Deserialize, Serialize};

/// What a search found: lessons of the modules the learner may study (title matches first),
/// and, for content authors only, questions of the bank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchResults {
    /// The query as the server read it (spaces collapsed).
    pub query: String,
    pub lessons: Vec<LessonHit>,
    pub questions: Vec<QuestionHit>,
    /// Whether more matched than the lists hold (at most [`SEARCH_LIMIT`] each).
    pub truncated: bool,
}

/// How many lessons and how many questions a search returns at most.
pub const SEARCH_LIMIT: usize = 20;

/// A lesson that matches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LessonHit {
    pub lesson_id: String,
    pub title: String,
    pub module_id: String,
    pub module_title: String,
    /// Whether the title itself matches (these come first).
    pub title_match: bool,
    /// A short plain-text passage around the match (show it as text, not HTML).
    pub snippet: String,
}

/// A question of the bank that matches (content authors only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuestionHit {
    pub question_id: i32,
    /// The question's id in its category (the bank's `[id:]`, or the imported name).
    pub bank_id: String,
    /// Category path, e.g. `question-bank/thpt-core`.
    pub category: String,
    /// Moodle's type name: multichoice, truefalse, shortanswer, numerical, match, essay,
    /// description.
    pub question_type: String,
    /// A short plain-text passage of the question around the match.
    pub snippet: String,
}
