//! The assignment of judges to entries: each entry gets `k` judges, loads stay balanced, and
//! no judge gets an entry from a school they are affiliated with or one they declared a
//! conflict with. Assignments already made (by hand or an earlier run) are kept. A pure
//! function, so the rules are tested without a database.

use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone)]
pub struct EntryNode {
    pub id: i32,
    pub school_id: i32,
}

#[derive(Debug, Clone)]
pub struct JudgeNode {
    pub id: i32,
    pub schools: BTreeSet<i32>,
}

/// An entry that cannot get its `k` judges: how many eligible judges it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shortfall {
    pub entry_id: i32,
    pub eligible: usize,
    pub needed: usize,
}

/// Whether `judge` may score `entry` at all.
pub fn eligible(judge: &JudgeNode, entry: &EntryNode, conflicts: &BTreeSet<(i32, i32)>) -> bool {
    !judge.schools.contains(&entry.school_id) && !conflicts.contains(&(judge.id, entry.id))
}

/// New (entry, judge) pairs so that every entry has `k` judges, or every entry that cannot.
///
/// Greedy by scarcity: entries with the fewest eligible judges are served first, each taking
/// the least-loaded eligible judges (ties to the lower id, so runs are reproducible). Without
/// conflicts this keeps every judge's load within one of every other's.
pub fn assign(
    entries: &[EntryNode],
    judges: &[JudgeNode],
    conflicts: &BTreeSet<(i32, i32)>,
    existing: &[(i32, i32)],
    k: usize,
) -> Result<Vec<(i32, i32)>, Vec<Shortfall>> {
    let mut load: BTreeMap<i32, usize> = judges.iter().map(|j| (j.id, 0)).collect();
    let mut have: BTreeMap<i32, BTreeSet<i32>> = BTreeMap::new();
    for (entry, judge) in existing {
        have.entry(*entry).or_default().insert(*judge);
        if let Some(l) = load.get_mut(judge) {
            *l += 1;
        }
    }
    let eligible_of = |entry: &EntryNode| -> Vec<&JudgeNode> {
        judges
            .iter()
            .filter(|j| eligible(j, entry, conflicts))
            .collect()
    };
    let shortfalls: Vec<Shortfall> = entries
        .iter()
        .filter_map(|e| {
            let mut pool: BTreeSet<i32> = eligible_of(e).iter().map(|j| j.id).collect();
            pool.extend(have.get(&e.id).into_iter().flatten().copied());
            let n = pool.len();
            (n < k).then_some(Shortfall {
                entry_id: e.id,
                eligible: n,
                needed: k,
            })
        })
        .collect();
    if !shortfalls.is_empty() {
        return Err(shortfalls);
    }
    let mut order: Vec<&EntryNode> = entries.iter().collect();
    order.sort_by_key(|e| (eligible_of(e).len(), e.id));
    let mut created = Vec::new();
    for entry in order {
        let current = have.entry(entry.id).or_default();
        while current.len() < k {
            let pick = eligible_of(entry)
                .into_iter()
                .filter(|j| !current.contains(&j.id))
                .min_by_key(|j| (load.get(&j.id).copied().unwrap_or(0), j.id));
            let Some(judge) = pick else { break };
            current.insert(judge.id);
            *load.entry(judge.id).or_insert(0) += 1;
            created.push((entry.id, judge.id));
        }
    }
    Ok(created)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judge(id: i32, schools: &[i32]) -> JudgeNode {
        JudgeNode {
            id,
            schools: schools.iter().copied().collect(),
        }
    }

    fn entries(n: i32, schools: &[i32]) -> Vec<EntryNode> {
        (1..=n)
            .map(|id| EntryNode {
                id,
                school_id: schools[(id as usize) % schools.len()],
            })
            .collect()
    }

    fn loads(pairs: &[(i32, i32)]) -> BTreeMap<i32, usize> {
        let mut m = BTreeMap::new();
        for (_, j) in pairs {
            *m.entry(*j).or_insert(0) += 1;
        }
        m
    }

    #[test]
    fn every_entry_gets_k_distinct_judges_and_loads_stay_within_one() {
        let js: Vec<_> = (100..105).map(|id| judge(id, &[])).collect();
        let es = entries(13, &[1, 2, 3]);
        let pairs = assign(&es, &js, &BTreeSet::new(), &[], 3).unwrap();
        assert_eq!(pairs.len(), 39);
        for e in &es {
            let mine: BTreeSet<_> = pairs.iter().filter(|p| p.0 == e.id).map(|p| p.1).collect();
            assert_eq!(mine.len(), 3);
        }
        let l = loads(&pairs);
        let (min, max) = (l.values().min().unwrap(), l.values().max().unwrap());
        assert!(max - min <= 1, "loads {l:?}");
    }

    #[test]
    fn a_judge_never_gets_an_entry_of_their_own_school_nor_a_declared_conflict() {
        let js = vec![
            judge(100, &[1]),
            judge(101, &[2]),
            judge(102, &[]),
            judge(103, &[]),
        ];
        let es = entries(12, &[1, 2, 3]);
        let conflicts: BTreeSet<_> = [(102, 3), (103, 4)].into_iter().collect();
        let pairs = assign(&es, &js, &conflicts, &[], 2).unwrap();
        for (e, j) in &pairs {
            let entry = es.iter().find(|x| x.id == *e).unwrap();
            let jn = js.iter().find(|x| x.id == *j).unwrap();
            assert!(!jn.schools.contains(&entry.school_id), "{e} → {j}");
            assert!(!conflicts.contains(&(*j, *e)));
        }
        assert_eq!(pairs.len(), 24);
    }

    #[test]
    fn existing_assignments_are_kept_and_count_toward_k_and_load() {
        let js: Vec<_> = (100..103).map(|id| judge(id, &[])).collect();
        let es = entries(3, &[1]);
        let existing = [(1, 100), (2, 100)];
        let pairs = assign(&es, &js, &BTreeSet::new(), &existing, 2).unwrap();
        assert_eq!(pairs.len(), 4);
        assert!(!pairs.contains(&(1, 100)));
        let mut l = loads(&pairs);
        *l.entry(100).or_insert(0) += 2;
        assert!(l.values().all(|v| *v == 2), "{l:?}");
    }

    #[test]
    fn an_infeasible_panel_is_reported_entry_by_entry() {
        // Two judges, both from school 1: entries of school 1 have nobody eligible.
        let js = vec![judge(100, &[1]), judge(101, &[1]), judge(102, &[])];
        let es = entries(4, &[1, 2]);
        let err = assign(&es, &js, &BTreeSet::new(), &[], 2).unwrap_err();
        let short: Vec<i32> = err.iter().map(|s| s.entry_id).collect();
        assert_eq!(short, vec![2, 4]);
        assert!(err.iter().all(|s| s.eligible == 1 && s.needed == 2));
    }

    #[test]
    fn asking_for_more_judges_than_the_panel_has_is_infeasible() {
        let js = vec![judge(100, &[])];
        let err = assign(&entries(1, &[1]), &js, &BTreeSet::new(), &[], 2).unwrap_err();
        assert_eq!(err.len(), 1);
    }
}
