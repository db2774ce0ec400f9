//! Creative contests (poster, model, video), their entries, and panel judging. Everything a
//! judge receives (`JudgeAssignment`, `JudgeEntryView`) is blind: no entrant name, school or
//! account. The public gallery carries no names or schools either (entrants are minors).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Poster,
    Model,
    Video,
}

impl EntryKind {
    pub const ALL: [EntryKind; 3] = [EntryKind::Poster, EntryKind::Model, EntryKind::Video];

    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Poster => "poster",
            EntryKind::Model => "model",
            EntryKind::Video => "video",
        }
    }

    pub fn parse(code: &str) -> Option<EntryKind> {
        EntryKind::ALL.into_iter().find(|k| k.as_str() == code)
    }
}

/// How the judges' totals of an entry become its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    /// The mean of the judges' totals.
    Mean,
    /// The mean without the highest and the lowest total (with three judges or more).
    TrimmedMean,
    /// Each judge's totals turned into z-scores over all their entries (correcting harsh and
    /// lenient judges), averaged, and put back on the 0–100 scale.
    Zscore,
}

impl Aggregation {
    pub const ALL: [Aggregation; 3] = [
        Aggregation::Mean,
        Aggregation::TrimmedMean,
        Aggregation::Zscore,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Aggregation::Mean => "mean",
            Aggregation::TrimmedMean => "trimmed_mean",
            Aggregation::Zscore => "zscore",
        }
    }

    pub fn parse(code: &str) -> Option<Aggregation> {
        Aggregation::ALL.into_iter().find(|k| k.as_str() == code)
    }
}

/// Giải Nhất / Nhì / Ba / Khuyến khích.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PrizeTier {
    First,
    Second,
    Third,
    Merit,
}

impl PrizeTier {
    pub const ALL: [PrizeTier; 4] = [
        PrizeTier::First,
        PrizeTier::Second,
        PrizeTier::Third,
        PrizeTier::Merit,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PrizeTier::First => "first",
            PrizeTier::Second => "second",
            PrizeTier::Third => "third",
            PrizeTier::Merit => "merit",
        }
    }

    pub fn parse(code: &str) -> Option<PrizeTier> {
        PrizeTier::ALL.into_iter().find(|k| k.as_str() == code)
    }

    /// The Vietnamese name of the tier.
    pub fn label(self) -> &'static str {
        match self {
            PrizeTier::First => "Giải Nhất",
            PrizeTier::Second => "Giải Nhì",
            PrizeTier::Third => "Giải Ba",
            PrizeTier::Merit => "Giải Khuyến khích",
        }
    }
}

/// Where a contest stands, by the server clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ContestPhase {
    /// Before submission opens.
    Upcoming,
    /// Entries may be created, edited and withdrawn.
    Submission,
    /// Submission closed; judges score.
    Judging,
    /// Results published.
    Published,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CriterionInput {
    pub name: String,
    pub weight: i32,
    pub scale_max: i32,
    #[serde(default)]
    pub guidance: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CriterionView {
    pub id: i32,
    pub name: String,
    pub weight: i32,
    pub scale_max: i32,
    pub guidance: String,
}

/// `POST /api/creative-contests`. Times are RFC 3339 or `YYYY-MM-DDTHH:MM` (UTC).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateCreativeContest {
    pub title: String,
    pub kind: EntryKind,
    #[serde(default)]
    pub description: String,
    /// The organising unit's code (entrants must study inside it).
    pub unit_code: String,
    pub submission_opens_at: String,
    pub submission_closes_at: String,
    pub team_size_max: i32,
    /// Largest file in bytes (default 20 MB).
    #[serde(default)]
    pub max_file_bytes: Option<i64>,
    pub judges_per_entry: i32,
    pub rubric: Vec<CriterionInput>,
}

/// `PATCH /api/creative-contests/{id}`: the settings an organiser may change at any time
/// before publication.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateCreativeContest {
    #[serde(default)]
    pub aggregation: Option<Aggregation>,
    #[serde(default)]
    pub disagreement_threshold: Option<f64>,
    /// Counts of Nhất, Nhì, Ba, Khuyến khích.
    #[serde(default)]
    pub prize_counts: Option<[i32; 4]>,
    #[serde(default)]
    pub popular_vote: Option<bool>,
    #[serde(default)]
    pub submission_closes_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreativeContestView {
    pub id: i32,
    pub title: String,
    pub kind: EntryKind,
    pub description: String,
    pub unit_code: String,
    pub unit_name: String,
    pub submission_opens_at: String,
    pub submission_closes_at: String,
    pub phase: ContestPhase,
    pub team_size_max: i32,
    pub max_file_bytes: i64,
    pub judges_per_entry: i32,
    pub aggregation: Aggregation,
    pub disagreement_threshold: f64,
    pub prize_counts: [i32; 4],
    pub popular_vote: bool,
    pub rubric: Vec<CriterionView>,
}

/// `PUT /api/creative-contests/{id}/judges`: the panel, by username.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SetJudgesRequest {
    pub usernames: Vec<String>,
}

/// A judge of the panel, as the organiser sees them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PanelJudge {
    pub user_id: i32,
    pub username: String,
    pub full_name: String,
    /// Schools the judge is affiliated with (never assigned their entries).
    pub schools: Vec<String>,
    pub assigned: i32,
    pub submitted: i32,
}

/// `POST /api/creative-contests/{id}/assignments`: an organiser's override.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ManualAssignment {
    pub entry_id: i32,
    pub judge_id: i32,
}

/// `POST /api/creative-contests/{id}/conflicts` and `POST /api/judging/entries/{id}/conflict`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConflictRequest {
    /// Organisers name the judge; a judge declaring for themself leaves it out.
    #[serde(default)]
    pub judge_id: Option<i32>,
    #[serde(default)]
    pub entry_id: Option<i32>,
    pub reason: String,
}

/// The answer of an automatic assignment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssignmentRun {
    pub created: i32,
    pub kept: i32,
    /// Every judge's number of entries after the run.
    pub loads: Vec<JudgeLoad>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JudgeLoad {
    pub username: String,
    pub entries: i32,
}

/// One judge's scoring of one entry, as the organiser sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrganiserScore {
    pub assignment_id: i32,
    pub judge_id: i32,
    pub judge_username: String,
    pub source: String,
    pub submitted: bool,
    pub total: Option<f64>,
}

/// An entry in the organiser's results table (names visible: the organiser awards prizes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrganiserEntry {
    pub id: i32,
    pub title: String,
    pub school_name: String,
    pub members: Vec<String>,
    pub status: String,
    pub scores: Vec<OrganiserScore>,
    pub mean: Option<f64>,
    pub trimmed_mean: Option<f64>,
    pub zscore: Option<f64>,
    /// The score by the contest's aggregation.
    pub score: Option<f64>,
    pub spread: Option<f64>,
    pub std_dev: Option<f64>,
    pub flagged: bool,
    pub rank: Option<i32>,
    pub prize: Option<PrizeTier>,
    pub votes: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContestResults {
    pub contest: CreativeContestView,
    pub judges: Vec<PanelJudge>,
    pub entries: Vec<OrganiserEntry>,
    pub flagged: i32,
    /// Prize certificates issued to the winners' team members (0 before publication).
    pub certificates: i64,
}

/// `POST /api/creative-contests/{id}/entries`, `PATCH /api/entries/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EntryRequest {
    pub title: String,
    #[serde(default)]
    pub statement: String,
    /// Usernames of team-mates besides the signed-in student (same school); on an edit, none
    /// keeps the team as it is.
    #[serde(default)]
    pub members: Vec<String>,
    #[serde(default)]
    pub video_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EntryFileView {
    pub id: i32,
    pub media_type: String,
    pub byte_size: i64,
    pub width: Option<i32>,
    pub height: Option<i32>,
    pub url: String,
    pub thumb_url: Option<String>,
}

/// An entry as its team sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyEntry {
    pub id: i32,
    pub contest_id: i32,
    pub contest_title: String,
    pub phase: ContestPhase,
    pub title: String,
    pub statement: String,
    pub video_url: Option<String>,
    pub status: String,
    pub members: Vec<String>,
    pub files: Vec<EntryFileView>,
    pub editable: bool,
    pub prize: Option<PrizeTier>,
}

/// One entry to score, as the judge's list shows it (blind).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JudgeAssignment {
    pub entry_id: i32,
    pub contest_id: i32,
    pub contest_title: String,
    pub title: String,
    pub thumb_url: Option<String>,
    pub submitted: bool,
    pub my_total: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CriterionScore {
    pub criterion_id: i32,
    pub score: i32,
}

/// Another judge's scoring, shown only after one's own is submitted; judges are numbered,
/// not named.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PeerScore {
    pub judge_label: String,
    pub scores: Vec<CriterionScore>,
    pub total: f64,
}

/// What a judge sees of one entry (blind).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JudgeEntryView {
    pub entry_id: i32,
    pub contest_id: i32,
    pub contest_title: String,
    pub kind: EntryKind,
    pub phase: ContestPhase,
    pub title: String,
    pub statement: String,
    pub video_url: Option<String>,
    pub files: Vec<EntryFileView>,
    pub rubric: Vec<CriterionView>,
    pub my_scores: Vec<CriterionScore>,
    pub my_comment: Option<String>,
    pub submitted: bool,
    pub my_total: Option<f64>,
    /// Empty until the judge has submitted their own scores.
    pub peer_scores: Vec<PeerScore>,
}

/// `PUT /api/judging/entries/{id}/scores`: saves a draft, or submits when `submit`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScoreRequest {
    pub scores: Vec<CriterionScore>,
    #[serde(default)]
    pub comment: Option<String>,
    #[serde(default)]
    pub submit: bool,
}

/// A prize-winning entry in the public gallery: no names, no school (entrants are minors).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GalleryEntry {
    pub entry_id: i32,
    pub contest_id: i32,
    pub contest_title: String,
    pub title: String,
    pub prize: PrizeTier,
    pub rank: i32,
    pub thumb_url: Option<String>,
    /// Popular votes, when the contest has the popular vote on.
    pub votes: Option<i64>,
    /// Whether the signed-in viewer already voted for it (false for visitors).
    pub voted: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VoteResult {
    pub entry_id: i32,
    pub votes: i64,
    pub voted: bool,
}
