//! Turning the judges' totals into entry scores: mean, trimmed mean and per-judge z-score
//! normalisation, and the disagreement flag. Pure functions over `(entry, judge, total)`
//! triples; totals are on the 0–100 scale.

use std::collections::BTreeMap;

use hocdvc_api::Aggregation;

/// One submitted scoring: the weighted total a judge gave an entry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scored {
    pub entry_id: i32,
    pub judge_id: i32,
    pub total: f64,
}

/// The aggregates of one entry.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryAggregate {
    pub mean: f64,
    pub trimmed_mean: f64,
    pub zscore: f64,
    /// Highest minus lowest total.
    pub spread: f64,
    pub std_dev: f64,
    pub judges: usize,
}

impl EntryAggregate {
    pub fn by(&self, aggregation: Aggregation) -> f64 {
        match aggregation {
            Aggregation::Mean => self.mean,
            Aggregation::TrimmedMean => self.trimmed_mean,
            Aggregation::Zscore => self.zscore,
        }
    }

    /// Judges disagree widely: their totals span more than `threshold` points.
    pub fn disagrees(&self, threshold: f64) -> bool {
        self.judges >= 2 && self.spread > threshold
    }
}

pub fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.iter().sum::<f64>() / values.len() as f64
}

/// Population standard deviation.
pub fn std_dev(values: &[f64]) -> f64 {
    if values.len() < 2 {
        return 0.0;
    }
    let m = mean(values);
    (values.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / values.len() as f64).sqrt()
}

/// The mean without one highest and one lowest value, when there are at least three.
pub fn trimmed_mean(values: &[f64]) -> f64 {
    if values.len() < 3 {
        return mean(values);
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    mean(&sorted[1..sorted.len() - 1])
}

/// Aggregates every entry. The z-score of a total is taken against the judge's own totals
/// (a judge with a single scoring or identical totals contributes 0); an entry's mean
/// z-score is put back on the scale of all totals (overall mean + z × overall SD), so the
/// three figures read alike.
pub fn aggregate(scored: &[Scored]) -> BTreeMap<i32, EntryAggregate> {
    let mut per_judge: BTreeMap<i32, Vec<f64>> = BTreeMap::new();
    for s in scored {
        per_judge.entry(s.judge_id).or_default().push(s.total);
    }
    let judge_stats: BTreeMap<i32, (f64, f64)> = per_judge
        .iter()
        .map(|(judge, totals)| (*judge, (mean(totals), std_dev(totals))))
        .collect();
    let all: Vec<f64> = scored.iter().map(|s| s.total).collect();
    let (overall_mean, overall_sd) = (mean(&all), std_dev(&all));

    let mut per_entry: BTreeMap<i32, (Vec<f64>, Vec<f64>)> = BTreeMap::new();
    for s in scored {
        let (m, sd) = judge_stats.get(&s.judge_id).copied().unwrap_or((0.0, 0.0));
        let z = if sd > f64::EPSILON {
            (s.total - m) / sd
        } else {
            0.0
        };
        let slot = per_entry.entry(s.entry_id).or_default();
        slot.0.push(s.total);
        slot.1.push(z);
    }
    per_entry
        .into_iter()
        .map(|(entry, (totals, zs))| {
            let max = totals.iter().copied().fold(f64::MIN, f64::max);
            let min = totals.iter().copied().fold(f64::MAX, f64::min);
            (
                entry,
                EntryAggregate {
                    mean: round2(mean(&totals)),
                    trimmed_mean: round2(trimmed_mean(&totals)),
                    zscore: round2(overall_mean + mean(&zs) * overall_sd),
                    spread: round2(max - min),
                    std_dev: round2(std_dev(&totals)),
                    judges: totals.len(),
                },
            )
        })
        .collect()
}

pub fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// The weighted total (0–100) of a judge's criterion scores: Σ weight × score / scale_max,
/// over weights that add up to 100. `criteria`: (id, weight, scale_max).
pub fn weighted_total(criteria: &[(i32, i32, i32)], scores: &[(i32, i32)]) -> f64 {
    let weight_sum: i32 = criteria.iter().map(|c| c.1).sum();
    if weight_sum == 0 {
        return 0.0;
    }
    let mut total = 0.0;
    for (id, weight, scale_max) in criteria {
        if let Some((_, score)) = scores.iter().find(|(c, _)| c == id) {
            total += f64::from(*weight) * f64::from(*score) / f64::from((*scale_max).max(1));
        }
    }
    round2(total * 100.0 / f64::from(weight_sum))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(entry_id: i32, judge_id: i32, total: f64) -> Scored {
        Scored {
            entry_id,
            judge_id,
            total,
        }
    }

    #[test]
    fn the_mean_and_trimmed_mean_of_an_entry_are_computed_from_its_judges() {
        let result = aggregate(&[s(1, 10, 60.0), s(1, 11, 70.0), s(1, 12, 95.0)]);
        let a = &result[&1];
        assert_eq!(a.mean, 75.0);
        assert_eq!(a.trimmed_mean, 70.0);
        assert_eq!(a.spread, 35.0);
        assert_eq!(a.judges, 3);
    }

    #[test]
    fn a_trimmed_mean_of_two_values_is_their_mean() {
        assert_eq!(trimmed_mean(&[40.0, 60.0]), 50.0);
        assert_eq!(trimmed_mean(&[]), mean(&[]));
    }

    #[test]
    fn z_scores_correct_a_harsh_judge() {
        // Judge 10 is harsh (scores 20 lower across the board) and scores entry 1; judge 11
        // is lenient and scores entry 2. Both rate their own entries identically relative to
        // their others, so after normalisation entries 1 and 2 tie, while raw means differ.
        let scored = [
            s(1, 10, 50.0),
            s(3, 10, 30.0),
            s(2, 11, 70.0),
            s(4, 11, 50.0),
        ];
        let result = aggregate(&scored);
        assert!(result[&2].mean > result[&1].mean);
        assert_eq!(result[&1].zscore, result[&2].zscore);
        assert!(result[&1].zscore > result[&3].zscore);
    }

    #[test]
    fn a_judge_with_identical_totals_contributes_no_z_score_noise() {
        let result = aggregate(&[s(1, 10, 80.0), s(2, 10, 80.0)]);
        assert_eq!(result[&1].zscore, result[&2].zscore);
    }

    #[test]
    fn entries_whose_judges_disagree_widely_are_flagged() {
        let result = aggregate(&[
            s(1, 10, 40.0),
            s(1, 11, 90.0),
            s(2, 10, 70.0),
            s(2, 11, 75.0),
        ]);
        assert!(result[&1].disagrees(25.0));
        assert!(!result[&2].disagrees(25.0));
        let single = aggregate(&[s(3, 10, 10.0)]);
        assert!(!single[&3].disagrees(0.0), "one judge cannot disagree");
    }

    #[test]
    fn the_weighted_total_uses_each_criterions_weight_and_scale() {
        let criteria = [(1, 40, 10), (2, 30, 10), (3, 20, 10), (4, 10, 10)];
        assert_eq!(
            weighted_total(&criteria, &[(1, 10), (2, 10), (3, 10), (4, 10)]),
            100.0
        );
        assert_eq!(
            weighted_total(&criteria, &[(1, 5), (2, 10), (3, 0), (4, 0)]),
            50.0
        );
        assert_eq!(weighted_total(&criteria, &[]), 0.0);
    }
}
