//! Question files (GIFT, Moodle XML, CSV) imported by content authors from the browser.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One question as the preview shows it: enough to recognise it, never its answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuestionPreview {
    /// Moodle's type name: `multichoice`, `truefalse`, `shortanswer`, `numerical`, `match`,
    /// `essay` or `description`.
    pub kind: String,
    pub name: Option<String>,
    /// The question text as plain text, at most 200 characters.
    pub text: String,
    /// Category path, e.g. `Giáo viên/gv.thpt/Chủ đề 1`.
    pub category: String,
}

/// Answer of `POST /api/questions/import?dry_run=true|false&category=PATH&format=gift|xml|csv`
/// (request body: the file's raw bytes; header `X-File-Name`, percent-encoded). A file with any
/// error is refused whole with 422 and every error (with its line) in `details`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuestionImportSummary {
    pub dry_run: bool,
    pub file_name: String,
    /// `gift`, `xml` or `csv`.
    pub format: String,
    pub total: usize,
    /// Questions per Moodle type name.
    pub by_type: BTreeMap<String, usize>,
    /// Every category the questions go to.
    pub categories: Vec<String>,
    /// New questions.
    pub created: usize,
    /// Questions that changed: a new version becomes current; earlier versions stay.
    pub new_versions: usize,
    pub unchanged: usize,
    pub categories_created: usize,
    /// The first 100 questions.
    pub preview: Vec<QuestionPreview>,
}
