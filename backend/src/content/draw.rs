//! Whether a module's assessment can be drawn: how many attempts in a row can each draw every
//! `[[assessment.draw]]` rule's count with fresh questions, no question serving two rules or
//! two attempts. Rules may overlap (a question can match several), so this is a flow problem:
//! source → rule (k × count) → group of questions matching the same rules → sink (group size).

use std::collections::BTreeMap;
use std::collections::VecDeque;

use super::manifest::DrawRule;
use super::questions::BankQuestion;

/// Attempts the README asks the bank of every module to serve without repeating a question.
pub const MIN_FRESH_ATTEMPTS: u32 = 3;

impl DrawRule {
    pub fn matches(&self, question: &BankQuestion) -> bool {
        self.difficulty.is_none_or(|d| d == question.difficulty)
            && question.topics.iter().any(|t| self.topics.contains(t))
    }
}

/// The largest number of attempts that can each draw every rule with questions no other rule
/// or attempt uses.
pub fn fresh_attempts(rules: &[DrawRule], questions: &[BankQuestion]) -> u32 {
    // Questions matching the same rules are interchangeable: group them.
    let mut groups: BTreeMap<Vec<bool>, u64> = BTreeMap::new();
    for question in questions {
        let signature: Vec<bool> = rules.iter().map(|r| r.matches(question)).collect();
        if signature.iter().any(|m| *m) {
            *groups.entry(signature).or_default() += 1;
        }
    }
    let per_attempt: u64 = rules.iter().map(|r| u64::from(r.count)).sum();
    if per_attempt == 0 {
        return 0;
    }
    let available: u64 = groups.values().sum();
    let (mut low, mut high) = (0u64, available / per_attempt);
    while low < high {
        let mid = (low + high).div_ceil(2);
        if can_draw(rules, &groups, mid) {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    u32::try_from(low).unwrap_or(u32::MAX)
}

fn can_draw(rules: &[DrawRule], groups: &BTreeMap<Vec<bool>, u64>, attempts: u64) -> bool {
    let (source, first_rule, first_group) = (0, 1, 1 + rules.len());
    let sink = first_group + groups.len();
    let mut capacity = vec![vec![0u64; sink + 1]; sink + 1];
    let mut demand = 0;
    for (r, rule) in rules.iter().enumerate() {
        let need = attempts * u64::from(rule.count);
        demand += need;
        set(&mut capacity, source, first_rule + r, need);
    }
    for (g, (signature, size)) in groups.iter().enumerate() {
        for (r, matches) in signature.iter().enumerate() {
            if *matches {
                set(&mut capacity, first_rule + r, first_group + g, u64::MAX);
            }
        }
        set(&mut capacity, first_group + g, sink, *size);
    }
    max_flow(&mut capacity, source, sink) == demand
}

fn set(capacity: &mut [Vec<u64>], from: usize, to: usize, value: u64) {
    if let Some(cell) = capacity.get_mut(from).and_then(|row| row.get_mut(to)) {
        *cell = value;
    }
}

fn get(capacity: &[Vec<u64>], from: usize, to: usize) -> u64 {
    capacity
        .get(from)
        .and_then(|row| row.get(to))
        .copied()
        .unwrap_or(0)
}

/// Edmonds–Karp on a dense residual matrix (a few dozen nodes at most).
fn max_flow(capacity: &mut [Vec<u64>], source: usize, sink: usize) -> u64 {
    let nodes = capacity.len();
    let mut total = 0u64;
    loop {
        let mut parent: Vec<Option<usize>> = vec![None; nodes];
        let mut queue = VecDeque::from([source]);
        let mut reached = false;
        while let Some(node) = queue.pop_front() {
            for next in 0..nodes {
                if next != source
                    && parent.get(next) == Some(&None)
                    && get(capacity, node, next) > 0
                {
                    if let Some(p) = parent.get_mut(next) {
                        *p = Some(node);
                    }
                    if next == sink {
                        reached = true;
                        break;
                    }
                    queue.push_back(next);
                }
            }
            if reached {
                break;
            }
        }
        if !reached {
            return total;
        }
        let mut path = Vec::new();
        let mut node = sink;
        while let Some(Some(prev)) = parent.get(node).copied() {
            path.push((prev, node));
            node = prev;
        }
        let bottleneck = path
            .iter()
            .map(|&(from, to)| get(capacity, from, to))
            .min()
            .unwrap_or(0);
        if bottleneck == 0 {
            return total;
        }
        for &(from, to) in &path {
            let forward = get(capacity, from, to);
            set(capacity, from, to, forward - bottleneck);
            let back = get(capacity, to, from);
            set(capacity, to, from, back.saturating_add(bottleneck));
        }
        total = total.saturating_add(bottleneck);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::vocabulary::{ContentId, Difficulty, Topic};
    use crate::question_formats::model::{Question, QuestionKind, TextFormat};

    fn question(n: usize, difficulty: Difficulty, topics: &[Topic]) -> BankQuestion {
        BankQuestion {
            id: ContentId::parse(&format!("q-{n}")).unwrap(),
            difficulty,
            topics: topics.to_vec(),
            source: "nguồn".into(),
            file: "q.gift".into(),
            line: n,
            question: Question {
                name: None,
                text: "?".into(),
                text_format: TextFormat::Moodle,
                general_feedback: String::new(),
                category: Vec::new(),
                idnumber: None,
                tags: Vec::new(),
                source: None,
                kind: QuestionKind::Essay,
            },
        }
    }

    fn rule(topics: &[Topic], difficulty: Option<Difficulty>, count: u32) -> DrawRule {
        DrawRule {
            topics: topics.to_vec(),
            difficulty,
            count,
            line: 1,
        }
    }

    #[test]
    fn attempts_are_limited_by_the_scarcest_rule() {
        let questions: Vec<_> = (0..7)
            .map(|n| question(n, Difficulty::Easy, &[Topic::Vneid]))
            .chain((7..9).map(|n| question(n, Difficulty::Hard, &[Topic::Vneid])))
            .collect();
        let rules = [
            rule(&[Topic::Vneid], Some(Difficulty::Easy), 2),
            rule(&[Topic::Vneid], Some(Difficulty::Hard), 1),
        ];
        assert_eq!(fresh_attempts(&rules, &questions), 2);
    }

    #[test]
    fn a_question_matching_two_rules_serves_only_one() {
        // Six questions tagged both vneid and an-toan: two rules of two each share them.
        let questions: Vec<_> = (0..6)
            .map(|n| question(n, Difficulty::Easy, &[Topic::Vneid, Topic::AnToan]))
            .collect();
        let rules = [
            rule(&[Topic::Vneid], None, 2),
            rule(&[Topic::AnToan], None, 2),
        ];
        assert_eq!(fresh_attempts(&rules, &questions), 1);
    }

    #[test]
    fn overlapping_rules_are_assigned_the_questions_that_fit_them() {
        // vneid-only questions can serve only the first rule; shared ones go to the second.
        let questions: Vec<_> = (0..3)
            .map(|n| question(n, Difficulty::Easy, &[Topic::Vneid]))
            .chain((3..6).map(|n| question(n, Difficulty::Easy, &[Topic::Vneid, Topic::AnToan])))
            .collect();
        let rules = [
            rule(&[Topic::Vneid], None, 1),
            rule(&[Topic::AnToan], None, 1),
        ];
        assert_eq!(fresh_attempts(&rules, &questions), 3);
    }
}
