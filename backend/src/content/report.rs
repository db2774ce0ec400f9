//! The result of `hocdvc content check`: every problem, and counts per module and in total.
//! It serialises as the `--json` summary and renders as the Vietnamese text a teacher reads.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use super::problem::Problem;
use super::vocabulary::{Audience, Difficulty};

/// Moodle's question type names, in the order `import-questions --json` lists them.
pub const QUESTION_TYPES: [&str; 7] = [
    "multichoice",
    "truefalse",
    "shortanswer",
    "numerical",
    "match",
    "essay",
    "description",
];

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// True when there is no problem.
    pub ok: bool,
    pub problems: Vec<Problem>,
    pub modules: Vec<ModuleSummary>,
    pub totals: Totals,
    /// Also at the top level, as the curriculum-engine issue's `--json` contract names them.
    pub lessons: usize,
    pub questions: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ModuleSummary {
    /// The module id (its folder name when the manifest cannot be read).
    pub id: String,
    pub title: Option<String>,
    pub audience: Vec<Audience>,
    pub core: Option<bool>,
    /// Valid Vietnamese lessons.
    pub lessons: usize,
    /// Valid translations per language code.
    pub translations: BTreeMap<String, usize>,
    /// Valid questions.
    pub questions: usize,
    pub by_difficulty: BTreeMap<String, usize>,
    pub by_type: BTreeMap<String, usize>,
    pub by_topic: BTreeMap<String, usize>,
    /// Questions one attempt of the assessment draws (`None` when the manifest is invalid).
    pub draw_per_attempt: Option<u32>,
    /// Attempts in a row that can each draw fresh questions.
    pub fresh_attempts: Option<u32>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Totals {
    pub modules: usize,
    pub lessons: usize,
    pub translations: BTreeMap<String, usize>,
    pub questions: usize,
    pub by_difficulty: BTreeMap<String, usize>,
    pub by_type: BTreeMap<String, usize>,
}

impl Report {
    /// Builds the report; totals are summed from the modules.
    pub fn new(problems: Vec<Problem>, modules: Vec<ModuleSummary>) -> Report {
        let mut totals = Totals {
            modules: modules.len(),
            by_difficulty: zero_counts(Difficulty::ALL.iter().map(|d| d.as_str())),
            by_type: zero_counts(QUESTION_TYPES),
            ..Totals::default()
        };
        for module in &modules {
            totals.lessons += module.lessons;
            totals.questions += module.questions;
            add_counts(&mut totals.translations, &module.translations);
            add_counts(&mut totals.by_difficulty, &module.by_difficulty);
            add_counts(&mut totals.by_type, &module.by_type);
        }
        Report {
            ok: problems.is_empty(),
            problems,
            lessons: totals.lessons,
            questions: totals.questions,
            modules,
            totals,
        }
    }

    /// The Vietnamese text report: problems first, then the counts.
    pub fn to_text(&self, dir: &str) -> String {
        let mut out = String::new();
        if self.problems.is_empty() {
            let _ = writeln!(out, "Ngân hàng nội dung {dir}: không có lỗi.");
        } else {
            let _ = writeln!(
                out,
                "Ngân hàng nội dung {dir}: {} lỗi cần sửa.\n",
                self.problems.len()
            );
            for problem in &self.problems {
                let _ = writeln!(out, "{problem}");
            }
        }
        if !self.modules.is_empty() {
            let _ = writeln!(out, "\nHọc phần:");
        }
        for module in &self.modules {
            let audience: Vec<&str> = module.audience.iter().map(|a| a.as_str()).collect();
            let audience = if audience.is_empty() {
                String::new()
            } else {
                format!(" ({})", audience.join(", "))
            };
            let _ = write!(
                out,
                "- {}{audience}: {} bài{}, {} câu hỏi — {}; {}",
                module.id,
                module.lessons,
                translations_text(&module.translations),
                module.questions,
                difficulty_text(&module.by_difficulty),
                type_text(&module.by_type),
            );
            match (module.draw_per_attempt, module.fresh_attempts) {
                (Some(per_attempt), Some(attempts)) => {
                    let _ = writeln!(
                        out,
                        "; bài kiểm tra {per_attempt} câu mỗi lượt, đủ câu cho {attempts} lượt \
                         không lặp câu."
                    );
                }
                _ => {
                    let _ = writeln!(out, ".");
                }
            }
        }
        let totals = &self.totals;
        let _ = writeln!(
            out,
            "\nTổng cộng: {} học phần, {} bài{}, {} câu hỏi — {}; {}.",
            totals.modules,
            totals.lessons,
            translations_text(&totals.translations),
            totals.questions,
            difficulty_text(&totals.by_difficulty),
            type_text(&totals.by_type),
        );
        let _ = writeln!(
            out,
            "{}",
            if self.ok {
                "Kết quả: đạt.".to_string()
            } else {
                format!("Kết quả: chưa đạt, {} lỗi.", self.problems.len())
            }
        );
        out
    }
}

pub fn zero_counts<'a>(keys: impl IntoIterator<Item = &'a str>) -> BTreeMap<String, usize> {
    keys.into_iter().map(|k| (k.to_string(), 0)).collect()
}

fn add_counts(into: &mut BTreeMap<String, usize>, from: &BTreeMap<String, usize>) {
    for (key, count) in from {
        *into.entry(key.clone()).or_default() += count;
    }
}

fn translations_text(translations: &BTreeMap<String, usize>) -> String {
    let parts: Vec<String> = translations
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(language, n)| format!("{n} bản dịch {language}"))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    }
}

fn difficulty_text(counts: &BTreeMap<String, usize>) -> String {
    let count = |d: Difficulty| counts.get(d.as_str()).copied().unwrap_or(0);
    format!(
        "dễ {}, vừa {}, khó {}",
        count(Difficulty::Easy),
        count(Difficulty::Medium),
        count(Difficulty::Hard)
    )
}

fn type_text(counts: &BTreeMap<String, usize>) -> String {
    let parts: Vec<String> = QUESTION_TYPES
        .iter()
        .filter_map(|t| {
            counts
                .get(*t)
                .filter(|n| **n > 0)
                .map(|n| format!("{t} {n}"))
        })
        .collect();
    if parts.is_empty() {
        "chưa có câu hỏi".to_string()
    } else {
        format!("theo loại: {}", parts.join(", "))
    }
}
