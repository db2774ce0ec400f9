//! Moodle XML import and export, following Moodle's
//! `question/format/xml/format.php` (`qformat_xml`) and the checks
//! `qformat_default::importprocess` and the question types apply on save.

#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use base64::Engine as _;
use base64::engine::GeneralPurpose;
use base64::engine::general_purpose::PAD_INDIFFERENT;
use quick_xml::Reader;
use quick_xml::XmlVersion;
use quick_xml::errors::{Error as XmlError, IllFormedError, SyntaxError};
use quick_xml::events::Event;
use serde::{Deserialize, Serialize};

use super::error::{ParseError, binary_error, find_binary_line};
use super::model::{
    Answer, NumericalAnswer, Question, QuestionKind, TextFormat, allowed_percentages,
    assemble_category_path, format_number, format_percent, match_grade, nfc, php_numeric, php_trim,
    split_category_path,
};

/// A file embedded in the XML (`<file name="x.png" encoding="base64">`),
/// decoded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmbeddedFile {
    /// File name as given in the `name` attribute (question texts refer to
    /// it as `@@PLUGINFILE@@/name`).
    pub name: String,
    /// Decoded content.
    pub bytes: Vec<u8>,
    /// Index in [`ParsedXml::questions`] of the question the file belongs to.
    pub question_index: usize,
}

/// Result of reading a Moodle XML file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ParsedXml {
    /// The questions, in file order, each with the category path in force.
    pub questions: Vec<Question>,
    /// Embedded files, decoded.
    pub files: Vec<EmbeddedFile>,
    /// Every category path declared by a `<question type="category">`, in
    /// order of first appearance, including categories without questions.
    pub categories: Vec<Vec<String>>,
}

/// Deepest element nesting accepted (Moodle XML needs about 6 levels).
const MAX_DEPTH: usize = 64;

/// Question types we import (as named in the `type` attribute).
const SUPPORTED: &str =
    "multichoice, truefalse, shortanswer, numerical, matching, essay, description";

#[derive(Debug)]
struct Elem {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
    line: usize,
}

#[derive(Debug)]
enum Node {
    Elem(Elem),
    Text(String),
}

impl Elem {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn child(&self, name: &str) -> Option<&Elem> {
        self.elems().find(|e| e.name == name)
    }

    fn children<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Elem> + 'a {
        self.elems().filter(move |e| e.name == name)
    }

    fn elems(&self) -> impl Iterator<Item = &Elem> {
        self.children.iter().filter_map(|n| match n {
            Node::Elem(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// Text content, or `None` when the element has child elements (xmlize
    /// then gives an array, which Moodle rejects as invalid XML).
    fn raw_text(&self) -> Option<String> {
        let mut out = String::new();
        for n in &self.children {
            match n {
                Node::Elem(_) => return None,
                Node::Text(t) => out.push_str(t),
            }
        }
        Some(out)
    }
}

/// Maps byte offsets to 1-based line numbers.
struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    fn new(input: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            input
                .bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Lines { starts }
    }

    fn line(&self, offset: u64) -> usize {
        let offset = usize::try_from(offset).unwrap_or(usize::MAX);
        self.starts.partition_point(|s| *s <= offset).max(1)
    }
}

fn xml_error_message(e: &XmlError) -> String {
    match e {
        XmlError::IllFormed(IllFormedError::MismatchedEndTag { expected, found }) => {
            format!("Thẻ đóng </{found}> không khớp với thẻ mở <{expected}>.")
        }
        XmlError::IllFormed(IllFormedError::UnmatchedEndTag(name)) => {
            format!("Thẻ đóng </{name}> không có thẻ mở tương ứng.")
        }
        XmlError::IllFormed(IllFormedError::MissingEndTag(name)) => {
            format!("Thẻ <{name}> chưa được đóng.")
        }
        XmlError::Syntax(SyntaxError::UnclosedCData) => {
            "Khối CDATA chưa được đóng (thiếu ']]>').".to_string()
        }
        XmlError::Syntax(SyntaxError::UnclosedComment) => {
            "Chú thích XML chưa được đóng (thiếu '-->').".to_string()
        }
        XmlError::Syntax(SyntaxError::UnclosedTag) => {
            "Thẻ XML chưa được đóng bằng dấu '>'.".to_string()
        }
        other => format!("Tệp XML không hợp lệ ({other})."),
    }
}

fn push_text(stack: &mut [Elem], text: &str) -> bool {
    match stack.last_mut() {
        Some(parent) => {
            if let Some(Node::Text(prev)) = parent.children.last_mut() {
                prev.push_str(text);
            } else {
                parent.children.push(Node::Text(text.to_string()));
            }
            true
        }
        None => text.chars().all(|c| matches!(c, ' ' | '\t' | '\n' | '\r')),
    }
}

fn is_xml_char(c: char) -> bool {
    matches!(u32::from(c), 0x9 | 0xA | 0xD | 0x20..=0xFFFD | 0x10000..=0x10FFFF)
}

/// Reads the document into a small element tree (like Moodle's `xmlize`).
fn build_tree(input: &str, file: &str) -> Result<Option<Elem>, ParseError> {
    let lines = Lines::new(input);
    let mut reader = Reader::from_str(input);
    reader.config_mut().expand_empty_elements = true;
    let mut stack: Vec<Elem> = Vec::new();
    let mut root: Option<Elem> = None;
    loop {
        let pos = reader.buffer_position();
        let line = lines.line(pos);
        let err = |message: String| ParseError::new(file, line, message);
        let event = match reader.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                return Err(ParseError::new(
                    file,
                    lines.line(reader.error_position()),
                    xml_error_message(&e),
                ));
            }
        };
        match event {
            Event::Start(e) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(err(format!(
                        "Cấu trúc XML lồng nhau quá sâu (hơn {MAX_DEPTH} cấp)."
                    )));
                }
                let name = e.name().as_ref().to_string();
                if stack.is_empty() && root.is_some() {
                    return Err(err(format!(
                        "Tệp XML chỉ được có một phần tử gốc <quiz>, nhưng lại gặp thêm <{name}>."
                    )));
                }
                let mut attrs = Vec::new();
                for a in e.attributes() {
                    let a = a.map_err(|e| err(format!("Thuộc tính XML không hợp lệ ({e}).")))?;
                    let value = a
                        .normalized_value(XmlVersion::Implicit1_0)
                        .map_err(|e| err(xml_error_message(&e)))?;
                    attrs.push((a.key.as_ref().to_string(), value.into_owned()));
                }
                stack.push(Elem {
                    name,
                    attrs,
                    children: Vec::new(),
                    line,
                });
            }
            Event::End(_) => {
                let Some(done) = stack.pop() else {
                    return Err(err("Thẻ đóng không có thẻ mở tương ứng.".to_string()));
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Elem(done)),
                    None => root = Some(done),
                }
            }
            Event::Text(t) => {
                if !push_text(&mut stack, &t.xml10_content()) {
                    return Err(err(
                        "Có nội dung văn bản nằm ngoài phần tử gốc <quiz>.".into()
                    ));
                }
            }
            Event::CData(c) => {
                if !push_text(&mut stack, &c.xml10_content()) {
                    return Err(err("Có khối CDATA nằm ngoài phần tử gốc <quiz>.".into()));
                }
            }
            Event::GeneralRef(r) => {
                let c = if r.is_char_ref() {
                    match r.resolve_char_ref() {
                        Ok(Some(c)) if is_xml_char(c) => c,
                        _ => {
                            return Err(err(format!("Tham chiếu ký tự '&{};' không hợp lệ.", &*r)));
                        }
                    }
                } else {
                    match &*r {
                        "lt" => '<',
                        "gt" => '>',
                        "amp" => '&',
                        "apos" => '\'',
                        "quot" => '"',
                        other => {
                            return Err(err(format!(
                                "Thực thể '&{other};' không được định nghĩa (chỉ dùng được &lt; &gt; &amp; &apos; &quot;)."
                            )));
                        }
                    }
                };
                if !push_text(&mut stack, c.encode_utf8(&mut [0; 4])) {
                    return Err(err(
                        "Có nội dung văn bản nằm ngoài phần tử gốc <quiz>.".into()
                    ));
                }
            }
            Event::Empty(_) => {
                // Not produced: empty elements are expanded to Start + End.
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if let Some(open) = stack.last() {
        return Err(ParseError::new(
            file,
            open.line,
            format!(
                "Thẻ <{}> mở ở dòng {} chưa được đóng (tệp bị cắt cụt?).",
                open.name, open.line
            ),
        ));
    }
    Ok(root)
}

/// Error collector for one file.
struct Ctx<'a> {
    file: &'a str,
    errors: Vec<ParseError>,
}

impl Ctx<'_> {
    fn error(&mut self, line: usize, message: String) {
        self.errors.push(ParseError::new(self.file, line, message));
    }

    /// Text of an element (`<text>` content or own content), erroring like
    /// Moodle's `invalidxml` when it holds unescaped tags.
    fn content(&mut self, e: &Elem) -> String {
        match e.raw_text() {
            Some(t) => t,
            None => {
                self.error(
                    e.line,
                    format!(
                        "Thẻ <{}> chứa thẻ con (có thể là HTML chưa được bọc trong <![CDATA[ ... ]]>).",
                        e.name
                    ),
                );
                String::new()
            }
        }
    }

    /// getpath(['#', 'text', 0, '#'], '', true): trimmed, NFC.
    fn text_of(&mut self, e: Option<&Elem>) -> String {
        match e.and_then(|e| e.child("text")) {
            Some(t) => nfc(php_trim(&self.content(t))),
            None => String::new(),
        }
    }

    /// Untrimmed simple value of a child element, if present.
    fn value_of(&mut self, e: &Elem, name: &str) -> Option<String> {
        let c = e.child(name)?;
        Some(self.content(c))
    }

    fn grade(&mut self, fraction: f64, line: usize) -> f64 {
        match match_grade(fraction) {
            Some(g) => g,
            None => {
                self.error(
                    line,
                    format!(
                        "Điểm '{}%' của đáp án không hợp lệ. Moodle chỉ chấp nhận các mức: {} \
                         (có thể thêm dấu '-' để trừ điểm).",
                        format_percent(fraction),
                        allowed_percentages()
                    ),
                );
                fraction
            }
        }
    }

    /// `fraction` attribute (a percentage) as a checked fraction.
    fn fraction_attr(&mut self, answer: &Elem) -> f64 {
        let raw = answer.attr("fraction").unwrap_or("0");
        match php_numeric(raw) {
            Some(p) => self.grade(p / 100.0, answer.line),
            None => {
                self.error(
                    answer.line,
                    format!("Điểm (fraction) '{raw}' của đáp án không phải là số."),
                );
                0.0
            }
        }
    }
}

/// Moodle's `trans_single`: "false", "" and "0" are false.
fn trans_single(value: &str) -> bool {
    let v = php_trim(value);
    !(v == "false" || v.is_empty() || v == "0")
}

/// Parses Moodle XML (Moodle's XML import).
///
/// Empty input gives an empty result.
///
/// # Errors
///
/// Any error (malformed XML, unknown question type, invalid grade, bad
/// base64 file...) makes the whole file fail; every error found is
/// returned, each naming its line.
pub fn parse_moodle_xml(input: &str, file_name: &str) -> Result<ParsedXml, Vec<ParseError>> {
    let input = input.strip_prefix('\u{FEFF}').unwrap_or(input);
    if let Some(line) = find_binary_line(input) {
        return Err(vec![binary_error(file_name, line)]);
    }
    if php_trim(input).is_empty() {
        return Ok(ParsedXml::default());
    }
    let root = build_tree(input, file_name).map_err(|e| vec![e])?;
    let Some(root) = root else {
        return Err(vec![ParseError::new(
            file_name,
            1,
            "Không tìm thấy phần tử gốc <quiz> trong tệp XML.",
        )]);
    };
    if root.name != "quiz" {
        return Err(vec![ParseError::new(
            file_name,
            root.line,
            format!(
                "Phần tử gốc của tệp Moodle XML phải là <quiz>, nhưng tệp có <{}>.",
                root.name
            ),
        )]);
    }

    let mut ctx = Ctx {
        file: file_name,
        errors: Vec::new(),
    };
    let mut result = ParsedXml::default();
    let mut category: Vec<String> = Vec::new();

    for q in root.children("question") {
        let Some(qtype) = q.attr("type") else {
            ctx.error(
                q.line,
                "Thẻ <question> thiếu thuộc tính type (ví dụ type=\"multichoice\").".into(),
            );
            continue;
        };
        if qtype == "category" {
            let path = match q.child("category") {
                Some(c) => match c.child("text") {
                    Some(_) => ctx.text_of(Some(c)),
                    None => php_trim(&ctx.content(c)).to_string(),
                },
                None => String::new(),
            };
            category = split_category_path(&path);
            if !category.is_empty() && !result.categories.contains(&category) {
                result.categories.push(category.clone());
            }
            continue;
        }
        let errors_before = ctx.errors.len();
        let kind = match qtype {
            "multichoice" => import_multichoice(&mut ctx, q),
            "truefalse" => import_truefalse(&mut ctx, q),
            "shortanswer" => import_shortanswer(&mut ctx, q),
            "numerical" => import_numerical(&mut ctx, q),
            "matching" | "match" => import_match(&mut ctx, q),
            "essay" => Some(QuestionKind::Essay),
            "description" => Some(QuestionKind::Description),
            other => {
                ctx.error(
                    q.line,
                    format!(
                        "Loại câu hỏi '{other}' ở dòng {} không được hỗ trợ. \
                         Học DVC nhập được các loại: {SUPPORTED}.",
                        q.line
                    ),
                );
                None
            }
        };
        let Some(kind) = kind else { continue };
        let question = import_headers(&mut ctx, q, kind, &category);
        let index = result.questions.len();
        collect_files(&mut ctx, q, index, &mut result.files, 0);
        if ctx.errors.len() == errors_before {
            result.questions.push(question);
        }
    }

    if ctx.errors.is_empty() {
        Ok(result)
    } else {
        let mut errors = ctx.errors;
        errors.sort_by_key(|e| e.line);
        Err(errors)
    }
}

fn import_headers(ctx: &mut Ctx, q: &Elem, kind: QuestionKind, category: &[String]) -> Question {
    let name = match q.child("name").and_then(|n| n.child("text")) {
        Some(_) => ctx.text_of(q.child("name")),
        None => {
            ctx.error(
                q.line,
                format!(
                    "Câu hỏi ở dòng {} thiếu tên (<name><text>…</text></name>).",
                    q.line
                ),
            );
            String::new()
        }
    };
    let qt = q.child("questiontext");
    let text = ctx.text_of(qt);
    let text_format =
        TextFormat::from_xml_name(qt.and_then(|e| e.attr("format")).unwrap_or("html"));
    let general_feedback = ctx.text_of(q.child("generalfeedback"));
    let idnumber = ctx
        .value_of(q, "idnumber")
        .map(|s| nfc(&s))
        .filter(|s| !s.is_empty());
    let mut tags = Vec::new();
    if let Some(t) = q.child("tags") {
        for tag in t.children("tag") {
            let text = ctx.text_of(Some(tag));
            if !text.is_empty() {
                tags.push(text);
            }
        }
    }
    let source = Some(ctx.text_of(q.child("source"))).filter(|s| !s.is_empty());
    Question {
        name: (!name.is_empty()).then_some(name),
        text,
        text_format,
        general_feedback,
        category: category.to_vec(),
        idnumber,
        tags,
        source,
        kind,
    }
}

fn import_multichoice(ctx: &mut Ctx, q: &Elem) -> Option<QuestionKind> {
    let single = trans_single(&ctx.value_of(q, "single").unwrap_or_else(|| "true".into()));
    let shuffle = trans_single(
        &ctx.value_of(q, "shuffleanswers")
            .unwrap_or_else(|| "false".into()),
    );
    let elems: Vec<&Elem> = q.children("answer").collect();
    if elems.len() < 2 {
        ctx.error(
            q.line,
            format!(
                "Câu hỏi nhiều lựa chọn ở dòng {} cần ít nhất 2 đáp án <answer>.",
                q.line
            ),
        );
        return None;
    }
    let mut answers = Vec::new();
    for a in elems {
        let fraction = ctx.fraction_attr(a);
        let text = ctx.text_of(Some(a));
        let feedback = ctx.text_of(a.child("feedback"));
        // qtype_multichoice::save_question_options skips blank answers.
        if !text.is_empty() {
            answers.push(Answer {
                text,
                fraction,
                feedback,
            });
        }
    }
    Some(QuestionKind::MultiChoice {
        single,
        shuffle_answers: shuffle,
        answers,
    })
}

fn import_truefalse(ctx: &mut Ctx, q: &Elem) -> Option<QuestionKind> {
    let mut correct = None;
    let mut feedback_true = String::new();
    let mut feedback_false = String::new();
    let mut first = true;
    for a in q.children("answer") {
        let mut text = ctx.text_of(Some(a));
        let feedback = ctx.text_of(a.child("feedback"));
        if text != "true" && text != "false" {
            // Old exports: assume the order true, false.
            text = if first { "true" } else { "false" }.to_string();
        }
        let is_100 = a
            .attr("fraction")
            .and_then(php_numeric)
            .is_some_and(|f| f == 100.0);
        if text == "true" {
            correct = Some(is_100);
            feedback_true = feedback;
        } else {
            correct = Some(!is_100);
            feedback_false = feedback;
        }
        first = false;
    }
    let Some(correct) = correct else {
        ctx.error(
            q.line,
            format!(
                "Câu hỏi đúng/sai ở dòng {} không có đáp án <answer> nào.",
                q.line
            ),
        );
        return None;
    };
    Some(QuestionKind::TrueFalse {
        correct,
        feedback_true,
        feedback_false,
    })
}

fn import_shortanswer(ctx: &mut Ctx, q: &Elem) -> Option<QuestionKind> {
    let usecase = ctx.value_of(q, "usecase").unwrap_or_default();
    let usecase = php_trim(&usecase);
    let case_sensitive = usecase == "true" || php_numeric(usecase).is_some_and(|v| v != 0.0);
    let mut answers = Vec::new();
    for a in q.children("answer") {
        let fraction = ctx.fraction_attr(a);
        let text = ctx.text_of(Some(a));
        let feedback = ctx.text_of(a.child("feedback"));
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
    Some(QuestionKind::ShortAnswer {
        answers,
        case_sensitive,
    })
}

fn import_numerical(ctx: &mut Ctx, q: &Elem) -> Option<QuestionKind> {
    let mut answers = Vec::new();
    for a in q.children("answer") {
        // The deprecated <fraction> element wins over the attribute.
        let fraction = match ctx.value_of(a, "fraction") {
            Some(raw) => match php_numeric(&raw) {
                Some(f) => ctx.grade(f, a.line),
                None => {
                    ctx.error(
                        a.line,
                        format!("Điểm <fraction> '{}' không phải là số.", php_trim(&raw)),
                    );
                    0.0
                }
            },
            None => ctx.fraction_attr(a),
        };
        let text = ctx.text_of(Some(a));
        let feedback = ctx.text_of(a.child("feedback"));
        if text.is_empty() && fraction == 0.0 && feedback.is_empty() {
            continue;
        }
        let value = if text == "*" {
            None
        } else if let Some(v) = php_numeric(&text) {
            Some(v)
        } else {
            ctx.error(
                a.line,
                format!(
                    "Đáp án số '{text}' không phải là số (dùng dấu chấm cho phần thập phân, hoặc '*' cho mọi đáp án khác)."
                ),
            );
            continue;
        };
        let tol_raw = ctx.value_of(a, "tolerance").unwrap_or_default();
        let tol_raw = php_trim(&tol_raw);
        let tolerance = if tol_raw.is_empty() {
            0.0
        } else if let Some(t) = php_numeric(tol_raw) {
            t
        } else {
            ctx.error(
                a.line,
                format!("Sai số (tolerance) '{tol_raw}' không phải là số."),
            );
            continue;
        };
        answers.push(NumericalAnswer {
            value,
            tolerance,
            fraction,
            feedback,
        });
    }
    Some(QuestionKind::Numerical { answers })
}

fn import_match(ctx: &mut Ctx, q: &Elem) -> Option<QuestionKind> {
    let shuffle = trans_single(
        &ctx.value_of(q, "shuffleanswers")
            .unwrap_or_else(|| "1".into()),
    );
    let mut pairs = Vec::new();
    for s in q.children("subquestion") {
        let question = ctx.text_of(Some(s));
        let answer = ctx.text_of(s.child("answer"));
        if question.is_empty() && answer.is_empty() {
            continue;
        }
        if answer.is_empty() {
            ctx.error(
                s.line,
                format!("Câu hỏi ghép đôi: câu hỏi con '{question}' không có đáp án."),
            );
            continue;
        }
        pairs.push((question, answer));
    }
    Some(QuestionKind::Matching {
        shuffle_answers: shuffle,
        pairs,
    })
}

/// Decodes every `<file>` inside a question.
fn collect_files(
    ctx: &mut Ctx,
    e: &Elem,
    question_index: usize,
    out: &mut Vec<EmbeddedFile>,
    depth: usize,
) {
    if depth > MAX_DEPTH {
        return;
    }
    for child in e.elems() {
        if child.name == "file" {
            let name = child.attr("name").map(php_trim).unwrap_or("").to_string();
            if name.is_empty() {
                ctx.error(
                    child.line,
                    "Tệp đính kèm <file> thiếu thuộc tính name.".into(),
                );
                continue;
            }
            if let Some(enc) = child.attr("encoding")
                && php_trim(enc) != "base64"
            {
                ctx.error(
                    child.line,
                    format!(
                        "Tệp đính kèm '{name}' dùng mã hoá '{enc}', chỉ hỗ trợ encoding=\"base64\"."
                    ),
                );
                continue;
            }
            let content = ctx.content(child);
            let compact: String = content
                .chars()
                .filter(|c| !c.is_ascii_whitespace())
                .collect();
            match GeneralPurpose::new(&base64::alphabet::STANDARD, PAD_INDIFFERENT).decode(compact)
            {
                Ok(bytes) => out.push(EmbeddedFile {
                    name,
                    bytes,
                    question_index,
                }),
                Err(_) => ctx.error(
                    child.line,
                    format!(
                        "Tệp đính kèm '{name}' không phải dữ liệu base64 hợp lệ (tệp có thể bị hỏng khi sao chép)."
                    ),
                ),
            }
        } else {
            collect_files(ctx, child, question_index, out, depth + 1);
        }
    }
}

// ---------------------------------------------------------------------------
// Export.
// ---------------------------------------------------------------------------

/// Moodle's `xml_escape`: CDATA when the text holds markup characters.
fn cdata(text: &str) -> String {
    if text.contains(['&', '<', '>', '"', '\'']) {
        format!("<![CDATA[{}]]>", text.replace("]]>", "]]]]><![CDATA[>"))
    } else {
        text.to_string()
    }
}

fn escape_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

fn text_elem(out: &mut String, indent: &str, text: &str) {
    out.push_str(indent);
    out.push_str("<text>");
    out.push_str(&cdata(text));
    out.push_str("</text>\n");
}

fn wrapped(out: &mut String, indent: &str, tag: &str, format: Option<TextFormat>, text: &str) {
    out.push_str(indent);
    out.push('<');
    out.push_str(tag);
    if let Some(f) = format {
        out.push_str(" format=\"");
        out.push_str(f.xml_name());
        out.push('"');
    }
    out.push_str(">\n");
    text_elem(out, &format!("{indent}  "), text);
    out.push_str(indent);
    out.push_str("</");
    out.push_str(tag);
    out.push_str(">\n");
}

fn answer_elem(
    out: &mut String,
    fraction: f64,
    format: TextFormat,
    text: &str,
    feedback: &str,
    extra: &str,
) {
    out.push_str(&format!(
        "    <answer fraction=\"{}\" format=\"{}\">\n",
        format_percent(fraction),
        format.xml_name()
    ));
    text_elem(out, "      ", text);
    wrapped(out, "      ", "feedback", Some(format), feedback);
    out.push_str(extra);
    out.push_str("    </answer>\n");
}

fn combined_feedback(out: &mut String, format: TextFormat) {
    for field in [
        "correctfeedback",
        "partiallycorrectfeedback",
        "incorrectfeedback",
    ] {
        wrapped(out, "    ", field, Some(format), "");
    }
}

/// Writes questions as Moodle XML (Moodle's XML export, with a category
/// question whenever the category changes). Reading the result with
/// [`parse_moodle_xml`] gives the same questions.
pub fn write_moodle_xml(questions: &[Question]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n");
    let mut category: Vec<String> = Vec::new();
    for q in questions {
        if q.category != category {
            out.push_str("  <question type=\"category\">\n");
            wrapped(
                &mut out,
                "    ",
                "category",
                None,
                &assemble_category_path(&q.category),
            );
            wrapped(&mut out, "    ", "info", Some(TextFormat::Moodle), "");
            out.push_str("    <idnumber></idnumber>\n");
            out.push_str("  </question>\n\n");
            category.clone_from(&q.category);
        }
        write_question(&mut out, q);
    }
    out.push_str("</quiz>\n");
    out
}

fn write_question(out: &mut String, q: &Question) {
    let format = q.text_format;
    let xml_type = match q.kind {
        QuestionKind::Matching { .. } => "matching",
        _ => q.moodle_type_name(),
    };
    out.push_str(&format!("  <question type=\"{xml_type}\">\n"));
    wrapped(out, "    ", "name", None, q.name.as_deref().unwrap_or(""));
    wrapped(out, "    ", "questiontext", Some(format), &q.text);
    wrapped(
        out,
        "    ",
        "generalfeedback",
        Some(format),
        &q.general_feedback,
    );
    let (grade, penalty) = match q.kind {
        QuestionKind::Description => ("0", "0"),
        QuestionKind::Essay => ("1", "0"),
        QuestionKind::TrueFalse { .. } => ("1", "1"),
        _ => ("1", "0.3333333"),
    };
    out.push_str(&format!("    <defaultgrade>{grade}</defaultgrade>\n"));
    out.push_str(&format!("    <penalty>{penalty}</penalty>\n"));
    out.push_str("    <hidden>0</hidden>\n");
    out.push_str(&format!(
        "    <idnumber>{}</idnumber>\n",
        escape_entities(q.idnumber.as_deref().unwrap_or(""))
    ));

    match &q.kind {
        QuestionKind::MultiChoice {
            single,
            shuffle_answers,
            answers,
        } => {
            out.push_str(&format!("    <single>{single}</single>\n"));
            out.push_str(&format!(
                "    <shuffleanswers>{shuffle_answers}</shuffleanswers>\n"
            ));
            out.push_str("    <answernumbering>abc</answernumbering>\n");
            out.push_str("    <showstandardinstruction>0</showstandardinstruction>\n");
            combined_feedback(out, format);
            for a in answers {
                answer_elem(out, a.fraction, format, &a.text, &a.feedback, "");
            }
        }
        QuestionKind::TrueFalse {
            correct,
            feedback_true,
            feedback_false,
        } => {
            let (t, f) = if *correct { (1.0, 0.0) } else { (0.0, 1.0) };
            answer_elem(out, t, format, "true", feedback_true, "");
            answer_elem(out, f, format, "false", feedback_false, "");
        }
        QuestionKind::ShortAnswer {
            answers,
            case_sensitive,
        } => {
            out.push_str(&format!(
                "    <usecase>{}</usecase>\n",
                u8::from(*case_sensitive)
            ));
            for a in answers {
                answer_elem(out, a.fraction, format, &a.text, &a.feedback, "");
            }
        }
        QuestionKind::Numerical { answers } => {
            for a in answers {
                let value = a.value.map_or_else(|| "*".to_string(), format_number);
                let extra = format!(
                    "      <tolerance>{}</tolerance>\n",
                    format_number(a.tolerance)
                );
                answer_elem(out, a.fraction, format, &value, &a.feedback, &extra);
            }
            out.push_str("    <unitgradingtype>0</unitgradingtype>\n");
            out.push_str("    <unitpenalty>0.1000000</unitpenalty>\n");
            out.push_str("    <showunits>3</showunits>\n");
            out.push_str("    <unitsleft>0</unitsleft>\n");
        }
        QuestionKind::Matching {
            shuffle_answers,
            pairs,
        } => {
            out.push_str(&format!(
                "    <shuffleanswers>{shuffle_answers}</shuffleanswers>\n"
            ));
            combined_feedback(out, format);
            for (question, answer) in pairs {
                out.push_str(&format!(
                    "    <subquestion format=\"{}\">\n",
                    format.xml_name()
                ));
                text_elem(out, "      ", question);
                wrapped(out, "      ", "answer", None, answer);
                out.push_str("    </subquestion>\n");
            }
        }
        QuestionKind::Essay => {
            out.push_str("    <responseformat>editor</responseformat>\n");
            out.push_str("    <responserequired>1</responserequired>\n");
            out.push_str("    <responsefieldlines>15</responsefieldlines>\n");
            out.push_str("    <attachments>0</attachments>\n");
            out.push_str("    <attachmentsrequired>0</attachmentsrequired>\n");
            wrapped(out, "    ", "graderinfo", Some(TextFormat::Html), "");
            wrapped(out, "    ", "responsetemplate", Some(TextFormat::Html), "");
        }
        QuestionKind::Description => {}
    }

    if !q.tags.is_empty() {
        out.push_str("    <tags>\n");
        for tag in &q.tags {
            out.push_str(&format!("      <tag><text>{}</text></tag>\n", cdata(tag)));
        }
        out.push_str("    </tags>\n");
    }
    if let Some(source) = &q.source {
        // Học DVC extension; Moodle ignores unknown elements.
        wrapped(out, "    ", "source", None, source);
    }
    out.push_str("  </question>\n\n");
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
    use super::{EmbeddedFile, ParsedXml, parse_moodle_xml, write_moodle_xml};
    use proptest::prelude::*;

    fn fixture(name: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(MOODLE_FIXTURES)
            .join(name);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read fixture {}: {e}", path.display()))
    }

    fn quiz(body: &str) -> String {
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n{body}\n</quiz>\n")
    }

    fn errors(input: &str) -> Vec<(usize, String)> {
        parse_moodle_xml(input, "t.xml")
            .unwrap_err()
            .into_iter()
            .map(|e| {
                assert_eq!(e.file, "t.xml");
                (e.line, e.message)
            })
            .collect()
    }

    fn path(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn moodle_nested_categories_fixture_reads_exactly_as_moodle_reads_it() {
        let parsed = parse_moodle_xml(
            &fixture("nested_categories_with_questions.xml"),
            "nested_categories_with_questions.xml",
        )
        .unwrap();
        assert_eq!(
            parsed.categories,
            [
                path(&["Iota"]),
                path(&["Iota", "Kappa"]),
                path(&["Iota", "Kappa", "Lambda"]),
                path(&["Iota", "Mu"]),
            ]
        );
        assert!(parsed.files.is_empty());
        assert_eq!(parsed.questions.len(), 5);
        let tf = |name: &str, text: &str, category: &[&str]| Question {
            name: Some(name.into()),
            text: text.into(),
            text_format: TextFormat::Html,
            general_feedback: String::new(),
            category: path(category),
            idnumber: None,
            tags: vec![],
            source: None,
            kind: QuestionKind::TrueFalse {
                correct: true,
                feedback_true: String::new(),
                feedback_false: String::new(),
            },
        };
        let expected = vec![
            tf("Iota Question", "<p>Testing Iota Question</p>", &["Iota"]),
            Question {
                text_format: TextFormat::Moodle,
                kind: QuestionKind::Essay,
                ..tf(
                    "Kappa Essay Question",
                    "Testing Kappa Essay Question",
                    &["Iota", "Kappa"],
                )
            },
            tf(
                "Kappa Question",
                "<p>Testing Kappa Question</p>",
                &["Iota", "Kappa"],
            ),
            tf(
                "Lambda Question",
                "<p>Testing Lambda Question</p>",
                &["Iota", "Kappa", "Lambda"],
            ),
            tf("Mu Question", "<p>Testing Mu Question</p>", &["Iota", "Mu"]),
        ];
        assert_eq!(parsed.questions, expected);
    }

    #[test]
    fn moodle_fixture_survives_a_write_and_read_back() {
        let parsed =
            parse_moodle_xml(&fixture("nested_categories_with_questions.xml"), "f").unwrap();
        let again = parse_moodle_xml(&write_moodle_xml(&parsed.questions), "again").unwrap();
        assert_eq!(again.questions, parsed.questions);
        assert_eq!(again.categories, parsed.categories);
    }

    #[test]
    fn gift_fixtures_survive_conversion_to_xml() {
        for name in ["questions.gift.txt", "examples.gift.txt"] {
            let qs = super::super::gift::parse_gift(&fixture(name), name).unwrap();
            let parsed = parse_moodle_xml(&write_moodle_xml(&qs), name).unwrap();
            assert_eq!(parsed.questions, qs, "{name}");
        }
    }

    #[test]
    fn empty_input_gives_zero_questions_not_an_error() {
        assert_eq!(parse_moodle_xml("", "t").unwrap(), ParsedXml::default());
        assert_eq!(
            parse_moodle_xml("\u{feff} \n", "t").unwrap(),
            ParsedXml::default()
        );
        assert_eq!(
            parse_moodle_xml(&quiz(""), "t").unwrap(),
            ParsedXml::default()
        );
    }

    #[test]
    fn every_supported_type_is_imported_with_its_options() {
        let xml = quiz(
            r#"
  <question type="category"><category><text>$course$/top/Empty</text></category></question>
  <question type="category"><category><text>$system$/Toán//Tin</text></category></question>
  <question type="multichoice">
    <name><text> MC </text></name>
    <questiontext format="markdown"><text><![CDATA[**Chọn** đáp án & giải thích]]></text></questiontext>
    <generalfeedback format="markdown"><text>Chung</text></generalfeedback>
    <idnumber>mc-1</idnumber>
    <single>false</single>
    <shuffleanswers>1</shuffleanswers>
    <answer fraction="50"><text>A</text><feedback><text>fa</text></feedback></answer>
    <answer fraction="-100"><text>B</text></answer>
    <answer fraction="50"><text>C &amp; D</text></answer>
    <answer fraction="0"><text>   </text></answer>
    <tags><tag><text>t1</text></tag><tag><text>t2</text></tag></tags>
    <source><text>SGK</text></source>
  </question>
  <question type="shortanswer">
    <name><text>SA</text></name>
    <questiontext format="plain_text"><text>Q</text></questiontext>
    <usecase>1</usecase>
    <answer fraction="100"><text>*x*</text></answer>
    <answer fraction="33.33333"><text>y</text></answer>
  </question>
  <question type="numerical">
    <name><text>NUM</text></name>
    <questiontext><text>N</text></questiontext>
    <answer fraction="100"><text>3.14</text><tolerance>0.01</tolerance></answer>
    <answer fraction="0"><text>*</text><feedback><text>Sai</text></feedback></answer>
  </question>
  <question type="matching">
    <name><text>M</text></name>
    <questiontext><text>Ghép</text></questiontext>
    <subquestion><text>a</text><answer><text>1</text></answer></subquestion>
    <subquestion><text></text><answer><text>2</text></answer></subquestion>
    <subquestion><text></text><answer><text></text></answer></subquestion>
  </question>
  <question type="description">
    <name><text>D</text></name>
    <questiontext format="moodle_auto_format"><text>Chỉ đọc</text></questiontext>
  </question>
"#,
        );
        let parsed = parse_moodle_xml(&xml, "t.xml").unwrap();
        assert_eq!(parsed.categories, [path(&["Empty"]), path(&["Toán/Tin"])]);
        let qs = &parsed.questions;
        assert_eq!(qs.len(), 5);
        assert!(qs.iter().all(|q| q.category == ["Toán/Tin"]));
        assert_eq!(qs[0].name.as_deref(), Some("MC"));
        assert_eq!(qs[0].text_format, TextFormat::Markdown);
        assert_eq!(qs[0].text, "**Chọn** đáp án & giải thích");
        assert_eq!(qs[0].general_feedback, "Chung");
        assert_eq!(qs[0].idnumber.as_deref(), Some("mc-1"));
        assert_eq!(qs[0].tags, ["t1", "t2"]);
        assert_eq!(qs[0].source.as_deref(), Some("SGK"));
        let a = |t: &str, f: f64, fb: &str| Answer {
            text: t.into(),
            fraction: f,
            feedback: fb.into(),
        };
        assert_eq!(
            qs[0].kind,
            QuestionKind::MultiChoice {
                single: false,
                shuffle_answers: true,
                answers: vec![a("A", 0.5, "fa"), a("B", -1.0, ""), a("C & D", 0.5, "")],
            }
        );
        assert_eq!(qs[1].text_format, TextFormat::Plain);
        assert_eq!(
            qs[1].kind,
            QuestionKind::ShortAnswer {
                answers: vec![a("*x*", 1.0, ""), a("y", 0.3333333, "")],
                case_sensitive: true,
            }
        );
        assert_eq!(qs[2].text_format, TextFormat::Html);
        assert_eq!(
            qs[2].kind,
            QuestionKind::Numerical {
                answers: vec![
                    NumericalAnswer {
                        value: Some(3.14),
                        tolerance: 0.01,
                        fraction: 1.0,
                        feedback: String::new()
                    },
                    NumericalAnswer {
                        value: None,
                        tolerance: 0.0,
                        fraction: 0.0,
                        feedback: "Sai".into()
                    },
                ]
            }
        );
        assert_eq!(
            qs[3].kind,
            QuestionKind::Matching {
                shuffle_answers: true,
                pairs: vec![("a".into(), "1".into()), (String::new(), "2".into())],
            }
        );
        assert_eq!(qs[4].kind, QuestionKind::Description);
        assert_eq!(qs[4].text_format, TextFormat::Moodle);
        for (q, name) in qs.iter().zip([
            "multichoice",
            "shortanswer",
            "numerical",
            "match",
            "description",
        ]) {
            assert_eq!(q.moodle_type_name(), name);
        }
    }

    #[test]
    fn multichoice_defaults_follow_moodle() {
        let xml = quiz(
            r#"<question type="multichoice"><name><text>x</text></name>
               <answer fraction="100"><text>a</text></answer><answer><text>b</text></answer></question>"#,
        );
        let q = &parse_moodle_xml(&xml, "t").unwrap().questions[0];
        let QuestionKind::MultiChoice {
            single,
            shuffle_answers,
            answers,
        } = &q.kind
        else {
            panic!()
        };
        assert!(*single);
        assert!(!*shuffle_answers);
        assert_eq!(answers[1].fraction, 0.0);
        assert_eq!(q.name.as_deref(), Some("x"));
        assert_eq!(q.text, "");
    }

    #[test]
    fn embedded_base64_files_are_decoded() {
        let xml = quiz(
            r#"<question type="description"><name><text>img</text></name>
  <questiontext format="html"><text><![CDATA[<img src="@@PLUGINFILE@@/x.png">]]></text>
  <file name="x.png" path="/" encoding="base64">aGVs
  bG8=</file></questiontext>
  <generalfeedback><text></text><file name="y.txt" encoding="base64">aGk</file></generalfeedback>
</question>"#,
        );
        let parsed = parse_moodle_xml(&xml, "t").unwrap();
        assert_eq!(
            parsed.files,
            [
                EmbeddedFile {
                    name: "x.png".into(),
                    bytes: b"hello".to_vec(),
                    question_index: 0
                },
                EmbeddedFile {
                    name: "y.txt".into(),
                    bytes: b"hi".to_vec(),
                    question_index: 0
                },
            ]
        );
    }

    #[test]
    fn invalid_base64_is_rejected_with_a_clear_message() {
        let xml = quiz(
            "<question type=\"essay\"><name><text>e</text></name>\n<questiontext><text>t</text>\n<file name=\"x.png\" encoding=\"base64\">@@not base64!!</file></questiontext></question>",
        );
        let errs = errors(&xml);
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].0, 5);
        assert!(errs[0].1.contains("'x.png'"));
        assert!(errs[0].1.contains("base64"));
    }

    #[test]
    fn unknown_question_types_are_named_with_their_line() {
        let xml = quiz(
            "<question type=\"truefalse\"><name><text>ok</text></name><answer fraction=\"100\"><text>true</text></answer></question>\n<question type=\"ddwtos\">\n<name><text>x</text></name></question>\n<question type=\"cloze\"></question>",
        );
        let errs = errors(&xml);
        assert_eq!(errs.len(), 2);
        assert_eq!(errs[0].0, 4);
        assert!(errs[0].1.contains("'ddwtos'"), "{}", errs[0].1);
        assert!(errs[0].1.contains("dòng 4"));
        assert_eq!(errs[1].0, 6);
        assert!(errs[1].1.contains("'cloze'"));
    }

    #[test]
    fn invalid_grades_are_rejected_with_their_line() {
        let xml = quiz(
            "<question type=\"multichoice\"><name><text>x</text></name>\n<answer fraction=\"100\"><text>a</text></answer>\n<answer fraction=\"15\"><text>b</text></answer>\n<answer fraction=\"abc\"><text>c</text></answer>\n</question>",
        );
        let errs = errors(&xml);
        assert_eq!(errs.len(), 2);
        assert_eq!(errs[0].0, 5);
        assert!(errs[0].1.contains("'15%'"));
        assert_eq!(errs[1].0, 6);
        assert!(errs[1].1.contains("'abc'"));
    }

    #[test]
    fn malformed_xml_names_the_line() {
        let errs =
            errors("<quiz>\n<question type=\"essay\">\n<name><text>x</name>\n</question>\n</quiz>");
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].0, 3);
        assert!(errs[0].1.contains("</name>"), "{}", errs[0].1);
        let errs = errors("<quiz>\n<question type=\"essay\">\n");
        assert_eq!(errs[0].0, 2);
        assert!(errs[0].1.contains("chưa được đóng"));
        let errs = errors(
            "<quiz><question type=\"essay\"><name><text>&nbsp;</text></name></question></quiz>",
        );
        assert!(errs[0].1.contains("&nbsp;"));
        let errs = errors("<wrong/>");
        assert!(errs[0].1.contains("<quiz>"));
    }

    #[test]
    fn unescaped_html_in_text_is_reported() {
        let errs = errors(&quiz(
            "<question type=\"essay\"><name><text>x</text></name>\n<questiontext><text><p>hi</p></text></questiontext></question>",
        ));
        assert_eq!(errs[0].0, 4);
        assert!(errs[0].1.contains("CDATA"));
    }

    #[test]
    fn missing_names_and_bad_numbers_are_reported() {
        let errs = errors(&quiz(
            "<question type=\"essay\"><questiontext><text>x</text></questiontext></question>",
        ));
        assert!(errs[0].1.contains("thiếu tên"));
        let errs = errors(&quiz(
            "<question type=\"numerical\"><name><text>n</text></name><answer fraction=\"100\"><text>1,5</text></answer></question>",
        ));
        assert!(errs[0].1.contains("'1,5'"));
        let errs = errors(&quiz(
            "<question type=\"multichoice\"><name><text>n</text></name><answer fraction=\"100\"><text>a</text></answer></question>",
        ));
        assert!(errs[0].1.contains("ít nhất 2 đáp án"));
    }

    #[test]
    fn binary_garbage_is_rejected_with_its_line() {
        let errs = errors("<quiz>\n\u{0}\u{1}\u{2}\u{3}\u{fffd}\n</quiz>");
        assert_eq!(errs, [(2, errs[0].1.clone())]);
        assert!(errs[0].1.contains("nhị phân"));
        let errs = errors("\u{fffd}PNG garbage");
        assert_eq!(errs[0].0, 1);
    }

    #[test]
    fn vietnamese_decomposed_input_comes_out_nfc() {
        let xml = quiz(
            "<question type=\"shortanswer\"><name><text>Thu\u{309} đô</text></name><questiontext><text>Thu\u{309} đô cu\u{309}a Vie\u{323}\u{302}t Nam?</text></questiontext><answer fraction=\"100\"><text>Ha\u{300} Nô\u{323}i</text></answer><tags><tag><text>đi\u{323}a ly\u{301}</text></tag></tags></question>",
        );
        let q = &parse_moodle_xml(&xml, "t").unwrap().questions[0];
        assert_eq!(q.name.as_deref(), Some("Thủ đô"));
        assert_eq!(q.text, "Thủ đô của Việt Nam?");
        assert_eq!(q.tags, ["địa lý"]);
        let QuestionKind::ShortAnswer { answers, .. } = &q.kind else {
            panic!()
        };
        assert_eq!(answers[0].text, "Hà Nội");
    }

    #[test]
    fn written_xml_reads_back_with_cdata_and_categories() {
        let q = Question {
            name: Some("a < b".into()),
            text: "<p>x]]>y</p>".into(),
            text_format: TextFormat::Html,
            general_feedback: "g".into(),
            category: vec!["A/B".into(), "C".into()],
            idnumber: Some("id<&>".into()),
            tags: vec!["t]]>".into()],
            source: Some("nguồn".into()),
            kind: QuestionKind::Essay,
        };
        let xml = write_moodle_xml(std::slice::from_ref(&q));
        assert!(xml.contains("<text>$course$/top/A//B/C</text>"));
        assert!(xml.contains("<![CDATA[<p>x]]]]><![CDATA[>y</p>]]>"));
        let parsed = parse_moodle_xml(&xml, "t").unwrap();
        assert_eq!(parsed.questions, vec![q]);
        assert_eq!(parsed.categories, [path(&["A/B", "C"])]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn generated_questions_survive_write_moodle_xml_then_parse_moodle_xml(
            qs in prop::collection::vec(strategies::question(false), 0..4)
        ) {
            let xml = write_moodle_xml(&qs);
            let back = parse_moodle_xml(&xml, "roundtrip.xml").map(|p| p.questions);
            prop_assert_eq!(back.as_ref(), Ok(&qs), "written:\n{}", xml);
        }

        #[test]
        fn arbitrary_strings_never_panic_parse_moodle_xml(s in any::<String>()) {
            let _ = parse_moodle_xml(&s, "any");
        }

        #[test]
        fn xml_like_noise_never_panics_parse_moodle_xml(
            s in strategies::noisy(&[
                "<quiz>", "</quiz>", "<question type=\"multichoice\">", "<question type=\"category\">",
                "<question type=\"numerical\">", "<question type=\"matching\">", "<question type=\"truefalse\">",
                "</question>", "<name>", "</name>", "<text>", "</text>", "<![CDATA[", "]]>", "&amp;", "&#x1;",
                "&#233;", "<answer fraction=\"100\">", "<answer fraction=\"x\">", "</answer>",
                "<file name=\"a\" encoding=\"base64\">", "</file>", "<subquestion>", "</subquestion>",
                "<category>", "</category>", "<!--", "-->", "<?xml version=\"1.0\"?>", "<a/>", "=\"",
            ])
        ) {
            let _ = parse_moodle_xml(&s, "noise");
        }
    }
}
