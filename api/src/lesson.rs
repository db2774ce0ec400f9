//! The lesson player: modules a learner may study, their lessons, a lesson rendered for reading,
//! and the learner's progress.

use serde::{Deserialize, Serialize};

/// How far a learner is through a module's lessons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LessonProgress {
    pub done: i64,
    pub total: i64,
}

/// One module in the learner's list (`GET /api/modules`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ModuleSummary {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    /// Audience codes: `thcs`, `thpt`, `dai_hoc`, `nghe`, `gdtx`, `can_bo`, `to_cnscd`, `gia_dinh`.
    pub audience: Vec<String>,
    /// The core module of a grade band (completing it counts toward coverage).
    pub core: bool,
    pub lesson_count: i64,
    /// Estimated minutes of all lessons.
    pub minutes: i64,
    pub progress: LessonProgress,
}

/// One lesson in a module's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LessonSummary {
    pub id: String,
    pub title: String,
    pub minutes: i32,
    pub required: bool,
    pub done: bool,
}

/// `GET /api/modules/{id}`: the module with its lessons in learning order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ModuleDetail {
    pub module: ModuleSummary,
    pub lessons: Vec<LessonSummary>,
}

/// A language a lesson can be read in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LessonLanguage {
    /// `vi`, `km`, `en`.
    pub code: String,
    /// A translation not yet reviewed by a native speaker.
    pub review_pending: bool,
}

/// `GET /api/lessons/{id}?lang=vi|km|en`: a lesson ready to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LessonView {
    pub id: String,
    pub module_id: String,
    pub module_title: String,
    pub title: String,
    pub minutes: i32,
    /// The language of `title` and `html`.
    pub language: String,
    /// The body as sanitised HTML: no script, event handlers or inline style; images lazy and
    /// served from `/api/modules/{module}/media/…`; videos as click-to-load placeholders
    /// (`a.video-placeholder` with `data-video-kind` and `data-video-src`).
    pub html: String,
    /// The original (`vi`) first, then the translations.
    pub languages: Vec<LessonLanguage>,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub done: bool,
}

/// `POST /api/lessons/{id}/done`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LessonDone {
    pub lesson_id: String,
    pub module_id: String,
    pub progress: LessonProgress,
}
