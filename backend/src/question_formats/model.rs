//! Format-independent question model shared by the GIFT and Moodle XML
//! importers/exporters, plus small helpers that reproduce PHP/Moodle
//! behaviour both formats rely on (trimming, numeric strings, grade lists,
//! category paths).

#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

/// Text format of a question text (Moodle's FORMAT_* constants).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum TextFormat {
    /// FORMAT_MOODLE ("moodle_auto_format" in XML); GIFT's default.
    #[default]
    Moodle,
    /// FORMAT_HTML; Moodle XML's default.
    Html,
    /// FORMAT_MARKDOWN.
    Markdown,
    /// FORMAT_PLAIN ("plain_text" in XML).
    Plain,
}

impl TextFormat {
    /// Name used in GIFT `[format]` prefixes.
    pub fn gift_name(self) -> &'static str {
        match self {
            TextFormat::Moodle => "moodle",
            TextFormat::Html => "html",
            TextFormat::Markdown => "markdown",
            TextFormat::Plain => "plain",
        }
    }

    /// Parses a GIFT `[format]` prefix name (exact, lower case, as Moodle).
    pub fn from_gift_name(name: &str) -> Option<TextFormat> {
        match name {
            "moodle" => Some(TextFormat::Moodle),
            "html" => Some(TextFormat::Html),
            "plain" => Some(TextFormat::Plain),
            "markdown" => Some(TextFormat::Markdown),
            _ => None,
        }
    }

    /// Name used in Moodle XML `format="..."` attributes.
    pub fn xml_name(self) -> &'static str {
        match self {
            TextFormat::Moodle => "moodle_auto_format",
            TextFormat::Html => "html",
            TextFormat::Markdown => "markdown",
            TextFormat::Plain => "plain_text",
        }
    }

    /// Reads a Moodle XML format attribute like `qformat_xml::trans_format`:
    /// the name is trimmed and anything unknown is treated as HTML.
    /// `wiki_like` (FORMAT_WIKI, long deprecated and rendered like Moodle
    /// auto-format) maps to [`TextFormat::Moodle`].
    pub fn from_xml_name(name: &str) -> TextFormat {
        match php_trim(name) {
            "moodle_auto_format" | "wiki_like" => TextFormat::Moodle,
            "plain_text" => TextFormat::Plain,
            "markdown" => TextFormat::Markdown,
            _ => TextFormat::Html,
        }
    }
}

/// One graded answer of a multichoice or short-answer question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    /// Answer text. For short answers, `*` is Moodle's wildcard and is kept
    /// as text.
    pub text: String,
    /// Grade fraction in -1.0..=1.0, always one of Moodle's allowed grades
    /// (see [`GRADE_FRACTIONS`]).
    pub fraction: f64,
    /// Feedback shown when this answer is chosen (may be empty).
    pub feedback: String,
}

/// One graded answer of a numerical question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NumericalAnswer {
    /// Expected value; `None` is Moodle's `*` answer that matches any other
    /// response (GIFT writes it as `~#feedback`).
    pub value: Option<f64>,
    /// Accepted error margin (a `#min..max` range becomes its midpoint with
    /// half the width as tolerance, as Moodle does).
    pub tolerance: f64,
    /// Grade fraction, one of [`GRADE_FRACTIONS`].
    pub fraction: f64,
    /// Feedback for this answer (may be empty).
    pub feedback: String,
}

/// The type-specific part of a question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum QuestionKind {
    /// Multiple choice (also GIFT's missing-word format). `single` is false
    /// for multiple-response questions.
    MultiChoice {
        single: bool,
        /// Moodle's `shuffleanswers` option (GIFT imports use Moodle's
        /// default, true).
        shuffle_answers: bool,
        answers: Vec<Answer>,
    },
    /// True/false with a feedback for each of the two choices.
    TrueFalse {
        correct: bool,
        feedback_true: String,
        feedback_false: String,
    },
    /// Short answer; `case_sensitive` is Moodle's `usecase`.
    ShortAnswer {
        answers: Vec<Answer>,
        case_sensitive: bool,
    },
    /// Numerical with one or more graded answers.
    Numerical { answers: Vec<NumericalAnswer> },
    /// Matching. Each pair is (question text, answer text); a pair with an
    /// empty question text is an extra distractor answer.
    Matching {
        /// Moodle's `shuffleanswers` option (default true).
        shuffle_answers: bool,
        pairs: Vec<(String, String)>,
    },
    /// Essay (free text response, graded manually).
    Essay,
    /// Description (no answer, just text).
    Description,
}

impl QuestionKind {
    /// Moodle's internal question type name.
    pub fn moodle_type_name(&self) -> &'static str {
        match self {
            QuestionKind::MultiChoice { .. } => "multichoice",
            QuestionKind::TrueFalse { .. } => "truefalse",
            QuestionKind::ShortAnswer { .. } => "shortanswer",
            QuestionKind::Numerical { .. } => "numerical",
            QuestionKind::Matching { .. } => "match",
            QuestionKind::Essay => "essay",
            QuestionKind::Description => "description",
        }
    }
}

/// A question, independent of the file format it came from.
///
/// All text is Unicode NFC and trimmed the way Moodle trims it on import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    /// Question name (`::name::` in GIFT); `None` when the file gave none
    /// or gave an empty one.
    pub name: Option<String>,
    /// Question text. For GIFT missing-word questions the answer block is
    /// replaced by `_____`.
    pub text: String,
    /// Format of the question text (answers and feedback share it).
    pub text_format: TextFormat,
    /// General feedback (GIFT `####...`).
    pub general_feedback: String,
    /// Category path, outermost first, without Moodle's context
    /// (`$course$`...) and `top` parts. Empty means "the default category".
    pub category: Vec<String>,
    /// Moodle ID number (`// [id:...]` in GIFT, `<idnumber>` in XML).
    pub idnumber: Option<String>,
    /// Tags (`// [tag:...]` in GIFT, `<tags>` in XML).
    pub tags: Vec<String>,
    /// Where the question comes from (Học DVC extension: a `// source: ...`
    /// comment line right above a GIFT question, `<source>` in XML).
    pub source: Option<String>,
    /// Type-specific data.
    pub kind: QuestionKind,
}

impl Question {
    /// Moodle's internal type name: multichoice, truefalse, shortanswer,
    /// numerical, match, essay or description.
    pub fn moodle_type_name(&self) -> &'static str {
        self.kind.moodle_type_name()
    }
}

// ---------------------------------------------------------------------------
// Helpers shared by the format modules.
// ---------------------------------------------------------------------------

/// Unicode NFC normalisation of a string.
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// Characters PHP's `trim()` removes by default.
pub(crate) fn is_php_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\0' | '\u{0B}')
}

/// PHP's `trim()` (only ASCII space, tab, newlines, NUL and vertical tab;
/// unlike Rust's `str::trim`, non-breaking spaces are kept).
pub(crate) fn php_trim(s: &str) -> &str {
    s.trim_matches(is_php_space)
}

/// The grade fractions Moodle accepts on import
/// (`question_bank::fraction_options_full()`), in decreasing order.
pub const GRADE_FRACTIONS: [f64; 41] = [
    1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2,
    0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0.0, -0.05, -0.1, -0.1111111, -0.125,
    -0.1428571, -0.1666667, -0.2, -0.25, -0.3, -0.3333333, -0.4, -0.5, -0.6, -0.6666667, -0.7,
    -0.75, -0.8, -0.8333333, -0.9, -1.0,
];

/// Moodle's `match_grade_options(..., 'error')`: returns the allowed grade
/// within 0.00001 of `fraction`, or `None` when the grade is not allowed.
pub fn match_grade(fraction: f64) -> Option<f64> {
    GRADE_FRACTIONS
        .iter()
        .copied()
        .find(|g| (fraction - g).abs() < 0.00001)
}

/// Human readable list of the allowed percentages, for error messages.
pub(crate) fn allowed_percentages() -> String {
    GRADE_FRACTIONS
        .iter()
        .filter(|f| **f >= 0.0)
        .map(|f| format_percent(*f))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Formats a fraction as Moodle prints `fraction * 100` (e.g. 0.3333333 →
/// "33.33333", 1.0 → "100", -0.5 → "-50").
pub fn format_percent(fraction: f64) -> String {
    let s = format!("{:.5}", fraction * 100.0);
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" { "0".to_string() } else { s }
}

/// Formats a number so that it parses back to exactly the same `f64` and
/// is accepted by PHP's `is_numeric` (no `inf`/`NaN`, exponent form only
/// for very large or small values).
pub fn format_number(value: f64) -> String {
    let plain = format!("{value}");
    if plain.len() <= 24 {
        plain
    } else {
        format!("{value:e}")
    }
}

/// PHP 8 `is_numeric()` followed by a float conversion: optional leading
/// and trailing whitespace, optional sign, decimal digits with an optional
/// fraction and exponent. Hex, `inf` and `nan` are not numeric.
pub fn php_numeric(s: &str) -> Option<f64> {
    let ws = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}');
    let t = s.trim_matches(ws);
    let bytes = t.as_bytes();
    let mut i = 0;
    if matches!(bytes.first(), Some(b'+') | Some(b'-')) {
        i += 1;
    }
    let int_start = i;
    while bytes.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    let int_digits = i - int_start;
    let mut frac_digits = 0;
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        let frac_start = i;
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        frac_digits = i - frac_start;
    }
    if int_digits == 0 && frac_digits == 0 {
        return None;
    }
    if matches!(bytes.get(i), Some(b'e') | Some(b'E')) {
        let mut j = i + 1;
        if matches!(bytes.get(j), Some(b'+') | Some(b'-')) {
            j += 1;
        }
        let exp_start = j;
        while bytes.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        if j == exp_start {
            return None;
        }
        i = j;
    }
    if i != bytes.len() {
        return None;
    }
    let v: f64 = t.parse().ok()?;
    v.is_finite().then_some(v)
}

/// Moodle's `qformat_default::split_category_path` followed by what
/// `create_category_path` does with the result: names are split on single
/// `/` (a doubled `//` is a literal slash), trimmed, a leading context
/// marker such as `$course$`, `$system$` or `$module$` is removed, and the
/// `top` categories (never created by Moodle) are skipped. Empty names are
/// dropped too.
pub fn split_category_path(path: &str) -> Vec<String> {
    let chars: Vec<char> = path.chars().collect();
    let mut raw: Vec<String> = Vec::new();
    let mut current = String::new();
    for (i, c) in chars.iter().enumerate() {
        let prev_slash = i > 0 && chars.get(i - 1) == Some(&'/');
        let next_slash = chars.get(i + 1) == Some(&'/');
        if *c == '/' && !prev_slash && !next_slash {
            raw.push(std::mem::take(&mut current));
        } else {
            current.push(*c);
        }
    }
    raw.push(current);

    let mut names: Vec<String> = raw
        .iter()
        .map(|r| nfc(php_trim(&r.replace("//", "/"))))
        .collect();
    if names.first().is_some_and(|n| is_context_marker(n)) {
        names.remove(0);
    }
    names
        .into_iter()
        .filter(|n| !n.is_empty() && n != "top")
        .collect()
}

/// `^\$([a-z]+)\$$`, the context marker Moodle strips from category paths.
fn is_context_marker(name: &str) -> bool {
    name.len() > 2
        && name.starts_with('$')
        && name.ends_with('$')
        && name
            .get(1..name.len() - 1)
            .is_some_and(|inner| inner.bytes().all(|b| b.is_ascii_lowercase()))
}

/// Moodle's `assemble_category_path`, prefixed with `$course$/top` as
/// Moodle 3.5+ exports do. The result reads back through
/// [`split_category_path`] to the same names.
pub fn assemble_category_path(names: &[String]) -> String {
    let mut parts = vec!["$course$".to_string(), "top".to_string()];
    for name in names {
        let mut escaped = name.replace('/', "//");
        if escaped.starts_with('/') {
            escaped.insert(0, ' ');
        }
        if escaped.ends_with('/') {
            escaped.push(' ');
        }
        parts.push(escaped);
    }
    parts.join("/")
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::approx_constant // Moodle's pi examples
)]
mod tests {
    use super::*;

    #[test]
    fn moodle_type_names_match_moodle() {
        let names: Vec<&str> = [
            QuestionKind::MultiChoice {
                single: true,
                shuffle_answers: true,
                answers: vec![],
            },
            QuestionKind::TrueFalse {
                correct: true,
                feedback_true: String::new(),
                feedback_false: String::new(),
            },
            QuestionKind::ShortAnswer {
                answers: vec![],
                case_sensitive: false,
            },
            QuestionKind::Numerical { answers: vec![] },
            QuestionKind::Matching {
                shuffle_answers: true,
                pairs: vec![],
            },
            QuestionKind::Essay,
            QuestionKind::Description,
        ]
        .iter()
        .map(QuestionKind::moodle_type_name)
        .collect();
        assert_eq!(
            names,
            [
                "multichoice",
                "truefalse",
                "shortanswer",
                "numerical",
                "match",
                "essay",
                "description"
            ]
        );
    }

    #[test]
    fn grades_snap_to_moodle_list_within_tolerance() {
        assert_eq!(match_grade(0.333333), Some(0.3333333));
        assert_eq!(match_grade(-1.0), Some(-1.0));
        assert_eq!(match_grade(0.33), None);
        assert_eq!(match_grade(1.5), None);
    }

    #[test]
    fn percentages_print_like_php() {
        assert_eq!(format_percent(0.3333333), "33.33333");
        assert_eq!(format_percent(1.0), "100");
        assert_eq!(format_percent(-0.5), "-50");
        assert_eq!(format_percent(0.0), "0");
        assert_eq!(format_percent(0.1428571), "14.28571");
    }

    #[test]
    fn php_numeric_accepts_what_php_accepts() {
        assert_eq!(php_numeric("1822"), Some(1822.0));
        assert_eq!(php_numeric(" -3.5e2 "), Some(-350.0));
        assert_eq!(php_numeric(".5"), Some(0.5));
        assert_eq!(php_numeric("5."), Some(5.0));
        for bad in ["", "abc", "1,5", "0x1A", "inf", "NaN", "1e", "--1", "."] {
            assert_eq!(php_numeric(bad), None, "{bad}");
        }
    }

    #[test]
    fn numbers_format_to_round_trip() {
        for v in [0.1, 1822.0, -3.25, 1e300, 1e-300, 3.1415, -0.0] {
            assert_eq!(php_numeric(&format_number(v)), Some(v));
        }
    }

    #[test]
    fn category_paths_lose_context_and_top() {
        assert_eq!(
            split_category_path("$course$/Iota/Kappa"),
            ["Iota", "Kappa"]
        );
        assert_eq!(split_category_path("$course$/top/A"), ["A"]);
        assert_eq!(split_category_path("top"), Vec::<String>::new());
        assert_eq!(split_category_path("A//B/ C "), ["A/B", "C"]);
        assert_eq!(split_category_path("Toán/Lớp 10"), ["Toán", "Lớp 10"]);
    }

    #[test]
    fn assembled_category_paths_split_back() {
        let names = vec!["/a".to_string(), "b/".to_string(), "c//d".to_string()];
        assert_eq!(split_category_path(&assemble_category_path(&names)), names);
    }

    #[test]
    fn php_trim_keeps_non_breaking_spaces() {
        assert_eq!(php_trim("\u{a0}x \n"), "\u{a0}x");
    }
}

/// Proptest strategies shared by the format modules' tests.
#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
pub(crate) mod strategies {
    use super::*;
    use proptest::prelude::*;

    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => "[a-zA-Z0-9 ]{1,6}",
            3 => prop::sample::select(vec![
                "{", "}", "=", "~", "#", ":", "\\", "%", "[", "]", "->", "-", ">", "/", "//",
                "::", "_____", "*", "..", "$", "0", "####", "\\n", "\n", "\t", "<", "&", "\"",
                "'", "]]>", "&amp;", "[html]", "[tag:", "[id:", "%50%", "T", "TRUE", "$CATEGORY:",
                "\\]", "@@PLUGINFILE@@/a.png",
            ])
            .prop_map(String::from),
            2 => prop::sample::select(vec![
                "Thủ đô", "Việt Nam", "đúng", "sai", "ă", "ơ", "ư", "e\u{301}",
                "a\u{323}\u{302}", "Ệ", "ĐẠI", "\u{a0}", "ｶ",
            ])
            .prop_map(String::from),
        ]
    }

    /// Trimmed (PHP) and NFC, as every imported text is.
    pub(crate) fn clean(s: &str) -> String {
        let mut s = s.to_string();
        loop {
            let next = nfc(php_trim(&nfc(&s)));
            if next == s {
                return next;
            }
            s = next;
        }
    }

    /// Any imported text (possibly empty).
    pub(crate) fn text(max_pieces: usize) -> impl Strategy<Value = String> {
        prop::collection::vec(piece(), 0..max_pieces).prop_map(|v| clean(&v.concat()))
    }

    pub(crate) fn nonempty(max_pieces: usize) -> impl Strategy<Value = String> {
        text(max_pieces.max(2)).prop_filter("non-empty", |s| !s.is_empty())
    }

    fn single_line(max_pieces: usize) -> impl Strategy<Value = String> {
        nonempty(max_pieces).prop_filter("one line", |s| !s.chars().any(char::is_control))
    }

    fn fraction() -> impl Strategy<Value = f64> {
        prop::sample::select(GRADE_FRACTIONS.to_vec())
    }

    fn number() -> impl Strategy<Value = f64> {
        prop_oneof![
            (-100_000i64..100_000).prop_map(|i| i as f64),
            -1e6f64..1e6,
            Just(1e300),
            Just(-2.5e-300),
            Just(0.1),
        ]
    }

    fn answers(min: usize, max: usize, gift: bool) -> impl Strategy<Value = Vec<Answer>> {
        let no_arrow = move |s: &String| !gift || !s.contains("->");
        prop::collection::vec(
            (
                nonempty(6).prop_filter("no ->", no_arrow),
                fraction(),
                text(4).prop_filter("no ->", no_arrow),
            )
                .prop_map(|(text, fraction, feedback)| Answer {
                    text,
                    fraction,
                    feedback,
                }),
            min..max,
        )
    }

    /// Question kinds; with `gift`, only what GIFT can express.
    pub(crate) fn kind(gift: bool) -> BoxedStrategy<QuestionKind> {
        let no_arrow = move |s: &String| !gift || !s.contains("->");
        let mc = (
            any::<bool>(),
            any::<bool>(),
            answers(2, 5, false),
            any::<prop::sample::Index>(),
        )
            .prop_map(move |(single, shuffle, mut answers, idx)| {
                if gift && single {
                    let i = idx.index(answers.len());
                    answers[i].fraction = 1.0;
                }
                QuestionKind::MultiChoice {
                    single,
                    shuffle_answers: shuffle || gift,
                    answers,
                }
            });
        let tf =
            (any::<bool>(), text(4), text(4)).prop_map(|(correct, t, f)| QuestionKind::TrueFalse {
                correct,
                feedback_true: t,
                feedback_false: f,
            });
        let sa = (answers(1, 4, gift), any::<bool>()).prop_map(move |(answers, cs)| {
            QuestionKind::ShortAnswer {
                answers,
                case_sensitive: cs && !gift,
            }
        });
        let exact =
            (number(), number(), fraction(), text(4)).prop_map(|(v, t, f, fb)| NumericalAnswer {
                value: Some(v),
                tolerance: t,
                fraction: f,
                feedback: fb,
            });
        let num = if gift {
            (
                prop::collection::vec(exact, 1..3),
                prop::option::of(text(4)),
            )
                .prop_map(|(mut answers, wildcard)| {
                    if let Some(feedback) = wildcard {
                        answers.push(NumericalAnswer {
                            value: None,
                            tolerance: 0.0,
                            fraction: 0.0,
                            feedback,
                        });
                    }
                    QuestionKind::Numerical { answers }
                })
                .boxed()
        } else {
            let wildcard = (fraction(), text(4)).prop_map(|(fraction, feedback)| NumericalAnswer {
                value: None,
                tolerance: 0.0,
                fraction,
                feedback,
            });
            prop::collection::vec(prop_oneof![3 => exact, 1 => wildcard], 0..4)
                .prop_map(|answers| QuestionKind::Numerical { answers })
                .boxed()
        };
        let matching = (
            any::<bool>(),
            prop::collection::vec((text(5).prop_filter("no ->", no_arrow), nonempty(5)), 2..5),
        )
            .prop_map(move |(shuffle, pairs)| QuestionKind::Matching {
                shuffle_answers: shuffle || gift,
                pairs,
            });
        prop_oneof![
            mc,
            tf,
            sa,
            num,
            matching,
            Just(QuestionKind::Essay),
            Just(QuestionKind::Description),
        ]
        .boxed()
    }

    fn format() -> impl Strategy<Value = TextFormat> {
        prop::sample::select(vec![
            TextFormat::Moodle,
            TextFormat::Html,
            TextFormat::Markdown,
            TextFormat::Plain,
        ])
    }

    /// Whole questions; with `gift`, only what GIFT can express.
    pub(crate) fn question(gift: bool) -> BoxedStrategy<Question> {
        let category_name = single_line(3).prop_filter("not top", |s| s != "top");
        let tag = single_line(3).prop_filter("tag chars", |s| {
            !s.contains(['<', '>', '`']) && !s.contains("[id:")
        });
        (
            prop::option::of(nonempty(4)),
            text(8),
            format(),
            text(4),
            prop::collection::vec(category_name, 0..3),
            prop::option::of(single_line(3).prop_filter("no [tag:", |s| !s.contains("[tag:"))),
            prop::collection::vec(tag, 0..3),
            prop::option::of(single_line(4)),
            kind(gift),
        )
            .prop_map(
                move |(name, text, text_format, gf, category, idnumber, tags, source, kind)| {
                    let general_feedback = if gift && matches!(kind, QuestionKind::Description) {
                        String::new()
                    } else {
                        gf
                    };
                    Question {
                        name,
                        text,
                        text_format,
                        general_feedback,
                        category,
                        idnumber,
                        tags,
                        source,
                        kind,
                    }
                },
            )
            .boxed()
    }

    /// Strings made of the pieces parsers care about, for robustness tests.
    pub(crate) fn noisy(extra: &'static [&'static str]) -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                3 => piece(),
                2 => prop::sample::select(extra.to_vec()).prop_map(String::from),
                1 => any::<String>(),
            ],
            0..40,
        )
        .prop_map(|v| v.concat())
    }
}
