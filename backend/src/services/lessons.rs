//! The lesson player: which modules a learner may open (asked of the gate), their lessons with
//! the learner's progress, and a lesson's Markdown rendered to HTML that is safe to insert into
//! the page whatever an author (or an imported file) wrote.

use std::collections::HashMap;

use hocdvc_api::{
    LessonDone, LessonLanguage, LessonProgress, LessonSummary, LessonView, ModuleDetail,
    ModuleSummary,
};
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};
use serde::Deserialize;

use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::models::curriculum::{self, LessonListing, ModuleListing};
use crate::models::{self, progress};
use crate::services::auth::Principal;
use crate::services::{completion, gate};

/// The modules open to the principal, in the bank's order.
fn open_modules(conn: &mut DbConnection, principal: &Principal) -> AppResult<Vec<ModuleListing>> {
    let audiences = gate::learner_audiences(conn, principal)?;
    Ok(curriculum::module_listings(conn)?
        .into_iter()
        .filter(|m| audiences.admits(&audience_of(m)))
        .collect())
}

/// One open module, or 404 (an unknown module and a closed one answer alike).
fn open_module(
    conn: &mut DbConnection,
    principal: &Principal,
    module_id: &str,
) -> AppResult<ModuleListing> {
    open_modules(conn, principal)?
        .into_iter()
        .find(|m| m.id == module_id)
        .ok_or(AppError::NotFound)
}

/// The ids of the modules open to the principal (the search's audience filter).
pub fn open_module_ids(conn: &mut DbConnection, principal: &Principal) -> AppResult<Vec<String>> {
    Ok(open_modules(conn, principal)?
        .into_iter()
        .map(|m| m.id)
        .collect())
}

/// The module of a lesson open to the principal, or 404 (unknown and closed answer alike).
pub fn open_lesson_module(
    conn: &mut DbConnection,
    principal: &Principal,
    lesson_id: &str,
) -> AppResult<String> {
    let module_id = curriculum::lesson_module(conn, lesson_id)?.ok_or(AppError::NotFound)?;
    open_module(conn, principal, &module_id)?;
    Ok(module_id)
}

fn audience_of(module: &ModuleListing) -> Vec<String> {
    serde_json::from_str(&module.audience).unwrap_or_default()
}

fn summary(module: ModuleListing, lessons: &[LessonListing], done: &[bool]) -> ModuleSummary {
    let audience = audience_of(&module);
    ModuleSummary {
        audience,
        id: module.id,
        title: module.title,
        description: module.description,
        core: module.core,
        lesson_count: lessons.len() as i64,
        minutes: lessons.iter().map(|l| i64::from(l.minutes)).sum(),
        progress: LessonProgress {
            done: done.iter().filter(|d| **d).count() as i64,
            total: lessons.len() as i64,
        },
    }
}

/// `GET /api/modules`.
pub fn list_modules(
    conn: &mut DbConnection,
    principal: &Principal,
) -> AppResult<Vec<ModuleSummary>> {
    let modules = open_modules(conn, principal)?;
    let ids: Vec<String> = modules.iter().map(|m| m.id.clone()).collect();
    let lessons = curriculum::lesson_listings(conn, &ids)?;
    let lesson_ids: Vec<String> = lessons.iter().map(|l| l.id.clone()).collect();
    let done = progress::done_among(conn, principal.user.id, &lesson_ids)?;
    let mut by_module: HashMap<String, Vec<LessonListing>> = HashMap::new();
    for lesson in lessons {
        by_module
            .entry(lesson.module_id.clone())
            .or_default()
            .push(lesson);
    }
    Ok(modules
        .into_iter()
        .map(|m| {
            let lessons = by_module.remove(&m.id).unwrap_or_default();
            let flags: Vec<bool> = lessons.iter().map(|l| done.contains(&l.id)).collect();
            summary(m, &lessons, &flags)
        })
        .collect())
}

/// `GET /api/modules/{id}`.
pub fn module_detail(
    conn: &mut DbConnection,
    principal: &Principal,
    module_id: &str,
) -> AppResult<ModuleDetail> {
    let module = open_module(conn, principal, module_id)?;
    let lessons = curriculum::lesson_listings(conn, std::slice::from_ref(&module.id))?;
    let ids: Vec<String> = lessons.iter().map(|l| l.id.clone()).collect();
    let done = progress::done_among(conn, principal.user.id, &ids)?;
    let flags: Vec<bool> = lessons.iter().map(|l| done.contains(&l.id)).collect();
    let summaries = lessons
        .iter()
        .zip(&flags)
        .map(|(l, d)| LessonSummary {
            id: l.id.clone(),
            title: l.title.clone(),
            minutes: l.minutes,
            required: l.required,
            done: *d,
        })
        .collect();
    Ok(ModuleDetail {
        module: summary(module, &lessons, &flags),
        lessons: summaries,
    })
}

/// A translation as `content load` stores it in `lessons.translations`.
#[derive(Debug, Deserialize)]
struct Translation {
    language: String,
    title: String,
    minutes: i32,
    #[serde(default)]
    review_pending: bool,
    body: String,
}

/// `GET /api/lessons/{id}?lang=…`: the original unless a stored translation is asked for.
pub fn lesson_view(
    conn: &mut DbConnection,
    principal: &Principal,
    lesson_id: &str,
    lang: Option<&str>,
) -> AppResult<LessonView> {
    let lesson = curriculum::lesson_content(conn, lesson_id)?.ok_or(AppError::NotFound)?;
    let module = open_module(conn, principal, &lesson.module_id)?;
    let siblings = curriculum::lesson_ids(conn, &module.id)?;
    let at = siblings.iter().position(|id| *id == lesson.id);
    let previous = at
        .and_then(|i| i.checked_sub(1))
        .and_then(|i| siblings.get(i).cloned());
    let next = at.and_then(|i| siblings.get(i + 1).cloned());
    let done = !progress::done_among(conn, principal.user.id, std::slice::from_ref(&lesson.id))?
        .is_empty();
    let translations: Vec<Translation> =
        serde_json::from_str(&lesson.translations).unwrap_or_default();
    let mut languages = vec![LessonLanguage {
        code: lesson.language.clone(),
        review_pending: false,
    }];
    languages.extend(translations.iter().map(|t| LessonLanguage {
        code: t.language.clone(),
        review_pending: t.review_pending,
    }));
    let chosen = lang
        .filter(|l| *l != lesson.language)
        .and_then(|l| translations.iter().find(|t| t.language == l));
    let (language, title, minutes, body) = match chosen {
        Some(t) => (
            t.language.clone(),
            t.title.clone(),
            t.minutes,
            t.body.as_str(),
        ),
        None => (
            lesson.language.clone(),
            lesson.title.clone(),
            lesson.minutes,
            lesson.body.as_str(),
        ),
    };
    let html = render_lesson(body, &module.id, &lesson.file);
    Ok(LessonView {
        id: lesson.id,
        module_id: module.id,
        module_title: module.title,
        title,
        minutes,
        language,
        html,
        languages,
        previous,
        next,
        done,
    })
}

/// `POST /api/lessons/{id}/done`: idempotent; records the module's completion when this was
/// the last thing missing.
pub fn mark_done(
    conn: &mut DbConnection,
    principal: &Principal,
    lesson_id: &str,
) -> AppResult<LessonDone> {
    let module_id = curriculum::lesson_module(conn, lesson_id)?.ok_or(AppError::NotFound)?;
    open_module(conn, principal, &module_id)?;
    let now = models::now();
    progress::mark_done(conn, principal.user.id, lesson_id, now)?;
    // A learner who passed the assessment first completes the module with their last lesson.
    completion::record_if_complete(conn, principal.user.id, &module_id, now)?;
    let detail = module_detail(conn, principal, &module_id)?;
    Ok(LessonDone {
        lesson_id: lesson_id.to_owned(),
        module_id,
        progress: detail.module.progress,
    })
}

/// `GET /api/modules/{id}/media/{path}`: a file shipped beside the module's lessons.
pub fn media(
    conn: &mut DbConnection,
    principal: &Principal,
    module_id: &str,
    path: &str,
) -> AppResult<(String, Vec<u8>)> {
    open_module(conn, principal, module_id)?;
    curriculum::media(conn, module_id, path)?.ok_or(AppError::NotFound)
}

/// Markdown → HTML that cannot run script: raw HTML in the Markdown is dropped, images point
/// at the module's media route and load lazily, video links become click-to-load placeholders,
/// and ammonia then keeps only a fixed set of tags, attributes and URL schemes.
pub fn render_lesson(markdown: &str, module_id: &str, lesson_file: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut in_video = false;
    let events = Parser::new_ext(markdown, options).filter_map(|event| match event {
        // Authors write Markdown; any HTML in it is either a mistake or an attack.
        Event::Html(_) | Event::InlineHtml(_) => None,
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Some(Event::Start(Tag::Image {
            link_type,
            dest_url: media_url(&dest_url, module_id, lesson_file),
            title,
            id,
        })),
        Event::Start(Tag::Link { ref dest_url, .. }) => match video_of(dest_url) {
            Some((kind, src)) => {
                in_video = true;
                Some(Event::Html(CowStr::from(format!(
                    "<a class=\"video-placeholder\" href=\"{}\" data-video-kind=\"{kind}\" \
                     data-video-src=\"{}\">▶ ",
                    escape_attr(dest_url),
                    escape_attr(&src)
                ))))
            }
            None => Some(event),
        },
        Event::End(TagEnd::Link) if in_video => {
            in_video = false;
            Some(Event::Html(CowStr::from("</a>")))
        }
        other => Some(other),
    });
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    sanitizer().clean(&html).to_string()
}

fn sanitizer() -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        .add_tag_attributes("a", ["data-video-kind", "data-video-src"])
        .add_allowed_classes("a", ["video-placeholder"])
        .set_tag_attribute_value("img", "loading", "lazy");
    builder
}

/// A relative image path resolved against the lesson's folder, as a media URL; absolute URLs
/// stay as they are (the CSP decides whether they load).
fn media_url<'a>(dest: &str, module_id: &str, lesson_file: &str) -> CowStr<'a> {
    if dest.contains(':') || dest.starts_with('/') || dest.is_empty() {
        return CowStr::from(dest.to_owned());
    }
    let mut parts: Vec<&str> = lesson_file.split('/').collect();
    parts.pop();
    for segment in dest.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    CowStr::from(format!(
        "/api/modules/{module_id}/media/{}",
        parts.join("/")
    ))
}

/// A video link: its kind and what the player loads when the learner asks for it.
fn video_of(url: &str) -> Option<(&'static str, String)> {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.strip_prefix("www.").unwrap_or(host);
    let host = host.strip_prefix("m.").unwrap_or(host);
    // The id keeps its case, so take it from the original URL at the same offset.
    let original_path = &url[url.len() - path.len()..];
    let youtube_id = match host {
        "youtu.be" => Some(original_path.split(['?', '#', '/']).next().unwrap_or("")),
        "youtube.com" if path.starts_with("watch") => original_path
            .split(['?', '&'])
            .find_map(|p| p.strip_prefix("v=")),
        "youtube.com" if path.starts_with("embed/") || path.starts_with("shorts/") => {
            original_path.split('/').nth(1)
        }
        _ => None,
    };
    if let Some(id) = youtube_id {
        let id: &str = id.split(['#', '?', '&']).next().unwrap_or("");
        let valid = id.len() == 11
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        return valid.then(|| {
            (
                "youtube",
                format!("https://www.youtube-nocookie.com/embed/{id}?autoplay=1"),
            )
        });
    }
    if host == "facebook.com" && (path.contains("/videos/") || path.starts_with("watch"))
        || host == "fb.watch"
    {
        return Some(("facebook", url.to_owned()));
    }
    let file = path.split(['?', '#']).next().unwrap_or("");
    if file.ends_with(".mp4") {
        return Some(("mp4", url.to_owned()));
    }
    None
}

fn escape_attr(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::render_lesson;

    fn render(md: &str) -> String {
        render_lesson(md, "thpt-core", "lessons/01-bai.md")
    }

    #[test]
    fn raw_html_and_script_are_removed() {
        let html = render(
            "# Tiêu đề\n\n<script>alert(1)</script>\n\nChữ <b onclick=\"x()\">đậm</b>\n\n<div style=\"color:red\">khối</div>\n",
        );
        assert!(html.contains("<h1>Tiêu đề</h1>"), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("alert"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(!html.contains("style="), "{html}");
        assert!(!html.contains("<div"), "{html}");
    }

    #[test]
    fn event_handlers_on_images_are_removed_and_images_are_lazy_media() {
        let html = render(
            "![Bước 1](images/buoc-1.png \"x\\\" onerror=\\\"alert(1)\")\n\n<img src=x onerror=alert(1)>\n",
        );
        assert!(!html.contains("onerror=\""), "{html}");
        assert!(!html.contains("src=\"x\""), "{html}");
        assert!(
            html.contains("src=\"/api/modules/thpt-core/media/lessons/images/buoc-1.png\""),
            "{html}"
        );
        assert!(html.contains("loading=\"lazy\""), "{html}");
    }

    #[test]
    fn javascript_links_lose_their_target_and_external_links_get_rel() {
        let html = render("[bấm](javascript:alert(1)) và [Cổng](https://dichvucong.gov.vn)\n");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(
            html.contains("href=\"https://dichvucong.gov.vn\" rel=\"noopener noreferrer\""),
            "{html}"
        );
    }

    #[test]
    fn a_youtube_link_becomes_a_click_to_load_placeholder() {
        let html = render("[Video hướng dẫn](https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=5)\n");
        assert!(html.contains("class=\"video-placeholder\""), "{html}");
        assert!(html.contains("data-video-kind=\"youtube\""), "{html}");
        assert!(
            html.contains("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
            "{html}"
        );
        assert!(!html.contains("<iframe"), "{html}");
        let short = render("[v](https://youtu.be/dQw4w9WgXcQ)");
        assert!(short.contains("video-placeholder"), "{short}");
    }

    #[test]
    fn mp4_and_facebook_links_are_placeholders_too() {
        let html = render(
            "[a](https://example.vn/huong-dan.mp4) [b](https://www.facebook.com/ubnd/videos/123)",
        );
        assert!(html.contains("data-video-kind=\"mp4\""), "{html}");
        assert!(html.contains("data-video-kind=\"facebook\""), "{html}");
    }
}
