//! CSV questions for spreadsheet authors: one question per row, Vietnamese headers (with or
//! without diacritics, any order, unknown columns ignored), read in every encoding a school's
//! Excel writes (the roster import's decoder: UTF-8 with or without BOM, UTF-16, Windows-1258,
//! decomposed Vietnamese).
//!
//! | column | meaning |
//! |---|---|
//! | Loại (required) | Một đáp án, Nhiều đáp án, Đúng/Sai, Điền ngắn, Số, Ghép đôi, Tự luận, Mô tả (or Moodle's names) |
//! | Câu hỏi (required) | the question text |
//! | Phương án | options separated by ` \| ` (`\|` for a literal bar); for matching, `ý -> đáp`, a pair with nothing before `->` is an extra distractor |
//! | Đáp án đúng | multichoice: letters or numbers of the correct options (`A`, `B, D`, `1;3`); true/false: Đúng or Sai; short answer: accepted answers separated by ` \| `; numerical: `14`, `3:0.5` (tolerance) or `1..5` (range), decimal comma accepted |
//! | Phản hồi | general feedback |
//! | Thẻ | tags separated by `,` `;` or ` \| ` |
//! | Nguồn | source (the decree or guide behind the question) |
//! | Mã câu hỏi | stable id (also the question's name) |
//!
//! Several correct options make a multiple-response question: each correct option is worth the
//! same share, each wrong one -100% (so ticking everything scores nothing). Every error names
//! its line and column. CSV cannot carry per-answer feedback, unequal weights or text formats;
//! [`write_csv`] writes what it can.

#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use super::error::ParseError;
use super::model::{
    Answer, NumericalAnswer, Question, QuestionKind, TextFormat, match_grade, nfc, php_numeric,
    php_trim,
};
use crate::roster::error::FileError;
use crate::roster::headers::{Column, header_key};
use crate::roster::table::{MAX_ROWS, Row, read_table};

/// Columns of the question file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuestionColumn {
    Type,
    Text,
    Options,
    Correct,
    Feedback,
    Tags,
    Source,
    Id,
}

impl Column for QuestionColumn {
    const ALL: &'static [Self] = &[
        Self::Type,
        Self::Text,
        Self::Options,
        Self::Correct,
        Self::Feedback,
        Self::Tags,
        Self::Source,
        Self::Id,
    ];

    fn index(self) -> usize {
        self as usize
    }

    fn name(self) -> &'static str {
        match self {
            Self::Type => "Loại",
            Self::Text => "Câu hỏi",
            Self::Options => "Phương án",
            Self::Correct => "Đáp án đúng",
            Self::Feedback => "Phản hồi",
            Self::Tags => "Thẻ",
            Self::Source => "Nguồn",
            Self::Id => "Mã câu hỏi",
        }
    }

    fn required(self) -> bool {
        matches!(self, Self::Type | Self::Text)
    }

    fn aliases(self) -> &'static [&'static str] {
        match self {
            Self::Type => &["loai", "loaicauhoi", "kieu", "type"],
            Self::Text => &["cauhoi", "noidung", "noidungcauhoi", "question", "text"],
            Self::Options => &["phuongan", "cacphuongan", "luachon", "options"],
            Self::Correct => &["dapandung", "dapan", "correct", "answer"],
            Self::Feedback => &["phanhoi", "giaithich", "feedback"],
            Self::Tags => &["the", "tag", "tags"],
            Self::Source => &["nguon", "cancu", "source"],
            Self::Id => &["macauhoi", "ma", "id", "idnumber"],
        }
    }
}

/// The question types a row can name, in the order messages list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowType {
    Single,
    Multiple,
    /// "Trắc nghiệm": single or multiple response by the number of correct options.
    Choice,
    TrueFalse,
    ShortAnswer,
    Numerical,
    Matching,
    Essay,
    Description,
}

const TYPE_NAMES: &str = "Một đáp án, Nhiều đáp án, Trắc nghiệm, Đúng/Sai, Điền ngắn, Số, \
                          Ghép đôi, Tự luận, Mô tả";

impl RowType {
    fn parse(cell: &str) -> Option<RowType> {
        Some(match header_key(cell).as_str() {
            "motdapan" | "mot" | "chonmot" | "single" => RowType::Single,
            "nhieudapan" | "nhieu" | "chonnhieu" | "multiple" | "multiresponse" => {
                RowType::Multiple
            }
            "tracnghiem" | "multichoice" | "mc" => RowType::Choice,
            "dungsai" | "truefalse" | "ds" | "tf" => RowType::TrueFalse,
            "dienngan" | "traloingan" | "dientu" | "dienkhuyet" | "shortanswer" => {
                RowType::ShortAnswer
            }
            "so" | "cauhoiso" | "traloiso" | "numerical" => RowType::Numerical,
            "ghepdoi" | "ghepnoi" | "noi" | "match" | "matching" => RowType::Matching,
            "tuluan" | "essay" => RowType::Essay,
            "mota" | "doanmota" | "description" => RowType::Description,
            _ => return None,
        })
    }
}

/// Parses CSV questions. A file is taken whole or not at all: every error is returned, each
/// with its line and column.
///
/// # Errors
///
/// A file that is not CSV, lacks the Loại or Câu hỏi column, or has any invalid row.
pub fn parse_csv(bytes: &[u8], file_name: &str) -> Result<Vec<Question>, Vec<ParseError>> {
    let mut questions = Vec::new();
    let mut errors = Vec::new();
    let read = read_table::<QuestionColumn>(bytes, MAX_ROWS, |line, row| {
        let mut report = |column: QuestionColumn, message: String| {
            errors.push(ParseError::new(
                file_name,
                line,
                format!("cột {}: {message}", column.name()),
            ));
        };
        if let Some(question) = parse_row(row, &mut report) {
            questions.push(question);
        }
    });
    if let Err(error) = read {
        let line = match &error {
            FileError::MissingColumns { header_line, .. }
            | FileError::DuplicateColumn { header_line, .. } => *header_line,
            FileError::Malformed { line } => (*line).max(1),
            _ => 1,
        };
        return Err(vec![ParseError::new(file_name, line, error.to_string())]);
    }
    if errors.is_empty() {
        Ok(questions)
    } else {
        Err(errors)
    }
}

/// NFC, trimmed as Moodle trims.
fn clean(cell: &str) -> String {
    nfc(php_trim(&nfc(cell)))
}

/// Splits on `|` not written as `\|`, trimming each part.
fn split_bars(cell: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut chars = cell.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                current.push('|');
                chars.next();
            }
            '|' => parts.push(clean(&std::mem::take(&mut current))),
            _ => current.push(c),
        }
    }
    parts.push(clean(&current));
    parts
}

/// The options of a row: none for an empty cell, else every part, each non-empty.
fn options(cell: &str, report: &mut impl FnMut(QuestionColumn, String)) -> Option<Vec<String>> {
    if clean(cell).is_empty() {
        return Some(Vec::new());
    }
    let parts = split_bars(cell);
    if let Some(position) = parts.iter().position(String::is_empty) {
        report(
            QuestionColumn::Options,
            format!(
                "phương án thứ {} trống; các phương án cách nhau bởi dấu « | ».",
                position + 1
            ),
        );
        return None;
    }
    Some(parts)
}

fn parse_row(
    row: &Row<'_, QuestionColumn>,
    report: &mut impl FnMut(QuestionColumn, String),
) -> Option<Question> {
    let type_cell = row.get(QuestionColumn::Type);
    let row_type = RowType::parse(type_cell);
    if row_type.is_none() {
        report(
            QuestionColumn::Type,
            if type_cell.is_empty() {
                format!("chưa ghi loại câu hỏi; dùng một trong: {TYPE_NAMES}.")
            } else {
                format!("loại câu hỏi «{type_cell}» không rõ; dùng một trong: {TYPE_NAMES}.")
            },
        );
    }
    let text = clean(row.get(QuestionColumn::Text));
    if text.is_empty() {
        report(QuestionColumn::Text, "chưa có nội dung câu hỏi.".into());
    }
    let row_type = row_type?;
    let options = options(row.get(QuestionColumn::Options), report)?;
    let correct = row.get(QuestionColumn::Correct);
    let kind = match row_type {
        RowType::Single | RowType::Multiple | RowType::Choice => {
            choice(row_type, &options, correct, report)?
        }
        RowType::TrueFalse => true_false(correct, report)?,
        RowType::ShortAnswer => short_answer(&options, correct, report)?,
        RowType::Numerical => numerical(correct, report)?,
        RowType::Matching => matching(&options, report)?,
        RowType::Essay => QuestionKind::Essay,
        RowType::Description => QuestionKind::Description,
    };
    if text.is_empty() {
        return None;
    }
    let idnumber = Some(clean(row.get(QuestionColumn::Id))).filter(|s| !s.is_empty());
    let tags = row
        .get(QuestionColumn::Tags)
        .split([',', ';', '|'])
        .map(clean)
        .filter(|t| !t.is_empty())
        .collect();
    let general_feedback = if matches!(kind, QuestionKind::Description) {
        String::new()
    } else {
        clean(row.get(QuestionColumn::Feedback))
    };
    Some(Question {
        name: idnumber.clone(),
        text,
        text_format: TextFormat::Moodle,
        general_feedback,
        category: Vec::new(),
        idnumber,
        tags,
        source: Some(clean(row.get(QuestionColumn::Source))).filter(|s| !s.is_empty()),
        kind,
    })
}

/// `A`, `b`, `3`: the 0-based option index a token names.
fn option_index(token: &str) -> Option<usize> {
    let mut chars = token.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_ascii_alphabetic() => {
            Some(usize::from(c.to_ascii_uppercase() as u8 - b'A'))
        }
        _ => token.parse::<usize>().ok().and_then(|n| n.checked_sub(1)),
    }
}

fn choice(
    row_type: RowType,
    options: &[String],
    correct: &str,
    report: &mut impl FnMut(QuestionColumn, String),
) -> Option<QuestionKind> {
    if options.len() < 2 {
        report(
            QuestionColumn::Options,
            "câu trắc nghiệm cần ít nhất 2 phương án, cách nhau bởi dấu « | ».".into(),
        );
        return None;
    }
    let mut chosen: Vec<usize> = Vec::new();
    for token in correct
        .split([',', ';', ' ', '|', '/'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        match option_index(token).filter(|i| *i < options.len()) {
            Some(i) if !chosen.contains(&i) => chosen.push(i),
            Some(_) => {}
            None => {
                report(
                    QuestionColumn::Correct,
                    format!(
                        "«{token}» không phải phương án nào; ghi chữ cái (A–{}) hoặc số thứ tự \
                         (1–{}) của phương án đúng.",
                        char::from(b'A' + u8::try_from(options.len().min(26) - 1).unwrap_or(0)),
                        options.len()
                    ),
                );
                return None;
            }
        }
    }
    if chosen.is_empty() {
        report(
            QuestionColumn::Correct,
            "chưa ghi phương án đúng (ví dụ A, hoặc B, D).".into(),
        );
        return None;
    }
    let single = match row_type {
        RowType::Single if chosen.len() > 1 => {
            report(
                QuestionColumn::Correct,
                format!(
                    "câu một đáp án chỉ có một phương án đúng, nhưng ô ghi {}; dùng loại \
                     «Nhiều đáp án» nếu câu có nhiều phương án đúng.",
                    chosen.len()
                ),
            );
            return None;
        }
        RowType::Single => true,
        RowType::Multiple => false,
        _ => chosen.len() == 1,
    };
    let (right, wrong) = if single {
        (1.0, 0.0)
    } else {
        let Some(share) = match_grade(1.0 / chosen.len() as f64) else {
            report(
                QuestionColumn::Correct,
                format!(
                    "{} phương án đúng không chia đều được điểm theo thang của Moodle; hãy dùng \
                     tệp GIFT để ghi trọng số từng phương án.",
                    chosen.len()
                ),
            );
            return None;
        };
        (share, -1.0)
    };
    let answers = options
        .iter()
        .enumerate()
        .map(|(i, text)| Answer {
            text: text.clone(),
            fraction: if chosen.contains(&i) { right } else { wrong },
            feedback: String::new(),
        })
        .collect();
    Some(QuestionKind::MultiChoice {
        single,
        shuffle_answers: true,
        answers,
    })
}

fn true_false(
    correct: &str,
    report: &mut impl FnMut(QuestionColumn, String),
) -> Option<QuestionKind> {
    let value = match header_key(correct).as_str() {
        "dung" | "d" | "true" | "t" | "1" => true,
        "sai" | "s" | "false" | "f" | "0" => false,
        _ => {
            report(
                QuestionColumn::Correct,
                if correct.is_empty() {
                    "câu đúng/sai cần ghi Đúng hoặc Sai.".to_string()
                } else {
                    format!("«{correct}» không phải Đúng hoặc Sai.")
                },
            );
            return None;
        }
    };
    Some(QuestionKind::TrueFalse {
        correct: value,
        feedback_true: String::new(),
        feedback_false: String::new(),
    })
}

fn short_answer(
    options: &[String],
    correct: &str,
    report: &mut impl FnMut(QuestionColumn, String),
) -> Option<QuestionKind> {
    let accepted: Vec<String> = if clean(correct).is_empty() {
        options.to_vec()
    } else {
        split_bars(correct)
            .into_iter()
            .filter(|a| !a.is_empty())
            .collect()
    };
    if accepted.is_empty() {
        report(
            QuestionColumn::Correct,
            "câu điền ngắn cần ít nhất một đáp án được chấp nhận (nhiều đáp án cách nhau bởi « | »)."
                .into(),
        );
        return None;
    }
    Some(QuestionKind::ShortAnswer {
        answers: accepted
            .into_iter()
            .map(|text| Answer {
                text,
                fraction: 1.0,
                feedback: String::new(),
            })
            .collect(),
        case_sensitive: false,
    })
}

/// A number as people type it in Vietnam too: `3,5` is 3.5 when there is no dot.
fn number(text: &str) -> Option<f64> {
    let text = text.trim();
    php_numeric(text).or_else(|| {
        (!text.contains('.') && text.matches(',').count() == 1)
            .then(|| php_numeric(&text.replace(',', ".")))
            .flatten()
    })
}

fn numerical(
    correct: &str,
    report: &mut impl FnMut(QuestionColumn, String),
) -> Option<QuestionKind> {
    let mut answers = Vec::new();
    for part in split_bars(correct) {
        if part.is_empty() {
            continue;
        }
        let parsed = if let Some((min, max)) = part.split_once("..") {
            number(min)
                .zip(number(max))
                .filter(|(min, max)| min <= max)
                .map(|(min, max)| ((min + max) / 2.0, (max - min) / 2.0))
        } else if let Some((value, tolerance)) = part.split_once(':') {
            number(value)
                .zip(number(tolerance))
                .filter(|(_, t)| *t >= 0.0)
        } else {
            number(&part).map(|v| (v, 0.0))
        };
        let Some((value, tolerance)) = parsed else {
            report(
                QuestionColumn::Correct,
                format!(
                    "«{part}» không phải đáp số; ghi một số (14), số kèm sai số (3:0,5) hoặc \
                     khoảng (1..5)."
                ),
            );
            return None;
        };
        answers.push(NumericalAnswer {
            value: Some(value),
            tolerance,
            fraction: 1.0,
            feedback: String::new(),
        });
    }
    if answers.is_empty() {
        report(
            QuestionColumn::Correct,
            "câu hỏi số cần đáp số (ví dụ 14, 3:0,5 hoặc 1..5).".into(),
        );
        return None;
    }
    Some(QuestionKind::Numerical { answers })
}

fn matching(
    options: &[String],
    report: &mut impl FnMut(QuestionColumn, String),
) -> Option<QuestionKind> {
    let mut pairs = Vec::new();
    for (i, option) in options.iter().enumerate() {
        let Some((left, right)) = option.split_once("->") else {
            report(
                QuestionColumn::Options,
                format!(
                    "phương án thứ {} «{option}» thiếu dấu « -> » giữa ý và đáp án ghép với nó.",
                    i + 1
                ),
            );
            return None;
        };
        let (left, right) = (clean(left), clean(right));
        if right.is_empty() {
            report(
                QuestionColumn::Options,
                format!("phương án thứ {} không có đáp án sau « -> ».", i + 1),
            );
            return None;
        }
        pairs.push((left, right));
    }
    if pairs.iter().filter(|(left, _)| !left.is_empty()).count() < 2 {
        report(
            QuestionColumn::Options,
            "câu ghép đôi cần ít nhất 2 cặp « ý -> đáp án », cách nhau bởi « | ».".into(),
        );
        return None;
    }
    Some(QuestionKind::Matching {
        shuffle_answers: true,
        pairs,
    })
}

/// Writes questions as CSV (UTF-8 with BOM, so Excel opens Vietnamese text right), one row per
/// question, with the headers [`parse_csv`] reads. Per-answer feedback, unequal weights and
/// text formats have no column and are left out.
pub fn write_csv(questions: &[Question]) -> String {
    let mut writer = ::csv::WriterBuilder::new().from_writer(Vec::new());
    let header: Vec<&str> = QuestionColumn::ALL.iter().map(|c| c.name()).collect();
    let mut rows: Vec<Vec<String>> = vec![header.iter().map(|h| h.to_string()).collect()];
    rows.extend(questions.iter().map(row_of));
    for row in &rows {
        // Writing into a Vec cannot fail.
        let _ = writer.write_record(row);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    format!("\u{FEFF}{}", String::from_utf8_lossy(&bytes))
}

fn bars(parts: impl IntoIterator<Item = String>) -> String {
    parts
        .into_iter()
        .map(|p| p.replace('|', "\\|"))
        .collect::<Vec<_>>()
        .join(" | ")
}

fn letter(i: usize) -> String {
    u8::try_from(i)
        .ok()
        .filter(|i| *i < 26)
        .map_or_else(|| (i + 1).to_string(), |i| char::from(b'A' + i).to_string())
}

fn row_of(q: &Question) -> Vec<String> {
    let (kind, options, correct) = match &q.kind {
        QuestionKind::MultiChoice {
            single, answers, ..
        } => (
            if *single {
                "Một đáp án"
            } else {
                "Nhiều đáp án"
            },
            bars(answers.iter().map(|a| a.text.clone())),
            answers
                .iter()
                .enumerate()
                .filter(|(_, a)| a.fraction > 0.0)
                .map(|(i, _)| letter(i))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        QuestionKind::TrueFalse { correct, .. } => (
            "Đúng/Sai",
            String::new(),
            if *correct { "Đúng" } else { "Sai" }.to_string(),
        ),
        QuestionKind::ShortAnswer { answers, .. } => (
            "Điền ngắn",
            String::new(),
            bars(
                answers
                    .iter()
                    .filter(|a| a.fraction > 0.0)
                    .map(|a| a.text.clone()),
            ),
        ),
        QuestionKind::Numerical { answers } => (
            "Số",
            String::new(),
            bars(answers.iter().filter(|a| a.fraction > 0.0).filter_map(|a| {
                a.value.map(|v| {
                    if a.tolerance > 0.0 {
                        format!("{v}:{}", a.tolerance)
                    } else {
                        format!("{v}")
                    }
                })
            })),
        ),
        QuestionKind::Matching { pairs, .. } => (
            "Ghép đôi",
            bars(pairs.iter().map(|(l, r)| format!("{l} -> {r}"))),
            String::new(),
        ),
        QuestionKind::Essay => ("Tự luận", String::new(), String::new()),
        QuestionKind::Description => ("Mô tả", String::new(), String::new()),
    };
    vec![
        kind.to_string(),
        q.text.clone(),
        options,
        correct,
        q.general_feedback.clone(),
        q.tags.join(", "),
        q.source.clone().unwrap_or_default(),
        q.idnumber.clone().unwrap_or_default(),
    ]
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests {
    use super::*;
    use crate::roster::decode::testing::{utf16le_with_bom, windows_1258};
    use proptest::prelude::*;

    const HEADER: &str = "Loại,Câu hỏi,Phương án,Đáp án đúng,Phản hồi,Thẻ,Nguồn\n";

    fn parse(text: &str) -> Result<Vec<Question>, Vec<ParseError>> {
        parse_csv(text.as_bytes(), "cau-hoi.csv")
    }

    #[test]
    fn a_single_answer_row_becomes_a_multichoice_question() {
        let qs = parse(&format!(
            "{HEADER}Một đáp án,Thủ đô của Việt Nam?,Hà Nội | Huế | Đà Nẵng,A,Hà Nội là thủ đô.,\"vneid, easy\",Sách giáo khoa\n"
        ))
        .unwrap();
        assert_eq!(qs.len(), 1);
        assert_eq!(qs[0].text, "Thủ đô của Việt Nam?");
        assert_eq!(qs[0].general_feedback, "Hà Nội là thủ đô.");
        assert_eq!(qs[0].tags, ["vneid", "easy"]);
        assert_eq!(qs[0].source.as_deref(), Some("Sách giáo khoa"));
        let QuestionKind::MultiChoice {
            single, answers, ..
        } = &qs[0].kind
        else {
            panic!("{:?}", qs[0].kind)
        };
        assert!(*single);
        let fractions: Vec<f64> = answers.iter().map(|a| a.fraction).collect();
        assert_eq!(fractions, [1.0, 0.0, 0.0]);
    }

    #[test]
    fn headers_without_diacritics_and_several_correct_options_make_a_multiple_response() {
        let qs =
            parse("loai;cau hoi;phuong an;dap an dung\nTrắc nghiệm;Chọn hai;a | b | c | d;1, 3\n")
                .unwrap();
        let QuestionKind::MultiChoice {
            single, answers, ..
        } = &qs[0].kind
        else {
            panic!()
        };
        assert!(!*single);
        let fractions: Vec<f64> = answers.iter().map(|a| a.fraction).collect();
        assert_eq!(fractions, [0.5, -1.0, 0.5, -1.0]);
    }

    #[test]
    fn every_type_reads() {
        let qs = parse(&format!(
            "{HEADER}Đúng/Sai,Trời xanh?,,Đúng,,,\n\
             Điền ngắn,Tên ứng dụng?,,VNeID | vneid,,,\n\
             Số,Bao nhiêu tuổi?,,\"14:0,5\",,,\n\
             Số,Khoảng?,,1..5,,,\n\
             Ghép đôi,Ghép,Mèo -> Cat | Chó -> Dog |  -> Bird,,,,\n\
             Tự luận,Viết đoạn văn,,,,,\n\
             Mô tả,Đọc đoạn sau,,,,,\n"
        ))
        .unwrap();
        let types: Vec<&str> = qs.iter().map(Question::moodle_type_name).collect();
        assert_eq!(
            types,
            [
                "truefalse",
                "shortanswer",
                "numerical",
                "numerical",
                "match",
                "essay",
                "description"
            ]
        );
        assert!(matches!(
            qs[0].kind,
            QuestionKind::TrueFalse { correct: true, .. }
        ));
        let QuestionKind::Numerical { answers } = &qs[2].kind else {
            panic!()
        };
        assert_eq!((answers[0].value, answers[0].tolerance), (Some(14.0), 0.5));
        let QuestionKind::Numerical { answers } = &qs[3].kind else {
            panic!()
        };
        assert_eq!((answers[0].value, answers[0].tolerance), (Some(3.0), 2.0));
        let QuestionKind::Matching { pairs, .. } = &qs[4].kind else {
            panic!()
        };
        assert_eq!(pairs[2], (String::new(), "Bird".to_string()));
    }

    #[test]
    fn every_error_names_its_line_and_column_in_vietnamese() {
        let errors = parse(&format!(
            "{HEADER}Một đáp án,Câu 1,A | B,C,,,\n\
             Không biết,Câu 2,,,,,\n\
             Đúng/Sai,,,Có lẽ,,,\n"
        ))
        .unwrap_err();
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "cau-hoi.csv, dòng 2: cột Đáp án đúng: «C» không phải phương án nào; ghi chữ cái (A–B) hoặc số thứ tự (1–2) của phương án đúng.",
                "cau-hoi.csv, dòng 3: cột Loại: loại câu hỏi «Không biết» không rõ; dùng một trong: Một đáp án, Nhiều đáp án, Trắc nghiệm, Đúng/Sai, Điền ngắn, Số, Ghép đôi, Tự luận, Mô tả.",
                "cau-hoi.csv, dòng 4: cột Câu hỏi: chưa có nội dung câu hỏi.",
                "cau-hoi.csv, dòng 4: cột Đáp án đúng: «Có lẽ» không phải Đúng hoặc Sai.",
            ]
        );
    }

    #[test]
    fn a_missing_required_column_names_the_header_line() {
        let errors = parse("Tiêu đề,Câu hỏi,Phương án\nx,y,z\n").unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 1);
        assert!(errors[0].message.contains("Loại"), "{}", errors[0].message);
    }

    #[test]
    fn excel_encodings_read_the_same_questions() {
        let text = format!("{HEADER}Đúng/Sai,Nguyễn Trãi là người Việt?,,Đúng,,,\n");
        let expected = parse(&text).unwrap();
        let utf16 = utf16le_with_bom(&text.replace(',', "\t"));
        assert_eq!(parse_csv(&utf16, "x").unwrap(), expected);
        assert_eq!(parse_csv(&windows_1258(&text), "x").unwrap(), expected);
        let nfd: String = unicode_normalization::UnicodeNormalization::nfd(text.as_str()).collect();
        assert_eq!(
            parse_csv(format!("\u{FEFF}{nfd}").as_bytes(), "x").unwrap(),
            expected
        );
    }

    #[test]
    fn written_csv_reads_back_to_the_same_simple_questions() {
        let text = format!(
            "{HEADER}Một đáp án,\"Câu có dấu phẩy, và \"\"ngoặc\"\"\",A \\| B | C,B,Phản hồi,\"a, b\",Nguồn\n\
             Nhiều đáp án,Hai đúng,a | b | c | d,\"A, C\",,,\n\
             Đúng/Sai,Sai?,,Sai,,,\n\
             Điền ngắn,Điền,,x | y,,,\n\
             Số,Số,,3:0.5,,,\n\
             Ghép đôi,Ghép,a -> 1 | b -> 2 |  -> 3,,,,\n\
             Tự luận,Viết,,,,,\n"
        );
        let questions = parse(&text).unwrap();
        let written = write_csv(&questions);
        assert_eq!(parse_csv(written.as_bytes(), "back").unwrap(), questions);
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic_parse_csv(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
            let _ = parse_csv(&bytes, "any");
        }

        #[test]
        fn csv_like_noise_never_panics_parse_csv(
            s in crate::question_formats::model::strategies::noisy(&[
                "\n", ",", ";", "\"", "|", "\\|", "->", "..", ":", "A", "1", "Đúng",
                "Loại,Câu hỏi,Phương án,Đáp án đúng\n", "Một đáp án,", "Số,", "Ghép đôi,",
            ])
        ) {
            let _ = parse_csv(s.as_bytes(), "noise");
        }
    }
}
