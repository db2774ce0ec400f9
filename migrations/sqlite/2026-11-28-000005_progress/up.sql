-- Which lessons each learner has marked as learned. One row per (user, lesson): marking again
-- changes nothing. Lessons are keyed by the bank's id, so progress survives a content re-load.
CREATE TABLE lesson_progress (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    lesson_id TEXT NOT NULL REFERENCES lessons (id) ON DELETE CASCADE,
    completed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, lesson_id)
);
CREATE INDEX lesson_progress_lesson_id ON lesson_progress (lesson_id);
