-- Creative contests (poster, model, video), their entries and files, and panel judging
-- (issue 8). Phases follow the server clock: submission until submission_closes_at, then
-- judging, then published once published_at is set.

-- kind: poster | model | video. unit_id: the organising unit (entrants must study inside it).
-- aggregation: mean | trimmed_mean | zscore. disagreement_threshold: the largest spread (max −
-- min of the judges' totals, on the 0–100 scale) before an entry is flagged for review.
-- prize_*: how many entries get each tier when the ranking is published.
CREATE TABLE creative_contests (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units (id),
    title TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('poster', 'model', 'video')),
    description TEXT NOT NULL,
    submission_opens_at TIMESTAMP NOT NULL,
    submission_closes_at TIMESTAMP NOT NULL,
    team_size_max INTEGER NOT NULL CHECK (team_size_max BETWEEN 1 AND 10),
    max_file_bytes BIGINT NOT NULL,
    judges_per_entry INTEGER NOT NULL CHECK (judges_per_entry BETWEEN 1 AND 9),
    aggregation TEXT NOT NULL CHECK (aggregation IN ('mean', 'trimmed_mean', 'zscore')),
    disagreement_threshold DOUBLE PRECISION NOT NULL,
    prize_first INTEGER NOT NULL DEFAULT 1,
    prize_second INTEGER NOT NULL DEFAULT 2,
    prize_third INTEGER NOT NULL DEFAULT 3,
    prize_merit INTEGER NOT NULL DEFAULT 5,
    popular_vote BOOLEAN NOT NULL DEFAULT FALSE,
    published_at TIMESTAMP,
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);

-- A weighted criterion: a judge scores 0..scale_max; weights of a contest add up to 100.
CREATE TABLE rubric_criteria (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    contest_id INTEGER NOT NULL REFERENCES creative_contests (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    weight INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 100),
    scale_max INTEGER NOT NULL CHECK (scale_max BETWEEN 1 AND 100),
    guidance TEXT NOT NULL
);
CREATE INDEX rubric_criteria_contest ON rubric_criteria (contest_id, position);

-- The judging panel of a contest.
CREATE TABLE contest_judges (
    contest_id INTEGER NOT NULL REFERENCES creative_contests (id) ON DELETE CASCADE,
    judge_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (contest_id, judge_id)
);

-- An entry of one student or a team from one school. status: submitted | withdrawn.
-- video_url: a YouTube/Facebook link (video contests). prize/rank/final_score: written at
-- publication.
CREATE TABLE entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    contest_id INTEGER NOT NULL REFERENCES creative_contests (id) ON DELETE CASCADE,
    school_id INTEGER NOT NULL REFERENCES units (id),
    title TEXT NOT NULL,
    statement TEXT NOT NULL,
    video_url TEXT,
    status TEXT NOT NULL CHECK (status IN ('submitted', 'withdrawn')),
    created_by INTEGER NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    prize TEXT,
    final_rank INTEGER,
    final_score DOUBLE PRECISION
);
CREATE INDEX entries_contest ON entries (contest_id, status);

CREATE TABLE entry_members (
    entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (entry_id, user_id)
);
CREATE INDEX entry_members_user ON entry_members (user_id);

-- A stored file. storage_key/thumb_key: names chosen by the server (content hash), never
-- the uploader's file name. media_type: image/png | image/jpeg | application/pdf | video/mp4.
CREATE TABLE entry_files (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    storage_key TEXT NOT NULL,
    thumb_key TEXT,
    media_type TEXT NOT NULL,
    byte_size BIGINT NOT NULL,
    width INTEGER,
    height INTEGER,
    uploaded_at TIMESTAMP NOT NULL
);
CREATE INDEX entry_files_entry ON entry_files (entry_id);

-- A judge asked to score an entry. source: auto | manual. submitted_at: set when the judge
-- submits the scores (other judges' scores become visible to them then).
CREATE TABLE judging_assignments (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    judge_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    source TEXT NOT NULL CHECK (source IN ('auto', 'manual')),
    comment TEXT,
    created_at TIMESTAMP NOT NULL,
    submitted_at TIMESTAMP,
    UNIQUE (entry_id, judge_id)
);
CREATE INDEX judging_assignments_judge ON judging_assignments (judge_id);

CREATE TABLE judging_scores (
    assignment_id INTEGER NOT NULL REFERENCES judging_assignments (id) ON DELETE CASCADE,
    criterion_id INTEGER NOT NULL REFERENCES rubric_criteria (id) ON DELETE CASCADE,
    score INTEGER NOT NULL,
    PRIMARY KEY (assignment_id, criterion_id)
);

-- A conflict of interest a judge declared (or the organiser recorded) with an entry.
CREATE TABLE judge_conflicts (
    judge_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (judge_id, entry_id)
);

-- Bình chọn: one vote per account per entry, counted apart from the jury.
CREATE TABLE popular_votes (
    entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (entry_id, user_id)
);
