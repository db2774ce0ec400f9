//! Lesson files: the front matter between two `---` lines (id, title, minutes, language and,
//! for translations, the review mark), and the local files a lesson's Markdown points at
//! (images and links), found with the same Markdown parser that renders lessons.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};

use super::problem::{Problems, line_at};
use super::vocabulary::{ContentId, Language};

/// The only value of `review`: a translation waits for a native speaker's review.
pub const REVIEW_PENDING: &str = "native-review-needed";

/// Longest lesson the format accepts; the README asks for 5–15 minutes.
const MAX_MINUTES: u32 = 240;

/// A Vietnamese lesson with its translations, validated.
#[derive(Debug, Clone)]
pub struct Lesson {
    pub id: ContentId,
    pub id_line: usize,
    pub title: String,
    pub minutes: u32,
    /// Path inside the module folder.
    pub file: PathBuf,
    pub required: bool,
    pub body: String,
    pub translations: Vec<Translation>,
}

#[derive(Debug, Clone)]
pub struct Translation {
    pub language: Language,
    pub title: String,
    pub minutes: u32,
    pub file: PathBuf,
    /// Still marked `review: native-review-needed`.
    pub review_pending: bool,
    pub body: String,
}

/// A lesson file's front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    pub id: ContentId,
    /// The line of `id:`, where a duplicate id is reported.
    pub id_line: usize,
    pub title: String,
    pub minutes: u32,
    pub language: Language,
    pub review_pending: bool,
}

/// A lesson file split into its validated front matter (when valid) and its Markdown.
#[derive(Debug, Clone)]
pub struct LessonText {
    pub front: Option<FrontMatter>,
    pub body: String,
    /// Images and links to local files, with the line they are on.
    pub local_targets: Vec<LocalTarget>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalTarget {
    pub image: bool,
    /// The path as written, without `#fragment` or `?query`.
    pub target: String,
    pub line: usize,
}

/// The language of a translation file (`x.km.md`, `x.en.md`), `None` for a lesson.
pub fn translation_language(path: &Path) -> Option<Language> {
    let name = path.file_name()?.to_str()?;
    [Language::Km, Language::En]
        .into_iter()
        .find(|language| name.ends_with(&format!(".{}.md", language.as_str())))
}

/// The Vietnamese lesson a translation sits beside: `x.km.md` → `x.md`.
pub fn original_of(translation: &Path, language: Language) -> Option<PathBuf> {
    let name = translation.file_name()?.to_str()?;
    let stem = name.strip_suffix(&format!(".{}.md", language.as_str()))?;
    Some(translation.with_file_name(format!("{stem}.md")))
}

/// The translation of `lesson` into `language`: `x.md` → `x.km.md`.
pub fn translation_path(lesson: &Path, language: Language) -> Option<PathBuf> {
    let name = lesson.file_name()?.to_str()?;
    let stem = name.strip_suffix(".md")?;
    Some(lesson.with_file_name(format!("{stem}.{}.md", language.as_str())))
}

/// Reads a lesson file, reporting every problem of its front matter and Markdown.
pub fn parse_lesson(text: &str, file: &Path, problems: &mut Problems) -> LessonText {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let (front, body_start) = front_matter(text, file, problems);
    let body = text.get(body_start..).unwrap_or("");
    if body.trim().is_empty() && body_start > 0 {
        problems.at(
            file,
            line_at(text, body_start),
            "Bài học chưa có nội dung sau phần đầu.",
        );
    }
    let local_targets = markdown_targets(text, body_start, file, problems);
    LessonText {
        front,
        body: body.to_string(),
        local_targets,
    }
}

/// Parses the front matter; returns it when valid, and the byte offset where the Markdown
/// starts (0 when there is no front matter to skip).
fn front_matter(text: &str, file: &Path, problems: &mut Problems) -> (Option<FrontMatter>, usize) {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    let opens = first.trim_end() == "---";
    if !opens {
        problems.at(
            file,
            1,
            "Bài học phải bắt đầu bằng phần đầu (front matter) giữa hai dòng ---, gồm id, \
             title, minutes và language.",
        );
        return (None, 0);
    }

    let mut offset = first.len();
    let mut fields: HashMap<&str, (String, usize)> = HashMap::new();
    let mut closed_at = None;
    let mut valid = true;
    for (index, raw) in lines.enumerate() {
        let line_no = index + 2;
        offset += raw.len();
        let line = raw.trim();
        if line == "---" {
            closed_at = Some(offset);
            break;
        }
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            problems.at(
                file,
                line_no,
                format!("Dòng «{line}» trong phần đầu phải có dạng khóa: giá trị."),
            );
            valid = false;
            continue;
        };
        let key = key.trim();
        let known = ["id", "title", "minutes", "language", "review"];
        let Some(key) = known.into_iter().find(|k| *k == key) else {
            problems.at(
                file,
                line_no,
                format!(
                    "Khóa «{key}» không có trong phần đầu bài học; chỉ dùng: {}.",
                    known.join(", ")
                ),
            );
            valid = false;
            continue;
        };
        if let Some((_, first)) = fields.get(key) {
            problems.at(file, line_no, format!("Khóa «{key}» đã có ở dòng {first}."));
            valid = false;
            continue;
        }
        fields.insert(key, (unquote(value.trim()).to_string(), line_no));
    }
    let Some(body_start) = closed_at else {
        problems.at(
            file,
            1,
            "Phần đầu bài học chưa được đóng: thêm một dòng --- sau các dòng id, title, minutes, \
             language.",
        );
        return (None, 0);
    };

    let mut field = |key: &str| -> Option<(String, usize)> {
        let found = fields.get(key).cloned();
        if found.is_none() {
            problems.at(file, 1, format!("Phần đầu bài học thiếu khóa «{key}»."));
        }
        found
    };
    let id = field("id");
    let title = field("title");
    let minutes = field("minutes");
    let language = field("language");

    let id = id.and_then(|(value, line)| {
        ContentId::parse(&value)
            .map(|id| (id, line))
            .map_err(|message| problems.at(file, line, message))
            .ok()
    });
    let title = title.and_then(|(value, line)| {
        if value.is_empty() {
            problems.at(file, line, "Tên bài (title) đang để trống.");
            None
        } else {
            Some(value)
        }
    });
    let minutes = minutes.and_then(|(value, line)| match value.parse::<u32>() {
        Ok(m) if (1..=MAX_MINUTES).contains(&m) => Some(m),
        _ => {
            problems.at(
                file,
                line,
                format!(
                    "minutes: «{value}» không hợp lệ: ghi số phút ước tính để học bài, một số \
                     nguyên từ 1 đến {MAX_MINUTES} (ví dụ 10)."
                ),
            );
            None
        }
    });
    let language = language.and_then(|(value, line)| {
        Language::parse(&value)
            .map_err(|message| problems.at(file, line, message))
            .ok()
    });
    let review_pending = match fields.get("review") {
        None => Some(false),
        Some((value, _)) if value == REVIEW_PENDING => Some(true),
        Some((value, line)) => {
            problems.at(
                file,
                *line,
                format!(
                    "review: «{value}» không hợp lệ: bản dịch chưa duyệt ghi «review: \
                     {REVIEW_PENDING}»; khi người bản ngữ đã duyệt thì xóa dòng này."
                ),
            );
            None
        }
    };

    let front = match (id, title, minutes, language, review_pending) {
        (Some((id, id_line)), Some(title), Some(minutes), Some(language), Some(review_pending))
            if valid =>
        {
            Some(FrontMatter {
                id,
                id_line,
                title,
                minutes,
                language,
                review_pending,
            })
        }
        _ => None,
    };
    (front, body_start)
}

fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = value
            .strip_prefix(quote)
            .and_then(|v| v.strip_suffix(quote))
        {
            return inner;
        }
    }
    value
}

/// Images and links to local files in the Markdown starting at `body_start`; raw HTML is
/// reported, since the lesson player strips it.
fn markdown_targets(
    text: &str,
    body_start: usize,
    file: &Path,
    problems: &mut Problems,
) -> Vec<LocalTarget> {
    let body = text.get(body_start..).unwrap_or("");
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut targets = Vec::new();
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let line = line_at(text, body_start + range.start);
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                if is_external(&dest_url) {
                    problems.at(
                        file,
                        line,
                        format!(
                            "Hình «{dest_url}» lấy từ trang web ngoài: hãy tải hình về, đặt cạnh \
                             bài học (ví dụ images/ten-hinh.png) và dẫn tới tệp đó."
                        ),
                    );
                } else {
                    targets.push(LocalTarget {
                        image: true,
                        target: local_part(&dest_url),
                        line,
                    });
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => {
                let local = !matches!(link_type, LinkType::Email)
                    && !is_external(&dest_url)
                    && !dest_url.starts_with('#');
                if local {
                    targets.push(LocalTarget {
                        image: false,
                        target: local_part(&dest_url),
                        line,
                    });
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => problems.at(
                file,
                line,
                "Bài học không dùng HTML (thẻ <…>): trình hiển thị sẽ lọc bỏ; hãy viết bằng \
                 Markdown.",
            ),
            _ => {}
        }
    }
    targets
}

/// A URL with a scheme (`https:`, `mailto:`, `tel:` …) rather than a path.
fn is_external(url: &str) -> bool {
    match url.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && !scheme.contains('/')
        }
        None => false,
    }
}

fn local_part(url: &str) -> String {
    let path = url.split(['#', '?']).next().unwrap_or(url);
    percent_decode(path)
}

fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (b'%', Some(decoded)) => {
                out.push(decoded);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| path.to_string())
}

/// Resolves `target`, written in the lesson at `lesson` (a path inside the module folder),
/// to a path inside the module folder; `None` when it leaves the folder or is absolute.
pub fn resolve_inside_module(lesson: &Path, target: &str) -> Option<PathBuf> {
    let mut resolved: Vec<&std::ffi::OsStr> = lesson
        .parent()
        .map(|dir| {
            dir.components()
                .filter_map(|c| match c {
                    Component::Normal(part) => Some(part),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    for component in Path::new(target).components() {
        match component {
            Component::Normal(part) => resolved.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                resolved.pop()?;
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    (!resolved.is_empty()).then(|| resolved.iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (LessonText, Vec<String>) {
        let mut problems = Problems::default();
        let lesson = parse_lesson(text, Path::new("bai.md"), &mut problems);
        let messages = problems
            .into_sorted()
            .into_iter()
            .map(|p| p.to_string())
            .collect();
        (lesson, messages)
    }

    #[test]
    fn a_complete_front_matter_is_read() {
        let (lesson, problems) = parse(
            "---\nid: thpt-02\ntitle: \"VNeID\"\nminutes: 10\nlanguage: vi\n---\n\nNội dung.\n",
        );
        assert_eq!(problems, Vec::<String>::new());
        let front = lesson.front.unwrap();
        assert_eq!(front.id.as_str(), "thpt-02");
        assert_eq!(front.title, "VNeID");
        assert_eq!(front.minutes, 10);
        assert_eq!(front.language, Language::Vi);
        assert!(!front.review_pending);
        assert_eq!(lesson.body.trim(), "Nội dung.");
    }

    #[test]
    fn each_front_matter_problem_names_its_line() {
        let (lesson, problems) =
            parse("---\nid: Bai_1\ntitle: x\nminutes: mười\nlanguage: fr\nauthor: y\n---\nx\n");
        assert!(lesson.front.is_none());
        assert_eq!(problems.len(), 4, "{problems:#?}");
        assert!(problems[0].starts_with("bai.md, dòng 2: Mã «Bai_1»"));
        assert!(problems[1].starts_with("bai.md, dòng 4: minutes: «mười»"));
        assert!(problems[2].starts_with("bai.md, dòng 5: Ngôn ngữ «fr»"));
        assert!(problems[3].starts_with("bai.md, dòng 6: Khóa «author»"));
    }

    #[test]
    fn local_images_and_links_are_found_with_their_lines() {
        let (lesson, problems) = parse(
            "---\nid: a\ntitle: a\nminutes: 5\nlanguage: vi\n---\n\n![Bước 1](images/buoc%201.png)\n\n\
             [bài sau](02-b.md#muc) [web](https://dichvucong.gov.vn/) [mục](#ghi-nho)\n\n`![x](khong-phai-hinh.png)`\n",
        );
        assert_eq!(problems, Vec::<String>::new());
        assert_eq!(
            lesson.local_targets,
            vec![
                LocalTarget {
                    image: true,
                    target: "images/buoc 1.png".into(),
                    line: 8
                },
                LocalTarget {
                    image: false,
                    target: "02-b.md".into(),
                    line: 10
                },
            ]
        );
    }

    #[test]
    fn paths_resolve_inside_the_module_folder_only() {
        let lesson = Path::new("lessons/01.md");
        assert_eq!(
            resolve_inside_module(lesson, "images/a.png"),
            Some(PathBuf::from("lessons/images/a.png"))
        );
        assert_eq!(
            resolve_inside_module(lesson, "../shared.png"),
            Some(PathBuf::from("shared.png"))
        );
        assert_eq!(resolve_inside_module(lesson, "../../x.png"), None);
        assert_eq!(resolve_inside_module(lesson, "/etc/x.png"), None);
    }

    #[test]
    fn translation_files_are_named_after_their_lesson() {
        let km = Path::new("lessons/01-a.km.md");
        assert_eq!(translation_language(km), Some(Language::Km));
        assert_eq!(translation_language(Path::new("lessons/01-a.md")), None);
        assert_eq!(
            original_of(km, Language::Km),
            Some(PathBuf::from("lessons/01-a.md"))
        );
        assert_eq!(
            translation_path(Path::new("lessons/01-a.md"), Language::En),
            Some(PathBuf::from("lessons/01-a.en.md"))
        );
    }
}
