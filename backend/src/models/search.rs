//! `search_entries`: the search index of lessons and questions, their text folded by the server
//! (lower case, no diacritics, đ → d) so a plain `LIKE` finds "thủ tục" from "thu tuc" on both
//! databases. Rows are written by `content load` and the question import, never per request.

use diesel::prelude::*;

use crate::db::{BULK_ROWS, DbConnection};
use crate::insert_rows;
use crate::schema::search_entries;

/// `kind` of a lesson row; `item_id` is the lesson id.
pub const LESSON: &str = "lesson";
/// `kind` of a question row; `item_id` is the question id as text.
pub const QUESTION: &str = "question";

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = search_entries, treat_none_as_default_value = false)]
pub struct EntryRow {
    pub kind: String,
    pub item_id: String,
    pub module_id: Option<String>,
    pub title: String,
    /// Lessons: the module title; questions: `type|category|bank id`.
    pub detail: String,
    pub plain: String,
    pub folded_title: String,
    pub folded_text: String,
}

/// A row as a search reads it back (the folded columns are only matched, never shown).
#[derive(Debug, Clone, Queryable)]
pub struct Entry {
    pub item_id: String,
    pub module_id: Option<String>,
    pub title: String,
    pub detail: String,
    pub plain: String,
}

/// Replaces every row of `kind` by `rows`.
pub fn replace_kind(conn: &mut DbConnection, kind: &str, rows: &[EntryRow]) -> QueryResult<()> {
    diesel::delete(search_entries::table.filter(search_entries::kind.eq(kind))).execute(conn)?;
    insert_rows!(conn, search_entries::table, rows);
    Ok(())
}

/// Replaces the rows of the items `rows` describe (all of one kind).
pub fn replace_items(conn: &mut DbConnection, kind: &str, rows: &[EntryRow]) -> QueryResult<()> {
    let ids: Vec<&str> = rows.iter().map(|r| r.item_id.as_str()).collect();
    for chunk in ids.chunks(BULK_ROWS) {
        diesel::delete(
            search_entries::table
                .filter(search_entries::kind.eq(kind))
                .filter(search_entries::item_id.eq_any(chunk)),
        )
        .execute(conn)?;
    }
    insert_rows!(conn, search_entries::table, rows);
    Ok(())
}

/// Where a pattern must match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchIn {
    /// The title.
    Title,
    /// The text but not the title (so a title match is not listed twice).
    TextOnly,
}

/// Rows of `kind` whose folded title or text is `LIKE pattern` (`\` escapes), limited to
/// `modules` when given, at most `limit`, by title.
pub fn find(
    conn: &mut DbConnection,
    kind: &str,
    pattern: &str,
    modules: Option<&[String]>,
    place: MatchIn,
    limit: i64,
) -> QueryResult<Vec<Entry>> {
    // One statement per combination: the multi-backend connection has no boxed queries.
    macro_rules! run {
        ($matching:expr) => {{
            let base = search_entries::table
                .filter(search_entries::kind.eq(kind))
                .filter($matching)
                .select((
                    search_entries::item_id,
                    search_entries::module_id,
                    search_entries::title,
                    search_entries::detail,
                    search_entries::plain,
                ))
                .order((search_entries::title, search_entries::item_id))
                .limit(limit);
            match modules {
                Some(modules) => base
                    .filter(search_entries::module_id.eq_any(modules))
                    .load(conn),
                None => base.load(conn),
            }
        }};
    }
    match place {
        MatchIn::Title => run!(search_entries::folded_title.like(pattern).escape('\\')),
        MatchIn::TextOnly => run!(
            search_entries::folded_text
                .like(pattern)
                .escape('\\')
                .and(search_entries::folded_title.not_like(pattern).escape('\\'))
        ),
    }
}
