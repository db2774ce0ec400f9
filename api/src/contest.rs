//! Knowledge contests (cuộc thi tìm hiểu): contests with groups by audience and rounds, entering
//! a round with a prediction (the tie-break question), the leaderboard, qualification for the
//! next round and publication. Taking a round is an ordinary attempt (`attempt.rs`).

use serde::{Deserialize, Serialize};

/// A group (bảng) of a contest: entrants of one audience compete together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContestGroupView {
    pub id: i32,
    /// `thcs`, `thpt`, `dai_hoc`, `nghe`, `gdtx`.
    pub audience: String,
    pub name: String,
}

/// An attempt of the signed-in entrant at a round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyRoundAttempt {
    pub attempt_id: i32,
    /// The attempt's state (`in_progress`, `finished` …).
    pub state: String,
    /// `None` until submitted.
    pub score: Option<f64>,
    pub max_score: f64,
    pub prediction: i64,
}

/// Where the signed-in learner stands in a round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyRound {
    /// Whether a new attempt may start now.
    pub may_start: bool,
    /// Why not, in Vietnamese, when `may_start` is false and no attempt is live.
    pub reason: Option<String>,
    pub live_attempt_id: Option<i32>,
    pub attempts: Vec<MyRoundAttempt>,
    /// Qualified for the next round: `None` until the organiser applies the rule.
    pub qualified: Option<bool>,
}

/// A round of a contest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContestRoundView {
    pub id: i32,
    /// 1: the first round (e.g. school round), 2: the next (provincial round) …
    pub position: i32,
    pub name: String,
    pub module_id: String,
    /// Question tags drawn from (empty: every question of the module).
    pub tags: Vec<String>,
    pub question_count: i32,
    pub time_limit_minutes: i32,
    /// `once` (one attempt per round) or `weekly` (one attempt per week).
    pub attempts_rule: String,
    /// UTC, ISO 8601.
    pub opens_at: String,
    pub closes_at: String,
    /// `upcoming`, `open` or `closed`, by the server's clock.
    pub status: String,
    /// The prediction question's true value, once the round has closed.
    pub prediction_truth: Option<i64>,
    /// `top_per_school` or `threshold`, once applied.
    pub qualify_rule: Option<String>,
    pub qualify_value: Option<f64>,
    pub published: bool,
    pub entrants: i64,
    /// Prize certificates issued when the round was published.
    pub certificates: i64,
    /// The signed-in learner's standing; `None` for organisers and non-entrants.
    pub my: Option<MyRound>,
}

/// A knowledge contest, with its groups and rounds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContestView {
    pub id: i32,
    pub title: String,
    pub description: String,
    /// The organising unit: learners of schools inside it may enter.
    pub unit_code: String,
    pub unit_name: String,
    pub prediction_question: String,
    pub groups: Vec<ContestGroupView>,
    pub rounds: Vec<ContestRoundView>,
    /// The signed-in user organises this contest (may add rounds, close, qualify, publish).
    pub manage: bool,
    /// The signed-in learner's group (audience code), if they are an entrant.
    pub my_group: Option<String>,
}

/// `POST /api/contests`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateContestRequest {
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub unit_code: String,
    pub prediction_question: String,
    /// Audience codes of the groups: `thcs`, `thpt`, `dai_hoc`, `nghe`, `gdtx`.
    pub groups: Vec<String>,
}

/// `POST /api/contests/{contest_id}/rounds`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateRoundRequest {
    pub name: String,
    pub module_id: String,
    #[serde(default)]
    pub tags: Vec<String>,
    pub question_count: i32,
    pub time_limit_minutes: i32,
    /// `once` or `weekly`.
    pub attempts_rule: String,
    /// UTC, ISO 8601 (`2026-12-01T07:00:00Z`).
    pub opens_at: String,
    pub closes_at: String,
}

/// `POST /api/contests/{contest_id}/rounds/{round_id}/entries`: start (or resume) the round,
/// giving the prediction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnterRoundRequest {
    /// The entrant's estimate for the prediction question (a whole number ≥ 0).
    pub prediction: i64,
}

/// `POST /api/contests/{contest_id}/rounds/{round_id}/qualify`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QualifyRequest {
    /// `top_per_school` (the best `value` entrants of each school in each group) or
    /// `threshold` (every entrant scoring at least `value`).
    pub rule: String,
    pub value: f64,
}

/// What the qualification did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QualifySummary {
    pub entrants: i64,
    pub qualified: i64,
}

/// One ranked entrant (their best attempt).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LeaderboardRow {
    /// 1-based; entrants equal on every criterion share a rank.
    pub rank: i64,
    pub name: String,
    pub school_name: String,
    pub group: String,
    pub score: f64,
    pub max_score: f64,
    pub prediction: Option<i64>,
    /// |prediction − true value|, once the true value is known.
    pub prediction_gap: Option<i64>,
    pub duration_seconds: i64,
    /// UTC, ISO 8601.
    pub submitted_at: String,
    pub qualified: Option<bool>,
}

/// `GET /api/contests/{contest_id}/leaderboard`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Leaderboard {
    pub contest_id: i32,
    pub round_id: i32,
    pub round_name: String,
    /// The group shown (audience code), or every group.
    pub group: Option<String>,
    /// The unit shown (its code), or the whole contest.
    pub unit_code: Option<String>,
    pub closed: bool,
    pub published: bool,
    pub prediction_truth: Option<i64>,
    pub rows: Vec<LeaderboardRow>,
}

/// `POST /api/contests/{contest_id}/rounds/{round_id}/publish`: the prizes of each group.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishRoundRequest {
    /// How many Nhất, Nhì, Ba and Khuyến khích prizes each group gets, down its ranking
    /// (entrants tied at a rank share its prize); absent or all zero: no prizes. The winners
    /// receive `contest_prize` certificates. Only the first publication counts.
    #[serde(default)]
    pub prize_counts: [i32; 4],
}
