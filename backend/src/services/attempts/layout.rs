//! What a learner sees of a question in an attempt: its text and choices rendered to safe
//! HTML, in the order the draw shuffled them, under ids that are only positions (`a`, `b` …
//! for choices, `1`, `2` … for the items of a matching question). The order is stored per
//! slot (`attempt_slots.option_order`), so the ids mean the same on every device and reload.

use ammonia::Builder;
use hocdvc_api::{AttemptOption, AttemptQuestion};
use serde_json::Value;

use crate::question_formats::model::{QuestionKind, TextFormat};

/// The order a slot shows its choices in, as stored in `attempt_slots.option_order`: for
/// `multichoice` a JSON array of answer indexes; for `match` an array of two arrays, the pair
/// indexes of the items to match, then the indexes of the distinct answer texts; `[]` for the
/// other types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layout {
    Choices(Vec<usize>),
    Match {
        stems: Vec<usize>,
        choices: Vec<usize>,
    },
    Plain,
}

impl Layout {
    pub fn to_json(&self) -> String {
        match self {
            Layout::Choices(order) => serde_json::json!(order).to_string(),
            Layout::Match { stems, choices } => serde_json::json!([stems, choices]).to_string(),
            Layout::Plain => "[]".to_owned(),
        }
    }

    /// Reads a stored order for a question of `kind`; `None` when it does not fit (a bug or a
    /// hand-edited row: the caller answers 500 rather than mis-grade).
    pub fn from_json(json: &str, kind: &QuestionKind) -> Option<Layout> {
        let value: Value = serde_json::from_str(json).ok()?;
        let indexes = |v: &Value| -> Option<Vec<usize>> {
            v.as_array()?
                .iter()
                .map(|i| i.as_u64().and_then(|i| usize::try_from(i).ok()))
                .collect()
        };
        match kind {
            QuestionKind::MultiChoice { answers, .. } => {
                let order = indexes(&value)?;
                is_permutation(&order, answers.len()).then_some(Layout::Choices(order))
            }
            QuestionKind::Matching { pairs, .. } => {
                let parts = value.as_array()?;
                let stems = indexes(parts.first()?)?;
                let choices = indexes(parts.get(1)?)?;
                let fits = stems.len() == stem_pairs(pairs).len()
                    && stems.iter().all(|s| stem_pairs(pairs).contains(s))
                    && is_permutation(&choices, match_choices(pairs).len());
                fits.then_some(Layout::Match { stems, choices })
            }
            _ => Some(Layout::Plain),
        }
    }
}

fn is_permutation(order: &[usize], len: usize) -> bool {
    let mut seen = vec![false; len];
    order.len() == len
        && order.iter().all(|&i| match seen.get_mut(i) {
            Some(s) if !*s => {
                *s = true;
                true
            }
            _ => false,
        })
}

/// The indexes of a matching question's pairs that are items to match (an empty question
/// text marks an extra distractor answer).
pub fn stem_pairs(pairs: &[(String, String)]) -> Vec<usize> {
    pairs
        .iter()
        .enumerate()
        .filter(|(_, (stem, _))| !stem.trim().is_empty())
        .map(|(i, _)| i)
        .collect()
}

/// The distinct answer texts of a matching question, first occurrence first (Moodle offers
/// each text once even when two items share it).
pub fn match_choices(pairs: &[(String, String)]) -> Vec<&str> {
    let mut choices: Vec<&str> = Vec::new();
    for (_, answer) in pairs {
        if !choices.contains(&answer.as_str()) {
            choices.push(answer);
        }
    }
    choices
}

/// The id of the choice shown at `position` (0-based): `a` … `z`, then `aa`, `ab` ….
pub fn choice_id(position: usize) -> String {
    let mut n = position;
    let mut id = Vec::new();
    loop {
        id.push(b'a' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    id.reverse();
    String::from_utf8_lossy(&id).into_owned()
}

/// The position of a choice id, if it names one of `count` choices.
pub fn choice_position(id: &str, count: usize) -> Option<usize> {
    (0..count).find(|&p| choice_id(p) == id)
}

/// The id of the item to match shown at `position` (0-based): `1`, `2` ….
pub fn stem_id(position: usize) -> String {
    (position + 1).to_string()
}

pub fn stem_position(id: &str, count: usize) -> Option<usize> {
    id.parse::<usize>()
        .ok()
        .and_then(|n| n.checked_sub(1))
        .filter(|p| *p < count)
}

/// Question text (and choices, feedback) as HTML that cannot run script, from the format the
/// question was written in.
///
/// Rendering is a pure function of its input, and an exam minute renders the same few hundred
/// texts thousands of times (every start shows 15 questions and their choices), so results are
/// kept for the process's life; above [`RENDERED_MAX`] entries the memo starts again empty.
pub fn render(text: &str, format: TextFormat) -> String {
    let key = (format, text.to_owned());
    if let Some(html) = rendered()
        .lock()
        .ok()
        .and_then(|memo| memo.get(&key).cloned())
    {
        return html;
    }
    let html = render_uncached(text, format);
    if let Ok(mut memo) = rendered().lock() {
        if memo.len() >= RENDERED_MAX {
            memo.clear();
        }
        memo.insert(key, html.clone());
    }
    html
}

/// A bound on the render memo's memory, far above any question bank's size.
const RENDERED_MAX: usize = 20_000;

type RenderMemo = std::sync::Mutex<std::collections::HashMap<(TextFormat, String), String>>;

fn rendered() -> &'static RenderMemo {
    static MEMO: std::sync::OnceLock<RenderMemo> = std::sync::OnceLock::new();
    MEMO.get_or_init(Default::default)
}

/// The sanitizer, built once: a `Builder` is a dozen hash sets of allowed tags and attributes.
fn sanitizer() -> &'static Builder<'static> {
    static SANITIZER: std::sync::OnceLock<Builder<'static>> = std::sync::OnceLock::new();
    SANITIZER.get_or_init(|| {
        let mut builder = Builder::default();
        builder
            .url_schemes(["http", "https"].into_iter().collect())
            .link_rel(Some("noopener noreferrer"));
        builder
    })
}

fn render_uncached(text: &str, format: TextFormat) -> String {
    let html = match format {
        TextFormat::Html => text.to_owned(),
        // Moodle's auto-format: HTML allowed, line breaks kept.
        TextFormat::Moodle => text.replace("\r\n", "\n").replace('\n', "<br>"),
        TextFormat::Markdown => {
            let mut out = String::new();
            pulldown_cmark::html::push_html(&mut out, pulldown_cmark::Parser::new(text));
            out
        }
        TextFormat::Plain => escape(text).replace('\n', "<br>"),
    };
    sanitizer().clean(&html).to_string()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The question as the attempt shows it: no fraction, feedback or correctness anywhere.
pub fn show(
    slot: i32,
    kind: &QuestionKind,
    text: &str,
    format: TextFormat,
    layout: &Layout,
    max_mark: f64,
) -> AttemptQuestion {
    let option = |id: String, text: &str| AttemptOption {
        id,
        text: render(text, format),
    };
    let mut question = AttemptQuestion {
        slot,
        kind: kind.moodle_type_name().to_owned(),
        text: render(text, format),
        single: None,
        options: Vec::new(),
        stems: Vec::new(),
        max_mark,
    };
    match (kind, layout) {
        (
            QuestionKind::MultiChoice {
                single, answers, ..
            },
            Layout::Choices(order),
        ) => {
            question.single = Some(*single);
            question.options = order
                .iter()
                .enumerate()
                .filter_map(|(p, &i)| answers.get(i).map(|a| option(choice_id(p), &a.text)))
                .collect();
        }
        (QuestionKind::TrueFalse { .. }, _) => {
            question.single = Some(true);
            question.options = vec![
                AttemptOption {
                    id: "true".into(),
                    text: "Đúng".into(),
                },
                AttemptOption {
                    id: "false".into(),
                    text: "Sai".into(),
                },
            ];
        }
        (QuestionKind::Matching { pairs, .. }, Layout::Match { stems, choices }) => {
            let texts = match_choices(pairs);
            question.stems = stems
                .iter()
                .enumerate()
                .filter_map(|(p, &i)| pairs.get(i).map(|(s, _)| option(stem_id(p), s)))
                .collect();
            question.options = choices
                .iter()
                .enumerate()
                .filter_map(|(p, &i)| texts.get(i).map(|t| option(choice_id(p), t)))
                .collect();
        }
        _ => {}
    }
    question
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choice_ids_are_letters_then_pairs_of_letters() {
        assert_eq!(choice_id(0), "a");
        assert_eq!(choice_id(25), "z");
        assert_eq!(choice_id(26), "aa");
        assert_eq!(choice_id(27), "ab");
        assert_eq!(choice_position("ab", 30), Some(27));
        assert_eq!(choice_position("e", 4), None);
        assert_eq!(stem_position("2", 2), Some(1));
        assert_eq!(stem_position("0", 2), None);
    }

    #[test]
    fn a_stored_order_must_fit_its_question() {
        let kind = QuestionKind::Matching {
            shuffle_answers: true,
            pairs: vec![
                ("A".into(), "1".into()),
                ("B".into(), "1".into()),
                (String::new(), "2".into()),
            ],
        };
        let layout = Layout::Match {
            stems: vec![1, 0],
            choices: vec![1, 0],
        };
        assert_eq!(Layout::from_json(&layout.to_json(), &kind), Some(layout));
        assert_eq!(Layout::from_json("[[0,1],[0,0]]", &kind), None);
        assert_eq!(Layout::from_json("[[0,2],[0,1]]", &kind), None);
    }

    #[test]
    fn rendered_text_cannot_run_script() {
        let html = render(
            "<b>x</b><script>alert(1)</script><img src=x onerror=alert(1)>",
            TextFormat::Html,
        );
        assert!(html.contains("<b>x</b>"));
        assert!(!html.contains("script") && !html.contains("onerror"));
        assert_eq!(render("a < b\nc", TextFormat::Plain), "a &lt; b<br>c");
    }

    #[test]
    fn a_remembered_rendering_is_the_fresh_one_and_keeps_formats_apart() {
        let text = "**Cổng** <i>DVC</i>\ndòng 2";
        for format in [
            TextFormat::Html,
            TextFormat::Moodle,
            TextFormat::Markdown,
            TextFormat::Plain,
        ] {
            let first = render(text, format);
            assert_eq!(first, render_uncached(text, format));
            assert_eq!(render(text, format), first, "{format:?} from the memo");
        }
        assert_ne!(
            render(text, TextFormat::Plain),
            render(text, TextFormat::Markdown),
            "the same text in two formats is two entries"
        );
    }
}
