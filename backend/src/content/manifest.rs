//! A module's manifest, `module.toml`: read with serde (unknown keys are errors, so a typo
//! never silently drops a setting) into raw values that keep their positions, then validated
//! into a [`Module`]. Every message names the line of the offending value.

use std::path::{Component, Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::problem::{Problems, line_at};
use super::vocabulary::{Audience, ContentId, Difficulty, PassPercent, Topic};

/// A validated module manifest.
#[derive(Debug, Clone)]
pub struct Module {
    pub id: ContentId,
    pub title: String,
    pub description: Option<String>,
    pub audience: Vec<Audience>,
    pub grades: Option<GradeRange>,
    /// Completing a core module counts a learner as reached.
    pub core: bool,
    pub prerequisites: Vec<Prerequisite>,
    pub source_note: Option<String>,
    pub lessons: Vec<LessonRef>,
    pub assessment: Assessment,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GradeRange {
    pub first: u8,
    pub last: u8,
}

#[derive(Debug, Clone)]
pub struct Prerequisite {
    pub module: ContentId,
    pub line: usize,
}

/// A lesson as the manifest lists it, in learning order.
#[derive(Debug, Clone)]
pub struct LessonRef {
    /// Path inside the module folder, e.g. `lessons/01-vneid.md`.
    pub file: PathBuf,
    pub required: bool,
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct Assessment {
    pub time_limit_minutes: u32,
    pub pass_percent: PassPercent,
    pub max_attempts: u32,
    pub draw: Vec<DrawRule>,
    pub line: usize,
    /// The quiz options a manifest may add (each optional; the attempt engine's defaults
    /// apply to what is left out).
    pub options: QuizOptions,
}

/// Optional `[assessment]` keys beyond the required three: the window (UTC), what happens
/// when time runs out, the delay between attempts, the grading method and the review options
/// per timing — as `services::attempts::policy::QuizPolicy` reads them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QuizOptions {
    pub opens_at: Option<String>,
    pub closes_at: Option<String>,
    pub overdue: Option<String>,
    pub grace_period_minutes: Option<u32>,
    pub delay_minutes: Option<u32>,
    pub grading: Option<String>,
    /// Timing name → what it shows (`marks`, `right_answer`, `feedback`).
    pub review: Vec<(String, Vec<String>)>,
}

impl QuizOptions {
    /// The options as keys of the stored assessment JSON (only those given).
    pub fn to_json(&self, into: &mut serde_json::Map<String, serde_json::Value>) {
        use serde_json::json;
        let mut put = |key: &str, value: serde_json::Value| {
            into.insert(key.to_owned(), value);
        };
        if let Some(v) = &self.opens_at {
            put("opens_at", json!(v));
        }
        if let Some(v) = &self.closes_at {
            put("closes_at", json!(v));
        }
        if let Some(v) = &self.overdue {
            put("overdue", json!(v));
        }
        if let Some(v) = self.grace_period_minutes {
            put("grace_period_minutes", json!(v));
        }
        if let Some(v) = self.delay_minutes {
            put("delay_minutes", json!(v));
        }
        if let Some(v) = &self.grading {
            put("grading", json!(v));
        }
        if !self.review.is_empty() {
            let review: serde_json::Map<String, serde_json::Value> = self
                .review
                .iter()
                .map(|(timing, shows)| (timing.clone(), json!(shows)))
                .collect();
            put("review", serde_json::Value::Object(review));
        }
    }
}

/// One `[[assessment.draw]]` rule: `count` questions carrying at least one of `topics`, of
/// `difficulty` when given.
#[derive(Debug, Clone)]
pub struct DrawRule {
    pub topics: Vec<Topic>,
    pub difficulty: Option<Difficulty>,
    pub count: u32,
    pub line: usize,
}

/// What a manifest with errors still tells the checker: the lesson files it names, so those
/// are checked too (`None` when the file is not even TOML of the right shape). Its
/// prerequisites and assessment are checked once the manifest is valid.
#[derive(Debug, Default)]
pub struct Salvage {
    pub lessons: Option<Vec<LessonRef>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawManifest {
    id: Spanned<String>,
    title: Spanned<String>,
    #[serde(default)]
    description: Option<String>,
    audience: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    grades: Option<Spanned<Vec<i64>>>,
    core: bool,
    #[serde(default)]
    prerequisites: Vec<Spanned<String>>,
    #[serde(default)]
    source_note: Option<String>,
    #[serde(default)]
    lessons: Vec<RawLessonRef>,
    assessment: Option<Spanned<RawAssessment>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLessonRef {
    file: Spanned<String>,
    required: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAssessment {
    time_limit_minutes: Spanned<i64>,
    pass_percent: Spanned<i64>,
    max_attempts: Spanned<i64>,
    #[serde(default)]
    draw: Vec<RawDrawRule>,
    #[serde(default)]
    opens_at: Option<Spanned<String>>,
    #[serde(default)]
    closes_at: Option<Spanned<String>>,
    #[serde(default)]
    overdue: Option<Spanned<String>>,
    #[serde(default)]
    grace_period_minutes: Option<Spanned<i64>>,
    #[serde(default)]
    delay_minutes: Option<Spanned<i64>>,
    #[serde(default)]
    grading: Option<Spanned<String>>,
    #[serde(default)]
    review: Option<RawReview>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReview {
    #[serde(default)]
    during: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    immediately_after: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    later_while_open: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    after_close: Option<Spanned<Vec<Spanned<String>>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDrawRule {
    tags: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    difficulty: Option<Spanned<String>>,
    count: Spanned<i64>,
}

impl Module {
    /// Validates the manifest `text` of the module in folder `folder` (whose name is the
    /// module id). `file` is the manifest path used in problems.
    pub fn parse(
        text: &str,
        folder: &str,
        file: &Path,
        problems: &mut Problems,
    ) -> Result<Module, Salvage> {
        let raw: RawManifest = match toml::from_str(text) {
            Ok(raw) => raw,
            Err(err) => {
                let line = err.span().map(|span| line_at(text, span.start));
                problems.push(file, line, toml_message(err.message()));
                return Err(Salvage::default());
            }
        };
        let before = problems.len();
        let at = |span: std::ops::Range<usize>| line_at(text, span.start);

        let id = match ContentId::parse(raw.id.get_ref()) {
            Ok(id) if id.as_str() == folder => Some(id),
            Ok(id) => {
                problems.at(
                    file,
                    at(raw.id.span()),
                    format!(
                        "Mã học phần «{id}» phải trùng tên thư mục «{folder}» chứa nó \
                         (đổi một trong hai cho khớp)."
                    ),
                );
                None
            }
            Err(message) => {
                problems.at(file, at(raw.id.span()), message);
                None
            }
        };

        let title = raw.title.get_ref().trim().to_string();
        if title.is_empty() {
            problems.at(file, at(raw.title.span()), "Học phần chưa có tên (title).");
        }

        let mut audience = Vec::new();
        if raw.audience.get_ref().is_empty() {
            problems.at(
                file,
                at(raw.audience.span()),
                "Học phần phải có ít nhất một đối tượng (audience).",
            );
        }
        for value in raw.audience.get_ref() {
            match Audience::parse(value.get_ref()) {
                Ok(a) if audience.contains(&a) => problems.at(
                    file,
                    at(value.span()),
                    format!("Đối tượng «{a}» được ghi hai lần."),
                ),
                Ok(a) => audience.push(a),
                Err(message) => problems.at(file, at(value.span()), message),
            }
        }

        let grades = raw
            .grades
            .as_ref()
            .and_then(|g| match grade_range(g.get_ref()) {
                Ok(range) => Some(range),
                Err(message) => {
                    problems.at(file, at(g.span()), message);
                    None
                }
            });

        let mut prerequisites = Vec::new();
        for value in &raw.prerequisites {
            match ContentId::parse(value.get_ref()) {
                Ok(module) if module.as_str() == folder => problems.at(
                    file,
                    at(value.span()),
                    "Học phần không thể là điều kiện tiên quyết của chính nó.",
                ),
                Ok(module) => prerequisites.push(Prerequisite {
                    module,
                    line: at(value.span()),
                }),
                Err(message) => problems.at(file, at(value.span()), message),
            }
        }

        let lessons = lesson_refs(&raw.lessons, text, file, problems);
        if raw.lessons.is_empty() {
            problems.in_file(
                file,
                "Học phần chưa có bài học nào: thêm ít nhất một mục [[lessons]].",
            );
        }

        let assessment = match &raw.assessment {
            Some(assessment) => validate_assessment(assessment, text, file, problems),
            None => {
                problems.in_file(
                    file,
                    "Học phần chưa có bài kiểm tra: thêm mục [assessment] và các dòng \
                     [[assessment.draw]].",
                );
                None
            }
        };

        match (id, assessment) {
            (Some(id), Some(assessment)) if problems.len() == before => Ok(Module {
                id,
                title,
                description: raw.description.map(|d| d.trim().to_string()),
                audience,
                grades,
                core: raw.core,
                prerequisites,
                source_note: raw.source_note.map(|s| s.trim().to_string()),
                lessons,
                assessment,
            }),
            _ => Err(Salvage {
                lessons: Some(lessons),
            }),
        }
    }
}

fn grade_range(grades: &[i64]) -> Result<GradeRange, String> {
    let message = || {
        "grades phải là hai khối [nhỏ nhất, lớn nhất] trong khoảng 6–12, ví dụ [10, 12]."
            .to_string()
    };
    let [first, last] = grades else {
        return Err(message());
    };
    let first = u8::try_from(*first).map_err(|_| message())?;
    let last = u8::try_from(*last).map_err(|_| message())?;
    if (6..=12).contains(&first) && (6..=12).contains(&last) && first <= last {
        Ok(GradeRange { first, last })
    } else {
        Err(message())
    }
}

fn lesson_refs(
    raw: &[RawLessonRef],
    text: &str,
    file: &Path,
    problems: &mut Problems,
) -> Vec<LessonRef> {
    let mut lessons: Vec<LessonRef> = Vec::new();
    for entry in raw {
        let line = line_at(text, entry.file.span().start);
        let path = entry.file.get_ref().trim();
        let relative = Path::new(path);
        let inside = !path.is_empty()
            && relative
                .components()
                .all(|c| matches!(c, Component::Normal(_)));
        if !inside {
            problems.at(
                file,
                line,
                format!(
                    "Đường dẫn bài học «{path}» phải là đường dẫn bên trong thư mục học phần, \
                     ví dụ lessons/01-bai-mo-dau.md."
                ),
            );
            continue;
        }
        if !path.ends_with(".md") || super::lesson::translation_language(relative).is_some() {
            problems.at(
                file,
                line,
                format!(
                    "«{path}» không phải bài học gốc: bài học là tệp .md tiếng Việt; bản dịch \
                     .km.md, .en.md đặt cạnh bài gốc và không ghi vào module.toml."
                ),
            );
            continue;
        }
        if let Some(first) = lessons.iter().find(|l| l.file == relative) {
            problems.at(
                file,
                line,
                format!("Bài «{path}» đã được ghi ở dòng {}.", first.line),
            );
            continue;
        }
        lessons.push(LessonRef {
            file: relative.to_path_buf(),
            required: entry.required,
            line,
        });
    }
    lessons
}

fn validate_assessment(
    raw: &Spanned<RawAssessment>,
    text: &str,
    file: &Path,
    problems: &mut Problems,
) -> Option<Assessment> {
    let at = |span: std::ops::Range<usize>| line_at(text, span.start);
    let line = at(raw.span());
    let raw = raw.get_ref();
    let mut valid = true;

    let mut positive = |value: &Spanned<i64>, message: &str| -> u32 {
        match u32::try_from(*value.get_ref()) {
            Ok(v) if v > 0 => v,
            _ => {
                problems.at(file, at(value.span()), message);
                valid = false;
                0
            }
        }
    };
    let time_limit_minutes = positive(
        &raw.time_limit_minutes,
        "time_limit_minutes phải là số phút nguyên dương.",
    );
    let max_attempts = positive(
        &raw.max_attempts,
        "max_attempts phải là số lượt làm bài nguyên dương.",
    );

    let pass_percent = match PassPercent::new(*raw.pass_percent.get_ref()) {
        Ok(p) => Some(p),
        Err(message) => {
            problems.at(file, at(raw.pass_percent.span()), message);
            None
        }
    };

    if raw.draw.is_empty() {
        problems.at(
            file,
            line,
            "Bài kiểm tra chưa có dòng rút câu hỏi nào: thêm ít nhất một mục [[assessment.draw]].",
        );
        valid = false;
    }
    let mut draw = Vec::new();
    for rule in &raw.draw {
        match draw_rule(rule, text, file, problems) {
            Some(rule) => draw.push(rule),
            None => valid = false,
        }
    }

    let options = quiz_options(raw, text, file, problems);

    match (pass_percent, options) {
        (Some(pass_percent), Some(options)) if valid => Some(Assessment {
            time_limit_minutes,
            pass_percent,
            max_attempts,
            draw,
            line,
            options,
        }),
        _ => None,
    }
}

/// The optional quiz options, checked; `None` when one is wrong (each problem reported).
fn quiz_options(
    raw: &RawAssessment,
    text: &str,
    file: &Path,
    problems: &mut Problems,
) -> Option<QuizOptions> {
    use crate::services::attempts::policy::{GradingMethod, OverduePolicy, ReviewShow, parse_utc};
    let at = |span: std::ops::Range<usize>| line_at(text, span.start);
    let before = problems.len();
    let mut options = QuizOptions::default();

    let mut moment = |value: &Option<Spanned<String>>, key: &str| {
        let value = value.as_ref()?;
        match parse_utc(value.get_ref()) {
            Some(t) => Some((t, value.get_ref().trim().to_owned())),
            None => {
                problems.at(
                    file,
                    at(value.span()),
                    format!(
                        "{key} phải là thời điểm theo giờ UTC dạng \"2026-12-01T01:00:00Z\" \
                         (01:00 UTC là 08:00 giờ Việt Nam)."
                    ),
                );
                None
            }
        }
    };
    let opens = moment(&raw.opens_at, "opens_at");
    let closes = moment(&raw.closes_at, "closes_at");
    if let (Some((open, _)), Some((close, _)), Some(span)) =
        (&opens, &closes, raw.closes_at.as_ref().map(|c| c.span()))
        && close <= open
    {
        problems.at(file, at(span), "closes_at phải sau opens_at.");
    }
    options.opens_at = opens.map(|(_, text)| text);
    options.closes_at = closes.map(|(_, text)| text);

    if let Some(overdue) = &raw.overdue {
        if OverduePolicy::parse(overdue.get_ref()).is_some() {
            options.overdue = Some(overdue.get_ref().clone());
        } else {
            problems.at(
                file,
                at(overdue.span()),
                "overdue chỉ nhận \"autosubmit\" (tự nộp khi hết giờ), \"graceperiod\" \
                 (cho thêm thời gian để nộp) hoặc \"autoabandon\" (không nộp thì hủy).",
            );
        }
    }
    if let Some(grace) = &raw.grace_period_minutes {
        match u32::try_from(*grace.get_ref()) {
            Ok(m) if m > 0 && options.overdue.as_deref() == Some("graceperiod") => {
                options.grace_period_minutes = Some(m);
            }
            Ok(m) if m > 0 => problems.at(
                file,
                at(grace.span()),
                "grace_period_minutes chỉ dùng khi overdue = \"graceperiod\".",
            ),
            _ => problems.at(
                file,
                at(grace.span()),
                "grace_period_minutes phải là số phút nguyên dương.",
            ),
        }
    }
    if let Some(delay) = &raw.delay_minutes {
        match u32::try_from(*delay.get_ref()) {
            Ok(m) => options.delay_minutes = Some(m),
            Err(_) => problems.at(
                file,
                at(delay.span()),
                "delay_minutes phải là số phút nguyên, không âm.",
            ),
        }
    }
    if let Some(grading) = &raw.grading {
        if GradingMethod::parse(grading.get_ref()).is_some() {
            options.grading = Some(grading.get_ref().clone());
        } else {
            problems.at(
                file,
                at(grading.span()),
                "grading chỉ nhận \"highest\" (lượt cao nhất), \"average\" (trung bình), \
                 \"first\" (lượt đầu) hoặc \"last\" (lượt cuối).",
            );
        }
    }
    if let Some(review) = &raw.review {
        let timings = [
            ("during", &review.during),
            ("immediately_after", &review.immediately_after),
            ("later_while_open", &review.later_while_open),
            ("after_close", &review.after_close),
        ];
        for (timing, shows) in timings {
            let Some(shows) = shows else { continue };
            if timing == "during" && !shows.get_ref().is_empty() {
                problems.at(
                    file,
                    at(shows.span()),
                    "review.during phải để trống: khi đang làm bài, Học DVC không cho xem \
                     điểm, đáp án hay phản hồi.",
                );
                continue;
            }
            let mut names = Vec::new();
            for show in shows.get_ref() {
                match ReviewShow::from_names([show.get_ref().as_str()]) {
                    Ok(_) => names.push(show.get_ref().clone()),
                    Err(message) => problems.at(file, at(show.span()), message),
                }
            }
            options.review.push((timing.to_owned(), names));
        }
    }
    (problems.len() == before).then_some(options)
}

fn draw_rule(
    raw: &RawDrawRule,
    text: &str,
    file: &Path,
    problems: &mut Problems,
) -> Option<DrawRule> {
    let at = |span: std::ops::Range<usize>| line_at(text, span.start);
    let mut valid = true;
    let mut topics = Vec::new();
    if raw.tags.get_ref().is_empty() {
        problems.at(
            file,
            at(raw.tags.span()),
            "Dòng rút câu hỏi phải có ít nhất một thẻ chủ đề (tags).",
        );
        valid = false;
    }
    for tag in raw.tags.get_ref() {
        match Topic::parse(tag.get_ref()) {
            Ok(topic) => topics.push(topic),
            Err(message) => {
                problems.at(file, at(tag.span()), message);
                valid = false;
            }
        }
    }
    let difficulty = match &raw.difficulty {
        None => None,
        Some(d) => match Difficulty::parse(d.get_ref()) {
            Ok(d) => Some(d),
            Err(message) => {
                problems.at(file, at(d.span()), message);
                valid = false;
                None
            }
        },
    };
    let count = match u32::try_from(*raw.count.get_ref()) {
        Ok(c) if c > 0 => c,
        _ => {
            problems.at(
                file,
                at(raw.count.span()),
                "count phải là số câu nguyên dương.",
            );
            valid = false;
            0
        }
    };
    valid.then(|| DrawRule {
        topics,
        difficulty,
        count,
        line: at(raw.count.span()),
    })
}

/// Says a TOML or serde error in Vietnamese. The messages come from serde's fixed wording;
/// anything else is a TOML syntax error and keeps the parser's own description.
fn toml_message(message: &str) -> String {
    let names = |list: &str| {
        list.split(", ")
            .map(|n| n.trim_matches('`'))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let allowed = tail
            .strip_prefix(", expected one of ")
            .or_else(|| tail.strip_prefix(", expected "))
            .map(|list| format!(" Các trường dùng được ở đây: {}.", names(list)))
            .unwrap_or_default();
        return format!("Trường «{field}» không có trong định dạng module.toml.{allowed}");
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.trim_end_matches('`');
        return format!("Thiếu trường «{field}» (xem question-bank/README.md, mục 2).");
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        return format!(
            "Giá trị sai kiểu: cần {}, nhưng gặp {}.",
            kind_name(expected),
            kind_name(found)
        );
    }
    format!("module.toml sai cú pháp TOML: {message}.")
}

fn kind_name(serde_kind: &str) -> String {
    let kind = serde_kind.trim();
    let word = |w: &str| kind.starts_with(w);
    if word("string") || word("a string") {
        format!("chuỗi ký tự{}", kind.strip_prefix("string").unwrap_or(""))
    } else if word("integer") || word("i64") || word("u32") {
        "số nguyên".to_string()
    } else if word("boolean") || word("a boolean") {
        "true hoặc false".to_string()
    } else if word("sequence") || word("a sequence") {
        "danh sách [ … ]".to_string()
    } else if word("map") || word("struct") {
        "bảng (table)".to_string()
    } else if word("floating point") || word("f64") {
        "số thập phân".to_string()
    } else {
        kind.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_messages_are_said_in_vietnamese() {
        assert_eq!(
            toml_message("unknown field `titel`, expected one of `id`, `title`"),
            "Trường «titel» không có trong định dạng module.toml. Các trường dùng được ở đây: id, title."
        );
        assert!(toml_message("missing field `core`").starts_with("Thiếu trường «core»"));
        assert_eq!(
            toml_message("invalid type: string \"70\", expected i64"),
            "Giá trị sai kiểu: cần số nguyên, nhưng gặp chuỗi ký tự \"70\"."
        );
    }

    #[test]
    fn grades_are_an_ordered_pair_within_6_to_12() {
        assert_eq!(
            grade_range(&[10, 12]),
            Ok(GradeRange {
                first: 10,
                last: 12
            })
        );
        assert!(grade_range(&[12, 10]).is_err());
        assert!(grade_range(&[5, 9]).is_err());
        assert!(grade_range(&[10]).is_err());
    }
}
