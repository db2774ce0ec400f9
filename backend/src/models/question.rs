//! `question_categories`, `questions` and `question_versions`: the question bank in the
//! database. A question is a stable identity (its key within its category) pointing at its
//! current version; versions are immutable, so an edit (a different content hash) adds version
//! n + 1 and the older ones stay for the attempts that used them.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use sha2::{Digest, Sha256};

use crate::db::{BULK_ROWS, DbConnection};
use crate::insert_rows;
use crate::question_formats::model::{Question, QuestionKind, TextFormat};
use crate::schema::{question_categories, question_versions, questions};

/// A category path as stored: the names joined by `/`, a `/` inside a name doubled (Moodle's
/// own escaping), so `["Toán/Lý", "Lớp 10"]` is `Toán//Lý/Lớp 10`.
pub fn category_path(names: &[String]) -> String {
    names
        .iter()
        .map(|n| n.replace('/', "//"))
        .collect::<Vec<_>>()
        .join("/")
}

/// Lowercase hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What a version's content hash covers: everything but the category, which belongs to the
/// question, not to its version.
pub fn content_hash(question: &Question) -> String {
    let mut content = question.clone();
    content.category.clear();
    // Serialising plain data (strings, finite numbers, enums) cannot fail; an empty string
    // would only make every load write a new version, never lose one.
    let json = serde_json::to_string(&content).unwrap_or_default();
    sha256_hex(json.as_bytes())
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = question_categories, treat_none_as_default_value = false)]
struct NewCategory<'a> {
    parent_id: Option<i32>,
    name: &'a str,
    path: &'a str,
    created_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct Category {
    pub id: i32,
    pub parent_id: Option<i32>,
    pub name: String,
    pub path: String,
}

/// Every category, in creation order.
pub fn all_categories(conn: &mut DbConnection) -> QueryResult<Vec<Category>> {
    question_categories::table
        .order(question_categories::id)
        .select((
            question_categories::id,
            question_categories::parent_id,
            question_categories::name,
            question_categories::path,
        ))
        .load(conn)
}

/// The id of every category in `paths` (and of their ancestors), creating the missing ones.
/// Returns the ids by path and how many categories were created.
pub fn ensure_categories(
    conn: &mut DbConnection,
    paths: &[Vec<String>],
    now: NaiveDateTime,
) -> QueryResult<(HashMap<Vec<String>, i32>, usize)> {
    let existing: HashMap<String, i32> = all_categories(conn)?
        .into_iter()
        .map(|c| (c.path, c.id))
        .collect();
    let mut ids: HashMap<Vec<String>, i32> = HashMap::new();
    let mut created = 0;
    for path in paths {
        let mut parent: Option<i32> = None;
        for depth in 1..=path.len() {
            let prefix = path.get(..depth).unwrap_or_default().to_vec();
            if let Some(id) = ids.get(&prefix) {
                parent = Some(*id);
                continue;
            }
            let text = category_path(&prefix);
            let id = match existing.get(&text) {
                Some(id) => *id,
                None => {
                    created += 1;
                    let name = prefix.last().map(String::as_str).unwrap_or_default();
                    insert_category(
                        conn,
                        &NewCategory {
                            parent_id: parent,
                            name,
                            path: &text,
                            created_at: now,
                        },
                    )?
                }
            };
            ids.insert(prefix, id);
            parent = Some(id);
        }
    }
    Ok((ids, created))
}

fn insert_category(conn: &mut DbConnection, new: &NewCategory<'_>) -> QueryResult<i32> {
    // MultiConnection has no RETURNING; both concrete connections do.
    let insert = diesel::insert_into(question_categories::table)
        .values(new)
        .returning(question_categories::id);
    match conn {
        DbConnection::Sqlite(c) => insert.get_result(c),
        DbConnection::Postgres(c) => insert.get_result(c),
    }
}

/// The category at `names` and every category below it, as (id, names), parents first.
pub fn subtree(conn: &mut DbConnection, names: &[String]) -> QueryResult<Vec<(i32, Vec<String>)>> {
    let all = all_categories(conn)?;
    let Some(root) = all.iter().find(|c| c.path == category_path(names)) else {
        return Ok(Vec::new());
    };
    let mut found = vec![(root.id, names.to_vec())];
    let mut next = 0;
    while let Some((parent, parent_names)) = found.get(next).cloned() {
        next += 1;
        for child in all.iter().filter(|c| c.parent_id == Some(parent)) {
            let mut child_names = parent_names.clone();
            child_names.push(child.name.clone());
            found.push((child.id, child_names));
        }
    }
    Ok(found)
}

/// One question to store: where, under which key, and what it says now.
#[derive(Debug, Clone)]
pub struct Incoming<'a> {
    pub category_id: i32,
    pub key: String,
    /// The module a bank question belongs to; `None` for imported questions.
    pub module_id: Option<String>,
    pub question: &'a Question,
}

/// What storing a set of questions did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SaveCounts {
    /// New questions (version 1).
    pub created: usize,
    /// Edited questions: a new version became current.
    pub new_versions: usize,
    pub unchanged: usize,
}

impl SaveCounts {
    pub fn writes(&self) -> usize {
        self.created + self.new_versions
    }
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = questions, treat_none_as_default_value = false)]
struct NewQuestion {
    category_id: i32,
    key: String,
    module_id: Option<String>,
    current_version: i32,
    created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = question_versions, treat_none_as_default_value = false)]
struct NewVersion {
    question_id: i32,
    version: i32,
    qtype: String,
    name: Option<String>,
    text: String,
    text_format: String,
    answers: String,
    general_feedback: String,
    idnumber: Option<String>,
    tags: String,
    source: Option<String>,
    content_hash: String,
    created_at: NaiveDateTime,
}

impl NewVersion {
    fn of(
        question_id: i32,
        version: i32,
        q: &Question,
        hash: String,
        now: NaiveDateTime,
    ) -> QueryResult<NewVersion> {
        let json = |e: serde_json::Error| diesel::result::Error::SerializationError(Box::new(e));
        Ok(NewVersion {
            question_id,
            version,
            qtype: q.moodle_type_name().to_string(),
            name: q.name.clone(),
            text: q.text.clone(),
            text_format: q.text_format.gift_name().to_string(),
            answers: serde_json::to_string(&q.kind).map_err(json)?,
            general_feedback: q.general_feedback.clone(),
            idnumber: q.idnumber.clone(),
            tags: serde_json::to_string(&q.tags).map_err(json)?,
            source: q.source.clone(),
            content_hash: hash,
            created_at: now,
        })
    }
}

/// A stored question's identity and current content hash.
#[derive(Debug, Clone, Queryable)]
struct Current {
    id: i32,
    category_id: i32,
    key: String,
    version: i32,
    hash: String,
}

fn current_in(conn: &mut DbConnection, category_ids: &[i32]) -> QueryResult<Vec<Current>> {
    let mut rows = Vec::new();
    for chunk in category_ids.chunks(BULK_ROWS) {
        rows.extend(
            questions::table
                .inner_join(question_versions::table)
                .filter(questions::category_id.eq_any(chunk))
                .filter(question_versions::version.eq(questions::current_version))
                .select((
                    questions::id,
                    questions::category_id,
                    questions::key,
                    questions::current_version,
                    question_versions::content_hash,
                ))
                .load::<Current>(conn)?,
        );
    }
    Ok(rows)
}

/// Stores `incoming`: new keys become questions at version 1, a changed content hash adds a
/// version and makes it current, the same hash writes nothing. With `dry_run`, only counts.
pub fn save(
    conn: &mut DbConnection,
    incoming: &[Incoming<'_>],
    now: NaiveDateTime,
    dry_run: bool,
) -> QueryResult<SaveCounts> {
    let mut category_ids: Vec<i32> = incoming.iter().map(|i| i.category_id).collect();
    category_ids.sort_unstable();
    category_ids.dedup();
    let existing: HashMap<(i32, String), Current> = current_in(conn, &category_ids)?
        .into_iter()
        .map(|c| ((c.category_id, c.key.clone()), c))
        .collect();

    let mut counts = SaveCounts::default();
    let mut new_questions = Vec::new();
    let mut fresh = Vec::new();
    let mut edited = Vec::new();
    for item in incoming {
        let hash = content_hash(item.question);
        match existing.get(&(item.category_id, item.key.clone())) {
            Some(current) if current.hash == hash => counts.unchanged += 1,
            Some(current) => {
                counts.new_versions += 1;
                edited.push((current.id, current.version + 1, item.question, hash));
            }
            None => {
                counts.created += 1;
                new_questions.push(NewQuestion {
                    category_id: item.category_id,
                    key: item.key.clone(),
                    module_id: item.module_id.clone(),
                    current_version: 1,
                    created_at: now,
                });
                fresh.push((item.category_id, item.key.clone(), item.question, hash));
            }
        }
    }
    if dry_run || counts.writes() == 0 {
        return Ok(counts);
    }

    insert_rows!(conn, questions::table, &new_questions);
    let ids: HashMap<(i32, String), i32> = current_ids(conn, &category_ids)?;
    let mut versions = Vec::with_capacity(counts.writes());
    for (category_id, key, question, hash) in fresh {
        let id = ids
            .get(&(category_id, key))
            .copied()
            .ok_or(diesel::result::Error::NotFound)?;
        versions.push(NewVersion::of(id, 1, question, hash, now)?);
    }
    for (id, version, question, hash) in &edited {
        versions.push(NewVersion::of(*id, *version, question, hash.clone(), now)?);
    }
    insert_rows!(conn, question_versions::table, &versions);
    for (id, version, _, _) in &edited {
        diesel::update(questions::table.find(id))
            .set(questions::current_version.eq(version))
            .execute(conn)?;
    }
    Ok(counts)
}

fn current_ids(
    conn: &mut DbConnection,
    category_ids: &[i32],
) -> QueryResult<HashMap<(i32, String), i32>> {
    let mut ids = HashMap::new();
    for chunk in category_ids.chunks(BULK_ROWS) {
        let rows: Vec<(i32, i32, String)> = questions::table
            .filter(questions::category_id.eq_any(chunk))
            .select((questions::id, questions::category_id, questions::key))
            .load(conn)?;
        ids.extend(rows.into_iter().map(|(id, c, k)| ((c, k), id)));
    }
    Ok(ids)
}

/// A stored version, as a [`Question`] again.
#[derive(Debug, Clone, Queryable)]
pub struct StoredVersion {
    pub question_id: i32,
    pub version: i32,
    pub qtype: String,
    pub name: Option<String>,
    pub text: String,
    pub text_format: String,
    pub answers: String,
    pub general_feedback: String,
    pub idnumber: Option<String>,
    pub tags: String,
    pub source: Option<String>,
    pub content_hash: String,
    pub created_at: NaiveDateTime,
}

type VersionColumns = (
    question_versions::question_id,
    question_versions::version,
    question_versions::qtype,
    question_versions::name,
    question_versions::text,
    question_versions::text_format,
    question_versions::answers,
    question_versions::general_feedback,
    question_versions::idnumber,
    question_versions::tags,
    question_versions::source,
    question_versions::content_hash,
    question_versions::created_at,
);

const VERSION_COLUMNS: VersionColumns = (
    question_versions::question_id,
    question_versions::version,
    question_versions::qtype,
    question_versions::name,
    question_versions::text,
    question_versions::text_format,
    question_versions::answers,
    question_versions::general_feedback,
    question_versions::idnumber,
    question_versions::tags,
    question_versions::source,
    question_versions::content_hash,
    question_versions::created_at,
);

impl StoredVersion {
    /// The question this version holds, placed in `category`.
    pub fn to_question(&self, category: Vec<String>) -> QueryResult<Question> {
        let json = |e: serde_json::Error| diesel::result::Error::DeserializationError(Box::new(e));
        let kind: QuestionKind = serde_json::from_str(&self.answers).map_err(json)?;
        let tags: Vec<String> = serde_json::from_str(&self.tags).map_err(json)?;
        Ok(Question {
            name: self.name.clone(),
            text: self.text.clone(),
            text_format: TextFormat::from_gift_name(&self.text_format).unwrap_or_default(),
            general_feedback: self.general_feedback.clone(),
            category,
            idnumber: self.idnumber.clone(),
            tags,
            source: self.source.clone(),
            kind,
        })
    }
}

/// The current version of every question in `category_ids`, in the order the questions were
/// created (file order for an import), with their category id.
pub fn current_versions(
    conn: &mut DbConnection,
    category_ids: &[i32],
) -> QueryResult<Vec<(i32, StoredVersion)>> {
    let mut rows: Vec<(i32, i32, StoredVersion)> = Vec::new();
    for chunk in category_ids.chunks(BULK_ROWS) {
        rows.extend(
            questions::table
                .inner_join(question_versions::table)
                .filter(questions::category_id.eq_any(chunk))
                .filter(question_versions::version.eq(questions::current_version))
                .select((questions::id, questions::category_id, VERSION_COLUMNS))
                .load::<(i32, i32, StoredVersion)>(conn)?,
        );
    }
    rows.sort_by_key(|(id, _, _)| *id);
    Ok(rows.into_iter().map(|(_, c, v)| (c, v)).collect())
}

/// Every version of the questions with `key` (in any category), oldest first.
pub fn versions_by_key(conn: &mut DbConnection, key: &str) -> QueryResult<Vec<StoredVersion>> {
    questions::table
        .inner_join(question_versions::table)
        .filter(questions::key.eq(key))
        .order((questions::id, question_versions::version))
        .select(VERSION_COLUMNS)
        .load(conn)
}

/// How many questions and versions are stored.
pub fn counts(conn: &mut DbConnection) -> QueryResult<(i64, i64)> {
    let questions: i64 = questions::table.count().get_result(conn)?;
    let versions: i64 = question_versions::table.count().get_result(conn)?;
    Ok((questions, versions))
}

/// A question's current version as the search index reads it.
#[derive(Debug, Clone, Queryable)]
pub struct SearchSource {
    pub question_id: i32,
    pub key: String,
    pub category: String,
    pub qtype: String,
    pub name: Option<String>,
    pub text: String,
}

/// The current version of the questions in `category_ids`, or of every question when `None`.
pub fn search_sources(
    conn: &mut DbConnection,
    category_ids: Option<&[i32]>,
) -> QueryResult<Vec<SearchSource>> {
    let select = (
        questions::id,
        questions::key,
        question_categories::path,
        question_versions::qtype,
        question_versions::name,
        question_versions::text,
    );
    let base = questions::table
        .inner_join(question_versions::table)
        .inner_join(question_categories::table)
        .filter(question_versions::version.eq(questions::current_version));
    match category_ids {
        None => base.select(select).load(conn),
        Some(ids) => {
            let mut rows = Vec::new();
            for chunk in ids.chunks(BULK_ROWS) {
                rows.extend(
                    base.filter(questions::category_id.eq_any(chunk))
                        .select(select)
                        .load::<SearchSource>(conn)?,
                );
            }
            Ok(rows)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_paths_double_a_slash_inside_a_name() {
        let names = vec!["Toán/Lý".to_string(), "Lớp 10".to_string()];
        assert_eq!(category_path(&names), "Toán//Lý/Lớp 10");
        assert_eq!(
            crate::question_formats::model::split_category_path(&category_path(&names)),
            names
        );
    }

    #[test]
    fn the_content_hash_ignores_the_category_only() {
        let mut q = Question {
            name: Some("q".into()),
            text: "Câu?".into(),
            text_format: TextFormat::Moodle,
            general_feedback: String::new(),
            category: vec!["A".into()],
            idnumber: None,
            tags: vec![],
            source: None,
            kind: QuestionKind::Essay,
        };
        let first = content_hash(&q);
        q.category = vec!["B".into()];
        assert_eq!(content_hash(&q), first);
        q.text = "Câu hỏi?".into();
        assert_ne!(content_hash(&q), first);
    }
}
