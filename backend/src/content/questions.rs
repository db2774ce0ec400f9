//! Question files of the bank: GIFT read with the Moodle-faithful
//! [`parse_gift`](crate::question_formats::gift::parse_gift), then held to the bank's own
//! rules: every question has an id, a `// source:`, exactly one difficulty tag and at least
//! one topic tag from the shared table.

use std::path::Path;

use crate::question_formats::error::{binary_error, find_binary_line};
use crate::question_formats::gift::parse_gift;
use crate::question_formats::model::{Question, QuestionKind, php_trim};

use super::problem::Problems;
use super::vocabulary::{ContentId, Difficulty, Topic};

/// A question of the bank, validated.
#[derive(Debug, Clone)]
pub struct BankQuestion {
    pub id: ContentId,
    pub difficulty: Difficulty,
    pub topics: Vec<Topic>,
    pub source: String,
    /// The question file as shown in problems, and the line its block starts on.
    pub file: String,
    pub line: usize,
    pub question: Question,
}

/// Reads one GIFT file. `file` is the path shown in problems.
///
/// GIFT separates questions by blank lines and each block is read on its own (a
/// `$CATEGORY:` line only sets the Moodle category, which the bank does not use), so each
/// block goes through `parse_gift` alone, and every question keeps the line it starts on.
pub fn parse_question_file(text: &str, file: &Path, problems: &mut Problems) -> Vec<BankQuestion> {
    let label = file.display().to_string();
    let input = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if let Some(line) = find_binary_line(input) {
        let error = binary_error(&label, line);
        problems.at(file, error.line, error.message);
        return Vec::new();
    }

    let mut questions = Vec::new();
    for (first_line, lines) in blocks(input) {
        // Blank lines in front keep the block on its own lines, so the errors (and the line
        // numbers inside their messages) point into the file.
        let block = "\n".repeat(first_line - 1) + &lines.join("\n");
        match parse_gift(&block, &label) {
            Ok(parsed) => {
                for question in parsed {
                    if let Some(q) = validate(question, file, first_line, problems) {
                        questions.push(q);
                    }
                }
            }
            Err(errors) => {
                for error in errors {
                    problems.at(file, error.line, error.message);
                }
            }
        }
    }
    questions
}

/// Splits GIFT text into blank-line separated blocks as Moodle does (`readquestions`: a line
/// that trims to nothing or to "0" separates), each with the 1-based line it starts on.
fn blocks(input: &str) -> Vec<(usize, Vec<&str>)> {
    let raw_lines: Vec<&str> = if !input.contains('\n') && input.contains('\r') {
        input.split('\r').collect()
    } else {
        input.split('\n').collect()
    };
    let mut blocks = Vec::new();
    let mut current: Option<(usize, Vec<&str>)> = None;
    for (index, raw) in raw_lines.into_iter().enumerate() {
        let text = php_trim(raw);
        if text.is_empty() || text == "0" {
            blocks.extend(current.take());
        } else {
            current
                .get_or_insert_with(|| (index + 1, Vec::new()))
                .1
                .push(raw);
        }
    }
    blocks.extend(current);
    blocks
}

fn validate(
    question: Question,
    file: &Path,
    line: usize,
    problems: &mut Problems,
) -> Option<BankQuestion> {
    let before = problems.len();
    let id = match &question.idnumber {
        None => {
            problems.at(
                file,
                line,
                "Câu hỏi chưa có mã: thêm [id:…] vào dòng chú thích ngay phía trên, ví dụ \
                 // [id:thpt-vneid-001] [tag:vneid] [tag:easy].",
            );
            None
        }
        Some(raw) => ContentId::parse(raw)
            .map_err(|message| problems.at(file, line, message))
            .ok(),
    };
    if let (Some(id), Some(name)) = (&id, &question.name)
        && name != id.as_str()
    {
        problems.at(
            file,
            line,
            format!("Tên câu ::{name}:: phải trùng mã [id:{id}] của câu."),
        );
    }

    let source = question.source.clone();
    if source.is_none() {
        problems.at(
            file,
            line,
            "Câu hỏi chưa có dòng // source: nêu văn bản làm căn cứ (số hiệu, ngày ban hành, \
             điều khoản; hoặc mục của kế hoạch tỉnh). Mọi câu đều phải có.",
        );
    }

    let mut difficulties = Vec::new();
    let mut topics = Vec::new();
    for tag in &question.tags {
        if let Ok(difficulty) = Difficulty::parse(tag) {
            difficulties.push(difficulty);
        } else if let Ok(topic) = Topic::parse(tag) {
            if !topics.contains(&topic) {
                topics.push(topic);
            }
        } else {
            problems.at(
                file,
                line,
                format!(
                    "Thẻ [tag:{tag}] không có trong bảng thẻ của question-bank/README.md (mức độ: \
                     easy, medium, hard; chủ đề: {}).",
                    Topic::ALL
                        .iter()
                        .map(|t| t.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
    }
    let difficulty = match difficulties.as_slice() {
        [one] => Some(*one),
        [] => {
            problems.at(
                file,
                line,
                "Câu hỏi chưa có thẻ mức độ: thêm đúng một trong [tag:easy], [tag:medium], \
                 [tag:hard].",
            );
            None
        }
        many => {
            problems.at(
                file,
                line,
                format!(
                    "Câu hỏi có {} thẻ mức độ; mỗi câu chỉ có đúng một (easy, medium hoặc hard).",
                    many.len()
                ),
            );
            None
        }
    };
    if topics.is_empty() {
        problems.at(
            file,
            line,
            "Câu hỏi chưa có thẻ chủ đề: thêm ít nhất một thẻ như [tag:vneid] (xem bảng thẻ chủ \
             đề trong question-bank/README.md).",
        );
    }
    if matches!(question.kind, QuestionKind::Description) {
        problems.at(
            file,
            line,
            "Khối này là đoạn mô tả (không có đáp án), không phải câu hỏi: ngân hàng câu hỏi chỉ \
             chứa câu hỏi.",
        );
    }

    match (id, source, difficulty) {
        (Some(id), Some(source), Some(difficulty)) if problems.len() == before => {
            Some(BankQuestion {
                id,
                difficulty,
                topics,
                source,
                file: file.display().to_string(),
                line,
                question,
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Vec<BankQuestion>, Vec<String>) {
        let mut problems = Problems::default();
        let questions = parse_question_file(text, Path::new("q.gift"), &mut problems);
        let messages = problems
            .into_sorted()
            .into_iter()
            .map(|p| p.to_string())
            .collect();
        (questions, messages)
    }

    const GOOD: &str = "// [id:a-001] [tag:vneid] [tag:easy]\n// source: Nghị định 69/2024/NĐ-CP\n\
                        ::a-001::Câu?{=Đúng ~Sai}\n";

    #[test]
    fn a_complete_question_is_kept_with_the_line_its_block_starts_on() {
        let (questions, problems) = read(&format!("// tệp\n\n\n{GOOD}"));
        assert_eq!(problems, Vec::<String>::new());
        assert_eq!(questions.len(), 1);
        assert_eq!(questions[0].line, 4);
        assert_eq!(questions[0].id.as_str(), "a-001");
        assert_eq!(questions[0].difficulty, Difficulty::Easy);
        assert_eq!(questions[0].topics, vec![Topic::Vneid]);
    }

    #[test]
    fn a_parse_error_in_a_later_block_keeps_its_line_in_the_file() {
        let (questions, problems) = read(&format!(
            "{GOOD}\n\n// [id:a-002]\n::a-002::Câu?{{=Đúng ~Sai\n"
        ));
        assert_eq!(questions.len(), 1);
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert!(
            problems[0].starts_with(
                "q.gift, dòng 7: Thiếu dấu đóng ngoặc '}' cho câu hỏi bắt đầu ở dòng 7"
            ),
            "{problems:#?}"
        );
    }

    #[test]
    fn blocks_follow_moodle_separators_and_mac_line_ends() {
        let found = blocks("a\nb\n\n0\nc\n  \nd");
        let starts: Vec<usize> = found.iter().map(|(line, _)| *line).collect();
        assert_eq!(starts, vec![1, 5, 7]);
        assert_eq!(blocks("a\rb\r\rc").len(), 2);
    }
}
