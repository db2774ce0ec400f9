-- Knowledge contests (issue 8, cuộc thi tìm hiểu): a contest organised by a unit, its groups
-- (by audience: thcs, thpt, dai_hoc, nghe, gdtx), its rounds (school round → provincial
-- round), each round a window, a pool drawn from one module's questions, a time limit and an
-- attempts limit. Entrants take a round with the quiz engine: an attempt may now belong to a
-- round (attempts.contest_round_id). The prediction question breaks ties.

CREATE TABLE contests (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    -- The organising unit: learners of schools inside it may enter.
    unit_id INTEGER NOT NULL REFERENCES units (id),
    -- The prediction question shown to every entrant, e.g. "Có bao nhiêu người trả lời đúng
    -- tất cả các câu?"; its true value is computed per round when the round closes.
    prediction_question TEXT NOT NULL,
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX contests_unit_id ON contests (unit_id);

-- A group (bảng) by audience code, as the curriculum names audiences.
CREATE TABLE contest_groups (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    contest_id INTEGER NOT NULL REFERENCES contests (id) ON DELETE CASCADE,
    audience TEXT NOT NULL,
    name TEXT NOT NULL,
    UNIQUE (contest_id, audience)
);

-- A round. position 1 is the first round; entering position n > 1 needs qualification in
-- round n - 1. tags: JSON array of question tags of module_id ([] = every question).
-- attempts_rule: once (one attempt per round) or weekly (one per week, Vietnamese calendar
-- week). closes_at is moved earlier when the organiser closes the round by hand.
-- prediction_truth is NULL until computed after the close (idempotent: set once).
-- qualify_rule: top_per_school (qualify_value = K) or threshold (qualify_value = min score).
CREATE TABLE contest_rounds (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    contest_id INTEGER NOT NULL REFERENCES contests (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    module_id TEXT NOT NULL REFERENCES modules (id),
    tags TEXT NOT NULL,
    question_count INTEGER NOT NULL,
    time_limit_minutes INTEGER NOT NULL,
    attempts_rule TEXT NOT NULL,
    opens_at TIMESTAMP NOT NULL,
    closes_at TIMESTAMP NOT NULL,
    closed_by_hand BOOLEAN NOT NULL,
    prediction_truth INTEGER,
    qualify_rule TEXT,
    qualify_value DOUBLE,
    qualified_at TIMESTAMP,
    published_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (contest_id, position)
);

-- An entrant of a round: the group they compete in and the school, commune and province
-- they rank under (fixed at entry). qualified: NULL until the organiser applies the
-- qualification rule.
CREATE TABLE round_entrants (
    round_id INTEGER NOT NULL REFERENCES contest_rounds (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    group_id INTEGER NOT NULL REFERENCES contest_groups (id) ON DELETE CASCADE,
    school_id INTEGER REFERENCES units (id),
    entered_at TIMESTAMP NOT NULL,
    qualified BOOLEAN,
    PRIMARY KEY (round_id, user_id)
);
CREATE INDEX round_entrants_group_id ON round_entrants (group_id);

-- The prediction given with each attempt at a round.
CREATE TABLE round_predictions (
    attempt_id INTEGER PRIMARY KEY NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
    round_id INTEGER NOT NULL REFERENCES contest_rounds (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    prediction BIGINT NOT NULL
);
CREATE INDEX round_predictions_round_id ON round_predictions (round_id);

-- An attempt belongs to a module's assessment, or (when set) to a contest round drawing from
-- that module. One live attempt per learner per module assessment and per round.
ALTER TABLE attempts ADD COLUMN contest_round_id INTEGER;
DROP INDEX attempts_one_live;
CREATE UNIQUE INDEX attempts_one_live ON attempts (user_id, module_id, COALESCE(contest_round_id, 0))
    WHERE state IN ('in_progress', 'overdue');
CREATE INDEX attempts_contest_round_id ON attempts (contest_round_id);
