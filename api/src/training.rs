//! Annual training for civil servants and community digital-technology teams (issue 9): the
//! training cycle of a unit's subtree for a calendar year, a learner's status in it, the
//! agency report and the reminder list.

use serde::{Deserialize, Serialize};

/// A member's job group, from the agency roster ("Nhóm").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum JobGroup {
    /// Lãnh đạo.
    Leader,
    /// Cán bộ vận hành hệ thống.
    Operator,
    /// Công chức khác.
    OtherCivilServant,
    /// Thành viên Tổ công nghệ số cộng đồng.
    CommunityTeam,
}

impl JobGroup {
    pub const ALL: [JobGroup; 4] = [
        JobGroup::Leader,
        JobGroup::Operator,
        JobGroup::OtherCivilServant,
        JobGroup::CommunityTeam,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            JobGroup::Leader => "leader",
            JobGroup::Operator => "operator",
            JobGroup::OtherCivilServant => "other_civil_servant",
            JobGroup::CommunityTeam => "community_team",
        }
    }

    pub fn from_stored(value: &str) -> Option<JobGroup> {
        JobGroup::ALL.into_iter().find(|g| g.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            JobGroup::Leader => "Lãnh đạo",
            JobGroup::Operator => "Cán bộ vận hành hệ thống",
            JobGroup::OtherCivilServant => "Công chức khác",
            JobGroup::CommunityTeam => "Thành viên Tổ CNSCĐ",
        }
    }
}

/// What an assigned module counts toward: the deep training (100% trained) or the short
/// awareness item for leaders (100% informed). Counted apart in every report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TrainingTrack {
    /// Bồi dưỡng chuyên sâu.
    Training,
    /// Phổ biến, nắm thông tin.
    Awareness,
}

impl TrainingTrack {
    pub fn as_str(self) -> &'static str {
        match self {
            TrainingTrack::Training => "training",
            TrainingTrack::Awareness => "awareness",
        }
    }

    pub fn from_stored(value: &str) -> Option<TrainingTrack> {
        [TrainingTrack::Training, TrainingTrack::Awareness]
            .into_iter()
            .find(|t| t.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            TrainingTrack::Training => "Bồi dưỡng",
            TrainingTrack::Awareness => "Phổ biến (nắm thông tin)",
        }
    }
}

/// A learner's status in a cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TrainingStatus {
    /// Chưa bắt đầu.
    NotStarted,
    /// Đang học.
    InProgress,
    /// Hoàn thành.
    Completed,
    /// Quá hạn.
    Overdue,
}

impl TrainingStatus {
    pub fn label(self) -> &'static str {
        match self {
            TrainingStatus::NotStarted => "Chưa bắt đầu",
            TrainingStatus::InProgress => "Đang học",
            TrainingStatus::Completed => "Hoàn thành",
            TrainingStatus::Overdue => "Quá hạn",
        }
    }
}

/// One module a cycle asks of one job group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrainingCycleModule {
    pub job_group: JobGroup,
    pub module_id: String,
    pub track: TrainingTrack,
    /// Filled in answers; ignored in requests.
    #[serde(default)]
    pub module_title: String,
}

/// Body of `PUT /api/training/cycles/{unit_code}/{year}`: opens the cycle, or changes its due
/// date and modules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpenCycleRequest {
    /// Hạn hoàn thành, `yyyy-mm-dd`, within the year.
    pub due_on: String,
    pub modules: Vec<TrainingCycleModule>,
}

/// A training cycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrainingCycleView {
    pub unit_code: String,
    pub unit_name: String,
    pub year: i32,
    /// `yyyy-mm-dd`.
    pub due_on: String,
    pub modules: Vec<TrainingCycleModule>,
}

/// One row of the agency report: one unit (agency or team), job group and track.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrainingReportRow {
    pub unit_code: String,
    pub unit_name: String,
    pub job_group: JobGroup,
    pub track: TrainingTrack,
    /// Members of the group a cycle asks this track of.
    pub enrolled: u32,
    pub completed: u32,
    pub overdue: u32,
    /// completed / enrolled × 100, one decimal.
    pub percent: f64,
    /// The target in percent (100: every member, every year).
    pub target_percent: f64,
}

/// A learner in the overdue or reminder list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrainingLearner {
    pub username: String,
    pub full_name: String,
    pub unit_code: String,
    pub unit_name: String,
    pub job_group: JobGroup,
    pub status: TrainingStatus,
    /// `yyyy-mm-dd`.
    pub due_on: String,
    /// Titles of the modules still to complete.
    pub missing: Vec<String>,
}

/// `GET /api/training/report/{unit_code}?year=2026`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrainingReport {
    pub unit_code: String,
    pub unit_name: String,
    pub year: i32,
    pub rows: Vec<TrainingReportRow>,
    /// Everyone past the due date without completing.
    pub overdue: Vec<TrainingLearner>,
}

/// `GET /api/training/reminders/{unit_code}?year=2026&days=14`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrainingReminders {
    pub unit_code: String,
    pub year: i32,
    pub days: u32,
    /// Not yet completed, due within `days` days from today (not yet overdue).
    pub learners: Vec<TrainingLearner>,
    /// A Vietnamese reminder ready to paste into an e-mail.
    pub email_text: String,
}

/// One assigned module in "my training this year".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyTrainingModule {
    pub module_id: String,
    pub module_title: String,
    pub track: TrainingTrack,
    pub status: TrainingStatus,
    /// `yyyy-mm-dd`, when completed this year.
    pub completed_on: Option<String>,
}

/// `GET /api/me/training`: the signed-in member's cycle this year (`None` fields when no cycle
/// covers them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyTraining {
    pub year: i32,
    /// Whether the signed-in user is on an agency or team roster.
    pub member: bool,
    pub job_group: Option<JobGroup>,
    pub unit_name: Option<String>,
    /// `yyyy-mm-dd`; `None` when no cycle is open for the year.
    pub due_on: Option<String>,
    pub status: Option<TrainingStatus>,
    pub modules: Vec<MyTrainingModule>,
}
