//! GIFT import and export, following Moodle's
//! `question/format/gift/format.php` (including its Moodle 4 `[id:]` and
//! `[tag:]` comments) step by step.
//!
//! Moodle replaces escaped control characters (`\:` `\#` `\=` `\{` `\}`
//! `\~` `\n`) by placeholders before it looks for structure and puts them
//! back afterwards. Here every character of a question becomes a `Tok`
//! carrying an `esc` flag instead, so an escaped character never matches
//! any structural search, exactly like a placeholder, without Moodle's
//! placeholder collisions.
//!
//! # What GIFT cannot express
//!
//! [`write_gift`] followed by [`parse_gift`] gives back the same questions
//! except for things the GIFT syntax (and Moodle's reader) cannot carry:
//! short-answer case sensitivity and `shuffle_answers = false` (GIFT
//! imports always use Moodle's defaults), general feedback of a
//! description, a single-answer multichoice without a 100% answer (it
//! reads back as multiple-response), numerical `*` answers other than one
//! final 0% answer (and a numerical made of `*` only), `->` inside
//! short-answer texts or feedback (Moodle then reads a matching question)
//! and inside matching sub-question texts, `[tag:` inside an ID number or
//! `[id:` inside a tag, tags containing `<`, `>` or `` ` ``, control
//! characters in ID numbers, tags, source and category names, and carriage
//! returns (dropped, as Moodle's exporter does). Moodle XML carries all of
//! these.

#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use super::error::{ParseError, binary_error, find_binary_line};
use super::model::{
    Answer, NumericalAnswer, Question, QuestionKind, TextFormat, allowed_percentages,
    assemble_category_path, format_number, format_percent, is_php_space, match_grade, nfc,
    php_numeric, php_trim, split_category_path,
};

/// One character of a question block.
#[derive(Debug, Clone, Copy)]
struct Tok {
    c: char,
    /// True when the character was written escaped (`\x`): it is then
    /// plain text and never a control character.
    esc: bool,
    /// 1-based source line.
    line: usize,
}

impl Tok {
    fn is(&self, c: char) -> bool {
        !self.esc && self.c == c
    }
}

fn tok_is(t: Option<&Tok>, c: char) -> bool {
    t.is_some_and(|t| t.is(c))
}

fn sub(s: &[Tok], from: usize, to: usize) -> &[Tok] {
    s.get(from..to).unwrap_or(&[])
}

fn tail(s: &[Tok], from: usize) -> &[Tok] {
    s.get(from..).unwrap_or(&[])
}

/// PHP `trim()` before placeholders are put back: escaped characters are
/// placeholders, never whitespace.
fn trim_raw(s: &[Tok]) -> &[Tok] {
    let ws = |t: &Tok| !t.esc && is_php_space(t.c);
    let start = s.iter().position(|t| !ws(t)).unwrap_or(s.len());
    let end = s.iter().rposition(|t| !ws(t)).map_or(start, |p| p + 1);
    sub(s, start, end.max(start))
}

/// Placeholders put back (`escapedchar_post`).
fn post(s: &[Tok]) -> String {
    s.iter().map(|t| t.c).collect()
}

/// First unescaped occurrence of `pat` at or after `from`.
fn find(s: &[Tok], pat: &str, from: usize) -> Option<usize> {
    let pat: Vec<char> = pat.chars().collect();
    if pat.is_empty() || s.len() < pat.len() {
        return None;
    }
    (from..=s.len() - pat.len()).find(|&i| {
        pat.iter()
            .enumerate()
            .all(|(k, c)| tok_is(s.get(i + k), *c))
    })
}

/// Last unescaped occurrence of `pat`.
fn rfind(s: &[Tok], pat: &str) -> Option<usize> {
    let pat: Vec<char> = pat.chars().collect();
    if pat.is_empty() || s.len() < pat.len() {
        return None;
    }
    (0..=s.len() - pat.len()).rev().find(|&i| {
        pat.iter()
            .enumerate()
            .all(|(k, c)| tok_is(s.get(i + k), *c))
    })
}

fn find_char(s: &[Tok], c: char) -> Option<usize> {
    s.iter().position(|t| t.is(c))
}

fn starts_with(s: &[Tok], pat: &str) -> bool {
    find(sub(s, 0, pat.chars().count()), pat, 0) == Some(0)
}

/// Unescaped text equal to `word`.
fn equals(s: &[Tok], word: &str) -> bool {
    s.len() == word.chars().count() && starts_with(s, word)
}

/// PHP `explode($c, $s)`.
fn split_char(s: &[Tok], c: char) -> Vec<&[Tok]> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, t) in s.iter().enumerate() {
        if t.is(c) {
            parts.push(sub(s, start, i));
            start = i + 1;
        }
    }
    parts.push(tail(s, start));
    parts
}

/// PHP `explode($c, $s, $limit)`.
fn splitn_char(s: &[Tok], c: char, limit: usize) -> Vec<&[Tok]> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, t) in s.iter().enumerate() {
        if parts.len() + 1 >= limit {
            break;
        }
        if t.is(c) {
            parts.push(sub(s, start, i));
            start = i + 1;
        }
    }
    parts.push(tail(s, start));
    parts
}

/// PHP `empty()` on a string: "" and "0" are empty.
fn php_empty(s: &[Tok]) -> bool {
    s.is_empty() || equals(s, "0")
}

fn line_of(s: &[Tok], default: usize) -> usize {
    s.first().map_or(default, |t| t.line)
}

/// Moodle's `parse_text_with_format`: an optional `[format]` prefix, then
/// placeholders put back and the text trimmed (so an escaped `\n` at either
/// end is trimmed away too).
fn text_with_format(s: &[Tok], default: TextFormat) -> (TextFormat, String) {
    let mut format = default;
    let mut body = s;
    if tok_is(s.first(), '[')
        && let Some(end) = find_char(s, ']')
        && let Some(f) = TextFormat::from_gift_name(&post(sub(s, 1, end)))
    {
        format = f;
        body = tail(s, end + 1);
    }
    (format, nfc(php_trim(&post(body))))
}

/// Moodle's `commentparser`: `answer#feedback`.
fn comment_parser(s: &[Tok], format: TextFormat) -> (String, String) {
    match find_char(s, '#') {
        Some(p) => (
            text_with_format(trim_raw(sub(s, 0, p)), format).1,
            text_with_format(trim_raw(tail(s, p + 1)), format).1,
        ),
        None => (text_with_format(trim_raw(s), format).1, String::new()),
    }
}

/// Result of Moodle's answer weight regex `^%\-*([0-9]{1,2})\.?([0-9]*)%`.
enum Weight<'a> {
    /// No weight prefix.
    Absent,
    /// A weight (as a fraction) and the rest of the answer.
    Present(f64, &'a [Tok]),
    /// The regex matched but PHP cannot compute the number (`%--50%`).
    Invalid(String, &'a [Tok]),
}

fn weight_prefix(a: &[Tok]) -> Weight<'_> {
    if !tok_is(a.first(), '%') {
        return Weight::Absent;
    }
    let digit = |i: usize| a.get(i).is_some_and(|t| !t.esc && t.c.is_ascii_digit());
    let mut i = 1;
    while tok_is(a.get(i), '-') {
        i += 1;
    }
    let minus = i - 1;
    let int_start = i;
    while digit(i) {
        i += 1;
    }
    let int_digits = i - int_start;
    if int_digits == 0 {
        return Weight::Absent;
    }
    if tok_is(a.get(i), '.') {
        if int_digits > 2 {
            return Weight::Absent;
        }
        i += 1;
        while digit(i) {
            i += 1;
        }
    }
    if !tok_is(a.get(i), '%') {
        return Weight::Absent;
    }
    let number = post(sub(a, 1, i));
    let rest = tail(a, i + 1);
    if minus > 1 {
        return Weight::Invalid(number, rest);
    }
    match number.parse::<f64>() {
        Ok(v) => Weight::Present(v / 100.0, rest),
        Err(_) => Weight::Invalid(number, rest),
    }
}

/// Collects the errors of one question block.
struct Block<'a> {
    file: &'a str,
    start_line: usize,
    errors: Vec<ParseError>,
}

impl Block<'_> {
    fn error(&mut self, line: usize, message: String) {
        self.errors.push(ParseError::new(self.file, line, message));
    }

    /// Checks a grade against Moodle's list (import with "match grades:
    /// error", Moodle's default).
    fn grade(&mut self, fraction: f64, line: usize) -> f64 {
        match match_grade(fraction) {
            Some(g) => g,
            None => {
                self.error(
                    line,
                    format!(
                        "Trọng số '{}%' không hợp lệ. Moodle chỉ chấp nhận các mức: {} \
                         (có thể thêm dấu '-' để trừ điểm).",
                        format_percent(fraction),
                        allowed_percentages()
                    ),
                );
                fraction
            }
        }
    }

    /// Applies a weight prefix if present; `default` otherwise.
    fn weighted<'t>(&mut self, a: &'t [Tok], default: f64) -> (f64, &'t [Tok]) {
        let line = line_of(a, self.start_line);
        match weight_prefix(a) {
            Weight::Absent => (default, a),
            Weight::Present(w, rest) => (self.grade(w, line), rest),
            Weight::Invalid(raw, rest) => {
                self.error(
                    line,
                    format!(
                        "Trọng số '%{raw}%' không hợp lệ: cần một số phần trăm như %50% hoặc %-50%."
                    ),
                );
                (default, rest)
            }
        }
    }
}

/// A trimmed source line.
struct Line<'a> {
    no: usize,
    text: &'a str,
}

/// Parses GIFT text (Moodle's GIFT import).
///
/// Questions are separated by blank lines; `//` lines are comments. A file
/// with no question (empty input, only comments) gives `Ok(vec![])`.
///
/// # Errors
///
/// If any question is invalid (unbalanced braces, a weight Moodle does not
/// accept, a numerical answer that is not a number, too few answers, binary
/// input...), every error found is returned, each naming its line, and no
/// question.
pub fn parse_gift(input: &str, file_name: &str) -> Result<Vec<Question>, Vec<ParseError>> {
    let input = input.strip_prefix('\u{FEFF}').unwrap_or(input);
    if let Some(line) = find_binary_line(input) {
        return Err(vec![binary_error(file_name, line)]);
    }

    // qformat_default::readdata: old Mac files use CR only.
    let raw_lines: Vec<&str> = if !input.contains('\n') && input.contains('\r') {
        input.split('\r').collect()
    } else {
        input.split('\n').collect()
    };

    let mut questions = Vec::new();
    let mut errors = Vec::new();
    let mut category: Vec<String> = Vec::new();
    let mut block: Vec<Line> = Vec::new();

    let flush = |block: &mut Vec<Line>,
                 category: &mut Vec<String>,
                 questions: &mut Vec<Question>,
                 errors: &mut Vec<ParseError>| {
        if block.is_empty() {
            return;
        }
        match parse_block(block, category, file_name) {
            Ok(Some(q)) => questions.push(q),
            Ok(None) => {}
            Err(mut e) => errors.append(&mut e),
        }
        block.clear();
    };

    for (i, raw) in raw_lines.iter().enumerate() {
        let text = php_trim(raw);
        // qformat_default::readquestions uses PHP empty(): "0" separates too.
        if text.is_empty() || text == "0" {
            flush(&mut block, &mut category, &mut questions, &mut errors);
        } else {
            block.push(Line { no: i + 1, text });
        }
    }
    flush(&mut block, &mut category, &mut questions, &mut errors);

    if errors.is_empty() {
        Ok(questions)
    } else {
        errors.sort_by_key(|e| e.line);
        Err(errors)
    }
}

/// Appends the characters of one line, resolving GIFT escapes
/// (`escapedchar_pre`: `\\` first, then the control characters).
fn tokenize_line(text: &str, line: usize, out: &mut Vec<Tok>) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.peek().copied() {
                Some('\\') => {
                    chars.next();
                    out.push(Tok {
                        c: '\\',
                        esc: true,
                        line,
                    });
                    continue;
                }
                Some(n @ (':' | '#' | '=' | '{' | '}' | '~')) => {
                    chars.next();
                    out.push(Tok {
                        c: n,
                        esc: true,
                        line,
                    });
                    continue;
                }
                Some('n') => {
                    chars.next();
                    out.push(Tok {
                        c: '\n',
                        esc: true,
                        line,
                    });
                    continue;
                }
                _ => {}
            }
        }
        out.push(Tok {
            c,
            esc: false,
            line,
        });
    }
}

/// `// source: ...` (Học DVC extension).
fn source_comment(line: &str) -> Option<Option<String>> {
    let rest = line.strip_prefix("//")?.trim_start_matches(is_php_space);
    let head = rest.get(..7)?;
    if !head.eq_ignore_ascii_case("source:") {
        return None;
    }
    let value = nfc(php_trim(rest.get(7..).unwrap_or("")));
    Some((!value.is_empty()).then_some(value))
}

/// Category text as Moodle keeps it: it never puts placeholders back, so
/// escapes stay as written, except `\\` which became `\` before parsing.
fn category_text(s: &[Tok]) -> String {
    let mut out = String::new();
    for t in s {
        match (t.esc, t.c) {
            (true, '\\') => out.push('\\'),
            (true, '\n') => out.push_str("\\n"),
            (true, c) => {
                out.push('\\');
                out.push(c);
            }
            (false, c) => out.push(c),
        }
    }
    out
}

fn parse_block(
    lines: &[Line],
    category: &mut Vec<String>,
    file: &str,
) -> Result<Option<Question>, Vec<ParseError>> {
    // Comment lines become a single space, as in Moodle; their text is kept
    // for [id:] and [tag:].
    let mut comments = String::new();
    let mut source = None;
    let mut seen_content = false;
    let mut toks: Vec<Tok> = Vec::new();
    let mut prev_line = lines.first().map_or(1, |l| l.no);
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            toks.push(Tok {
                c: '\n',
                esc: false,
                line: prev_line,
            });
        }
        prev_line = l.no;
        if l.text.starts_with("//") {
            toks.push(Tok {
                c: ' ',
                esc: false,
                line: l.no,
            });
            if !seen_content && let Some(value) = source_comment(l.text) {
                source = value;
                continue;
            }
            comments.push_str(l.text);
            comments.push('\n');
        } else {
            seen_content = true;
            tokenize_line(l.text, l.no, &mut toks);
        }
    }

    let text = trim_raw(&toks);
    let Some(first) = text.first() else {
        return Ok(None);
    };
    let mut b = Block {
        file,
        start_line: first.line,
        errors: Vec::new(),
    };

    if starts_with(text, "$CATEGORY:") {
        let path = category_text(trim_raw(tail(text, 10)));
        *category = split_category_path(&path);
        return Ok(None);
    }

    // Question name.
    let mut name = None;
    let mut body = text;
    if starts_with(text, "::") {
        let rest = tail(text, 2);
        body = rest;
        if let Some(end) = find(rest, "::", 0) {
            let n = nfc(php_trim(&post(sub(rest, 0, end))));
            name = (!n.is_empty()).then_some(n);
            body = trim_raw(tail(rest, end + 2));
        }
    }

    // Answer block.
    let open = find_char(body, '{');
    let close = find_char(body, '}');
    let (description, answer_range) = match (open, close) {
        (None, None) => (true, None),
        (Some(o), None) => {
            let o_line = body.get(o).map_or(b.start_line, |t| t.line);
            b.error(
                b.start_line,
                format!(
                    "Thiếu dấu đóng ngoặc '}}' cho câu hỏi bắt đầu ở dòng {} (dấu '{{' ở dòng {o_line}). \
                     Nếu muốn viết dấu ngoặc trong nội dung, hãy dùng \\{{ và \\}}.",
                    b.start_line
                ),
            );
            return Err(b.errors);
        }
        (None, Some(c)) => {
            let c_line = body.get(c).map_or(b.start_line, |t| t.line);
            b.error(
                b.start_line,
                format!(
                    "Thiếu dấu mở ngoặc '{{' cho câu hỏi bắt đầu ở dòng {} (dấu '}}' ở dòng {c_line}). \
                     Nếu muốn viết dấu ngoặc trong nội dung, hãy dùng \\{{ và \\}}.",
                    b.start_line
                ),
            );
            return Err(b.errors);
        }
        (Some(o), Some(c)) if c < o => {
            let c_line = body.get(c).map_or(b.start_line, |t| t.line);
            b.error(
                b.start_line,
                format!(
                    "Dấu '}}' ở dòng {c_line} đứng trước dấu '{{' trong câu hỏi bắt đầu ở dòng {}: \
                     phần đáp án phải nằm trong cặp ngoặc {{ ... }}.",
                    b.start_line
                ),
            );
            return Err(b.errors);
        }
        (Some(o), Some(c)) => (false, Some((o, c))),
    };

    let mut answer: &[Tok] = &[];
    let question_toks: Vec<Tok> = match answer_range {
        None => body.to_vec(),
        Some((o, c)) => {
            answer = trim_raw(sub(body, o + 1, c));
            let mut q: Vec<Tok> = sub(body, 0, o).to_vec();
            if !tok_is(body.last(), '}') {
                // Missing-word format.
                let line = body.get(o).map_or(b.start_line, |t| t.line);
                q.extend("_____".chars().map(|c| Tok {
                    c,
                    esc: false,
                    line,
                }));
            }
            q.extend_from_slice(tail(body, c + 1));
            q
        }
    };

    // General feedback.
    let mut general_toks: &[Tok] = &[];
    if let Some(p) = rfind(answer, "####") {
        general_toks = tail(answer, p + 4);
        answer = trim_raw(sub(answer, 0, p));
    }

    let (format, qtext) = text_with_format(&question_toks, TextFormat::Moodle);
    let general_feedback = text_with_format(general_toks, format).1;

    let kind = if description {
        QuestionKind::Description
    } else if answer.is_empty() {
        QuestionKind::Essay
    } else if tok_is(answer.first(), '#') {
        parse_numerical(&mut b, answer, format)
    } else if find_char(answer, '~').is_some() {
        parse_multichoice(&mut b, answer, format)
    } else if find_char(answer, '=').is_some() && find(answer, "->", 0).is_some() {
        parse_matching(&mut b, answer, format)
    } else {
        let check = match find_char(answer, '#') {
            Some(p) if p > 0 => trim_raw(sub(answer, 0, p)),
            _ => answer,
        };
        if ["T", "TRUE", "F", "FALSE"].iter().any(|w| equals(check, w)) {
            parse_truefalse(answer, format)
        } else {
            parse_shortanswer(&mut b, answer, format)
        }
    };

    if !b.errors.is_empty() {
        return Err(b.errors);
    }

    let (idnumber, tags) = extract_idnumber_and_tags(&comments);
    Ok(Some(Question {
        name,
        text: qtext,
        text_format: format,
        general_feedback,
        category: category.clone(),
        idnumber,
        tags,
        source,
        kind,
    }))
}

/// `explode` after dropping an empty (or "0") first element, as Moodle.
fn answer_parts(parts: Vec<&[Tok]>) -> Vec<&[Tok]> {
    let mut parts: Vec<&[Tok]> = parts;
    if let Some(first) = parts.first_mut() {
        *first = trim_raw(first);
        if php_empty(first) {
            parts.remove(0);
        }
    }
    parts
}

fn parse_multichoice(b: &mut Block, answer: &[Tok], format: TextFormat) -> QuestionKind {
    let single = find_char(answer, '=').is_some();
    // str_replace("=", "~=") then explode("~").
    let mut parts: Vec<&[Tok]> = Vec::new();
    let mut start = 0;
    for (i, t) in answer.iter().enumerate() {
        if t.is('~') {
            parts.push(sub(answer, start, i));
            start = i + 1;
        } else if t.is('=') {
            parts.push(sub(answer, start, i));
            start = i;
        }
    }
    parts.push(tail(answer, start));
    let parts = answer_parts(parts);

    if parts.len() < 2 {
        b.error(
            line_of(answer, b.start_line),
            format!(
                "Câu hỏi nhiều lựa chọn bắt đầu ở dòng {} cần ít nhất 2 đáp án \
                 (mỗi đáp án bắt đầu bằng '=' hoặc '~').",
                b.start_line
            ),
        );
        return QuestionKind::Description;
    }

    let mut answers = Vec::new();
    for part in parts {
        let a = trim_raw(part);
        let (fraction, rest) = if tok_is(a.first(), '=') {
            (1.0, tail(a, 1))
        } else {
            b.weighted(a, 0.0)
        };
        let (text, feedback) = comment_parser(rest, format);
        answers.push(Answer {
            text,
            fraction,
            feedback,
        });
    }
    // qtype_multichoice::save_question_options skips blank answers.
    answers.retain(|a| !a.text.is_empty());
    QuestionKind::MultiChoice {
        single,
        shuffle_answers: true,
        answers,
    }
}

fn parse_matching(b: &mut Block, answer: &[Tok], format: TextFormat) -> QuestionKind {
    let parts = answer_parts(split_char(answer, '='));
    if parts.len() < 2 {
        b.error(
            line_of(answer, b.start_line),
            format!(
                "Câu hỏi ghép đôi bắt đầu ở dòng {} cần ít nhất 2 cặp '=câu hỏi -> đáp án'.",
                b.start_line
            ),
        );
        return QuestionKind::Description;
    }
    let mut pairs = Vec::new();
    for part in parts {
        let a = trim_raw(part);
        let line = line_of(a, b.start_line);
        let Some(marker) = find(a, "->", 0) else {
            b.error(
                line,
                format!(
                    "Câu hỏi ghép đôi: mục '{}' thiếu dấu '->' giữa câu hỏi con và đáp án.",
                    php_trim(&post(a))
                ),
            );
            continue;
        };
        let question = text_with_format(sub(a, 0, marker), format).1;
        let answer_text = nfc(php_trim(&post(tail(a, marker + 2))));
        if question.is_empty() && answer_text.is_empty() {
            continue;
        }
        if answer_text.is_empty() {
            b.error(
                line,
                format!("Câu hỏi ghép đôi: câu hỏi con '{question}' không có đáp án sau '->'."),
            );
            continue;
        }
        pairs.push((question, answer_text));
    }
    QuestionKind::Matching {
        shuffle_answers: true,
        pairs,
    }
}

fn parse_truefalse(answer: &[Tok], format: TextFormat) -> QuestionKind {
    let bits = splitn_char(answer, '#', 3);
    let word = text_with_format(trim_raw(bits.first().copied().unwrap_or(&[])), format).1;
    let feedback = |i: usize| {
        bits.get(i)
            .map(|s| text_with_format(trim_raw(s), format).1)
            .unwrap_or_default()
    };
    let wrong = feedback(1);
    let right = feedback(2);
    if word == "T" || word == "TRUE" {
        QuestionKind::TrueFalse {
            correct: true,
            feedback_true: right,
            feedback_false: wrong,
        }
    } else {
        QuestionKind::TrueFalse {
            correct: false,
            feedback_true: wrong,
            feedback_false: right,
        }
    }
}

fn parse_shortanswer(b: &mut Block, answer: &[Tok], format: TextFormat) -> QuestionKind {
    let parts = answer_parts(split_char(answer, '='));
    if parts.is_empty() {
        b.error(
            line_of(answer, b.start_line),
            format!(
                "Câu hỏi trả lời ngắn bắt đầu ở dòng {} cần ít nhất 1 đáp án.",
                b.start_line
            ),
        );
        return QuestionKind::Description;
    }
    let mut answers = Vec::new();
    for part in parts {
        let a = trim_raw(part);
        let (fraction, rest) = b.weighted(a, 1.0);
        let (text, feedback) = comment_parser(rest, format);
        // qtype_shortanswer skips completely blank answers.
        if text.is_empty() && fraction == 0.0 && feedback.is_empty() {
            continue;
        }
        answers.push(Answer {
            text,
            fraction,
            feedback,
        });
    }
    QuestionKind::ShortAnswer {
        answers,
        case_sensitive: false,
    }
}

fn parse_numerical(b: &mut Block, answer: &[Tok], format: TextFormat) -> QuestionKind {
    let rest = tail(answer, 1);
    let (body, wrong) = match find_char(rest, '~') {
        Some(p) => (sub(rest, 0, p), Some(tail(rest, p))),
        None => (rest, None),
    };
    let parts = answer_parts(split_char(body, '='));
    if parts.is_empty() {
        b.error(
            line_of(answer, b.start_line),
            format!(
                "Câu hỏi số bắt đầu ở dòng {} không có đáp án nào (ví dụ đúng: {{#1822}}, {{#3.14:0.01}}, {{#1..5}}).",
                b.start_line
            ),
        );
        return QuestionKind::Description;
    }
    let mut answers = Vec::new();
    for part in parts {
        let a = trim_raw(part);
        let line = line_of(a, b.start_line);
        let (fraction, rest) = b.weighted(a, 1.0);
        let (text, feedback) = comment_parser(rest, format);
        let not_number = |b: &mut Block, what: &str| {
            b.error(
                line,
                format!(
                    "Câu hỏi số: '{what}' không phải là số (dùng dấu chấm cho phần thập phân, \
                     ví dụ 3.14; khoảng giá trị viết là min..max; sai số viết là giá trị:sai số)."
                ),
            );
        };
        let (value, tolerance) = if let Some(m) = text.find("..").filter(|m| *m > 0) {
            let min = php_trim(text.get(..m).unwrap_or(""));
            let max = php_trim(text.get(m + 2..).unwrap_or(""));
            match (php_numeric(min), php_numeric(max)) {
                (Some(lo), Some(hi)) => {
                    // Moodle's own formula ($max + $min) / 2, same floats.
                    let mid = (hi + lo) / 2.0;
                    if !mid.is_finite() || !(hi - mid).is_finite() {
                        not_number(b, &text);
                        continue;
                    }
                    (Some(mid), hi - mid)
                }
                (None, _) => {
                    not_number(b, min);
                    continue;
                }
                (_, None) => {
                    not_number(b, max);
                    continue;
                }
            }
        } else {
            let (v, t) = match text.find(':').filter(|m| *m > 0) {
                Some(m) => (
                    php_trim(text.get(..m).unwrap_or("")),
                    php_trim(text.get(m + 1..).unwrap_or("")),
                ),
                None => (php_trim(&text), "0"),
            };
            let value = if v == "*" {
                None
            } else {
                match php_numeric(v) {
                    Some(x) => Some(x),
                    None => {
                        not_number(b, v);
                        continue;
                    }
                }
            };
            match php_numeric(t) {
                Some(tol) => (value, tol),
                None => {
                    not_number(b, t);
                    continue;
                }
            }
        };
        answers.push(NumericalAnswer {
            value,
            tolerance,
            fraction,
            feedback,
        });
    }
    if let Some(w) = wrong {
        let (_, feedback) = comment_parser(w, format);
        answers.push(NumericalAnswer {
            value: None,
            tolerance: 0.0,
            fraction: 0.0,
            feedback,
        });
    }
    QuestionKind::Numerical { answers }
}

/// Moodle 4's `extract_idnumber_and_tags_from_comment`: the first
/// `[id:...]` and every `[tag:...]` in the comment lines, with `\]` standing
/// for `]`.
fn extract_idnumber_and_tags(comments: &str) -> (Option<String>, Vec<String>) {
    let chars: Vec<char> = comments.chars().collect();
    let cntrl = |c: char| (c as u32) < 0x20 || c == '\u{7f}';
    let id = bracket_items(&chars, "[id:", &|c| c != ']' && !cntrl(c), false)
        .into_iter()
        .next()
        .filter(|s| !s.is_empty());
    let tags = bracket_items(
        &chars,
        "[tag:",
        &|c| c != ']' && c != '<' && c != '>' && c != '`' && !cntrl(c),
        true,
    )
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect();
    (id, tags)
}

/// All matches of `\[prefix((?:\\]|[class])+)]` (PCRE semantics: greedy,
/// backtracking into the last `\]` if no `]` follows the greedy run).
fn bracket_items(
    chars: &[char],
    prefix: &str,
    class: &dyn Fn(char) -> bool,
    allow_empty: bool,
) -> Vec<String> {
    let pat: Vec<char> = prefix.chars().collect();
    let mut out = Vec::new();
    let mut from = 0;
    while from + pat.len() <= chars.len() {
        let Some(start) = (from..=chars.len() - pat.len())
            .find(|&i| chars.get(i..i + pat.len()) == Some(pat.as_slice()))
        else {
            break;
        };
        let content_start = start + pat.len();
        let mut i = content_start;
        let mut last_escape = None;
        loop {
            let c = chars.get(i).copied();
            if c == Some('\\') && chars.get(i + 1) == Some(&']') {
                last_escape = Some(i);
                i += 2;
            } else if c.is_some_and(class) {
                i += 1;
            } else {
                break;
            }
        }
        let end = if chars.get(i) == Some(&']') && (i > content_start || allow_empty) {
            Some(i)
        } else {
            last_escape.map(|p| p + 1)
        };
        match end {
            Some(end) => {
                let raw: String = chars
                    .get(content_start..end)
                    .unwrap_or(&[])
                    .iter()
                    .collect();
                out.push(nfc(&php_trim(&raw).replace("\\]", "]")));
                from = end + 1;
            }
            // A failed attempt has no `\]` to backtrack into; every later
            // start inside the same run would stop at the same place and
            // fail too (and "[id:" cannot straddle `i`), so resume there.
            None => from = i.max(start + 1),
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Export.
// ---------------------------------------------------------------------------

/// Moodle's `repchar`: escapes GIFT control characters and newlines.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '#' | '=' | '~' | '{' | '}' | ':' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

/// Text read back through `parse_text_with_format`: a leading `[` would be
/// taken for a format prefix, so an explicit prefix is written first.
fn formatted(text: &str, format: TextFormat) -> String {
    if text.starts_with('[') {
        format!("[{}]{}", format.gift_name(), escape(text))
    } else {
        escape(text)
    }
}

fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Writes questions as GIFT (Moodle's GIFT export, plus `$CATEGORY:` lines
/// whenever the category changes, `// [id:] [tag:]` and `// source:`
/// comments). Reading the result with [`parse_gift`] gives the same
/// questions for everything GIFT can express (see the module notes).
pub fn write_gift(questions: &[Question]) -> String {
    let mut out = String::new();
    let mut category: Vec<String> = Vec::new();
    for q in questions {
        if q.category != category {
            let path = one_line(&assemble_category_path(&q.category)).replace('\\', "\\\\");
            out.push_str("$CATEGORY: ");
            out.push_str(&path);
            out.push_str("\n\n");
            category.clone_from(&q.category);
        }
        write_question(&mut out, q);
        out.push('\n');
    }
    out
}

fn write_comments(out: &mut String, q: &Question) {
    let mut items: Vec<String> = Vec::new();
    if let Some(id) = &q.idnumber {
        items.push(format!("[id:{}]", one_line(id).replace(']', "\\]")));
    }
    for tag in &q.tags {
        items.push(format!("[tag:{}]", one_line(tag).replace(']', "\\]")));
    }
    if !items.is_empty() {
        out.push_str("//");
        for item in &items {
            out.push(' ');
            out.push_str(item);
            // An item ending in `\]` would swallow a following item on the
            // same line (PCRE greediness), so start a new comment line.
            if item.ends_with("\\]") {
                out.push_str("\n//");
            }
        }
        out.push('\n');
    }
    if let Some(source) = &q.source {
        out.push_str("// source: ");
        out.push_str(&one_line(source));
        out.push('\n');
    }
}

fn write_question(out: &mut String, q: &Question) {
    write_comments(out, q);
    let format = q.text_format;
    if let Some(name) = &q.name {
        out.push_str("::");
        out.push_str(&escape(name));
        out.push_str("::");
    }
    let text = &q.text;
    let risky_start = q.name.is_none()
        && (text.starts_with("//")
            || text.starts_with("::")
            || text.starts_with("$CATEGORY:")
            || (matches!(q.kind, QuestionKind::Description) && (text.is_empty() || text == "0")));
    if format != TextFormat::Moodle || risky_start || text.starts_with('[') {
        out.push('[');
        out.push_str(format.gift_name());
        out.push(']');
    }
    out.push_str(&escape(text));

    let general = |out: &mut String, indent: &str| {
        if !q.general_feedback.is_empty() {
            out.push_str(indent);
            out.push_str("####");
            out.push_str(&formatted(&q.general_feedback, format));
            if !indent.is_empty() {
                out.push('\n');
            }
        }
    };
    let feedback = |out: &mut String, fb: &str| {
        if !fb.is_empty() {
            out.push('#');
            out.push_str(&formatted(fb, format));
        }
    };

    match &q.kind {
        QuestionKind::Description => out.push('\n'),
        QuestionKind::Essay => {
            out.push('{');
            general(out, "");
            out.push_str("}\n");
        }
        QuestionKind::TrueFalse {
            correct,
            feedback_true,
            feedback_false,
        } => {
            let (word, right, wrong) = if *correct {
                ("TRUE", feedback_true, feedback_false)
            } else {
                ("FALSE", feedback_false, feedback_true)
            };
            out.push('{');
            out.push_str(word);
            if !wrong.is_empty() {
                out.push('#');
                out.push_str(&formatted(wrong, format));
            } else if !right.is_empty() {
                out.push('#');
            }
            if !right.is_empty() {
                out.push('#');
                out.push_str(&formatted(right, format));
            }
            general(out, "");
            out.push_str("}\n");
        }
        QuestionKind::MultiChoice {
            single, answers, ..
        } => {
            out.push_str("{\n");
            let mut wrote_equals = false;
            for a in answers {
                out.push('\t');
                if *single && a.fraction == 1.0 && !wrote_equals {
                    out.push('=');
                    wrote_equals = true;
                } else if a.fraction == 0.0 && !a.text.starts_with('%') {
                    out.push('~');
                } else {
                    out.push_str("~%");
                    out.push_str(&format_percent(a.fraction));
                    out.push('%');
                }
                out.push_str(&formatted(&a.text, format));
                feedback(out, &a.feedback);
                out.push('\n');
            }
            general(out, "\t");
            out.push_str("}\n");
        }
        QuestionKind::ShortAnswer { answers, .. } => {
            out.push_str("{\n");
            for a in answers {
                out.push_str("\t=%");
                out.push_str(&format_percent(a.fraction));
                out.push('%');
                out.push_str(&formatted(&a.text, format));
                feedback(out, &a.feedback);
                out.push('\n');
            }
            general(out, "\t");
            out.push_str("}\n");
        }
        QuestionKind::Numerical { answers } => {
            out.push_str("{#\n");
            for a in answers {
                match a.value {
                    Some(v) => {
                        out.push_str("\t=%");
                        out.push_str(&format_percent(a.fraction));
                        out.push('%');
                        out.push_str(&format_number(v));
                        out.push(':');
                        out.push_str(&format_number(a.tolerance));
                        feedback(out, &a.feedback);
                    }
                    None => {
                        out.push_str("\t~#");
                        out.push_str(&formatted(&a.feedback, format));
                    }
                }
                out.push('\n');
            }
            general(out, "\t");
            out.push_str("}\n");
        }
        QuestionKind::Matching { pairs, .. } => {
            out.push_str("{\n");
            for (question, answer) in pairs {
                out.push_str("\t=");
                out.push_str(&formatted(question, format));
                out.push_str(" -> ");
                out.push_str(&escape(answer));
                out.push('\n');
            }
            general(out, "\t");
            out.push_str("}\n");
        }
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::approx_constant // Moodle's pi examples
)]
mod tests {
    /// Moodle's own test fixtures, relative to this crate's Cargo.toml.
    const MOODLE_FIXTURES: &str = "../../shared/fixtures/moodle";

    use super::super::model::strategies;
    use super::super::model::{Answer, NumericalAnswer, Question, QuestionKind, TextFormat};
    use super::{parse_gift, write_gift};
    use proptest::prelude::*;

    fn fixture(name: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(MOODLE_FIXTURES)
            .join(name);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read fixture {}: {e}", path.display()))
    }

    fn ans(text: &str, fraction: f64, feedback: &str) -> Answer {
        Answer {
            text: text.into(),
            fraction,
            feedback: feedback.into(),
        }
    }

    fn q(name: Option<&str>, text: &str, kind: QuestionKind) -> Question {
        Question {
            name: name.map(String::from),
            text: text.into(),
            text_format: TextFormat::Moodle,
            general_feedback: String::new(),
            category: vec![],
            idnumber: None,
            tags: vec![],
            source: None,
            kind,
        }
    }

    fn parse_one(input: &str) -> Question {
        let mut qs = parse_gift(input, "t.gift").unwrap();
        assert_eq!(qs.len(), 1, "{qs:#?}");
        qs.remove(0)
    }

    fn errors(input: &str) -> Vec<(usize, String)> {
        parse_gift(input, "t.gift")
            .unwrap_err()
            .into_iter()
            .map(|e| {
                assert_eq!(e.file, "t.gift");
                (e.line, e.message)
            })
            .collect()
    }

    fn kinds(qs: &[Question]) -> std::collections::BTreeMap<&'static str, usize> {
        let mut m = std::collections::BTreeMap::new();
        for q in qs {
            *m.entry(q.moodle_type_name()).or_insert(0) += 1;
        }
        m
    }

    #[test]
    fn moodle_questions_fixture_reads_exactly_as_moodle_reads_it() {
        let qs = parse_gift(&fixture("questions.gift.txt"), "questions.gift.txt").unwrap();
        let expected = vec![
            q(Some("Q8"), "How are you?", QuestionKind::Essay),
            Question {
                text_format: TextFormat::Html,
                ..q(
                    Some("Moodle activities"),
                    "Match the <b>activity</b> to the description.",
                    QuestionKind::Matching {
                        shuffle_answers: true,
                        pairs: vec![
                            ("An activity supporting asynchronous discussions.".into(), "Forum".into()),
                            ("A teacher asks a question and specifies a choice of multiple responses.".into(), "Choice".into()),
                            ("A bank of record entries which participants can add to.".into(), "Database".into()),
                            ("A collection of web pages that anyone can add to or edit.".into(), "Wiki".into()),
                            (String::new(), "Chat".into()),
                        ],
                    },
                )
            },
            q(
                Some("Q2"),
                "What's between orange and green in the spectrum?",
                QuestionKind::MultiChoice {
                    single: true,
                    shuffle_answers: true,
                    answers: vec![
                        ans("yellow", 1.0, "right; good!"),
                        ans("red", 0.0, "wrong, it's yellow"),
                        ans("blue", 0.0, "wrong, it's yellow"),
                    ],
                },
            ),
            q(
                Some("colours"),
                "What's between orange and green in the spectrum?",
                QuestionKind::MultiChoice {
                    single: false,
                    shuffle_answers: true,
                    answers: vec![
                        ans("yellow", 0.5, "right; good!"),
                        ans("red", -1.0, "wrong"),
                        ans("off-beige", 0.5, "right; good!"),
                        ans("blue", -1.0, "wrong"),
                    ],
                },
            ),
            q(
                Some("Q5"),
                "What is a number from 1 to 5? _____\";",
                QuestionKind::Numerical {
                    answers: vec![
                        NumericalAnswer {
                            value: Some(3.0),
                            tolerance: 2.0,
                            fraction: 1.0,
                            feedback: String::new(),
                        },
                        NumericalAnswer {
                            value: None,
                            tolerance: 0.0,
                            fraction: 0.0,
                            feedback: "Completely wrong".into(),
                        },
                    ],
                },
            ),
            q(
                Some("Shortanswer"),
                "Which is the best animal?",
                QuestionKind::ShortAnswer {
                    answers: vec![
                        ans("Frog", 1.0, "Good!"),
                        ans("Cat", 0.5, "What is it with Moodlers and cats?"),
                        ans("*", 0.0, "Completely wrong"),
                    ],
                    case_sensitive: false,
                },
            ),
            Question {
                general_feedback: "This is, of course, a Hitchiker's Guide to the Galaxy reference."
                    .into(),
                ..q(
                    Some("Q1"),
                    "42 is the Absolute Answer to everything._____\";",
                    QuestionKind::TrueFalse {
                        correct: false,
                        feedback_true: "42 is the Ultimate Answer.".into(),
                        feedback_false: "You gave the right answer.".into(),
                    },
                )
            },
            q(
                Some("2-08 TSL"),
                "TSL is blablabla.",
                QuestionKind::TrueFalse {
                    correct: true,
                    feedback_true: String::new(),
                    feedback_false: String::new(),
                },
            ),
            q(
                Some("2-08 TSL"),
                "TSL is blablabla.",
                QuestionKind::TrueFalse {
                    correct: true,
                    feedback_true: String::new(),
                    feedback_false: String::new(),
                },
            ),
        ];
        assert_eq!(qs.len(), 9);
        for (got, want) in qs.iter().zip(&expected) {
            assert_eq!(got, want);
        }
    }

    #[test]
    fn moodle_examples_fixture_has_43_questions_of_the_documented_types() {
        let qs = parse_gift(&fixture("examples.gift.txt"), "examples.gift.txt").unwrap();
        assert_eq!(qs.len(), 43);
        let counts = kinds(&qs);
        assert_eq!(counts.get("multichoice"), Some(&18));
        assert_eq!(counts.get("shortanswer"), Some(&9));
        assert_eq!(counts.get("numerical"), Some(&8));
        assert_eq!(counts.get("truefalse"), Some(&5));
        assert_eq!(counts.get("match"), Some(&3));
    }

    #[test]
    fn moodle_examples_numerical_questions_keep_tolerances_ranges_and_graded_answers() {
        let qs = parse_gift(&fixture("examples.gift.txt"), "examples.gift.txt").unwrap();
        let numericals: Vec<&Vec<NumericalAnswer>> = qs
            .iter()
            .filter_map(|q| match &q.kind {
                QuestionKind::Numerical { answers } => Some(answers),
                _ => None,
            })
            .collect();
        assert_eq!(numericals.len(), 8);
        let with_margin = numericals
            .iter()
            .filter(|a| a.len() == 1 && a[0].tolerance != 0.0)
            .count();
        assert_eq!(with_margin, 4);
        let graded: Vec<_> = numericals.iter().filter(|a| a.len() > 1).collect();
        assert_eq!(graded.len(), 2);
        for answers in &graded {
            assert_eq!(answers[0].value, Some(1822.0));
            assert_eq!(answers[0].tolerance, 0.0);
            assert_eq!(answers[0].fraction, 1.0);
            assert_eq!(answers[1].value, Some(1822.0));
            assert_eq!(answers[1].tolerance, 2.0);
            assert_eq!(answers[1].fraction, 0.5);
        }
        // The last one has multi-line feedback.
        assert_eq!(graded[1][0].feedback, "Correct! 100% credit");
        assert_eq!(
            graded[1][1].feedback,
            "He was born in 1822.\nYou get 50% credit for being close."
        );
        // {#3.141..3.142}: midpoint and half width.
        let range = numericals
            .iter()
            .find(|a| {
                a[0].value.is_some_and(|v| (v - 3.1415).abs() < 1e-9) && a[0].tolerance < 0.00051
            })
            .expect("range question");
        assert!((range[0].tolerance - 0.0005).abs() < 1e-12);
        // {#1822:1}, {#1822}, {#4}
        assert_eq!(numericals[0][0].value, Some(1822.0));
        assert_eq!(numericals[0][0].tolerance, 1.0);
        assert!(
            numericals
                .iter()
                .any(|a| a[0].value == Some(4.0) && a[0].tolerance == 0.0)
        );
    }

    #[test]
    fn moodle_examples_special_characters_stay_literal() {
        let qs = parse_gift(&fixture("examples.gift.txt"), "examples.gift.txt").unwrap();
        let equals5 = qs
            .iter()
            .find(|q| q.text == "Which answer equals 5?")
            .unwrap();
        assert_eq!(
            equals5.kind,
            QuestionKind::MultiChoice {
                single: true,
                shuffle_answers: true,
                answers: vec![
                    ans("= 2 + 2", 0.0, ""),
                    ans("= 2 + 3", 1.0, ""),
                    ans("= 2 + 4", 0.0, ""),
                ],
            }
        );
        let control = qs
            .iter()
            .find(|q| q.name.as_deref() == Some("GIFT Control Characters"))
            .unwrap();
        assert_eq!(
            control.text,
            "Which of the following is NOT a control character for the GIFT import format?"
        );
        let QuestionKind::MultiChoice {
            answers, single, ..
        } = &control.kind
        else {
            panic!("not multichoice: {control:?}");
        };
        assert!(*single);
        let texts: Vec<&str> = answers.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(texts, ["~", "=", "#", "{", "}", "\\"]);
        assert_eq!(answers[0].feedback, "~ is a control character.");
        assert_eq!(answers[3].feedback, "{ is a control character.");
        assert_eq!(answers[5].fraction, 1.0);
        assert_eq!(
            answers[5].feedback,
            "Correct! \\ (backslash) is not a control character. BUT,\n\
             it is used to escape the control characters. So, to specify\n\
             a literal backslash, you must escape it with a backslash\n\
             (as shown in this example)."
        );
    }

    #[test]
    fn moodle_examples_missing_word_and_weighted_questions_read_like_moodle() {
        let qs = parse_gift(&fixture("examples.gift.txt"), "examples.gift.txt").unwrap();
        assert_eq!(qs[1].text, "Grant is _____ in Grant's tomb.");
        assert_eq!(
            qs[1].kind,
            QuestionKind::MultiChoice {
                single: true,
                shuffle_answers: true,
                answers: vec![
                    ans("buried", 0.0, ""),
                    ans("entombed", 1.0, ""),
                    ans("living", 0.0, "")
                ],
            }
        );
        let thanksgiving = qs
            .iter()
            .find(|q| q.name.as_deref() == Some("Thanksgiving Date"))
            .unwrap();
        assert_eq!(
            thanksgiving.text,
            "The American holiday of Thanksgiving is\ncelebrated on the _____ Thursday of November."
        );
        let jesus: Vec<&Question> = qs
            .iter()
            .filter(|q| q.name.as_deref() == Some("Jesus' hometown"))
            .collect();
        assert_eq!(jesus[0].text, "Jesus Christ was from _____.");
        assert_eq!(
            jesus[0].kind,
            QuestionKind::MultiChoice {
                single: true,
                shuffle_answers: true,
                answers: vec![
                    ans(
                        "Jerusalem",
                        0.0,
                        "This was an important city, but the wrong answer."
                    ),
                    ans("Bethlehem", 0.25, "He was born here, but not raised here."),
                    ans("Galilee", 0.5, "You need to be more specific."),
                    ans("Nazareth", 1.0, "Yes! That's right!"),
                ],
            }
        );
        assert_eq!(
            jesus[1].kind,
            QuestionKind::ShortAnswer {
                answers: vec![
                    ans("Nazareth", 1.0, "Yes! That's right!"),
                    ans("Nazereth", 0.75, "Right, but misspelled."),
                    ans("Bethlehem", 0.25, "He was born here, but not raised here."),
                ],
                case_sensitive: false,
            }
        );
        let two_people: Vec<&Question> = qs
            .iter()
            .filter(|q| q.text == "What two people are entombed in Grant's tomb?")
            .collect();
        let fractions = |q: &Question| match &q.kind {
            QuestionKind::MultiChoice {
                single: false,
                answers,
                ..
            } => answers.iter().map(|a| a.fraction).collect::<Vec<_>>(),
            other => panic!("expected multiple response, got {other:?}"),
        };
        assert_eq!(fractions(two_people[0]), [0.0, 0.5, 0.5, 0.0]);
        assert_eq!(fractions(two_people[1]), [-0.5, 0.5, 0.5, -0.5]);
        let markdown = qs
            .iter()
            .find(|q| q.text_format == TextFormat::Markdown)
            .unwrap();
        assert_eq!(markdown.text, "Who's buried in **Grant's tomb**?");
        let tf = qs
            .iter()
            .find(|q| matches!(&q.kind, QuestionKind::TrueFalse { feedback_true, .. } if !feedback_true.is_empty()))
            .unwrap();
        assert_eq!(
            tf.kind,
            QuestionKind::TrueFalse {
                correct: false,
                feedback_true: "No one is buried in Grant's tomb.".into(),
                feedback_false: String::new(),
            }
        );
        let capitals = qs
            .iter()
            .find(|q| q.text == "Match the following countries with their corresponding\ncapitals.")
            .unwrap();
        assert_eq!(
            capitals.kind,
            QuestionKind::Matching {
                shuffle_answers: true,
                pairs: vec![
                    ("Canada".into(), "Ottawa".into()),
                    ("Italy".into(), "Rome".into()),
                    ("Japan".into(), "Tokyo".into()),
                ],
            }
        );
    }

    #[test]
    fn moodle_fixtures_survive_a_write_and_read_back() {
        for name in ["questions.gift.txt", "examples.gift.txt"] {
            let qs = parse_gift(&fixture(name), name).unwrap();
            let again = parse_gift(&write_gift(&qs), "again").unwrap();
            assert_eq!(again, qs, "{name}");
        }
    }

    #[test]
    fn empty_input_gives_zero_questions_not_an_error() {
        assert_eq!(parse_gift("", "t").unwrap(), vec![]);
        assert_eq!(parse_gift("\u{feff}\r\n  \n\t\n", "t").unwrap(), vec![]);
        assert_eq!(parse_gift("// only\n// comments\n", "t").unwrap(), vec![]);
    }

    #[test]
    fn bom_and_crlf_line_endings_are_accepted() {
        let q = parse_one("\u{feff}// c\r\n::N::Line one\r\nline two{\r\n=a\r\n~b\r\n}\r\n");
        assert_eq!(q.name.as_deref(), Some("N"));
        assert_eq!(q.text, "Line one\nline two");
        assert_eq!(q.moodle_type_name(), "multichoice");
    }

    #[test]
    fn old_mac_line_endings_are_accepted() {
        let qs = parse_gift("Q1{T}\r\rQ2{F}\r", "t").unwrap();
        assert_eq!(qs.len(), 2);
    }

    #[test]
    fn a_line_with_only_zero_separates_questions_as_in_moodle() {
        // Moodle uses PHP empty(), which treats "0" as empty.
        let qs = parse_gift("A{T}\n0\nB{F}", "t").unwrap();
        assert_eq!(qs.len(), 2);
    }

    #[test]
    fn id_and_tags_are_read_from_comments_like_moodle_4() {
        let q = parse_one(
            "// [id:Q-1] [tag:đại số] [tag: lớp 10 ]\n// [tag:a\\]b] [id:ignored]\n::N::Text{T}",
        );
        assert_eq!(q.idnumber.as_deref(), Some("Q-1"));
        assert_eq!(q.tags, ["đại số", "lớp 10", "a]b"]);
    }

    #[test]
    fn an_id_ending_in_backslash_backtracks_like_pcre() {
        let q = parse_one("// [id:abc\\]\nText{T}");
        assert_eq!(q.idnumber.as_deref(), Some("abc\\"));
    }

    #[test]
    fn pathological_comment_lines_are_scanned_in_linear_time() {
        let line = format!("// {}\nText{{T}}", "[id:".repeat(200_000));
        let started = std::time::Instant::now();
        let q = parse_one(&line);
        assert_eq!(q.idnumber, None);
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }

    #[test]
    fn source_comment_directly_above_the_question_is_kept() {
        let q = parse_one("// [id:7]\n// source: Sách giáo khoa Toán 10, trang 12\n::N::Text{T}");
        assert_eq!(
            q.source.as_deref(),
            Some("Sách giáo khoa Toán 10, trang 12")
        );
        assert_eq!(q.idnumber.as_deref(), Some("7"));
        let q = parse_one("::N::Text\n// source: not above\n{T}");
        assert_eq!(q.source, None);
    }

    #[test]
    fn category_lines_set_the_path_of_the_following_questions() {
        let qs = parse_gift(
            "A{T}\n\n$CATEGORY: $course$/top/Toán/Đại số\n\nB{T}\n\n$CATEGORY: Lý//Hoá\n\nC{T}",
            "t",
        )
        .unwrap();
        assert_eq!(qs[0].category, Vec::<String>::new());
        assert_eq!(qs[1].category, ["Toán", "Đại số"]);
        assert_eq!(qs[2].category, ["Lý/Hoá"]);
    }

    #[test]
    fn format_prefixes_set_the_text_format() {
        for (prefix, format) in [
            ("[html]", TextFormat::Html),
            ("[moodle]", TextFormat::Moodle),
            ("[plain]", TextFormat::Plain),
            ("[markdown]", TextFormat::Markdown),
        ] {
            let q = parse_one(&format!("::N::{prefix}<b>x</b>{{T}}"));
            assert_eq!(q.text_format, format);
            assert_eq!(q.text, "<b>x</b>");
        }
        // Unknown prefixes stay in the text.
        assert_eq!(parse_one("[foo]x{T}").text, "[foo]x");
    }

    #[test]
    fn escapes_produce_literal_characters_and_newlines() {
        let q = parse_one("a \\~ \\= \\# \\{ \\} \\: \\\\ b\\nc{=x}");
        assert_eq!(q.text, "a ~ = # { } : \\ b\nc");
        assert_eq!(q.moodle_type_name(), "shortanswer");
    }

    #[test]
    fn true_false_words_and_feedback_order_follow_moodle() {
        for (word, correct) in [("T", true), ("TRUE", true), ("F", false), ("FALSE", false)] {
            let q = parse_one(&format!("Q{{{word}#wrong#right####general}}"));
            assert_eq!(q.general_feedback, "general");
            let (ft, ff) = if correct {
                ("right", "wrong")
            } else {
                ("wrong", "right")
            };
            assert_eq!(
                q.kind,
                QuestionKind::TrueFalse {
                    correct,
                    feedback_true: ft.into(),
                    feedback_false: ff.into()
                }
            );
        }
        // Moodle compares case-sensitively: {true} is a short answer.
        assert_eq!(parse_one("Q{true}").moodle_type_name(), "shortanswer");
    }

    #[test]
    fn short_answers_keep_weights_and_wildcards() {
        let q = parse_one("Q{=a =%50%b#half =%0%*#nope}");
        assert_eq!(
            q.kind,
            QuestionKind::ShortAnswer {
                answers: vec![
                    ans("a", 1.0, ""),
                    ans("b", 0.5, "half"),
                    ans("*", 0.0, "nope")
                ],
                case_sensitive: false,
            }
        );
    }

    #[test]
    fn description_and_essay_are_recognised() {
        let d = parse_one("::Intro::Đọc đoạn văn sau.");
        assert_eq!(d.moodle_type_name(), "description");
        assert_eq!(d.text, "Đọc đoạn văn sau.");
        let e = parse_one("Viết một đoạn văn.{####Gợi ý chấm}");
        assert_eq!(e.moodle_type_name(), "essay");
        assert_eq!(e.general_feedback, "Gợi ý chấm");
    }

    #[test]
    fn numerical_ranges_too_large_for_a_float_are_rejected() {
        assert!(
            errors("Q{#1e308..1.7e308}")[0]
                .1
                .contains("không phải là số")
        );
        assert!(errors("Q{#1e400}")[0].1.contains("'1e400'"));
    }

    #[test]
    fn numerical_ranges_become_midpoint_and_half_width() {
        let q = parse_one("Q{#1..5}");
        assert_eq!(
            q.kind,
            QuestionKind::Numerical {
                answers: vec![NumericalAnswer {
                    value: Some(3.0),
                    tolerance: 2.0,
                    fraction: 1.0,
                    feedback: String::new()
                }]
            }
        );
    }

    #[test]
    fn vietnamese_decomposed_input_comes_out_nfc() {
        let nfd = "::Thu\u{309} đô::Thu\u{309} đô cu\u{309}a Vie\u{323}\u{302}t Nam la\u{300} gi\u{300}?{=Ha\u{300} Nô\u{323}i#Đu\u{301}ng ~Huê\u{301}}";
        let q = parse_one(nfd);
        assert_eq!(q.name.as_deref(), Some("Thủ đô"));
        assert_eq!(q.text, "Thủ đô của Việt Nam là gì?");
        let QuestionKind::MultiChoice { answers, .. } = &q.kind else {
            panic!()
        };
        assert_eq!(answers[0], ans("Hà Nội", 1.0, "Đúng"));
        assert_eq!(answers[1].text, "Huế");
        assert!(
            q.text
                .chars()
                .all(|c| !('\u{300}'..='\u{36f}').contains(&c))
        );
    }

    #[test]
    fn a_missing_closing_brace_names_the_question_line() {
        let errs = errors("A{T}\n\n// c\n\n\n\n\n\n\n\n\nQuestion text\n{=a ~b\n");
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].0, 12);
        assert!(
            errs[0]
                .1
                .contains("Thiếu dấu đóng ngoặc '}' cho câu hỏi bắt đầu ở dòng 12"),
            "{}",
            errs[0].1
        );
    }

    #[test]
    fn a_missing_opening_brace_or_reversed_braces_name_the_line() {
        let errs = errors("x\n\nText =a ~b}");
        assert_eq!(errs[0].0, 3);
        assert!(errs[0].1.contains("Thiếu dấu mở ngoặc '{'"));
        let errs = errors("Text } a {T}");
        assert_eq!(errs[0].0, 1);
        assert!(errs[0].1.contains("đứng trước dấu '{'"));
    }

    #[test]
    fn every_broken_question_of_a_file_is_reported() {
        let errs = errors("A{T\n\nB{T}\n\nC{=a}}\n\nD T}");
        let lines: Vec<usize> = errs.iter().map(|e| e.0).collect();
        assert_eq!(lines, [1, 7]);
    }

    #[test]
    fn weights_outside_moodles_grade_list_are_rejected_with_their_line() {
        let errs = errors("Q{\n=a\n~%33%b\n~%-7%c\n}");
        assert_eq!(errs.len(), 2);
        assert_eq!(errs[0].0, 3);
        assert!(errs[0].1.contains("'33%'"), "{}", errs[0].1);
        assert!(errs[0].1.contains("33.33333"));
        assert_eq!(errs[1].0, 4);
        let errs = errors("Q{\n=a\n~%--50%b\n}");
        assert_eq!(errs[0].0, 3);
        assert!(errs[0].1.contains("%--50%"));
        let errs = errors("Q{=a =%150%b}");
        assert!(errs[0].1.contains("'150%'"));
    }

    #[test]
    fn numbers_that_are_not_numbers_are_rejected() {
        let errs = errors("Q{#1,5}");
        assert_eq!(errs[0].0, 1);
        assert!(errs[0].1.contains("'1,5' không phải là số"));
        let errs = errors("Q{#\n=3:abc}");
        assert_eq!(errs[0].0, 2);
        assert!(errs[0].1.contains("'abc'"));
        assert!(errors("Q{#}")[0].1.contains("không có đáp án"));
    }

    #[test]
    fn multichoice_and_matching_need_enough_answers() {
        let errs = errors("Q{~a}");
        assert!(errs[0].1.contains("ít nhất 2 đáp án"));
        let errs = errors("Q{=a -> b}");
        assert!(errs[0].1.contains("ít nhất 2 cặp"));
        let errs = errors("Q{\n=a -> b\n=c\n}");
        assert_eq!(errs[0].0, 3);
        assert!(errs[0].1.contains("thiếu dấu '->'"));
        let errs = errors("Q{\n=a -> b\n=c -> \n}");
        assert!(errs[0].1.contains("không có đáp án"));
    }

    #[test]
    fn binary_garbage_is_rejected_with_its_line() {
        let errs = errors("A{T}\n\n\u{0}\u{1}\u{2}\u{7f}garbage");
        assert_eq!(errs, [(3, errs[0].1.clone())]);
        assert!(errs[0].1.contains("nhị phân"));
    }

    #[test]
    fn written_gift_looks_like_moodles_export() {
        let q = Question {
            idnumber: Some("T-1".into()),
            tags: vec!["hình học".into()],
            source: Some("Đề thi 2024".into()),
            general_feedback: "Xem lại bài 2.".into(),
            category: vec!["Toán".into()],
            ..q(
                Some("Tam giác"),
                "Tổng ba góc: 180°?",
                QuestionKind::MultiChoice {
                    single: true,
                    shuffle_answers: true,
                    answers: vec![ans("Đúng = 180", 1.0, "Chuẩn"), ans("Sai", 0.0, "")],
                },
            )
        };
        let out = write_gift(std::slice::from_ref(&q));
        assert_eq!(
            out,
            "$CATEGORY: $course$/top/Toán\n\n\
             // [id:T-1] [tag:hình học]\n\
             // source: Đề thi 2024\n\
             ::Tam giác::Tổng ba góc\\: 180°?{\n\
             \t=Đúng \\= 180#Chuẩn\n\
             \t~Sai\n\
             \t####Xem lại bài 2.\n\
             }\n\n"
        );
        assert_eq!(parse_gift(&out, "t").unwrap(), vec![q]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn generated_questions_survive_write_gift_then_parse_gift(
            qs in prop::collection::vec(strategies::question(true), 0..4)
        ) {
            let text = write_gift(&qs);
            let back = parse_gift(&text, "roundtrip.gift");
            prop_assert_eq!(back.as_ref(), Ok(&qs), "written:\n{}", text);
        }

        #[test]
        fn arbitrary_strings_never_panic_parse_gift(s in any::<String>()) {
            let _ = parse_gift(&s, "any");
        }

        #[test]
        fn gift_like_noise_never_panics_parse_gift(
            s in strategies::noisy(&["\n\n", "\n", "//", "::", "{", "}", "~%", "=%", "#", "->", "..", "\\"])
        ) {
            let _ = parse_gift(&s, "noise");
        }
    }
}
