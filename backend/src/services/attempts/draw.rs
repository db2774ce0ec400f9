//! The draw of an attempt: which questions, in which order, with their choices in which order.
//! It is a pure function of the seed and of what the bank and the learner's history looked
//! like, so an attempt can be reproduced from its recorded seed. Each `[[assessment.draw]]`
//! rule takes `count` questions carrying one of its topic tags (and its difficulty tag, when
//! given), preferring questions this learner has not seen, then the least used, then chance.

use serde::Deserialize;

use super::layout::{self, Layout};
use crate::question_formats::model::QuestionKind;

/// A small, fast, well-mixed generator (SplitMix64): reproducible from a seed on every
/// platform, which is all the draw needs (it is not a secret).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: i64) -> Rng {
        Rng(u64::from_ne_bytes(seed.to_ne_bytes()))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (`bound` > 0).
    fn below(&mut self, bound: usize) -> usize {
        (self.next_u64() % (bound.max(1) as u64)) as usize
    }

    /// Fisher–Yates.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

/// One `[[assessment.draw]]` rule as `modules.assessment` stores it.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Rule {
    pub tags: Vec<String>,
    #[serde(default)]
    pub difficulty: Option<String>,
    pub count: u32,
}

/// The rules of a module's stored assessment JSON (none when unreadable).
pub fn rules_of(assessment_json: &str) -> Vec<Rule> {
    #[derive(Deserialize)]
    struct Stored {
        #[serde(default)]
        draw: Vec<Rule>,
    }
    serde_json::from_str::<Stored>(assessment_json)
        .map(|s| s.draw)
        .unwrap_or_default()
}

impl Rule {
    pub fn matches(&self, tags: &[String]) -> bool {
        self.difficulty
            .as_ref()
            .is_none_or(|d| tags.iter().any(|t| t == d))
            && tags.iter().any(|t| self.tags.contains(t))
    }
}

/// A question the draw may take: its current version, and how it stands for this learner.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub question_id: i32,
    pub version_id: i32,
    pub tags: Vec<String>,
    pub kind: QuestionKind,
    /// This learner has had it in an earlier attempt.
    pub seen: bool,
    /// Attempts (of anyone) that drew it.
    pub uses: i64,
}

/// One drawn slot, in the order shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawn {
    pub question_id: i32,
    pub version_id: i32,
    pub layout: Layout,
}

/// Draws an attempt. `candidates` may come in any order (they are sorted by question id first,
/// so the seed alone decides). A rule short of questions takes what it finds.
pub fn draw(seed: i64, rules: &[Rule], candidates: &[Candidate]) -> Vec<Drawn> {
    let mut rng = Rng::new(seed);
    let mut pool: Vec<&Candidate> = candidates.iter().collect();
    pool.sort_by_key(|c| c.question_id);
    // One chance value per question, fixed before any rule looks, so the rules' order does
    // not change which question wins a tie.
    let chance: Vec<u64> = pool.iter().map(|_| rng.next_u64()).collect();
    let mut taken = vec![false; pool.len()];
    let mut chosen: Vec<usize> = Vec::new();
    for rule in rules {
        let mut fitting: Vec<usize> = (0..pool.len())
            .filter(|&i| {
                !taken.get(i).copied().unwrap_or(true)
                    && pool.get(i).is_some_and(|c| rule.matches(&c.tags))
            })
            .collect();
        fitting.sort_by_key(|&i| {
            let c = pool.get(i);
            (
                c.is_some_and(|c| c.seen),
                c.map_or(0, |c| c.uses),
                chance.get(i).copied().unwrap_or(0),
            )
        });
        for i in fitting.into_iter().take(rule.count as usize) {
            if let Some(t) = taken.get_mut(i) {
                *t = true;
            }
            chosen.push(i);
        }
    }
    rng.shuffle(&mut chosen);
    chosen
        .into_iter()
        .filter_map(|i| pool.get(i))
        .map(|c| Drawn {
            question_id: c.question_id,
            version_id: c.version_id,
            layout: layout_for(&c.kind, &mut rng),
        })
        .collect()
}

/// The order a question's choices are shown in: shuffled when the question asks for it
/// (Moodle always shuffles a matching question's choices; `shuffle_answers` also shuffles its
/// items).
pub fn layout_for(kind: &QuestionKind, rng: &mut Rng) -> Layout {
    match kind {
        QuestionKind::MultiChoice {
            shuffle_answers,
            answers,
            ..
        } => {
            let mut order: Vec<usize> = (0..answers.len()).collect();
            if *shuffle_answers {
                rng.shuffle(&mut order);
            }
            Layout::Choices(order)
        }
        QuestionKind::Matching {
            shuffle_answers,
            pairs,
        } => {
            let mut stems = layout::stem_pairs(pairs);
            if *shuffle_answers {
                rng.shuffle(&mut stems);
            }
            let mut choices: Vec<usize> = (0..layout::match_choices(pairs).len()).collect();
            rng.shuffle(&mut choices);
            Layout::Match { stems, choices }
        }
        _ => Layout::Plain,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::question_formats::model::Answer;

    fn candidate(id: i32, tags: &[&str], seen: bool, uses: i64) -> Candidate {
        Candidate {
            question_id: id,
            version_id: id * 10,
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
            kind: QuestionKind::MultiChoice {
                single: true,
                shuffle_answers: true,
                answers: (0..4)
                    .map(|n| Answer {
                        text: format!("đáp án {n}"),
                        fraction: if n == 0 { 1.0 } else { 0.0 },
                        feedback: String::new(),
                    })
                    .collect(),
            },
            seen,
            uses,
        }
    }

    fn rule(tags: &[&str], difficulty: Option<&str>, count: u32) -> Rule {
        Rule {
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
            difficulty: difficulty.map(str::to_owned),
            count,
        }
    }

    fn bank() -> Vec<Candidate> {
        (1..=30)
            .map(|id| {
                let difficulty = ["easy", "medium", "hard"][(id % 3) as usize];
                let topic = if id % 2 == 0 { "vneid" } else { "cong-dvc" };
                candidate(id, &[topic, difficulty], false, 0)
            })
            .collect()
    }

    #[test]
    fn the_same_seed_reproduces_the_same_attempt() {
        let rules = [
            rule(&["vneid"], Some("easy"), 3),
            rule(&["cong-dvc"], None, 4),
        ];
        let first = draw(42, &rules, &bank());
        let mut shuffled = bank();
        shuffled.reverse();
        assert_eq!(
            draw(42, &rules, &shuffled),
            first,
            "candidate order does not matter"
        );
        assert_eq!(first.len(), 7);
        let other = draw(43, &rules, &bank());
        assert_ne!(other, first, "another seed draws differently");
    }

    #[test]
    fn every_rule_gets_its_count_of_matching_distinct_questions() {
        let rules = [
            rule(&["vneid"], Some("easy"), 3),
            rule(&["cong-dvc", "vneid"], None, 10),
        ];
        let drawn = draw(7, &rules, &bank());
        assert_eq!(drawn.len(), 13);
        let mut ids: Vec<i32> = drawn.iter().map(|d| d.question_id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 13, "no question twice");
        let easy_vneid = drawn
            .iter()
            .filter(|d| d.question_id % 2 == 0 && d.question_id % 3 == 0)
            .count();
        assert!(easy_vneid >= 3);
    }

    #[test]
    fn unseen_questions_are_preferred_then_the_least_used() {
        let mut bank: Vec<Candidate> = (1..=10)
            .map(|id| candidate(id, &["vneid", "easy"], id <= 6, 0))
            .collect();
        let rules = [rule(&["vneid"], None, 4)];
        for seed in 0..50 {
            let drawn = draw(seed, &rules, &bank);
            let mut ids: Vec<i32> = drawn.iter().map(|d| d.question_id).collect();
            ids.sort_unstable();
            assert_eq!(ids, vec![7, 8, 9, 10], "the four unseen ones (seed {seed})");
        }
        // All seen: the least used win.
        for c in &mut bank {
            c.seen = true;
            c.uses = if c.question_id % 2 == 0 { 1 } else { 5 };
        }
        let drawn = draw(1, &[rule(&["vneid"], None, 5)], &bank);
        assert!(drawn.iter().all(|d| d.question_id % 2 == 0));
    }

    #[test]
    fn options_are_shuffled_only_when_the_question_asks() {
        let mut rng = Rng::new(5);
        let mut fixed = candidate(1, &[], false, 0).kind;
        if let QuestionKind::MultiChoice {
            shuffle_answers, ..
        } = &mut fixed
        {
            *shuffle_answers = false;
        }
        assert_eq!(
            layout_for(&fixed, &mut rng),
            Layout::Choices(vec![0, 1, 2, 3])
        );
        let orders: Vec<Layout> = (0..20)
            .map(|_| layout_for(&candidate(1, &[], false, 0).kind, &mut rng))
            .collect();
        assert!(
            orders
                .iter()
                .any(|o| *o != Layout::Choices(vec![0, 1, 2, 3]))
        );
    }
}
