//! `hocdvc content load`: the `question-bank/` folder into the database, in one transaction.
//!
//! The folder must pass `content check` first: a bank with any problem loads nothing. Rows
//! carry the hash of their content, so loading the same folder again writes nothing; an
//! edited question gets a new version (its old versions stay for the attempts that used them).
//! The hash of the whole folder is kept in `app_meta`, so `serve` reloads only when the
//! folder changed.
//!
//! Bank questions live in the category `question-bank/<module id>`, keyed by their `[id:]`.
//! Modules, lessons and questions that disappear from the folder stay in the database: future
//! attempts and progress may point at them.

use std::fs;
use std::path::{Path, PathBuf};

use diesel::Connection;
use serde_json::json;

use crate::content::bank::{Bank, ModuleContent};
use crate::content::check::check_and_read;
use crate::content::manifest::Module;
use crate::db::DbConnection;
use crate::models::curriculum::{self, LessonRow, MediaRow, ModuleRow, Upserted};
use crate::models::question::{self, Incoming, SaveCounts, sha256_hex};
use crate::models::{self, app_meta};

/// `app_meta` key of the hash of the folder last loaded.
pub const CONTENT_HASH_KEY: &str = "content.hash";

/// Top category of the bank's questions; each module has one category below it.
pub const BANK_CATEGORY: &str = "question-bank";

/// What a load did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadSummary {
    pub modules: Upserted,
    pub lessons: Upserted,
    pub media: Upserted,
    pub questions: SaveCounts,
    /// Hash of the folder as loaded.
    pub folder_hash: String,
}

impl LoadSummary {
    /// Whether anything was written (besides the folder hash).
    pub fn wrote_anything(&self) -> bool {
        let changed = |u: &Upserted| u.created + u.updated > 0;
        changed(&self.modules)
            || changed(&self.lessons)
            || changed(&self.media)
            || self.questions.writes() > 0
    }

    /// The summary in Vietnamese, for the command line.
    pub fn describe(&self) -> String {
        let part = |name: &str, u: &Upserted| {
            format!(
                "{name}: {} mới, {} cập nhật, {} không đổi",
                u.created, u.updated, u.unchanged
            )
        };
        format!(
            "{}.\n{}.\n{}.\nCâu hỏi: {} mới, {} có phiên bản mới, {} không đổi.",
            part("Học phần", &self.modules),
            part("Bài học", &self.lessons),
            part("Tệp hình", &self.media),
            self.questions.created,
            self.questions.new_versions,
            self.questions.unchanged
        )
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The folder fails `content check`: every problem, as the checker prints it.
    #[error("thư mục nội dung có {} lỗi; chưa nạp gì (chạy hocdvc content check để xem)", .0.len())]
    Refused(Vec<String>),
    #[error("không đọc được thư mục nội dung: {0}")]
    Io(#[from] std::io::Error),
    #[error("lỗi cơ sở dữ liệu: {0}")]
    Storage(#[from] diesel::result::Error),
}

/// Hash of every file under `root` (relative path and bytes, in path order), hidden files
/// included: any edit, addition, removal or rename changes it.
pub fn folder_hash(root: &Path) -> std::io::Result<String> {
    let mut files = Vec::new();
    collect_files(root, &mut files)?;
    files.sort();
    let mut digest_input = Vec::new();
    for file in files {
        let relative = file.strip_prefix(root).unwrap_or(&file);
        let bytes = fs::read(&file)?;
        digest_input.extend_from_slice(relative.to_string_lossy().as_bytes());
        digest_input.push(0);
        digest_input.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        digest_input.extend_from_slice(&bytes);
    }
    Ok(sha256_hex(&digest_input))
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// Checks the folder at `root` and loads it, all in one transaction.
pub fn load(conn: &mut DbConnection, root: &Path) -> Result<LoadSummary, LoadError> {
    let (bank, report) = check_and_read(root);
    if !report.ok {
        return Err(LoadError::Refused(
            report.problems.iter().map(ToString::to_string).collect(),
        ));
    }
    let folder_hash = folder_hash(root)?;
    conn.transaction(|conn| {
        let mut summary = store(conn, &bank)?;
        if app_meta::get(conn, CONTENT_HASH_KEY)?.as_deref() != Some(folder_hash.as_str()) {
            app_meta::set(conn, CONTENT_HASH_KEY, &folder_hash)?;
        }
        summary.folder_hash = folder_hash;
        Ok(summary)
    })
}

/// `serve`'s start-up step: loads `root` when its hash differs from the one stored. Returns
/// `None` when the folder is absent or unchanged.
pub fn load_if_changed(
    conn: &mut DbConnection,
    root: &Path,
) -> Result<Option<LoadSummary>, LoadError> {
    if !root.is_dir() {
        return Ok(None);
    }
    let hash = folder_hash(root)?;
    if app_meta::get(conn, CONTENT_HASH_KEY)?.as_deref() == Some(hash.as_str()) {
        return Ok(None);
    }
    load(conn, root).map(Some)
}

fn store(conn: &mut DbConnection, bank: &Bank) -> Result<LoadSummary, LoadError> {
    let now = models::now();
    let mut module_rows = Vec::new();
    let mut lesson_rows = Vec::new();
    let mut media_rows = Vec::new();
    for (position, content) in bank.modules.iter().enumerate() {
        // `content check` passed, so every module has a valid manifest.
        let Some(module) = &content.module else {
            continue;
        };
        module_rows.push(module_row(module, position, now));
        lesson_rows.extend(lesson_rows_of(content, module, now));
        media_rows.extend(media_rows_of(content, module)?);
    }
    let modules = curriculum::upsert_modules(conn, &module_rows)?;
    let lessons = curriculum::upsert_lessons(conn, &lesson_rows)?;
    let media = curriculum::upsert_media(conn, &media_rows)?;

    let paths: Vec<Vec<String>> = bank
        .modules
        .iter()
        .filter_map(|c| c.module.as_ref())
        .map(|m| vec![BANK_CATEGORY.to_string(), m.id.to_string()])
        .collect();
    let (categories, _) = question::ensure_categories(conn, &paths, now)?;
    let mut incoming = Vec::new();
    for content in &bank.modules {
        let Some(module) = &content.module else {
            continue;
        };
        let path = vec![BANK_CATEGORY.to_string(), module.id.to_string()];
        let Some(category_id) = categories.get(&path).copied() else {
            continue;
        };
        for q in &content.questions {
            incoming.push(Incoming {
                category_id,
                key: q.id.to_string(),
                module_id: Some(module.id.to_string()),
                question: &q.question,
            });
        }
    }
    let questions = question::save(conn, &incoming, now, false)?;
    crate::services::search::rebuild(conn)?;
    Ok(LoadSummary {
        modules,
        lessons,
        media,
        questions,
        folder_hash: String::new(),
    })
}

fn module_row(module: &Module, position: usize, now: chrono::NaiveDateTime) -> ModuleRow {
    let audience = json!(module.audience).to_string();
    let prerequisites = json!(
        module
            .prerequisites
            .iter()
            .map(|p| p.module.as_str())
            .collect::<Vec<_>>()
    )
    .to_string();
    let mut assessment = json!({
        "time_limit_minutes": module.assessment.time_limit_minutes,
        "pass_percent": module.assessment.pass_percent.get(),
        "max_attempts": module.assessment.max_attempts,
        "draw": module.assessment.draw.iter().map(|rule| json!({
            "tags": rule.topics.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
            "difficulty": rule.difficulty.map(|d| d.as_str()),
            "count": rule.count,
        })).collect::<Vec<_>>(),
    });
    if let Some(map) = assessment.as_object_mut() {
        module.assessment.options.to_json(map);
    }
    let assessment = assessment.to_string();
    let mut row = ModuleRow {
        id: module.id.to_string(),
        position: i32::try_from(position).unwrap_or(i32::MAX),
        title: module.title.clone(),
        description: module.description.clone(),
        audience,
        grade_first: module.grades.map(|g| i32::from(g.first)),
        grade_last: module.grades.map(|g| i32::from(g.last)),
        core: module.core,
        prerequisites,
        source_note: module.source_note.clone(),
        assessment,
        content_hash: String::new(),
        updated_at: now,
    };
    row.content_hash = sha256_hex(
        json!([
            row.id,
            row.position,
            row.title,
            row.description,
            row.audience,
            row.grade_first,
            row.grade_last,
            row.core,
            row.prerequisites,
            row.source_note,
            row.assessment
        ])
        .to_string()
        .as_bytes(),
    );
    row
}

fn lesson_rows_of(
    content: &ModuleContent,
    module: &Module,
    now: chrono::NaiveDateTime,
) -> Vec<LessonRow> {
    content
        .lessons
        .iter()
        .enumerate()
        .map(|(position, lesson)| {
            let translations = json!(
                lesson
                    .translations
                    .iter()
                    .map(|t| json!({
                        "language": t.language.as_str(),
                        "title": t.title,
                        "minutes": t.minutes,
                        "file": t.file.to_string_lossy(),
                        "review_pending": t.review_pending,
                        "body": t.body,
                    }))
                    .collect::<Vec<_>>()
            )
            .to_string();
            let mut row = LessonRow {
                id: lesson.id.to_string(),
                module_id: module.id.to_string(),
                position: i32::try_from(position).unwrap_or(i32::MAX),
                title: lesson.title.clone(),
                minutes: i32::try_from(lesson.minutes).unwrap_or(i32::MAX),
                language: "vi".to_string(),
                required: lesson.required,
                file: lesson.file.to_string_lossy().into_owned(),
                body: lesson.body.clone(),
                translations,
                content_hash: String::new(),
                updated_at: now,
            };
            row.content_hash = sha256_hex(
                json!([
                    row.id,
                    row.module_id,
                    row.position,
                    row.title,
                    row.minutes,
                    row.language,
                    row.required,
                    row.file,
                    row.body,
                    row.translations
                ])
                .to_string()
                .as_bytes(),
            );
            row
        })
        .collect()
}

/// Every file under the module's `lessons/` folder that is not a lesson (images, mostly).
fn media_rows_of(content: &ModuleContent, module: &Module) -> std::io::Result<Vec<MediaRow>> {
    let lessons_dir = content.dir.join("lessons");
    let mut files = Vec::new();
    if lessons_dir.is_dir() {
        collect_files(&lessons_dir, &mut files)?;
    }
    files.sort();
    let mut rows = Vec::new();
    for file in files {
        let extension = file
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let hidden = file
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if extension == "md" || hidden {
            continue;
        }
        let data = fs::read(&file)?;
        let path = file
            .strip_prefix(&content.dir)
            .unwrap_or(&file)
            .to_string_lossy()
            .replace('\\', "/");
        rows.push(MediaRow {
            module_id: module.id.to_string(),
            path,
            media_type: media_type(&extension).to_string(),
            content_hash: sha256_hex(&data),
            data,
        });
    }
    Ok(rows)
}

fn media_type(extension: &str) -> &'static str {
    match extension {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}
