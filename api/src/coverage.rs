//! Coverage dashboards (issue 7): indicators (a numerator over a denominator for a period) on
//! any unit's subtree, against targets an administrator sets, with children, lagging children
//! and a monthly trend. The CSV export carries the same rows as `unit` + `children`.

use serde::{Deserialize, Serialize};

/// A unit as the dashboard names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CoverageUnit {
    pub code: String,
    pub name: String,
    /// `province`, `commune`, `area`, `school`, `class`, `agency`, `team`.
    pub kind: String,
}

/// Traffic light of an indicator against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CoverageStatus {
    /// At or above target.
    Green,
    /// Below target, at or above the red threshold.
    Amber,
    /// Below the red threshold.
    Red,
    /// No target (or nobody to count).
    None,
}

/// One indicator on one unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IndicatorValue {
    /// `students_reached`, `families_helped`, `civil_servants_trained`,
    /// `team_members_trained`.
    pub id: String,
    /// What it counts: the school year (`2025-2026`) of the student indicators, the calendar
    /// year (`2026`) of the annual-training ones.
    #[serde(default)]
    pub period: String,
    pub numerator: i64,
    pub denominator: i64,
    /// 100 × numerator ÷ denominator (a percentage, or "per 100 students"), 0 when the
    /// denominator is 0; rounded to one decimal.
    pub value: f64,
    /// Target in the same scale as `value`; `None` when the indicator has none.
    pub target: Option<f64>,
    /// `value − target` (negative: below target).
    pub gap: Option<f64>,
    pub status: CoverageStatus,
}

/// A unit with its indicators (the report's unit, a child, a lagging child).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CoverageRow {
    pub unit: CoverageUnit,
    pub indicators: Vec<IndicatorValue>,
}

/// Students reached in one grade band or one grade.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CoverageSegment {
    /// `thcs`, `thpt`, `dai_hoc` for a band; `grade` for a grade.
    pub band: String,
    /// The grade, for a grade row.
    pub grade: Option<i32>,
    pub numerator: i64,
    pub denominator: i64,
    pub value: f64,
}

/// One month of the trend: each indicator's value at the end of the month (numerators
/// reached so far over today's roster).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrendPoint {
    /// `YYYY-MM`.
    pub month: String,
    pub indicators: Vec<IndicatorValue>,
}

/// `GET /api/coverage/{unit_code}?year=…`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CoverageReport {
    pub school_year: String,
    /// The calendar year of the annual-training indicators: the current year while the
    /// school year is in progress, else the year in which the school year ends.
    #[serde(default)]
    pub training_year: String,
    pub unit: CoverageUnit,
    /// From the top of the viewer's scope down to the unit (the breadcrumb).
    pub path: Vec<CoverageUnit>,
    pub indicators: Vec<IndicatorValue>,
    /// Students reached by grade band, then by grade.
    pub segments: Vec<CoverageSegment>,
    pub children: Vec<CoverageRow>,
    /// Children below target on students reached, furthest below first (at most 5).
    pub lagging: Vec<CoverageRow>,
    pub trend: Vec<TrendPoint>,
    /// Below this percentage an indicator is red.
    pub red_below: f64,
}

/// A target of one indicator in one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CoverageTarget {
    pub indicator: String,
    /// A school year (`2025-2026`) or, for annual training, a calendar year (`2026`).
    pub period: String,
    /// Percent, 0–100.
    pub target: f64,
}

/// `GET`/`PUT /api/coverage-targets`: every target and the traffic-light threshold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CoverageTargets {
    pub targets: Vec<CoverageTarget>,
    /// Below this percentage an indicator is red (default 50).
    pub red_below: f64,
}
