-- Curriculum: modules, lessons and their media as loaded from question-bank/ (`hocdvc content
-- load`), and the question bank with immutable question versions, so a quiz attempt can point
-- at the exact wording it showed even after the question is edited.

-- A module as its module.toml describes it. Lists and the assessment are JSON text: they are
-- read whole, never queried inside. content_hash says whether a re-load changes anything.
CREATE TABLE modules (
    id TEXT PRIMARY KEY NOT NULL,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    description TEXT,
    audience TEXT NOT NULL,
    grade_first INTEGER,
    grade_last INTEGER,
    core BOOLEAN NOT NULL,
    prerequisites TEXT NOT NULL,
    source_note TEXT,
    assessment TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- A lesson (Vietnamese original) with its translations as JSON text.
CREATE TABLE lessons (
    id TEXT PRIMARY KEY NOT NULL,
    module_id TEXT NOT NULL REFERENCES modules (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    language TEXT NOT NULL,
    required BOOLEAN NOT NULL,
    file TEXT NOT NULL,
    body TEXT NOT NULL,
    translations TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX lessons_module_id ON lessons (module_id, position);

-- Images and other files shipped beside the lessons, by their path inside the module folder.
CREATE TABLE lesson_media (
    module_id TEXT NOT NULL REFERENCES modules (id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    media_type TEXT NOT NULL,
    data BLOB NOT NULL,
    content_hash TEXT NOT NULL,
    PRIMARY KEY (module_id, path)
);

-- Question categories form a tree; path is the full name ("Iota/Kappa", a "/" inside a name
-- doubled as Moodle does), unique.
CREATE TABLE question_categories (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    parent_id INTEGER REFERENCES question_categories (id),
    name TEXT NOT NULL,
    path TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX question_categories_parent_id ON question_categories (parent_id);

-- A question is its stable identity (key within its category: the bank's [id:], a Moodle
-- ID number or name) and which version is current; the content lives in question_versions.
CREATE TABLE questions (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    category_id INTEGER NOT NULL REFERENCES question_categories (id),
    key TEXT NOT NULL,
    module_id TEXT REFERENCES modules (id),
    current_version INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (category_id, key)
);
CREATE INDEX questions_module_id ON questions (module_id);

-- Never updated or deleted: an edit adds version n + 1.
CREATE TABLE question_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    question_id INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    qtype TEXT NOT NULL,
    name TEXT,
    text TEXT NOT NULL,
    text_format TEXT NOT NULL,
    answers TEXT NOT NULL,
    general_feedback TEXT NOT NULL,
    idnumber TEXT,
    tags TEXT NOT NULL,
    source TEXT,
    content_hash TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (question_id, version)
);
