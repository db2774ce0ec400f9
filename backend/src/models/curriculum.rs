//! `modules`, `lessons` and `lesson_media`: the curriculum as `hocdvc content load` stores it
//! from `question-bank/`. Rows are keyed by the ids the bank gives them and carry the hash of
//! their content, so a re-load compares hashes and writes only what changed.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::schema::{lesson_media, lessons, modules};

#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = modules, treat_none_as_default_value = false, treat_none_as_null = true)]
pub struct ModuleRow {
    pub id: String,
    pub position: i32,
    pub title: String,
    pub description: Option<String>,
    /// JSON array of audience codes.
    pub audience: String,
    pub grade_first: Option<i32>,
    pub grade_last: Option<i32>,
    pub core: bool,
    /// JSON array of module ids.
    pub prerequisites: String,
    pub source_note: Option<String>,
    /// JSON object: time limit, pass mark, attempts, draw rules.
    pub assessment: String,
    pub content_hash: String,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = lessons, treat_none_as_default_value = false, treat_none_as_null = true)]
pub struct LessonRow {
    pub id: String,
    pub module_id: String,
    pub position: i32,
    pub title: String,
    pub minutes: i32,
    pub language: String,
    pub required: bool,
    /// Path inside the module folder.
    pub file: String,
    /// Markdown.
    pub body: String,
    /// JSON array of translations: language, title, minutes, file, review_pending, body.
    pub translations: String,
    pub content_hash: String,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = lesson_media, treat_none_as_default_value = false)]
pub struct MediaRow {
    pub module_id: String,
    /// Path inside the module folder, e.g. `lessons/images/buoc-1.png`.
    pub path: String,
    pub media_type: String,
    pub data: Vec<u8>,
    pub content_hash: String,
}

/// How a set of rows compared with the stored ones.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Upserted {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
}

impl Upserted {
    fn count(&mut self, stored: Option<&String>, hash: &str) -> Change {
        match stored {
            None => {
                self.created += 1;
                Change::Insert
            }
            Some(old) if old != hash => {
                self.updated += 1;
                Change::Update
            }
            Some(_) => {
                self.unchanged += 1;
                Change::Keep
            }
        }
    }
}

enum Change {
    Insert,
    Update,
    Keep,
}

/// Inserts new modules and rewrites those whose hash changed.
pub fn upsert_modules(conn: &mut DbConnection, rows: &[ModuleRow]) -> QueryResult<Upserted> {
    let stored: HashMap<String, String> = modules::table
        .select((modules::id, modules::content_hash))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect();
    let mut result = Upserted::default();
    for row in rows {
        match result.count(stored.get(&row.id), &row.content_hash) {
            Change::Insert => {
                diesel::insert_into(modules::table)
                    .values(row)
                    .execute(conn)?;
            }
            Change::Update => {
                diesel::update(modules::table.find(&row.id))
                    .set(row)
                    .execute(conn)?;
            }
            Change::Keep => {}
        }
    }
    Ok(result)
}

/// Inserts new lessons and rewrites those whose hash changed (a lesson may move module).
pub fn upsert_lessons(conn: &mut DbConnection, rows: &[LessonRow]) -> QueryResult<Upserted> {
    let stored: HashMap<String, String> = lessons::table
        .select((lessons::id, lessons::content_hash))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect();
    let mut result = Upserted::default();
    for row in rows {
        match result.count(stored.get(&row.id), &row.content_hash) {
            Change::Insert => {
                diesel::insert_into(lessons::table)
                    .values(row)
                    .execute(conn)?;
            }
            Change::Update => {
                diesel::update(lessons::table.find(&row.id))
                    .set(row)
                    .execute(conn)?;
            }
            Change::Keep => {}
        }
    }
    Ok(result)
}

/// Inserts new media files and rewrites those whose bytes changed.
pub fn upsert_media(conn: &mut DbConnection, rows: &[MediaRow]) -> QueryResult<Upserted> {
    let stored: HashMap<(String, String), String> = lesson_media::table
        .select((
            lesson_media::module_id,
            lesson_media::path,
            lesson_media::content_hash,
        ))
        .load::<(String, String, String)>(conn)?
        .into_iter()
        .map(|(m, p, h)| ((m, p), h))
        .collect();
    let mut result = Upserted::default();
    for row in rows {
        let key = (row.module_id.clone(), row.path.clone());
        match result.count(stored.get(&key), &row.content_hash) {
            Change::Insert => {
                diesel::insert_into(lesson_media::table)
                    .values(row)
                    .execute(conn)?;
            }
            Change::Update => {
                diesel::update(lesson_media::table.find((&row.module_id, &row.path)))
                    .set(row)
                    .execute(conn)?;
            }
            Change::Keep => {}
        }
    }
    Ok(result)
}

/// The lesson ids of a module, in learning order.
pub fn lesson_ids(conn: &mut DbConnection, module_id: &str) -> QueryResult<Vec<String>> {
    lessons::table
        .filter(lessons::module_id.eq(module_id))
        .order(lessons::position)
        .select(lessons::id)
        .load(conn)
}

/// How many modules and lessons are stored.
pub fn counts(conn: &mut DbConnection) -> QueryResult<(i64, i64)> {
    let modules: i64 = modules::table.count().get_result(conn)?;
    let lessons: i64 = lessons::table.count().get_result(conn)?;
    Ok((modules, lessons))
}

/// A module as the lesson player lists it.
#[derive(Debug, Clone, Queryable)]
pub struct ModuleListing {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    /// JSON array of audience codes.
    pub audience: String,
    pub core: bool,
}

/// A lesson without its body, for lists and previous/next.
#[derive(Debug, Clone, Queryable)]
pub struct LessonListing {
    pub id: String,
    pub module_id: String,
    pub title: String,
    pub minutes: i32,
    pub required: bool,
}

/// A lesson with what it takes to render it.
#[derive(Debug, Clone, Queryable)]
pub struct LessonContent {
    pub id: String,
    pub module_id: String,
    pub title: String,
    pub minutes: i32,
    pub language: String,
    /// Path inside the module folder (images resolve relative to it).
    pub file: String,
    pub body: String,
    pub translations: String,
}

/// Every module, in the bank's order.
pub fn module_listings(conn: &mut DbConnection) -> QueryResult<Vec<ModuleListing>> {
    modules::table
        .order((modules::position, modules::id))
        .select((
            modules::id,
            modules::title,
            modules::description,
            modules::audience,
            modules::core,
        ))
        .load(conn)
}

/// Lessons (without bodies) of the given modules, in learning order within each module.
pub fn lesson_listings(
    conn: &mut DbConnection,
    module_ids: &[String],
) -> QueryResult<Vec<LessonListing>> {
    lessons::table
        .filter(lessons::module_id.eq_any(module_ids))
        .order((lessons::module_id, lessons::position))
        .select((
            lessons::id,
            lessons::module_id,
            lessons::title,
            lessons::minutes,
            lessons::required,
        ))
        .load(conn)
}

pub fn lesson_content(conn: &mut DbConnection, id: &str) -> QueryResult<Option<LessonContent>> {
    lessons::table
        .find(id)
        .select((
            lessons::id,
            lessons::module_id,
            lessons::title,
            lessons::minutes,
            lessons::language,
            lessons::file,
            lessons::body,
            lessons::translations,
        ))
        .first(conn)
        .optional()
}

/// The module of a lesson, or `None` for an unknown lesson.
pub fn lesson_module(conn: &mut DbConnection, lesson_id: &str) -> QueryResult<Option<String>> {
    lessons::table
        .find(lesson_id)
        .select(lessons::module_id)
        .first(conn)
        .optional()
}

/// A media file's type and bytes.
pub fn media(
    conn: &mut DbConnection,
    module_id: &str,
    path: &str,
) -> QueryResult<Option<(String, Vec<u8>)>> {
    lesson_media::table
        .find((module_id, path))
        .select((lesson_media::media_type, lesson_media::data))
        .first(conn)
        .optional()
}

/// A lesson's words as the search index reads them.
#[derive(Debug, Clone, Queryable)]
pub struct LessonText {
    pub id: String,
    pub module_id: String,
    pub module_title: String,
    pub title: String,
    /// Markdown.
    pub body: String,
}

/// Every lesson with its module's title, for the search index.
pub fn lessons_for_search(conn: &mut DbConnection) -> QueryResult<Vec<LessonText>> {
    lessons::table
        .inner_join(modules::table)
        .select((
            lessons::id,
            lessons::module_id,
            modules::title,
            lessons::title,
            lessons::body,
        ))
        .load(conn)
}
