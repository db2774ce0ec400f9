-- Quiz engine (issue 6): modules assigned to classes, attempts at a module's assessment with
-- the questions each drew and the answers saved, module completion events (what the coverage
-- dashboards count) and family-helper practical tasks.

-- A teacher assigns a module to one of their classes for a school year ("2025-2026").
CREATE TABLE assignments (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    module_id TEXT NOT NULL REFERENCES modules (id),
    class_id INTEGER NOT NULL REFERENCES units (id),
    school_year TEXT NOT NULL,
    opens_at TIMESTAMP NOT NULL,
    due_at TIMESTAMP NOT NULL,
    assigned_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (class_id, module_id, school_year)
);
CREATE INDEX assignments_module_id ON assignments (module_id, school_year);

-- One attempt at a module's assessment. state: in_progress, overdue (past the deadline, in the
-- grace period of the "graceperiod" policy), finished, abandoned. overdue_policy uses Moodle's
-- names: autosubmit, graceperiod, autoabandon. deadline is the server's own clock, without
-- the network grace. The draw is reproducible from seed and is recorded in attempt_slots.
-- score is NULL until finished (and while an essay waits for manual grading).
CREATE TABLE attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    module_id TEXT NOT NULL REFERENCES modules (id),
    school_year TEXT NOT NULL,
    attempt_number INTEGER NOT NULL,
    seed BIGINT NOT NULL,
    state TEXT NOT NULL,
    overdue_policy TEXT NOT NULL,
    started_at TIMESTAMP NOT NULL,
    deadline TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    score DOUBLE,
    max_score DOUBLE NOT NULL,
    passed BOOLEAN,
    needs_grading BOOLEAN NOT NULL,
    UNIQUE (user_id, module_id, attempt_number)
);
-- At most one live attempt per learner and module, whatever the clients do.
CREATE UNIQUE INDEX attempts_one_live ON attempts (user_id, module_id)
    WHERE state IN ('in_progress', 'overdue');
CREATE INDEX attempts_state_deadline ON attempts (state, deadline);
CREATE INDEX attempts_module_id ON attempts (module_id, school_year);

-- The questions an attempt drew, in the order shown. question_version_id pins the exact
-- wording. option_order is a JSON array of answer indexes in the order shown. response is the
-- learner's answer as JSON; saved_seq is the client's sequence number of the save kept (0:
-- nothing saved), so a late or repeated save never overwrites a newer one. mark is NULL until
-- graded (essays wait for a teacher).
CREATE TABLE attempt_slots (
    attempt_id INTEGER NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
    slot INTEGER NOT NULL,
    question_version_id INTEGER NOT NULL REFERENCES question_versions (id),
    option_order TEXT NOT NULL,
    max_mark DOUBLE NOT NULL,
    response TEXT,
    saved_seq BIGINT NOT NULL,
    saved_at TIMESTAMP,
    mark DOUBLE,
    graded_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    graded_at TIMESTAMP,
    grader_comment TEXT,
    PRIMARY KEY (attempt_id, slot)
);
CREATE INDEX attempt_slots_question_version_id ON attempt_slots (question_version_id);

-- A module completed: every required lesson learned and the assessment passed. Recorded once
-- per learner, module and school year, never updated; the coverage dashboards count these.
CREATE TABLE module_completions (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    module_id TEXT NOT NULL REFERENCES modules (id),
    school_year TEXT NOT NULL,
    completed_at TIMESTAMP NOT NULL,
    attempt_id INTEGER REFERENCES attempts (id) ON DELETE SET NULL,
    PRIMARY KEY (user_id, module_id, school_year)
);
CREATE INDEX module_completions_module_id ON module_completions (module_id, school_year);

-- A student guided a relative through an online public service. No personal data of the
-- relative: relation and procedure are codes from fixed lists. status: pending, confirmed,
-- rejected (by the student's teacher).
CREATE TABLE family_tasks (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    school_year TEXT NOT NULL,
    relation TEXT NOT NULL,
    procedure_code TEXT NOT NULL,
    outcome TEXT NOT NULL,
    note TEXT,
    recorded_at TIMESTAMP NOT NULL,
    status TEXT NOT NULL,
    reviewed_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    reviewed_at TIMESTAMP
);
CREATE INDEX family_tasks_user_id ON family_tasks (user_id, school_year);
