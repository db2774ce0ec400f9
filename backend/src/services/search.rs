//! Search across lessons and questions that ignores Vietnamese diacritics: building the folded
//! index (`content load` rebuilds it, a question import refreshes its questions) and answering
//! `GET /api/search`. A learner finds the lessons of the modules their audience may study (the
//! lesson player's gate); content authors (whoever may import questions) also find questions.

use hocdvc_api::search::SEARCH_LIMIT;
use hocdvc_api::{LessonHit, QuestionHit, SearchResults};
use pulldown_cmark::{Event, Options, Parser, TagEnd};

use crate::db::DbConnection;
use crate::domain::text;
use crate::error::{AppError, AppResult};
use crate::models::curriculum;
use crate::models::question;
use crate::models::search::{self, EntryRow, MatchIn};
use crate::services::auth::Principal;
use crate::services::gate::{self, Permission};
use crate::services::lessons;

/// Shortest query, in characters (after folding): one letter would match nearly everything.
pub const QUERY_MIN: usize = 2;
/// Longest query, in characters.
pub const QUERY_MAX: usize = 100;
/// Length of a result's snippet, in characters.
const SNIPPET_WIDTH: usize = 160;

/// A lesson's Markdown as plain text: the words a reader sees, blocks separated by spaces.
pub fn markdown_plain(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock,
            ) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn lesson_row(
    id: String,
    module_id: String,
    module_title: String,
    title: String,
    body: &str,
) -> EntryRow {
    let plain = markdown_plain(body);
    EntryRow {
        kind: search::LESSON.to_owned(),
        folded_title: text::fold(&title),
        folded_text: text::fold(&plain),
        item_id: id,
        module_id: Some(module_id),
        title,
        detail: module_title,
        plain,
    }
}

fn question_row(source: question::SearchSource) -> EntryRow {
    let plain = text::html_to_plain(&source.text);
    let title = source.name.clone().unwrap_or_else(|| source.key.clone());
    let folded_title = text::fold(&format!("{} {}", source.key, title));
    let folded_text = text::fold(&format!(
        "{plain} {} {} {}",
        source.qtype, source.category, source.key
    ));
    EntryRow {
        kind: search::QUESTION.to_owned(),
        item_id: source.question_id.to_string(),
        module_id: None,
        title,
        detail: format!("{}|{}|{}", source.qtype, source.category, source.key),
        plain,
        folded_title,
        folded_text,
    }
}

/// Rewrites the whole index from the lessons and the current question versions (`content
/// load`, inside its transaction).
pub fn rebuild(conn: &mut DbConnection) -> diesel::QueryResult<()> {
    let lessons: Vec<EntryRow> = curriculum::lessons_for_search(conn)?
        .into_iter()
        .map(|l| lesson_row(l.id, l.module_id, l.module_title, l.title, &l.body))
        .collect();
    search::replace_kind(conn, search::LESSON, &lessons)?;
    let questions: Vec<EntryRow> = question::search_sources(conn, None)?
        .into_iter()
        .map(question_row)
        .collect();
    search::replace_kind(conn, search::QUESTION, &questions)
}

/// Refreshes the index rows of the questions in `category_ids` (after an import).
pub fn index_questions(conn: &mut DbConnection, category_ids: &[i32]) -> diesel::QueryResult<()> {
    let rows: Vec<EntryRow> = question::search_sources(conn, Some(category_ids))?
        .into_iter()
        .map(question_row)
        .collect();
    search::replace_items(conn, search::QUESTION, &rows)
}

/// The query folded, or a Vietnamese message naming the field.
pub fn parse_query(raw: &str) -> AppResult<String> {
    let folded = text::fold(raw);
    let length = folded.chars().count();
    if length < QUERY_MIN {
        return Err(AppError::Validation(format!(
            "Từ khóa tìm kiếm (q) cần ít nhất {QUERY_MIN} ký tự."
        )));
    }
    if length > QUERY_MAX {
        return Err(AppError::Validation(format!(
            "Từ khóa tìm kiếm (q) dài quá {QUERY_MAX} ký tự."
        )));
    }
    Ok(folded)
}

/// `GET /api/search?q=…`: title matches first, then text matches, each list at most
/// [`SEARCH_LIMIT`] long.
pub fn search(
    conn: &mut DbConnection,
    principal: &Principal,
    raw: &str,
) -> AppResult<SearchResults> {
    let needle = parse_query(raw)?;
    let pattern = text::like_contains(&needle);
    let limit = SEARCH_LIMIT as i64 + 1;
    let modules = lessons::open_module_ids(conn, principal)?;
    let mut truncated = false;

    let mut lesson_hits = Vec::new();
    for (place, title_match) in [(MatchIn::Title, true), (MatchIn::TextOnly, false)] {
        let room = SEARCH_LIMIT.saturating_sub(lesson_hits.len());
        let found = search::find(conn, search::LESSON, &pattern, Some(&modules), place, limit)?;
        if found.len() > room {
            truncated = true;
        }
        lesson_hits.extend(found.into_iter().take(room).map(|e| LessonHit {
            snippet: text::snippet_around(&e.plain, &needle, SNIPPET_WIDTH),
            lesson_id: e.item_id,
            title: e.title,
            module_id: e.module_id.unwrap_or_default(),
            module_title: e.detail,
            title_match,
        }));
    }

    let mut question_hits = Vec::new();
    if gate::may_anywhere(principal, Permission::ImportQuestions) {
        for place in [MatchIn::Title, MatchIn::TextOnly] {
            let room = SEARCH_LIMIT.saturating_sub(question_hits.len());
            let found = search::find(conn, search::QUESTION, &pattern, None, place, limit)?;
            if found.len() > room {
                truncated = true;
            }
            question_hits.extend(found.into_iter().take(room).map(|e| {
                let mut detail = e.detail.splitn(3, '|');
                let question_type = detail.next().unwrap_or_default().to_owned();
                let category = detail.next().unwrap_or_default().to_owned();
                let bank_id = detail.next().unwrap_or_default().to_owned();
                QuestionHit {
                    question_id: e.item_id.parse().unwrap_or_default(),
                    snippet: text::snippet_around(&e.plain, &needle, SNIPPET_WIDTH),
                    bank_id,
                    category,
                    question_type,
                }
            }));
        }
    }
    Ok(SearchResults {
        query: text::clean(raw),
        lessons: lesson_hits,
        questions: question_hits,
        truncated,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_the_words_a_reader_sees() {
        let plain =
            markdown_plain("# Thủ tục\n\nBước **một**: mở [Cổng](https://x.vn).\n\n- a\n- b\n");
        assert_eq!(plain, "Thủ tục Bước một: mở Cổng. a b");
    }

    #[test]
    fn a_query_shorter_than_two_characters_is_refused_in_vietnamese() {
        let err = parse_query(" đ ").unwrap_err();
        assert!(
            err.message().contains("ít nhất 2 ký tự"),
            "{}",
            err.message()
        );
        assert_eq!(parse_query("Thủ Tục").unwrap(), "thu tuc");
    }
}
