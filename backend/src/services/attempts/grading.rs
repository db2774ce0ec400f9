//! Grading of one answer, for every question type, as Moodle grades it: multichoice fractions
//! (several answers summed, negative weights allowed, the question floored at 0), true/false,
//! short answers with `*` wildcards and Moodle's case rule, numerical answers within their
//! tolerance (the first matching graded answer wins), matching with partial credit per item,
//! essays left to a teacher, descriptions without a mark. Also: whether a response has the
//! right shape for its question, and the review (right answers and feedback) after submission.

use std::collections::BTreeMap;

use hocdvc_api::AttemptResponse;

use super::layout::{self, Layout};
use crate::question_formats::model::{QuestionKind, php_numeric};

/// Longest text answer kept: a short answer or number, an essay.
pub const MAX_SHORT_CHARS: usize = 500;
pub const MAX_ESSAY_CHARS: usize = 20_000;

/// The outcome of grading one answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Graded {
    /// Share of the question's mark, 0..=1; `None` when a teacher must grade it (an essay).
    pub fraction: Option<f64>,
    /// The feedback of the answer given (empty when none).
    pub feedback: String,
}

impl Graded {
    fn auto(fraction: f64, feedback: String) -> Graded {
        Graded {
            fraction: Some(fraction.clamp(0.0, 1.0)),
            feedback,
        }
    }
}

/// Checks that `response` fits the question as shown: the right field for the type, option
/// and item ids that exist, no duplicates, texts not too long. The message is Vietnamese.
pub fn validate(
    kind: &QuestionKind,
    layout: &Layout,
    response: &AttemptResponse,
) -> Result<(), String> {
    let only = |selected: bool, text: bool, pairs: bool| -> Result<(), String> {
        if (!selected && response.selected.is_some())
            || (!text && response.text.is_some())
            || (!pairs && response.pairs.is_some())
        {
            return Err(format!(
                "Câu trả lời không đúng dạng của câu hỏi loại {}.",
                kind.moodle_type_name()
            ));
        }
        Ok(())
    };
    match (kind, layout) {
        (QuestionKind::MultiChoice { single, .. }, Layout::Choices(order)) => {
            only(true, false, false)?;
            let selected = response.selected.as_deref().unwrap_or_default();
            if *single && selected.len() > 1 {
                return Err("Câu hỏi này chỉ được chọn một phương án.".into());
            }
            let mut seen = Vec::new();
            for id in selected {
                if layout::choice_position(id, order.len()).is_none() {
                    return Err(format!(
                        "Phương án \"{}\" không có trong câu hỏi.",
                        short(id)
                    ));
                }
                if seen.contains(&id) {
                    return Err(format!("Phương án \"{}\" được chọn hai lần.", short(id)));
                }
                seen.push(id);
            }
            Ok(())
        }
        (QuestionKind::TrueFalse { .. }, _) => {
            only(true, false, false)?;
            match response.selected.as_deref().unwrap_or_default() {
                [] => Ok(()),
                [one] if one == "true" || one == "false" => Ok(()),
                [_] => Err("Chỉ chọn \"true\" (Đúng) hoặc \"false\" (Sai).".into()),
                _ => Err("Câu hỏi này chỉ được chọn một phương án.".into()),
            }
        }
        (QuestionKind::ShortAnswer { .. } | QuestionKind::Numerical { .. }, _) => {
            only(false, true, false)?;
            let text = response.text.as_deref().unwrap_or_default();
            if text.chars().count() > MAX_SHORT_CHARS {
                return Err(format!("Câu trả lời dài quá {MAX_SHORT_CHARS} ký tự."));
            }
            Ok(())
        }
        (QuestionKind::Essay, _) => {
            only(false, true, false)?;
            let text = response.text.as_deref().unwrap_or_default();
            if text.chars().count() > MAX_ESSAY_CHARS {
                return Err(format!("Bài viết dài quá {MAX_ESSAY_CHARS} ký tự."));
            }
            Ok(())
        }
        (QuestionKind::Matching { .. }, Layout::Match { stems, choices }) => {
            only(false, false, true)?;
            for (stem, choice) in response.pairs.iter().flatten() {
                if layout::stem_position(stem, stems.len()).is_none() {
                    return Err(format!("Mục cần ghép \"{}\" không có.", short(stem)));
                }
                if layout::choice_position(choice, choices.len()).is_none() {
                    return Err(format!(
                        "Phương án \"{}\" không có trong câu hỏi.",
                        short(choice)
                    ));
                }
            }
            Ok(())
        }
        (QuestionKind::Description, _) => Err("Phần mô tả không cần trả lời.".into()),
        _ => Err("Câu hỏi này không nhận câu trả lời.".into()),
    }
}

fn short(id: &str) -> String {
    id.chars().take(20).collect()
}

/// Grades `response` (already validated; `None` when nothing was saved).
pub fn grade(kind: &QuestionKind, layout: &Layout, response: Option<&AttemptResponse>) -> Graded {
    let empty = AttemptResponse::default();
    let response = response.unwrap_or(&empty);
    match (kind, layout) {
        (QuestionKind::MultiChoice { answers, .. }, Layout::Choices(order)) => {
            let mut fraction = 0.0;
            let mut feedback = Vec::new();
            for id in response.selected.iter().flatten() {
                let answer = layout::choice_position(id, order.len())
                    .and_then(|p| order.get(p))
                    .and_then(|&i| answers.get(i));
                if let Some(answer) = answer {
                    fraction += answer.fraction;
                    if !answer.feedback.is_empty() {
                        feedback.push(answer.feedback.clone());
                    }
                }
            }
            Graded::auto(fraction, feedback.join("<br>"))
        }
        (
            QuestionKind::TrueFalse {
                correct,
                feedback_true,
                feedback_false,
            },
            _,
        ) => match response.selected.as_deref().unwrap_or_default() {
            [one] => {
                let chose_true = one == "true";
                let feedback = if chose_true {
                    feedback_true
                } else {
                    feedback_false
                };
                let right = chose_true == *correct;
                Graded::auto(if right { 1.0 } else { 0.0 }, feedback.clone())
            }
            _ => Graded::auto(0.0, String::new()),
        },
        (
            QuestionKind::ShortAnswer {
                answers,
                case_sensitive,
            },
            _,
        ) => {
            let given = response.text.as_deref().unwrap_or_default();
            if given.trim().is_empty() {
                return Graded::auto(0.0, String::new());
            }
            answers
                .iter()
                .find(|a| matches_wildcard(given, &a.text, !case_sensitive))
                .map_or(Graded::auto(0.0, String::new()), |a| {
                    Graded::auto(a.fraction, a.feedback.clone())
                })
        }
        (QuestionKind::Numerical { answers }, _) => {
            let Some(value) = response.text.as_deref().and_then(parse_number) else {
                return Graded::auto(0.0, String::new());
            };
            answers
                .iter()
                .find(|a| match a.value {
                    None => true,
                    Some(expected) => within_tolerance(value, expected, a.tolerance),
                })
                .map_or(Graded::auto(0.0, String::new()), |a| {
                    Graded::auto(a.fraction, a.feedback.clone())
                })
        }
        (QuestionKind::Matching { pairs, .. }, Layout::Match { stems, choices }) => {
            if stems.is_empty() {
                return Graded::auto(0.0, String::new());
            }
            let texts = layout::match_choices(pairs);
            let given = response.pairs.clone().unwrap_or_default();
            let right = stems
                .iter()
                .enumerate()
                .filter(|&(p, &pair)| {
                    let chosen = given
                        .get(&layout::stem_id(p))
                        .and_then(|c| layout::choice_position(c, choices.len()))
                        .and_then(|c| choices.get(c))
                        .and_then(|&i| texts.get(i));
                    let expected = pairs.get(pair).map(|(_, answer)| answer.as_str());
                    chosen.is_some() && chosen.copied() == expected
                })
                .count();
            Graded::auto(right as f64 / stems.len() as f64, String::new())
        }
        (QuestionKind::Essay, _) => {
            // An essay left empty is simply not answered (Moodle's "gave up"): nothing to grade.
            if response
                .text
                .as_deref()
                .unwrap_or_default()
                .trim()
                .is_empty()
            {
                Graded::auto(0.0, String::new())
            } else {
                Graded {
                    fraction: None,
                    feedback: String::new(),
                }
            }
        }
        _ => Graded::auto(0.0, String::new()),
    }
}

/// Moodle's `qtype_shortanswer_question::compare_string_with_wildcard`: the answer is a
/// pattern where a run of `*` matches anything (on one line) and `\*` is a literal star; the
/// response is trimmed; case is ignored unless the question is case sensitive.
pub fn matches_wildcard(response: &str, pattern: &str, ignore_case: bool) -> bool {
    use unicode_normalization::UnicodeNormalization;
    let fold = |s: &str| -> Vec<char> {
        let s: String = s.nfc().collect();
        if ignore_case {
            s.chars().flat_map(char::to_lowercase).collect()
        } else {
            s.chars().collect()
        }
    };
    // The pattern as literal pieces separated by wildcards.
    let mut pieces: Vec<Vec<char>> = vec![Vec::new()];
    let chars: Vec<char> = pattern.chars().collect();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c == '\\' && chars.get(i + 1) == Some(&'*') {
            if let Some(last) = pieces.last_mut() {
                last.push('*');
            }
            i += 2;
        } else if c == '*' {
            while chars.get(i) == Some(&'*') {
                i += 1;
            }
            pieces.push(Vec::new());
        } else {
            if let Some(last) = pieces.last_mut() {
                last.push(c);
            }
            i += 1;
        }
    }
    let pieces: Vec<Vec<char>> = pieces
        .iter()
        .map(|p| fold(&p.iter().collect::<String>()))
        .collect();
    let text = fold(
        response.trim_matches(|c: char| matches!(c, ' ' | '\t' | '\n' | '\r' | '\0' | '\u{0B}')),
    );
    glob(&text, &pieces)
}

/// Whether `text` is `pieces` joined by wildcards that never cross a line break (PCRE's `.`).
fn glob(text: &[char], pieces: &[Vec<char>]) -> bool {
    let Some((first, rest)) = pieces.split_first() else {
        return text.is_empty();
    };
    if !text.starts_with(first) {
        return false;
    }
    let mut text = text.get(first.len()..).unwrap_or_default();
    if rest.is_empty() {
        return text.is_empty();
    }
    let Some((last, middle)) = rest.split_last() else {
        return text.is_empty();
    };
    for piece in middle {
        // Leftmost match is enough for the middle pieces (classic glob argument).
        let found = (0..=text.len().saturating_sub(piece.len())).find(|&at| {
            text.get(at..at + piece.len()) == Some(piece.as_slice())
                && !text.get(..at).unwrap_or_default().contains(&'\n')
        });
        match found {
            Some(at) => text = text.get(at + piece.len()..).unwrap_or_default(),
            None => return false,
        }
    }
    text.len() >= last.len()
        && text.ends_with(last)
        && !text
            .get(..text.len() - last.len())
            .unwrap_or_default()
            .contains(&'\n')
}

/// A number as a learner types it: `3.5`, `3,5` (the Vietnamese decimal comma), `-2`, `1e3`,
/// with spaces around.
pub fn parse_number(text: &str) -> Option<f64> {
    let text = text.trim();
    if let Some(v) = php_numeric(text) {
        return Some(v);
    }
    // One comma and no point: a decimal comma.
    if text.matches(',').count() == 1 && !text.contains('.') {
        return php_numeric(&text.replace(',', "."));
    }
    None
}

/// Moodle's nominal tolerance check, with its tiny allowance so that seemingly equal values
/// compare equal (MDL-3225).
pub fn within_tolerance(value: f64, expected: f64, tolerance: f64) -> bool {
    let tolerance = tolerance.abs();
    let fudge = 1e-12 * expected.abs().max(1.0);
    expected - tolerance - fudge <= value && value <= expected + tolerance + fudge
}

/// What a review may show of one question: the ids (as shown) of the options that earn
/// credit, the right pairs of a matching question, and one full-credit answer for a short or
/// numerical question.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RightAnswer {
    pub options: Vec<String>,
    pub pairs: BTreeMap<String, String>,
    pub answer: Option<String>,
}

pub fn right_answer(kind: &QuestionKind, layout: &Layout) -> RightAnswer {
    let mut right = RightAnswer::default();
    match (kind, layout) {
        (QuestionKind::MultiChoice { answers, .. }, Layout::Choices(order)) => {
            right.options = order
                .iter()
                .enumerate()
                .filter(|&(_, &i)| answers.get(i).is_some_and(|a| a.fraction > 0.0))
                .map(|(p, _)| layout::choice_id(p))
                .collect();
        }
        (QuestionKind::TrueFalse { correct, .. }, _) => {
            right.options = vec![correct.to_string()];
        }
        (QuestionKind::ShortAnswer { answers, .. }, _) => {
            right.answer = answers
                .iter()
                .find(|a| a.fraction >= 1.0)
                .map(|a| a.text.replace("\\*", "*"));
        }
        (QuestionKind::Numerical { answers }, _) => {
            right.answer = answers
                .iter()
                .find(|a| a.fraction >= 1.0)
                .and_then(|a| a.value)
                .map(crate::question_formats::model::format_number);
        }
        (QuestionKind::Matching { pairs, .. }, Layout::Match { stems, choices }) => {
            let texts = layout::match_choices(pairs);
            for (p, &pair) in stems.iter().enumerate() {
                let answer = pairs.get(pair).map(|(_, a)| a.as_str());
                let shown = choices
                    .iter()
                    .position(|&c| texts.get(c).copied() == answer);
                if let Some(shown) = shown {
                    right
                        .pairs
                        .insert(layout::stem_id(p), layout::choice_id(shown));
                }
            }
        }
        _ => {}
    }
    right
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::question_formats::model::{Answer, NumericalAnswer};

    fn answer(text: &str, fraction: f64) -> Answer {
        Answer {
            text: text.into(),
            fraction,
            feedback: format!("phản hồi {text}"),
        }
    }

    fn selected(ids: &[&str]) -> AttemptResponse {
        AttemptResponse {
            selected: Some(ids.iter().map(|s| (*s).to_owned()).collect()),
            ..AttemptResponse::default()
        }
    }

    fn text(t: &str) -> AttemptResponse {
        AttemptResponse {
            text: Some(t.into()),
            ..AttemptResponse::default()
        }
    }

    fn fraction(kind: &QuestionKind, layout: &Layout, response: &AttemptResponse) -> Option<f64> {
        grade(kind, layout, Some(response)).fraction
    }

    #[test]
    fn single_choice_gives_the_chosen_answers_fraction_through_the_shuffle() {
        let kind = QuestionKind::MultiChoice {
            single: true,
            shuffle_answers: true,
            answers: vec![answer("A", 1.0), answer("B", 0.0), answer("C", 0.5)],
        };
        // Shown as C, A, B: id a is answer C.
        let layout = Layout::Choices(vec![2, 0, 1]);
        assert_eq!(fraction(&kind, &layout, &selected(&["b"])), Some(1.0));
        assert_eq!(fraction(&kind, &layout, &selected(&["a"])), Some(0.5));
        assert_eq!(fraction(&kind, &layout, &selected(&["c"])), Some(0.0));
        assert_eq!(fraction(&kind, &layout, &selected(&[])), Some(0.0));
        assert_eq!(
            grade(&kind, &layout, Some(&selected(&["a"]))).feedback,
            "phản hồi C"
        );
        assert_eq!(right_answer(&kind, &layout).options, vec!["a", "b"]);
        assert!(validate(&kind, &layout, &selected(&["a", "b"])).is_err());
        assert!(validate(&kind, &layout, &selected(&["d"])).is_err());
        assert!(validate(&kind, &layout, &text("a")).is_err());
    }

    #[test]
    fn multiple_answers_sum_and_negative_weights_floor_the_question_at_zero() {
        let kind = QuestionKind::MultiChoice {
            single: false,
            shuffle_answers: false,
            answers: vec![
                answer("A", 0.5),
                answer("B", 0.5),
                answer("C", -1.0),
                answer("D", -0.5),
            ],
        };
        let layout = Layout::Choices(vec![0, 1, 2, 3]);
        assert_eq!(fraction(&kind, &layout, &selected(&["a", "b"])), Some(1.0));
        assert_eq!(fraction(&kind, &layout, &selected(&["a"])), Some(0.5));
        assert_eq!(
            fraction(&kind, &layout, &selected(&["a", "b", "d"])),
            Some(0.5)
        );
        // 0.5 − 1.0 is negative: the question gives 0, never takes marks from the others.
        assert_eq!(fraction(&kind, &layout, &selected(&["a", "c"])), Some(0.0));
        assert_eq!(
            fraction(&kind, &layout, &selected(&["a", "b", "c", "d"])),
            Some(0.0)
        );
        assert!(validate(&kind, &layout, &selected(&["a", "a"])).is_err());
        assert!(validate(&kind, &layout, &selected(&["a", "d"])).is_ok());
    }

    #[test]
    fn true_false_is_right_or_wrong_with_the_chosen_sides_feedback() {
        let kind = QuestionKind::TrueFalse {
            correct: false,
            feedback_true: "không phải".into(),
            feedback_false: "đúng vậy".into(),
        };
        let g = grade(&kind, &Layout::Plain, Some(&selected(&["false"])));
        assert_eq!(g.fraction, Some(1.0));
        assert_eq!(g.feedback, "đúng vậy");
        assert_eq!(
            fraction(&kind, &Layout::Plain, &selected(&["true"])),
            Some(0.0)
        );
        assert_eq!(grade(&kind, &Layout::Plain, None).fraction, Some(0.0));
        assert!(validate(&kind, &Layout::Plain, &selected(&["maybe"])).is_err());
        assert_eq!(right_answer(&kind, &Layout::Plain).options, vec!["false"]);
    }

    #[test]
    fn short_answers_follow_moodles_wildcard_and_case_rules() {
        let kind = QuestionKind::ShortAnswer {
            answers: vec![
                answer("VNeID", 1.0),
                answer("định danh*", 0.5),
                answer("3\\*4", 1.0),
            ],
            case_sensitive: false,
        };
        assert_eq!(
            fraction(&kind, &Layout::Plain, &text("  vneid ")),
            Some(1.0)
        );
        assert_eq!(fraction(&kind, &Layout::Plain, &text("VNEID")), Some(1.0));
        assert_eq!(
            fraction(&kind, &Layout::Plain, &text("Định danh điện tử")),
            Some(0.5)
        );
        assert_eq!(
            fraction(&kind, &Layout::Plain, &text("mã định danh")),
            Some(0.0)
        );
        assert_eq!(fraction(&kind, &Layout::Plain, &text("3*4")), Some(1.0));
        assert_eq!(fraction(&kind, &Layout::Plain, &text("3x4")), Some(0.0));
        assert_eq!(fraction(&kind, &Layout::Plain, &text("")), Some(0.0));

        let sensitive = QuestionKind::ShortAnswer {
            answers: vec![answer("VNeID", 1.0)],
            case_sensitive: true,
        };
        assert_eq!(
            fraction(&sensitive, &Layout::Plain, &text("VNeID")),
            Some(1.0)
        );
        assert_eq!(
            fraction(&sensitive, &Layout::Plain, &text("vneid")),
            Some(0.0)
        );
        assert_eq!(
            right_answer(&kind, &Layout::Plain).answer.as_deref(),
            Some("VNeID")
        );
    }

    #[test]
    fn wildcards_match_any_run_but_not_across_lines() {
        assert!(matches_wildcard("abcXYZdef", "abc*def", false));
        assert!(matches_wildcard("abcdef", "abc**def", false));
        assert!(matches_wildcard("a-b-c", "*-*", false));
        assert!(!matches_wildcard("abc\ndef", "abc*def", false));
        assert!(!matches_wildcard("abcdefg", "abc*def", false));
        assert!(matches_wildcard("anything", "*", false));
        // Composed and decomposed Vietnamese compare equal (Moodle normalises both).
        assert!(matches_wildcard("Vie\u{302}\u{323}t", "Việt", false));
    }

    #[test]
    fn numerical_answers_take_the_first_within_tolerance_and_a_decimal_comma() {
        let kind = QuestionKind::Numerical {
            answers: vec![
                NumericalAnswer {
                    value: Some(10.0),
                    tolerance: 0.0,
                    fraction: 1.0,
                    feedback: "chính xác".into(),
                },
                NumericalAnswer {
                    value: Some(10.0),
                    tolerance: 2.0,
                    fraction: 0.5,
                    feedback: "gần đúng".into(),
                },
                NumericalAnswer {
                    value: None,
                    tolerance: 0.0,
                    fraction: 0.0,
                    feedback: "sai".into(),
                },
            ],
        };
        assert_eq!(fraction(&kind, &Layout::Plain, &text("10")), Some(1.0));
        assert_eq!(fraction(&kind, &Layout::Plain, &text(" 10.0 ")), Some(1.0));
        assert_eq!(fraction(&kind, &Layout::Plain, &text("11,5")), Some(0.5));
        assert_eq!(fraction(&kind, &Layout::Plain, &text("12")), Some(0.5));
        let far = grade(&kind, &Layout::Plain, Some(&text("20")));
        assert_eq!((far.fraction, far.feedback.as_str()), (Some(0.0), "sai"));
        assert_eq!(fraction(&kind, &Layout::Plain, &text("mười")), Some(0.0));
        assert!(within_tolerance(0.1 + 0.2, 0.3, 0.0));
        assert_eq!(
            right_answer(&kind, &Layout::Plain).answer.as_deref(),
            Some("10")
        );
    }

    #[test]
    fn matching_gives_credit_per_item_and_shared_answers_count_for_both() {
        let kind = QuestionKind::Matching {
            shuffle_answers: true,
            pairs: vec![
                ("Khai sinh".into(), "Tư pháp".into()),
                ("Kết hôn".into(), "Tư pháp".into()),
                ("Cấp phép xây dựng".into(), "Xây dựng".into()),
                (String::new(), "Y tế".into()),
            ],
        };
        // Choices: 0 Tư pháp, 1 Xây dựng, 2 Y tế; shown as Y tế (a), Tư pháp (b), Xây dựng (c).
        let layout = Layout::Match {
            stems: vec![2, 0, 1],
            choices: vec![2, 0, 1],
        };
        let pairs = |p: &[(&str, &str)]| AttemptResponse {
            pairs: Some(p.iter().map(|(s, c)| ((*s).into(), (*c).into())).collect()),
            ..AttemptResponse::default()
        };
        let all = pairs(&[("1", "c"), ("2", "b"), ("3", "b")]);
        assert_eq!(fraction(&kind, &layout, &all), Some(1.0));
        let two = pairs(&[("1", "c"), ("2", "b"), ("3", "a")]);
        assert!((fraction(&kind, &layout, &two).unwrap() - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(fraction(&kind, &layout, &pairs(&[])), Some(0.0));
        assert!(validate(&kind, &layout, &pairs(&[("4", "a")])).is_err());
        assert!(validate(&kind, &layout, &pairs(&[("1", "d")])).is_err());
        let right = right_answer(&kind, &layout);
        assert_eq!(right.pairs.get("1").map(String::as_str), Some("c"));
        assert_eq!(right.pairs.get("2").map(String::as_str), Some("b"));
    }

    #[test]
    fn an_answered_essay_waits_for_a_teacher_and_a_description_takes_no_answer() {
        assert_eq!(
            fraction(&QuestionKind::Essay, &Layout::Plain, &text("Bài viết")),
            None
        );
        assert_eq!(
            fraction(&QuestionKind::Essay, &Layout::Plain, &text("  ")),
            Some(0.0)
        );
        assert!(validate(&QuestionKind::Description, &Layout::Plain, &text("x")).is_err());
        let long = "x".repeat(MAX_ESSAY_CHARS + 1);
        assert!(validate(&QuestionKind::Essay, &Layout::Plain, &text(&long)).is_err());
    }
}
