//! The ranking of a knowledge-contest round by Vietnamese practice, as pure functions: score
//! first (higher is better), then the prediction question (closer to the true value is
//! better), then the duration (shorter is better), then the submission time (earlier is
//! better). Also the qualification rules for the next round and the weekly attempts rule.

use std::cmp::Ordering;
use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDateTime};
use hocdvc_api::PrizeTier;

/// One finished attempt at a round, as the ranking sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Finished {
    pub user_id: i32,
    pub attempt_id: i32,
    pub score: f64,
    pub max_score: f64,
    /// `None`: no prediction given (ranks after every prediction).
    pub prediction: Option<i64>,
    pub duration_seconds: i64,
    pub submitted_at: NaiveDateTime,
}

/// An entrant's place: their best attempt and its rank (1-based; equal on every criterion,
/// equal rank).
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    pub rank: i64,
    pub best: Finished,
    /// |prediction − truth| when both are known.
    pub gap: Option<i64>,
}

/// Scores equal to a millionth are equal (they are sums of fractions).
fn score_key(score: f64) -> i64 {
    (score * 1e6).round() as i64
}

/// The prediction's distance from the truth; unknown truth makes every prediction equal, a
/// missing prediction is the farthest.
fn gap_key(prediction: Option<i64>, truth: Option<i64>) -> i64 {
    match (prediction, truth) {
        (_, None) => 0,
        (Some(p), Some(t)) => p.abs_diff(t).min(i64::MAX as u64) as i64,
        (None, Some(_)) => i64::MAX,
    }
}

/// Compares two attempts by the ranking rules: `Less` ranks higher.
pub fn compare(a: &Finished, b: &Finished, truth: Option<i64>) -> Ordering {
    score_key(b.score)
        .cmp(&score_key(a.score))
        .then(gap_key(a.prediction, truth).cmp(&gap_key(b.prediction, truth)))
        .then(a.duration_seconds.cmp(&b.duration_seconds))
        .then(a.submitted_at.cmp(&b.submitted_at))
}

/// Ranks the entrants of a round by their best attempt. `truth` is the prediction question's
/// true value (`None` while the round is open: the prediction does not decide yet).
pub fn rank(attempts: &[Finished], truth: Option<i64>) -> Vec<Ranked> {
    let mut sorted: Vec<&Finished> = attempts.iter().collect();
    sorted.sort_by(|a, b| {
        compare(a, b, truth)
            .then(a.user_id.cmp(&b.user_id))
            .then(a.attempt_id.cmp(&b.attempt_id))
    });
    let mut seen = std::collections::HashSet::new();
    let best: Vec<&Finished> = sorted
        .into_iter()
        .filter(|f| seen.insert(f.user_id))
        .collect();
    let mut ranked: Vec<Ranked> = Vec::with_capacity(best.len());
    for (i, f) in best.iter().enumerate() {
        let rank = match (i.checked_sub(1).and_then(|j| best.get(j)), ranked.last()) {
            (Some(prev), Some(last)) if compare(prev, f, truth) == Ordering::Equal => last.rank,
            _ => i as i64 + 1,
        };
        ranked.push(Ranked {
            rank,
            best: (*f).clone(),
            gap: match (f.prediction, truth) {
                (Some(p), Some(t)) => Some(gap_key(Some(p), Some(t))),
                _ => None,
            },
        });
    }
    ranked
}

/// The true value of the prediction question: how many entrants answered everything
/// correctly (their best attempt has full marks).
pub fn full_marks_count(attempts: &[Finished]) -> i64 {
    let mut full: std::collections::HashSet<i32> = std::collections::HashSet::new();
    for f in attempts {
        if f.max_score > 0.0 && score_key(f.score) >= score_key(f.max_score) {
            full.insert(f.user_id);
        }
    }
    full.len() as i64
}

/// The qualification rule for the next round.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum QualifyRule {
    /// The best K entrants of each school, in each group.
    TopPerSchool(u32),
    /// Every entrant scoring at least this.
    Threshold(f64),
}

impl QualifyRule {
    pub fn parse(rule: &str, value: f64) -> Result<QualifyRule, String> {
        if !value.is_finite() || value < 0.0 {
            return Err("value phải là số không âm.".to_owned());
        }
        match rule {
            "top_per_school" if value >= 1.0 && value.fract() == 0.0 && value <= 1000.0 => {
                Ok(QualifyRule::TopPerSchool(value as u32))
            }
            "top_per_school" => {
                Err("value của top_per_school phải là số nguyên từ 1 đến 1000.".to_owned())
            }
            "threshold" => Ok(QualifyRule::Threshold(value)),
            _ => Err("rule phải là top_per_school hoặc threshold.".to_owned()),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            QualifyRule::TopPerSchool(_) => "top_per_school",
            QualifyRule::Threshold(_) => "threshold",
        }
    }

    pub fn value(self) -> f64 {
        match self {
            QualifyRule::TopPerSchool(k) => f64::from(k),
            QualifyRule::Threshold(v) => v,
        }
    }
}

/// Who qualifies: `ranked` is one group's ranking (in order); `school_of` gives each
/// entrant's school. Returns the qualified user ids.
pub fn qualify(
    ranked: &[Ranked],
    rule: QualifyRule,
    school_of: &HashMap<i32, Option<i32>>,
) -> Vec<i32> {
    match rule {
        QualifyRule::Threshold(min) => ranked
            .iter()
            .filter(|r| score_key(r.best.score) >= score_key(min))
            .map(|r| r.best.user_id)
            .collect(),
        QualifyRule::TopPerSchool(k) => {
            let mut taken: HashMap<Option<i32>, u32> = HashMap::new();
            let mut out = Vec::new();
            for r in ranked {
                let school = school_of.get(&r.best.user_id).copied().flatten();
                let n = taken.entry(school).or_insert(0);
                if *n < k {
                    *n += 1;
                    out.push(r.best.user_id);
                }
            }
            out
        }
    }
}

/// The prize of an entrant at `rank` when a group's prizes are `counts` (Nhất, Nhì, Ba,
/// Khuyến khích), given down the ranking: ranks 1..=Nhất, then the next Nhì ranks, and so on.
/// Entrants tied at a rank share its prize, as tied ranks do in Vietnamese results.
pub fn prize_for(rank: i64, counts: [i32; 4]) -> Option<PrizeTier> {
    let mut last = 0i64;
    for (tier, count) in PrizeTier::ALL.into_iter().zip(counts) {
        last += i64::from(count.max(0));
        if rank <= last {
            return Some(tier);
        }
    }
    None
}

/// The Vietnamese calendar week (ISO week in UTC+7) of a UTC time.
pub fn vietnam_week(at: NaiveDateTime) -> (i32, u32) {
    let week = (at + Duration::hours(7)).date().iso_week();
    (week.year(), week.week())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn prizes_go_down_the_ranks_and_tied_entrants_share_one() {
        let counts = [1, 1, 0, 2];
        let prizes: Vec<_> = [1, 1, 3, 4, 5, 6].map(|r| prize_for(r, counts)).to_vec();
        assert_eq!(
            prizes,
            vec![
                Some(PrizeTier::First),
                Some(PrizeTier::First),
                Some(PrizeTier::Merit),
                Some(PrizeTier::Merit),
                None,
                None,
            ]
        );
        assert_eq!(prize_for(1, [0, 0, 0, 0]), None);
        assert_eq!(prize_for(2, [1, 1, 0, 0]), Some(PrizeTier::Second));
    }

    fn at(minute: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, 1)
            .and_then(|d| d.and_hms_opt(8, minute, 0))
            .unwrap_or_default()
    }

    fn finished(user_id: i32, score: f64, prediction: i64, duration: i64, minute: u32) -> Finished {
        Finished {
            user_id,
            attempt_id: user_id * 10,
            score,
            max_score: 10.0,
            prediction: Some(prediction),
            duration_seconds: duration,
            submitted_at: at(minute),
        }
    }

    fn order(ranked: &[Ranked]) -> Vec<(i32, i64)> {
        ranked.iter().map(|r| (r.best.user_id, r.rank)).collect()
    }

    #[test]
    fn a_higher_score_ranks_first_whatever_the_other_criteria() {
        let ranked = rank(
            &[finished(1, 7.0, 5, 60, 1), finished(2, 9.0, 100, 900, 30)],
            Some(5),
        );
        assert_eq!(order(&ranked), vec![(2, 1), (1, 2)]);
    }

    #[test]
    fn an_equal_score_is_decided_by_the_closer_prediction_above_or_below() {
        let ranked = rank(
            &[
                finished(1, 8.0, 20, 60, 1),
                finished(2, 8.0, 13, 900, 30),
                finished(3, 8.0, 8, 300, 2),
            ],
            Some(12),
        );
        // gaps: 8, 1, 4
        assert_eq!(order(&ranked), vec![(2, 1), (3, 2), (1, 3)]);
        assert_eq!(ranked.first().and_then(|r| r.gap), Some(1));
    }

    #[test]
    fn an_equal_score_and_gap_is_decided_by_the_shorter_duration() {
        let ranked = rank(
            &[finished(1, 8.0, 10, 300, 1), finished(2, 8.0, 14, 200, 30)],
            Some(12),
        );
        assert_eq!(order(&ranked), vec![(2, 1), (1, 2)]);
    }

    #[test]
    fn an_equal_score_gap_and_duration_is_decided_by_the_earlier_submission() {
        let ranked = rank(
            &[finished(1, 8.0, 10, 300, 9), finished(2, 8.0, 14, 300, 3)],
            Some(12),
        );
        assert_eq!(order(&ranked), vec![(2, 1), (1, 2)]);
    }

    #[test]
    fn entrants_equal_on_every_criterion_share_a_rank_and_the_next_rank_is_skipped() {
        let ranked = rank(
            &[
                finished(1, 8.0, 10, 300, 3),
                finished(2, 8.0, 14, 300, 3),
                finished(3, 5.0, 12, 10, 1),
            ],
            Some(12),
        );
        assert_eq!(order(&ranked), vec![(1, 1), (2, 1), (3, 3)]);
    }

    #[test]
    fn before_the_truth_is_known_the_prediction_decides_nothing() {
        let ranked = rank(
            &[finished(1, 8.0, 12, 300, 1), finished(2, 8.0, 999, 200, 2)],
            None,
        );
        assert_eq!(order(&ranked), vec![(2, 1), (1, 2)]);
        assert!(ranked.iter().all(|r| r.gap.is_none()));
    }

    #[test]
    fn a_missing_prediction_ranks_after_every_prediction() {
        let mut none = finished(1, 8.0, 0, 10, 1);
        none.prediction = None;
        let ranked = rank(&[none, finished(2, 8.0, 1000, 900, 9)], Some(3));
        assert_eq!(order(&ranked), vec![(2, 1), (1, 2)]);
    }

    #[test]
    fn each_entrant_is_ranked_once_by_their_best_attempt() {
        let mut second = finished(1, 9.0, 12, 500, 20);
        second.attempt_id = 11;
        let ranked = rank(
            &[
                finished(1, 6.0, 12, 100, 1),
                second,
                finished(2, 8.0, 12, 100, 2),
            ],
            Some(12),
        );
        assert_eq!(order(&ranked), vec![(1, 1), (2, 2)]);
        assert_eq!(ranked.first().map(|r| r.best.attempt_id), Some(11));
    }

    #[test]
    fn the_truth_counts_entrants_with_full_marks_once_each() {
        let mut again = finished(1, 10.0, 0, 1, 5);
        again.attempt_id = 99;
        let attempts = [
            finished(1, 10.0, 0, 1, 1),
            again,
            finished(2, 9.5, 0, 1, 1),
            finished(3, 10.0, 0, 1, 1),
        ];
        assert_eq!(full_marks_count(&attempts), 2);
    }

    #[test]
    fn top_k_per_school_takes_the_best_of_each_school_in_ranking_order() {
        let ranked = rank(
            &[
                finished(1, 9.0, 0, 1, 1),
                finished(2, 8.0, 0, 1, 1),
                finished(3, 7.0, 0, 1, 1),
                finished(4, 6.0, 0, 1, 1),
            ],
            Some(0),
        );
        let schools: HashMap<i32, Option<i32>> = [
            (1, Some(100)),
            (2, Some(100)),
            (3, Some(200)),
            (4, Some(100)),
        ]
        .into();
        let mut q = qualify(&ranked, QualifyRule::TopPerSchool(2), &schools);
        q.sort();
        assert_eq!(q, vec![1, 2, 3]);
    }

    #[test]
    fn a_threshold_qualifies_every_entrant_scoring_at_least_it() {
        let ranked = rank(
            &[finished(1, 9.0, 0, 1, 1), finished(2, 7.0, 0, 1, 1)],
            Some(0),
        );
        assert_eq!(
            qualify(&ranked, QualifyRule::Threshold(7.0), &HashMap::new()).len(),
            2
        );
        assert_eq!(
            qualify(&ranked, QualifyRule::Threshold(7.5), &HashMap::new()),
            vec![1]
        );
    }

    #[test]
    fn qualification_rules_are_checked_when_parsed() {
        assert!(QualifyRule::parse("top_per_school", 0.0).is_err());
        assert!(QualifyRule::parse("top_per_school", 1.5).is_err());
        assert!(QualifyRule::parse("threshold", f64::NAN).is_err());
        assert!(QualifyRule::parse("lottery", 1.0).is_err());
        assert_eq!(
            QualifyRule::parse("top_per_school", 3.0),
            Ok(QualifyRule::TopPerSchool(3))
        );
    }

    #[test]
    fn the_week_is_the_vietnamese_calendar_week() {
        // Sunday 2026-12-06 17:30 UTC is Monday 00:30 in Vietnam: the next week.
        let sunday = NaiveDate::from_ymd_opt(2026, 12, 6)
            .and_then(|d| d.and_hms_opt(17, 30, 0))
            .unwrap_or_default();
        let before = sunday - Duration::hours(1);
        assert_ne!(vietnam_week(sunday), vietnam_week(before));
    }
}
