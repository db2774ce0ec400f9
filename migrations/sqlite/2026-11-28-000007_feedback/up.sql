-- Search across lessons and questions that ignores Vietnamese diacritics, and lesson feedback
-- (issue 4).

-- One row per searchable item, its text folded (lower case, no diacritics, đ → d) by the
-- server, since neither database folds Vietnamese itself. `content load` rebuilds it whole;
-- a question import rewrites the rows of the questions it stores. kind: lesson | question;
-- item_id: the lesson id, or the question id as text. module_id: the lesson's module (the
-- audience gate filters on it). plain: the body as plain text, for the snippet around a match.
CREATE TABLE search_entries (
    kind TEXT NOT NULL,
    item_id TEXT NOT NULL,
    module_id TEXT,
    title TEXT NOT NULL,
    detail TEXT NOT NULL,
    plain TEXT NOT NULL,
    folded_title TEXT NOT NULL,
    folded_text TEXT NOT NULL,
    PRIMARY KEY (kind, item_id)
);
CREATE INDEX search_entries_module_id ON search_entries (module_id);

-- A learner's rating (1–5) and optional comment on a lesson, one per learner and lesson.
-- status: received → answered (answer required, shown publicly without the learner) →
-- updated (the lesson was changed). Editing the comment sends it back to received.
CREATE TABLE lesson_feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    lesson_id TEXT NOT NULL REFERENCES lessons (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment TEXT,
    status TEXT NOT NULL CHECK (status IN ('received', 'answered', 'updated')),
    answer TEXT,
    answered_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    answered_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (lesson_id, user_id)
);
CREATE INDEX lesson_feedback_status ON lesson_feedback (status, updated_at);

-- The next start reloads the question bank, which fills the search index of an existing
-- database.
DELETE FROM app_meta WHERE key = 'content.hash';
