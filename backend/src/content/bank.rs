//! Loading the whole `question-bank/` folder into typed values: one [`ModuleContent`] per
//! folder of `modules/`, with its validated manifest, lessons (and their translations) and
//! questions. Problems met along the way — within one file or between a file and the files
//! it names — are gathered, never fatal: the checker reports all of them at once.

use std::fs;
use std::path::{Path, PathBuf};

use crate::question_formats::error::decode_utf8;

use super::lesson::{
    Lesson, LessonText, Translation, original_of, parse_lesson, resolve_inside_module,
    translation_language, translation_path,
};
use super::manifest::{LessonRef, Module};
use super::problem::Problems;
use super::questions::{BankQuestion, parse_question_file};
use super::vocabulary::Language;

/// The question bank as read from disk.
#[derive(Debug, Clone, Default)]
pub struct Bank {
    /// In folder-name order.
    pub modules: Vec<ModuleContent>,
}

/// One module folder.
#[derive(Debug, Clone)]
pub struct ModuleContent {
    /// The folder name, which is the module id when the manifest is right.
    pub folder: String,
    /// The folder as shown in problems (`question-bank/modules/thpt-core`).
    pub dir: PathBuf,
    /// `None` when `module.toml` is missing or has problems.
    pub module: Option<Module>,
    /// The lessons whose files and front matter are valid, in manifest order.
    pub lessons: Vec<Lesson>,
    /// The questions that are valid, file by file.
    pub questions: Vec<BankQuestion>,
}

impl ModuleContent {
    pub fn manifest_path(&self) -> PathBuf {
        self.dir.join("module.toml")
    }
}

/// Reads the question bank at `root`.
pub fn load(root: &Path, problems: &mut Problems) -> Bank {
    if !root.is_dir() {
        problems.in_file(
            root,
            "Không tìm thấy thư mục ngân hàng nội dung. Chạy lệnh ở thư mục gốc của dự án, hoặc \
             chỉ đường dẫn bằng --dir.",
        );
        return Bank::default();
    }
    let modules_dir = root.join("modules");
    let Some(entries) = sorted_entries(&modules_dir) else {
        problems.in_file(
            &modules_dir,
            "Không tìm thấy thư mục modules chứa các học phần (xem question-bank/README.md).",
        );
        return Bank::default();
    };
    let mut bank = Bank::default();
    for entry in entries {
        let Some(folder) = entry
            .file_name()
            .and_then(|n| n.to_str())
            .map(str::to_string)
        else {
            problems.in_file(&entry, "Tên thư mục học phần phải là chữ không dấu.");
            continue;
        };
        if folder.starts_with('.') {
            continue;
        }
        if !entry.is_dir() {
            problems.in_file(
                &entry,
                "Thư mục modules chỉ chứa thư mục học phần; hãy chuyển tệp này vào một học phần.",
            );
            continue;
        }
        bank.modules.push(load_module(folder, entry, problems));
    }
    bank
}

fn load_module(folder: String, dir: PathBuf, problems: &mut Problems) -> ModuleContent {
    let manifest = dir.join("module.toml");
    let text = if manifest.is_file() {
        read_text(&manifest, problems)
    } else {
        problems.in_file(
            &manifest,
            "Thư mục học phần thiếu tệp module.toml (thông tin học phần, xem \
             question-bank/README.md, mục 2).",
        );
        None
    };
    let (module, lesson_refs) = match text {
        None => (None, None),
        Some(text) => match Module::parse(&text, &folder, &manifest, problems) {
            Ok(module) => {
                let lessons = module.lessons.clone();
                (Some(module), Some(lessons))
            }
            Err(salvage) => (None, salvage.lessons),
        },
    };

    let mut lessons = Vec::new();
    // Without a readable lesson list, which lessons are missing or unlisted is unknown.
    if let Some(lesson_refs) = &lesson_refs {
        lessons.extend(
            lesson_refs
                .iter()
                .filter_map(|lesson| load_lesson(&dir, &manifest, lesson, problems)),
        );
        report_unlisted_lessons(&dir, lesson_refs, problems);
    }

    let mut questions = Vec::new();
    let questions_dir = dir.join("questions");
    for path in sorted_entries(&questions_dir).unwrap_or_default() {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() || path.extension().is_none_or(|e| e != "gift") {
            problems.in_file(
                &path,
                "Thư mục questions chỉ chứa tệp câu hỏi .gift; tệp này sẽ không được đọc.",
            );
            continue;
        }
        if let Some(text) = read_text(&path, problems) {
            questions.extend(parse_question_file(&text, &path, problems));
        }
    }

    ModuleContent {
        folder,
        dir,
        module,
        lessons,
        questions,
    }
}

fn load_lesson(
    dir: &Path,
    manifest: &Path,
    lesson: &LessonRef,
    problems: &mut Problems,
) -> Option<Lesson> {
    let path = dir.join(&lesson.file);
    if !path.is_file() {
        problems.at(
            manifest,
            lesson.line,
            format!(
                "Không tìm thấy tệp bài học «{}» trong thư mục học phần.",
                lesson.file.display()
            ),
        );
        return None;
    }
    let text = read_text(&path, problems)?;
    let parsed = parse_lesson(&text, &path, problems);
    check_local_targets(dir, &lesson.file, &path, &parsed, problems);

    let mut translations = Vec::new();
    for language in [Language::Km, Language::En] {
        let Some(relative) = translation_path(&lesson.file, language) else {
            continue;
        };
        let translation_file = dir.join(&relative);
        if !translation_file.is_file() {
            continue;
        }
        let Some(text) = read_text(&translation_file, problems) else {
            continue;
        };
        let translated = parse_lesson(&text, &translation_file, problems);
        check_local_targets(dir, &relative, &translation_file, &translated, problems);
        let Some(front) = translated.front else {
            continue;
        };
        let mut valid = true;
        if front.language != language {
            problems.at(
                &translation_file,
                1,
                format!(
                    "Bản dịch tệp .{language}.md phải ghi language: {language} (đang ghi {}).",
                    front.language
                ),
            );
            valid = false;
        }
        if let Some(original) = &parsed.front
            && original.id != front.id
        {
            problems.at(
                &translation_file,
                front.id_line,
                format!(
                    "Bản dịch phải có cùng mã với bài gốc «{}» (đang ghi id: {}).",
                    original.id, front.id
                ),
            );
            valid = false;
        }
        if valid {
            translations.push(Translation {
                language,
                title: front.title,
                minutes: front.minutes,
                file: relative,
                review_pending: front.review_pending,
                body: translated.body,
            });
        }
    }

    let front = parsed.front?;
    if front.language != Language::Vi {
        problems.at(
            &path,
            1,
            format!(
                "Bài gốc viết bằng tiếng Việt, ghi language: vi (đang ghi {}); bản dịch đặt ở tệp \
                 .km.md hoặc .en.md cạnh bài gốc.",
                front.language
            ),
        );
        return None;
    }
    if front.review_pending {
        problems.at(
            &path,
            1,
            "Dòng review chỉ dùng cho bản dịch chờ người bản ngữ duyệt, không dùng cho bài gốc.",
        );
        return None;
    }
    Some(Lesson {
        id: front.id,
        id_line: front.id_line,
        title: front.title,
        minutes: front.minutes,
        file: lesson.file.clone(),
        required: lesson.required,
        body: parsed.body,
        translations,
    })
}

/// Every image and local link of a lesson must name a file inside its module folder.
fn check_local_targets(
    dir: &Path,
    relative: &Path,
    shown: &Path,
    lesson: &LessonText,
    problems: &mut Problems,
) {
    for target in &lesson.local_targets {
        let found = resolve_inside_module(relative, &target.target)
            .is_some_and(|inside| dir.join(inside).is_file());
        if found {
            continue;
        }
        let message = if target.image {
            format!(
                "Không tìm thấy hình «{}»: đặt tệp hình cạnh bài học (đường dẫn tính từ thư mục \
                 của bài, ví dụ images/buoc-1.png) trong thư mục học phần.",
                target.target
            )
        } else {
            format!(
                "Liên kết «{}» không dẫn tới tệp nào trong học phần; liên kết tới trang web phải \
                 ghi đầy đủ https://….",
                target.target
            )
        };
        problems.at(shown, target.line, message);
    }
}

/// Lesson files the manifest does not list would never be shown: say so, and say which
/// translations have no lesson to sit beside.
fn report_unlisted_lessons(dir: &Path, listed: &[LessonRef], problems: &mut Problems) {
    let lessons_dir = dir.join("lessons");
    let is_listed = |relative: &Path| listed.iter().any(|l| l.file == relative);
    for path in sorted_entries(&lessons_dir).unwrap_or_default() {
        let is_markdown = path.extension().is_some_and(|e| e == "md");
        if !path.is_file() || !is_markdown {
            continue;
        }
        let Ok(inside) = path.strip_prefix(dir) else {
            continue;
        };
        match translation_language(inside) {
            Some(language) => {
                let original = original_of(inside, language);
                if !original.as_deref().is_some_and(is_listed) {
                    problems.in_file(
                        &path,
                        format!(
                            "Bản dịch này không có bài gốc «{}» trong module.toml; bản dịch phải \
                             đặt cạnh bài gốc, cùng tên, đuôi .{language}.md.",
                            original
                                .as_deref()
                                .and_then(Path::file_name)
                                .map(|n| n.to_string_lossy().into_owned())
                                .unwrap_or_default()
                        ),
                    );
                }
            }
            None if !is_listed(inside) => problems.in_file(
                &path,
                "Bài học này chưa được ghi trong module.toml ([[lessons]] file = …) nên sẽ không \
                 hiện cho người học.",
            ),
            None => {}
        }
    }
}

/// The entries of `dir` sorted by name, or `None` when it is not a readable folder.
fn sorted_entries(dir: &Path) -> Option<Vec<PathBuf>> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .ok()?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    Some(entries)
}

/// Reads a UTF-8 text file, reporting a missing file or another encoding.
fn read_text(path: &Path, problems: &mut Problems) -> Option<String> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            problems.in_file(path, "Không tìm thấy tệp này.");
            return None;
        }
        Err(err) => {
            problems.in_file(path, format!("Không đọc được tệp: {err}."));
            return None;
        }
    };
    let label = path.display().to_string();
    match decode_utf8(&bytes, &label) {
        Ok(text) => Some(text),
        Err(errors) => {
            for error in errors {
                problems.at(path, error.line, error.message);
            }
            None
        }
    }
}
