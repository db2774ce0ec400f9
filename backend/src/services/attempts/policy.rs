//! The rules of one quiz: time limit, open/close window, what happens to an attempt left open
//! past its deadline (Moodle's overdue handling), how many attempts and how far apart, how the
//! attempts combine into one grade, the pass mark and what the review shows when. A module's
//! assessment builds one from its manifest (`modules.assessment`); a contest round can build
//! one from its own settings with the same struct.

use chrono::{Duration, NaiveDateTime};
use serde::Deserialize;

/// Seconds after the deadline during which saves and submits still count: a phone on a rural
/// connection may send its last answer a little late.
pub const NETWORK_GRACE_SECONDS: i64 = 5;

/// Moodle's "When time expires" setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverduePolicy {
    /// Open attempts are submitted automatically.
    AutoSubmit,
    /// A grace period in which the attempt can still be submitted, but not changed.
    GracePeriod,
    /// Attempts must be submitted before time expires, or they are not counted.
    AutoAbandon,
}

impl OverduePolicy {
    pub fn as_str(self) -> &'static str {
        match self {
            OverduePolicy::AutoSubmit => "autosubmit",
            OverduePolicy::GracePeriod => "graceperiod",
            OverduePolicy::AutoAbandon => "autoabandon",
        }
    }

    pub fn parse(name: &str) -> Option<OverduePolicy> {
        match name {
            "autosubmit" => Some(OverduePolicy::AutoSubmit),
            "graceperiod" => Some(OverduePolicy::GracePeriod),
            "autoabandon" => Some(OverduePolicy::AutoAbandon),
            _ => None,
        }
    }
}

/// Moodle's "Grading method": which attempts make the learner's grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GradingMethod {
    Highest,
    Average,
    First,
    Last,
}

impl GradingMethod {
    pub fn parse(name: &str) -> Option<GradingMethod> {
        match name {
            "highest" => Some(GradingMethod::Highest),
            "average" => Some(GradingMethod::Average),
            "first" => Some(GradingMethod::First),
            "last" => Some(GradingMethod::Last),
            _ => None,
        }
    }

    /// The grade from the finished attempts' scores (as percentages), oldest first; `None`
    /// when there is none.
    pub fn combine(self, scores: &[f64]) -> Option<f64> {
        match self {
            GradingMethod::Highest => scores.iter().copied().reduce(f64::max),
            GradingMethod::Average => {
                (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64)
            }
            GradingMethod::First => scores.first().copied(),
            GradingMethod::Last => scores.last().copied(),
        }
    }
}

/// What a review may show at one timing (Moodle's review options, the parts that apply here:
/// the learner's own answers are always shown back to them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReviewShow {
    /// The mark of each question and the attempt's score.
    pub marks: bool,
    /// Which options or answer earn credit.
    pub right_answer: bool,
    /// The feedback of the answer given and the general feedback.
    pub feedback: bool,
}

impl ReviewShow {
    pub const NOTHING: ReviewShow = ReviewShow {
        marks: false,
        right_answer: false,
        feedback: false,
    };
    pub const EVERYTHING: ReviewShow = ReviewShow {
        marks: true,
        right_answer: true,
        feedback: true,
    };

    /// From the manifest's list of names (`marks`, `right_answer`, `feedback`).
    pub fn from_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Result<ReviewShow, String> {
        let mut show = ReviewShow::NOTHING;
        for name in names {
            match name {
                "marks" => show.marks = true,
                "right_answer" => show.right_answer = true,
                "feedback" => show.feedback = true,
                other => {
                    return Err(format!(
                        "Mục xem lại \"{other}\" không có: chỉ dùng marks, right_answer, feedback."
                    ));
                }
            }
        }
        Ok(show)
    }

    pub fn any(self) -> bool {
        self.marks || self.right_answer || self.feedback
    }
}

/// Moodle's four review timings. `during` exists for parity with Moodle's settings, but this
/// engine never reveals anything about an open attempt, so it must stay empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewOptions {
    pub during: ReviewShow,
    /// Within [`IMMEDIATELY_AFTER_MINUTES`] of the attempt's end.
    pub immediately_after: ReviewShow,
    /// Later, while the quiz is still open.
    pub later_while_open: ReviewShow,
    /// After the quiz closes.
    pub after_close: ReviewShow,
}

/// Moodle's "immediately after the attempt": two minutes.
pub const IMMEDIATELY_AFTER_MINUTES: i64 = 2;

impl Default for ReviewOptions {
    /// A learning quiz: everything after the attempt, nothing during it.
    fn default() -> Self {
        ReviewOptions {
            during: ReviewShow::NOTHING,
            immediately_after: ReviewShow::EVERYTHING,
            later_while_open: ReviewShow::EVERYTHING,
            after_close: ReviewShow::EVERYTHING,
        }
    }
}

/// The rules of one quiz.
#[derive(Debug, Clone, PartialEq)]
pub struct QuizPolicy {
    pub time_limit: Duration,
    pub opens_at: Option<NaiveDateTime>,
    pub closes_at: Option<NaiveDateTime>,
    pub overdue: OverduePolicy,
    /// How long an overdue attempt may still be submitted (`GracePeriod` only).
    pub grace_period: Duration,
    /// Saves and submits this late still count.
    pub network_grace: Duration,
    /// `None`: unlimited.
    pub max_attempts: Option<u32>,
    /// Between the end of one attempt and the start of the next.
    pub delay_between_attempts: Duration,
    pub grading: GradingMethod,
    /// Score (percent of the maximum) needed to pass.
    pub pass_percent: f64,
    pub review: ReviewOptions,
}

impl Default for QuizPolicy {
    fn default() -> Self {
        QuizPolicy {
            time_limit: Duration::minutes(20),
            opens_at: None,
            closes_at: None,
            overdue: OverduePolicy::AutoSubmit,
            grace_period: Duration::zero(),
            network_grace: Duration::seconds(NETWORK_GRACE_SECONDS),
            max_attempts: None,
            delay_between_attempts: Duration::zero(),
            grading: GradingMethod::Highest,
            pass_percent: 80.0,
            review: ReviewOptions::default(),
        }
    }
}

/// `modules.assessment` as `content load` stores it; every key but `draw` optional.
#[derive(Debug, Default, Deserialize)]
struct StoredAssessment {
    time_limit_minutes: Option<i64>,
    pass_percent: Option<f64>,
    max_attempts: Option<i64>,
    opens_at: Option<String>,
    closes_at: Option<String>,
    overdue: Option<String>,
    grace_period_minutes: Option<i64>,
    delay_minutes: Option<i64>,
    grading: Option<String>,
    review: Option<StoredReview>,
}

#[derive(Debug, Default, Deserialize)]
struct StoredReview {
    immediately_after: Option<Vec<String>>,
    later_while_open: Option<Vec<String>>,
    after_close: Option<Vec<String>>,
}

/// A window bound as the manifest writes it: UTC, `2026-12-01T07:00:00Z` (the `Z` optional).
pub fn parse_utc(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim();
    let text = text.strip_suffix('Z').unwrap_or(text);
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S").ok()
}

/// The grace period of the `graceperiod` policy when the manifest does not say.
pub const DEFAULT_GRACE_MINUTES: i64 = 10;

impl QuizPolicy {
    /// The policy of a module's assessment, from its stored JSON. Missing or unreadable values
    /// take the defaults (the manifest checker refuses wrong ones before they are stored).
    pub fn from_assessment_json(json: &str) -> QuizPolicy {
        let stored: StoredAssessment = serde_json::from_str(json).unwrap_or_default();
        let defaults = QuizPolicy::default();
        let review = stored.review.unwrap_or_default();
        let show = |names: Option<Vec<String>>, default: ReviewShow| match names {
            None => default,
            Some(names) => {
                ReviewShow::from_names(names.iter().map(String::as_str)).unwrap_or(default)
            }
        };
        let overdue = stored
            .overdue
            .as_deref()
            .and_then(OverduePolicy::parse)
            .unwrap_or(defaults.overdue);
        QuizPolicy {
            time_limit: stored
                .time_limit_minutes
                .filter(|m| *m > 0)
                .map_or(defaults.time_limit, Duration::minutes),
            opens_at: stored.opens_at.as_deref().and_then(parse_utc),
            closes_at: stored.closes_at.as_deref().and_then(parse_utc),
            overdue,
            grace_period: match overdue {
                OverduePolicy::GracePeriod => Duration::minutes(
                    stored
                        .grace_period_minutes
                        .filter(|m| *m > 0)
                        .unwrap_or(DEFAULT_GRACE_MINUTES),
                ),
                _ => Duration::zero(),
            },
            network_grace: defaults.network_grace,
            max_attempts: stored
                .max_attempts
                .filter(|m| *m > 0)
                .and_then(|m| u32::try_from(m).ok()),
            delay_between_attempts: stored
                .delay_minutes
                .filter(|m| *m > 0)
                .map_or(Duration::zero(), Duration::minutes),
            grading: stored
                .grading
                .as_deref()
                .and_then(GradingMethod::parse)
                .unwrap_or(defaults.grading),
            pass_percent: stored
                .pass_percent
                .filter(|p| (0.0..=100.0).contains(p))
                .unwrap_or(defaults.pass_percent),
            review: ReviewOptions {
                // Never anything while the attempt is open, whatever is stored.
                during: ReviewShow::NOTHING,
                immediately_after: show(
                    review.immediately_after,
                    defaults.review.immediately_after,
                ),
                later_while_open: show(review.later_while_open, defaults.review.later_while_open),
                after_close: show(review.after_close, defaults.review.after_close),
            },
        }
    }

    /// The deadline of an attempt started at `started_at`: the time limit, cut short by the
    /// quiz's close.
    pub fn deadline(&self, started_at: NaiveDateTime) -> NaiveDateTime {
        let by_limit = started_at + self.time_limit;
        match self.closes_at {
            Some(close) if close < by_limit => close,
            _ => by_limit,
        }
    }

    /// Whether the quiz accepts a new attempt at `now` (its window).
    pub fn is_open(&self, now: NaiveDateTime) -> bool {
        self.opens_at.is_none_or(|open| now >= open) && self.closes_at.is_none_or(|c| now < c)
    }

    /// What the review of an attempt finished at `finished_at` shows at `now`.
    pub fn review_at(&self, finished_at: NaiveDateTime, now: NaiveDateTime) -> ReviewShow {
        if self.closes_at.is_some_and(|close| now >= close) {
            self.review.after_close
        } else if now < finished_at + Duration::minutes(IMMEDIATELY_AFTER_MINUTES) {
            self.review.immediately_after
        } else {
            self.review.later_while_open
        }
    }

    /// Whether `score` of `max_score` passes.
    pub fn passes(&self, score: f64, max_score: f64) -> bool {
        if max_score <= 0.0 {
            return true;
        }
        // A hair of tolerance so 8 of 10 passes an 80 % mark despite floating point.
        score / max_score * 100.0 + 1e-9 >= self.pass_percent
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    #[test]
    fn a_shipped_assessment_gets_the_defaults_for_what_it_does_not_say() {
        let policy = QuizPolicy::from_assessment_json(
            r#"{"time_limit_minutes":15,"pass_percent":70,"max_attempts":3,"draw":[]}"#,
        );
        assert_eq!(policy.time_limit, Duration::minutes(15));
        assert_eq!(policy.pass_percent, 70.0);
        assert_eq!(policy.max_attempts, Some(3));
        assert_eq!(policy.overdue, OverduePolicy::AutoSubmit);
        assert_eq!(policy.grading, GradingMethod::Highest);
        assert_eq!(policy.review.during, ReviewShow::NOTHING);
        assert_eq!(
            policy.network_grace,
            Duration::seconds(NETWORK_GRACE_SECONDS)
        );
    }

    #[test]
    fn the_new_options_are_read_and_during_stays_empty() {
        let policy = QuizPolicy::from_assessment_json(
            r#"{"time_limit_minutes":10,"pass_percent":50,"max_attempts":2,
                "overdue":"graceperiod","grace_period_minutes":3,"delay_minutes":60,
                "grading":"average","closes_at":"2026-12-01T00:00:00",
                "review":{"during":["marks"],"immediately_after":["marks"],"after_close":[]}}"#,
        );
        assert_eq!(policy.overdue, OverduePolicy::GracePeriod);
        assert_eq!(policy.grace_period, Duration::minutes(3));
        assert_eq!(policy.delay_between_attempts, Duration::minutes(60));
        assert_eq!(policy.grading, GradingMethod::Average);
        assert_eq!(policy.review.during, ReviewShow::NOTHING);
        assert!(policy.review.immediately_after.marks);
        assert!(!policy.review.immediately_after.right_answer);
        assert_eq!(policy.review.after_close, ReviewShow::NOTHING);
        assert_eq!(
            policy.review.later_while_open,
            ReviewOptions::default().later_while_open
        );
    }

    #[test]
    fn the_deadline_is_the_time_limit_cut_short_by_the_close() {
        let mut policy = QuizPolicy::default();
        let start = at("2026-11-28 10:00:00");
        assert_eq!(policy.deadline(start), at("2026-11-28 10:20:00"));
        policy.closes_at = Some(at("2026-11-28 10:05:00"));
        assert_eq!(policy.deadline(start), at("2026-11-28 10:05:00"));
        assert!(policy.is_open(start));
        assert!(!policy.is_open(at("2026-11-28 10:05:00")));
        policy.opens_at = Some(at("2026-11-28 09:00:00"));
        assert!(!policy.is_open(at("2026-11-28 08:59:59")));
    }

    #[test]
    fn review_timings_follow_moodle() {
        let mut policy = QuizPolicy::default();
        policy.review.immediately_after = ReviewShow::EVERYTHING;
        policy.review.later_while_open = ReviewShow {
            marks: true,
            ..ReviewShow::NOTHING
        };
        policy.review.after_close = ReviewShow::NOTHING;
        let end = at("2026-11-28 10:00:00");
        assert_eq!(
            policy.review_at(end, at("2026-11-28 10:01:59")),
            ReviewShow::EVERYTHING
        );
        assert!(policy.review_at(end, at("2026-11-28 10:02:00")).marks);
        assert!(
            !policy
                .review_at(end, at("2026-11-28 10:02:00"))
                .right_answer
        );
        policy.closes_at = Some(at("2026-11-28 12:00:00"));
        assert_eq!(
            policy.review_at(end, at("2026-11-28 12:00:00")),
            ReviewShow::NOTHING
        );
    }

    #[test]
    fn grading_methods_combine_attempts_as_moodle() {
        let scores = [40.0, 90.0, 60.0];
        assert_eq!(GradingMethod::Highest.combine(&scores), Some(90.0));
        assert_eq!(
            GradingMethod::Average.combine(&scores),
            Some(63.333333333333336)
        );
        assert_eq!(GradingMethod::First.combine(&scores), Some(40.0));
        assert_eq!(GradingMethod::Last.combine(&scores), Some(60.0));
        assert_eq!(GradingMethod::Average.combine(&[]), None);
    }

    #[test]
    fn the_pass_mark_is_inclusive() {
        let policy = QuizPolicy::default();
        assert!(policy.passes(8.0, 10.0));
        assert!(!policy.passes(7.99, 10.0));
        assert!(policy.passes(0.0, 0.0));
    }
}
