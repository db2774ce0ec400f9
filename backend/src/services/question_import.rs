//! Question files into the question bank and back out: `hocdvc import-questions` and
//! `hocdvc export-questions` (GIFT, Moodle XML, CSV).
//!
//! An import is all or nothing: the file is parsed whole and any error (each naming its line)
//! writes nothing; then categories are created and questions stored in one transaction. A
//! question is matched by its key within its category — its ID number, else its name, else its
//! text — so importing the same file again changes nothing, and a changed question gets a new
//! version while its old versions stay.

use std::path::Path;

use diesel::Connection;
use serde::Serialize;

use crate::db::DbConnection;
use crate::models;
use crate::models::question::{self, Incoming, SaveCounts, category_path};
use crate::question_formats::csv::{QuestionColumn, parse_csv, write_csv};
use crate::question_formats::error::{ParseError, decode_utf8};
use crate::question_formats::gift::{parse_gift, write_gift};
use crate::question_formats::model::{Question, QuestionKind};
use crate::question_formats::moodle_xml::{parse_moodle_xml, write_moodle_xml};
use crate::roster::headers::recognized_count;

/// Where questions go when neither the file nor `--category` names a category (Moodle's
/// "Default for …" category).
pub const DEFAULT_CATEGORY: &str = "Mặc định";

/// Longest text prefix used as the key of a question with neither ID number nor name.
const TEXT_KEY_CHARS: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Gift,
    Xml,
    Csv,
}

impl Format {
    /// From the file's extension, else from its first characters.
    pub fn detect(path: &Path, bytes: &[u8]) -> Format {
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        match extension.as_str() {
            "gift" => Format::Gift,
            "xml" => Format::Xml,
            "csv" | "tsv" => Format::Csv,
            _ => Format::sniff(bytes),
        }
    }

    fn sniff(bytes: &[u8]) -> Format {
        if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
            return Format::Csv;
        }
        let text = String::from_utf8_lossy(bytes.get(..4096).unwrap_or(bytes));
        let text = text.trim_start_matches('\u{FEFF}').trim_start();
        if text.starts_with('<') {
            return Format::Xml;
        }
        let first_line = text.lines().next().unwrap_or_default();
        let cells = first_line.split([',', ';', '\t']).map(str::trim);
        if recognized_count::<QuestionColumn>(cells) >= 2 {
            Format::Csv
        } else {
            Format::Gift
        }
    }
}

/// One import to run.
#[derive(Debug, Clone)]
pub struct ImportRequest<'a> {
    pub bytes: &'a [u8],
    /// Shown in error messages.
    pub file_name: String,
    pub format: Format,
    /// Category the file's questions (and its own categories) go under; empty for the top.
    pub category: Vec<String>,
    /// Check and count everything, write nothing.
    pub dry_run: bool,
}

/// Questions per Moodle type, in the order `--json` prints them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ByType {
    pub multichoice: usize,
    pub truefalse: usize,
    pub shortanswer: usize,
    pub numerical: usize,
    #[serde(rename = "match")]
    pub matching: usize,
    pub essay: usize,
    pub description: usize,
}

impl ByType {
    fn count(&mut self, kind: &QuestionKind) {
        let slot = match kind {
            QuestionKind::MultiChoice { .. } => &mut self.multichoice,
            QuestionKind::TrueFalse { .. } => &mut self.truefalse,
            QuestionKind::ShortAnswer { .. } => &mut self.shortanswer,
            QuestionKind::Numerical { .. } => &mut self.numerical,
            QuestionKind::Matching { .. } => &mut self.matching,
            QuestionKind::Essay => &mut self.essay,
            QuestionKind::Description => &mut self.description,
        };
        *slot += 1;
    }
}

/// What an import read and did. Serialises as the `--json` summary:
/// `{"total", "by_type", "categories"}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    pub total: usize,
    pub by_type: ByType,
    /// Every category the file's questions went to or the file declared, as paths.
    pub categories: Vec<String>,
    #[serde(skip)]
    pub saved: SaveCounts,
    #[serde(skip)]
    pub categories_created: usize,
    #[serde(skip)]
    pub dry_run: bool,
}

impl ImportSummary {
    /// The summary in Vietnamese, for the command line.
    pub fn describe(&self) -> String {
        let verb = if self.dry_run {
            "Kiểm tra xong (chưa ghi gì)"
        } else {
            "Đã nhập"
        };
        format!(
            "{verb}: {} câu hỏi ({} mới, {} có phiên bản mới, {} không đổi); {} danh mục ({} mới): {}.",
            self.total,
            self.saved.created,
            self.saved.new_versions,
            self.saved.unchanged,
            self.categories.len(),
            self.categories_created,
            self.categories.join(", ")
        )
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file is wrong: every error, each with its line.
    #[error("tệp có {} lỗi; chưa ghi gì vào hệ thống", .0.len())]
    Invalid(Vec<ParseError>),
    #[error("lỗi cơ sở dữ liệu: {0}")]
    Storage(#[from] diesel::result::Error),
}

/// Internal: a dry run rolls its transaction back with the summary it computed.
enum Outcome {
    DryRun(Box<ImportSummary>),
    Failed(ImportError),
}

impl From<diesel::result::Error> for Outcome {
    fn from(e: diesel::result::Error) -> Self {
        Outcome::Failed(ImportError::Storage(e))
    }
}

/// A question file as read: its questions and the categories it declares (Moodle XML may
/// declare categories without questions).
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedFile {
    pub questions: Vec<Question>,
    pub categories: Vec<Vec<String>>,
}

/// Parses a file in `format`.
pub fn parse(bytes: &[u8], file_name: &str, format: Format) -> Result<ParsedFile, Vec<ParseError>> {
    let (questions, declared) = match format {
        Format::Gift => (
            parse_gift(&decode_utf8(bytes, file_name)?, file_name)?,
            vec![],
        ),
        Format::Csv => (parse_csv(bytes, file_name)?, vec![]),
        Format::Xml => {
            let parsed = parse_moodle_xml(&decode_utf8(bytes, file_name)?, file_name)?;
            if !parsed.files.is_empty() {
                return Err(parsed
                    .files
                    .iter()
                    .map(|file| {
                        let question = parsed
                            .questions
                            .get(file.question_index)
                            .and_then(|q| q.name.clone())
                            .unwrap_or_default();
                        ParseError::new(
                            file_name,
                            1,
                            format!(
                                "Câu hỏi «{question}» có tệp nhúng «{}» (base64); Học DVC chưa \
                                 nhận hình hay tệp đính kèm trong câu hỏi. Hãy bỏ tệp nhúng \
                                 khỏi câu hỏi rồi xuất lại.",
                                file.name
                            ),
                        )
                    })
                    .collect());
            }
            (parsed.questions, parsed.categories)
        }
    };
    if questions.is_empty() {
        return Err(vec![ParseError::new(
            file_name,
            1,
            "Tệp không có câu hỏi nào (kiểm tra định dạng tệp: GIFT, Moodle XML hoặc CSV).",
        )]);
    }
    Ok(ParsedFile {
        questions,
        categories: declared,
    })
}

/// Parses, checks and (unless a dry run) stores a question file.
pub fn import(
    conn: &mut DbConnection,
    request: &ImportRequest<'_>,
) -> Result<ImportSummary, ImportError> {
    let ParsedFile {
        questions,
        categories: declared,
    } = parse(request.bytes, &request.file_name, request.format).map_err(ImportError::Invalid)?;
    let place = |own: &[String]| -> Vec<String> {
        let mut path = request.category.clone();
        path.extend_from_slice(own);
        if path.is_empty() {
            path.push(DEFAULT_CATEGORY.to_string());
        }
        path
    };

    let mut summary = ImportSummary {
        total: questions.len(),
        dry_run: request.dry_run,
        ..ImportSummary::default()
    };
    let mut paths: Vec<Vec<String>> = Vec::new();
    for path in declared
        .iter()
        .map(|c| place(c))
        .chain(questions.iter().map(|q| place(&q.category)))
    {
        if !paths.contains(&path) {
            paths.push(path);
        }
    }
    summary.categories = paths.iter().map(|p| category_path(p)).collect();
    for q in &questions {
        summary.by_type.count(&q.kind);
    }

    let now = models::now();
    let result = conn.transaction::<ImportSummary, Outcome, _>(|conn| {
        let (ids, created) = question::ensure_categories(conn, &paths, now)?;
        summary.categories_created = created;
        let mut keys = KeyMaker::default();
        let mut incoming = Vec::with_capacity(questions.len());
        for q in &questions {
            let path = place(&q.category);
            let category_id =
                ids.get(&path)
                    .copied()
                    .ok_or(Outcome::Failed(ImportError::Storage(
                        diesel::result::Error::NotFound,
                    )))?;
            incoming.push(Incoming {
                category_id,
                key: keys.key(category_id, q),
                module_id: None,
                question: q,
            });
        }
        summary.saved = question::save(conn, &incoming, now, request.dry_run)?;
        if !request.dry_run {
            let mut touched: Vec<i32> = incoming.iter().map(|i| i.category_id).collect();
            touched.sort_unstable();
            touched.dedup();
            crate::services::search::index_questions(conn, &touched)?;
        }
        if request.dry_run {
            Err(Outcome::DryRun(Box::new(summary.clone())))
        } else {
            Ok(summary.clone())
        }
    });
    match result {
        Ok(summary) => Ok(summary),
        Err(Outcome::DryRun(summary)) => Ok(*summary),
        Err(Outcome::Failed(e)) => Err(e),
    }
}

/// Keys of questions within a category: ID number, else name, else the start of the text;
/// a key met again in the same file gets ` #2`, ` #3` … in file order, so a re-import matches.
#[derive(Default)]
struct KeyMaker {
    seen: std::collections::HashMap<(i32, String), usize>,
}

impl KeyMaker {
    fn key(&mut self, category_id: i32, q: &Question) -> String {
        let base = q
            .idnumber
            .clone()
            .or_else(|| q.name.clone())
            .unwrap_or_else(|| q.text.chars().take(TEXT_KEY_CHARS).collect());
        let count = self.seen.entry((category_id, base.clone())).or_insert(0);
        *count += 1;
        if *count == 1 {
            base
        } else {
            format!("{base} #{count}")
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("không có danh mục câu hỏi «{0}»")]
    NoCategory(String),
    #[error("lỗi cơ sở dữ liệu: {0}")]
    Storage(#[from] diesel::result::Error),
}

/// The current version of every question in `category` and the categories below it, written
/// in `format`, and how many questions that is.
pub fn export(
    conn: &mut DbConnection,
    category: &[String],
    format: Format,
) -> Result<(String, usize), ExportError> {
    let categories = question::subtree(conn, category)?;
    if categories.is_empty() {
        return Err(ExportError::NoCategory(category_path(category)));
    }
    let ids: Vec<i32> = categories.iter().map(|(id, _)| *id).collect();
    let names: std::collections::HashMap<i32, Vec<String>> = categories.into_iter().collect();
    // In the order the questions were created (file order), so a re-import matches keys
    // numbered by occurrence; the writers start a new category wherever it changes.
    let mut questions = Vec::new();
    for (category_id, version) in question::current_versions(conn, &ids)? {
        let path = names.get(&category_id).cloned().unwrap_or_default();
        questions.push(version.to_question(path)?);
    }
    let text = match format {
        Format::Gift => write_gift(&questions),
        Format::Xml => write_moodle_xml(&questions),
        Format::Csv => write_csv(&questions),
    };
    Ok((text, questions.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_comes_from_the_extension_else_from_the_content() {
        let detect = |name: &str, text: &str| Format::detect(Path::new(name), text.as_bytes());
        assert_eq!(detect("a.gift", "<quiz>"), Format::Gift);
        assert_eq!(detect("a.XML", ""), Format::Xml);
        assert_eq!(detect("a.csv", "::q::x{}"), Format::Csv);
        assert_eq!(detect("questions.gift.txt", "::q::x{}"), Format::Gift);
        assert_eq!(
            detect("a.txt", "\u{FEFF}  <?xml version=\"1.0\"?><quiz/>"),
            Format::Xml
        );
        assert_eq!(detect("a", "Loại;Câu hỏi;Phương án\n"), Format::Csv);
        assert_eq!(detect("a", "loai,cau hoi\n"), Format::Csv);
    }

    #[test]
    fn repeated_keys_in_one_category_are_numbered_in_file_order() {
        let q = Question {
            name: Some("2-08 TSL".into()),
            text: "x".into(),
            text_format: Default::default(),
            general_feedback: String::new(),
            category: vec![],
            idnumber: None,
            tags: vec![],
            source: None,
            kind: QuestionKind::Essay,
        };
        let mut keys = KeyMaker::default();
        assert_eq!(keys.key(1, &q), "2-08 TSL");
        assert_eq!(keys.key(1, &q), "2-08 TSL #2");
        assert_eq!(keys.key(2, &q), "2-08 TSL");
    }
}

/// Category prefix of the questions a teacher imports: their own corner of the bank, so an
/// import never touches the shipped curriculum or another teacher's questions.
pub const TEACHER_CATEGORY: &str = "Giáo viên";

/// Preview rows sent back with an upload.
const PREVIEW_ROWS: usize = 100;

/// A question file uploaded from the browser (`POST /api/questions/import`): checked, counted,
/// previewed and, unless `dry_run`, stored. System admins choose any category; everyone else
/// imports under `Giáo viên/<username>/…`.
pub fn import_upload(
    conn: &mut DbConnection,
    principal: &crate::services::auth::Principal,
    bytes: &[u8],
    file_name: &str,
    format: Option<Format>,
    category: &str,
    dry_run: bool,
) -> crate::error::AppResult<hocdvc_api::QuestionImportSummary> {
    use crate::domain::Role;
    use crate::error::AppError;
    use crate::question_formats::model::split_category_path;
    use crate::services::gate::{self, Permission};

    if !gate::may_anywhere(principal, Permission::ImportQuestions) {
        return Err(AppError::Forbidden);
    }
    let format = format.unwrap_or_else(|| Format::detect(Path::new(file_name), bytes));
    let requested = split_category_path(category);
    let is_admin = principal.grants.iter().any(|g| g.role == Role::SystemAdmin);
    let category = if is_admin {
        requested
    } else {
        let mut path = vec![TEACHER_CATEGORY.to_owned(), principal.user.username.clone()];
        path.extend(requested);
        path
    };
    let rejected = |errors: Vec<ParseError>| AppError::Rejected {
        message: format!(
            "Không nhập được tệp {file_name}: có {} lỗi. Chưa có câu hỏi nào được lưu; hãy sửa rồi tải lại tệp.",
            errors.len()
        ),
        details: errors
            .into_iter()
            .map(|e| hocdvc_api::ErrorDetail {
                line: Some(e.line),
                column: None,
                message: e.message,
            })
            .collect(),
    };
    let parsed = parse(bytes, file_name, format).map_err(rejected)?;
    let summary = import(
        conn,
        &ImportRequest {
            bytes,
            file_name: file_name.to_owned(),
            format,
            category: category.clone(),
            dry_run,
        },
    )
    .map_err(|e| match e {
        ImportError::Invalid(errors) => rejected(errors),
        ImportError::Storage(e) => AppError::Database(e),
    })?;
    let mut by_type = std::collections::BTreeMap::new();
    for q in &parsed.questions {
        *by_type.entry(q.moodle_type_name().to_owned()).or_insert(0) += 1;
    }
    let preview = parsed
        .questions
        .iter()
        .take(PREVIEW_ROWS)
        .map(|q| {
            let mut path = category.clone();
            path.extend(q.category.iter().cloned());
            if path.is_empty() {
                path.push(DEFAULT_CATEGORY.to_owned());
            }
            hocdvc_api::QuestionPreview {
                kind: q.moodle_type_name().to_owned(),
                name: q.name.clone(),
                text: plain_text(&q.text, 200),
                category: category_path(&path),
            }
        })
        .collect();
    Ok(hocdvc_api::QuestionImportSummary {
        dry_run,
        file_name: file_name.to_owned(),
        format: match format {
            Format::Gift => "gift",
            Format::Xml => "xml",
            Format::Csv => "csv",
        }
        .to_owned(),
        total: summary.total,
        by_type,
        categories: summary.categories,
        created: summary.saved.created,
        new_versions: summary.saved.new_versions,
        unchanged: summary.saved.unchanged,
        categories_created: summary.categories_created,
        preview,
    })
}

/// Question text for a preview: tags dropped, entities for <, >, & and quotes decoded, spaces
/// collapsed, cut at `max` characters. The UI shows it as text, never as HTML.
fn plain_text(html: &str, max: usize) -> String {
    let collapsed = crate::domain::text::html_to_plain(html);
    if collapsed.chars().count() > max {
        let cut: String = collapsed.chars().take(max).collect();
        format!("{cut}…")
    } else {
        collapsed
    }
}

#[cfg(test)]
mod upload_tests {
    use super::plain_text;

    #[test]
    fn a_preview_shows_question_html_as_short_plain_text() {
        assert_eq!(
            plain_text("<p>Cổng <b>Dịch vụ công</b> &amp; VNeID</p>", 200),
            "Cổng Dịch vụ công & VNeID"
        );
        assert_eq!(plain_text("một hai ba", 7), "một hai…");
        assert_eq!(plain_text("<script>alert(1)</script>x", 50), "alert(1) x");
    }
}
