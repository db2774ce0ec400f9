//! Item statistics of an assessment: how hard each question was and how well it separated
//! stronger from weaker learners, and how consistent the whole quiz was. Moodle's quiz
//! statistics report defines every figure; the server computes them on first attempts.

use serde::{Deserialize, Serialize};

/// Why a question is flagged for content review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReviewFlag {
    /// Facility index below 5%: almost nobody earned the marks.
    VeryHard,
    /// Negative discrimination index: learners who did well on the rest of the quiz did worse
    /// on this question than those who did badly (a wrong key or a misleading wording?).
    NegativeDiscrimination,
}

/// The figures of one question, over every first attempt that drew it (all its versions
/// together). Percentages are 0–100; `None` where Moodle leaves the cell empty (too few
/// attempts, or no spread to measure).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuestionStatistics {
    pub question_id: i32,
    /// Moodle's type name of the current version.
    pub kind: String,
    pub name: Option<String>,
    /// The current version's text as plain text, at most 160 characters.
    pub text: String,
    /// First attempts that drew this question.
    pub attempts: usize,
    /// Facility index: the average mark as a percentage of the question's maximum.
    pub facility: Option<f64>,
    /// Standard deviation of the mark, as a percentage of the question's maximum.
    pub standard_deviation: Option<f64>,
    /// Discrimination index (−100 to 100): the correlation of this question's mark with the
    /// mark on the rest of the attempt.
    pub discrimination_index: Option<f64>,
    /// Discriminative efficiency: the discrimination index as a percentage of the highest the
    /// question's and the rest's marks allow.
    pub discriminative_efficiency: Option<f64>,
    /// Why to review the question; empty when nothing stands out.
    pub flags: Vec<ReviewFlag>,
}

/// The figures of the whole quiz, scores as percentages of the maximum score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuizStatistics {
    /// First attempts counted (finished and fully graded).
    pub attempts: usize,
    /// Learners whose first finished attempt still waits for an essay to be graded: left out,
    /// as Moodle does, until it is graded.
    pub awaiting_grading: usize,
    /// Questions per attempt (positions with marks).
    pub positions: usize,
    pub mean: Option<f64>,
    pub median: Option<f64>,
    pub standard_deviation: Option<f64>,
    /// Cronbach's alpha as a percentage (Moodle: coefficient of internal consistency).
    pub cronbach_alpha: Option<f64>,
    /// Moodle's error ratio: 100·√(1 − α), the share of the spread that is noise.
    pub error_ratio: Option<f64>,
    /// Standard error of a score (percentage points): error ratio × standard deviation.
    pub standard_error: Option<f64>,
}

/// `GET /api/modules/{module_id}/statistics?year=2025-2026`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ItemStatistics {
    pub module_id: String,
    pub module_title: String,
    pub school_year: String,
    pub quiz: QuizStatistics,
    /// In the order the questions were first created.
    pub questions: Vec<QuestionStatistics>,
}
