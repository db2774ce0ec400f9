//! `content check`: loads the bank, then checks what no single file can tell — ids unique
//! across the whole bank, prerequisites that name real modules without forming a cycle, and
//! assessments that can draw fresh questions for [`MIN_FRESH_ATTEMPTS`] attempts — and sums
//! up the bank per module.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::path::Path;

use super::bank::{Bank, ModuleContent, load};
use super::draw::{MIN_FRESH_ATTEMPTS, fresh_attempts};
use super::manifest::{DrawRule, Module};
use super::problem::Problems;
use super::report::{ModuleSummary, QUESTION_TYPES, Report, zero_counts};
use super::vocabulary::{ContentId, Difficulty, Topic};

/// Checks the question bank in `root` and reports every problem with the bank's counts.
pub fn check(root: &Path) -> Report {
    check_and_read(root).1
}

/// Like [`check`], and also hands back the bank as read (`content load` stores it when the
/// report is ok).
pub fn check_and_read(root: &Path) -> (Bank, Report) {
    let mut problems = Problems::default();
    let bank = load(root, &mut problems);
    check_unique_ids(&bank, &mut problems);
    check_prerequisites(&bank, &mut problems);
    let mut summaries = Vec::new();
    for content in &bank.modules {
        let attempts = content
            .module
            .as_ref()
            .map(|module| check_draws(content, module, &mut problems));
        summaries.push(summary(content, attempts));
    }
    (bank, Report::new(problems.into_sorted(), summaries))
}

fn check_unique_ids(bank: &Bank, problems: &mut Problems) {
    let mut modules: HashMap<&ContentId, String> = HashMap::new();
    let mut lessons: HashMap<&ContentId, (String, usize)> = HashMap::new();
    let mut questions: HashMap<&ContentId, (String, usize)> = HashMap::new();
    for content in &bank.modules {
        let manifest = content.manifest_path();
        if let Some(module) = &content.module {
            match modules.get(&module.id) {
                Some(first) => problems.in_file(
                    &manifest,
                    format!("Mã học phần «{}» trùng với {first}.", module.id),
                ),
                None => {
                    modules.insert(&module.id, manifest.display().to_string());
                }
            }
        }
        for lesson in &content.lessons {
            let file = content.dir.join(&lesson.file);
            match lessons.get(&lesson.id) {
                Some((first, line)) => problems.at(
                    &file,
                    lesson.id_line,
                    format!(
                        "Mã bài «{}» đã dùng cho bài {first} (dòng {line}); mã bài phải duy nhất \
                         trong toàn bộ ngân hàng.",
                        lesson.id
                    ),
                ),
                None => {
                    lessons.insert(&lesson.id, (file.display().to_string(), lesson.id_line));
                }
            }
        }
        for question in &content.questions {
            match questions.get(&question.id) {
                Some((first, line)) => problems.at(
                    Path::new(&question.file),
                    question.line,
                    format!(
                        "Mã câu hỏi «{}» đã dùng ở {first}, dòng {line}; mã câu hỏi phải duy \
                         nhất trong toàn bộ ngân hàng.",
                        question.id
                    ),
                ),
                None => {
                    questions.insert(&question.id, (question.file.clone(), question.line));
                }
            }
        }
    }
}

fn check_prerequisites(bank: &Bank, problems: &mut Problems) {
    let known: BTreeSet<&str> = bank.modules.iter().map(|m| m.folder.as_str()).collect();
    let mut graph: BTreeMap<&ContentId, Vec<(&ContentId, usize)>> = BTreeMap::new();
    let mut manifests = HashMap::new();
    for content in &bank.modules {
        let Some(module) = &content.module else {
            continue;
        };
        manifests.insert(&module.id, content.manifest_path());
        let edges = graph.entry(&module.id).or_default();
        for prerequisite in &module.prerequisites {
            if known.contains(prerequisite.module.as_str()) {
                edges.push((&prerequisite.module, prerequisite.line));
            } else {
                problems.at(
                    &content.manifest_path(),
                    prerequisite.line,
                    format!(
                        "Điều kiện tiên quyết «{}» không phải học phần nào trong ngân hàng.",
                        prerequisite.module
                    ),
                );
            }
        }
    }

    // Each cycle is reported once, from its smallest module id.
    let mut reported: BTreeSet<Vec<&ContentId>> = BTreeSet::new();
    for &start in graph.keys() {
        let Some(cycle) = shortest_cycle(&graph, start) else {
            continue;
        };
        let mut canonical = cycle.clone();
        if let Some(min) = (0..canonical.len()).min_by_key(|&i| canonical.get(i).copied()) {
            canonical.rotate_left(min);
        }
        if canonical.first() != Some(&start) || !reported.insert(canonical.clone()) {
            continue;
        }
        let next = canonical.get(1).copied().unwrap_or(start);
        let line = graph
            .get(start)
            .and_then(|edges| edges.iter().find(|(to, _)| *to == next))
            .map(|(_, line)| *line);
        let path: Vec<&str> = canonical
            .iter()
            .chain(std::iter::once(&start))
            .map(|id| id.as_str())
            .collect();
        if let Some(manifest) = manifests.get(start) {
            problems.push(
                manifest,
                line,
                format!(
                    "Các điều kiện tiên quyết tạo thành vòng lặp {}: không học phần nào trong \
                     vòng này học được trước. Bỏ một điều kiện để cắt vòng.",
                    path.join(" → ")
                ),
            );
        }
    }
}

/// The shortest cycle through `start` (its modules in order, `start` first), if any.
fn shortest_cycle<'a>(
    graph: &BTreeMap<&'a ContentId, Vec<(&'a ContentId, usize)>>,
    start: &'a ContentId,
) -> Option<Vec<&'a ContentId>> {
    let mut parent: HashMap<&ContentId, &ContentId> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for &(next, _) in graph.get(node).map(Vec::as_slice).unwrap_or_default() {
            if next == start {
                let mut path = vec![node];
                let mut at = node;
                while at != start {
                    at = parent.get(at).copied()?;
                    path.push(at);
                }
                path.reverse();
                return Some(path);
            }
            if next != start && !parent.contains_key(next) {
                parent.insert(next, node);
                queue.push_back(next);
            }
        }
    }
    None
}

/// Reports draw rules the module's questions cannot serve for [`MIN_FRESH_ATTEMPTS`] fresh
/// attempts, and returns how many fresh attempts the bank serves.
fn check_draws(content: &ModuleContent, module: &Module, problems: &mut Problems) -> u32 {
    let manifest = content.manifest_path();
    let rules = &module.assessment.draw;
    let mut every_rule_alone = true;
    for rule in rules {
        let matching = content.questions.iter().filter(|q| rule.matches(q)).count();
        let need = rule.count.saturating_mul(MIN_FRESH_ATTEMPTS);
        if matching < need as usize {
            every_rule_alone = false;
            problems.at(
                &manifest,
                rule.line,
                format!(
                    "Dòng rút này lấy {} câu mỗi lượt nên cần ít nhất {need} câu khớp (đủ \
                     {MIN_FRESH_ATTEMPTS} lượt làm bài không lặp câu), nhưng học phần chỉ có \
                     {matching} câu {}.",
                    rule.count,
                    describe(rule)
                ),
            );
        }
    }
    let attempts = fresh_attempts(rules, &content.questions);
    if every_rule_alone && attempts < MIN_FRESH_ATTEMPTS {
        problems.at(
            &manifest,
            module.assessment.line,
            format!(
                "Các dòng rút dùng chung câu hỏi (một câu khớp nhiều dòng chỉ rút được cho một \
                 dòng), nên ngân hàng chỉ đủ cho {attempts} lượt làm bài không lặp câu; cần ít \
                 nhất {MIN_FRESH_ATTEMPTS}. Thêm câu hỏi hoặc tách thẻ của các dòng rút."
            ),
        );
    }
    attempts
}

fn describe(rule: &DrawRule) -> String {
    let tags: Vec<String> = rule.topics.iter().map(|t| format!("[tag:{t}]")).collect();
    let level = match rule.difficulty {
        Some(d) => format!(" ở mức {d}"),
        None => String::new(),
    };
    format!("có một trong các thẻ {}{level}", tags.join(", "))
}

fn summary(content: &ModuleContent, fresh_attempts: Option<u32>) -> ModuleSummary {
    let mut translations = BTreeMap::new();
    for lesson in &content.lessons {
        for translation in &lesson.translations {
            *translations
                .entry(translation.language.as_str().to_string())
                .or_insert(0) += 1;
        }
    }
    let mut by_difficulty = zero_counts(Difficulty::ALL.iter().map(|d| d.as_str()));
    let mut by_type = zero_counts(QUESTION_TYPES);
    let mut by_topic = zero_counts(Topic::ALL.iter().map(|t| t.as_str()));
    for question in &content.questions {
        *by_difficulty
            .entry(question.difficulty.as_str().to_string())
            .or_insert(0) += 1;
        *by_type
            .entry(question.question.moodle_type_name().to_string())
            .or_insert(0) += 1;
        for topic in &question.topics {
            *by_topic.entry(topic.as_str().to_string()).or_insert(0) += 1;
        }
    }
    let module = content.module.as_ref();
    ModuleSummary {
        id: module.map_or_else(|| content.folder.clone(), |m| m.id.to_string()),
        title: module.map(|m| m.title.clone()),
        audience: module.map(|m| m.audience.clone()).unwrap_or_default(),
        core: module.map(|m| m.core),
        lessons: content.lessons.len(),
        translations,
        questions: content.questions.len(),
        by_difficulty,
        by_type,
        by_topic,
        draw_per_attempt: module.map(|m| m.assessment.draw.iter().map(|r| r.count).sum()),
        fresh_attempts,
    }
}
