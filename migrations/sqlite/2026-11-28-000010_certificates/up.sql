-- Certificates (issues 8 and 9): one row per certificate issued to a learner, for a module
-- completion, a contest prize or an annual training cycle. What the certificate says is a
-- snapshot taken when it is issued (the learner's name, the subject's title, the prize tier),
-- so a later rename changes neither the printed paper nor what /verify/{code} shows.
--
-- kind: module_completion | contest_prize | annual_training.
-- subject_id: what it is for — the module id, the contest id (with its round, e.g. "12/3"),
--   or the training cycle id. period: the school year, contest round or training year; one
--   certificate per (kind, user, subject, period), which makes issuing idempotent.
-- detail: an optional second line (the prize tier "Giải Nhất", a round's name).
-- unit_name: an optional school or agency name printed on the certificate (snapshot).
-- verify_code: 10 symbols from an unambiguous alphabet (~50 bits), unique; it is all a
--   verifier needs, so it is never derived from the id or the user.
-- expires_at: annual training certificates lapse; others have none.
-- revoked: withdrawn certificates still verify, as "đã thu hồi".
CREATE TABLE certificates (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('module_completion', 'contest_prize', 'annual_training')),
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    subject_id TEXT NOT NULL,
    period TEXT NOT NULL,
    subject_title TEXT NOT NULL,
    detail TEXT,
    learner_name TEXT NOT NULL,
    unit_name TEXT,
    issued_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP,
    verify_code TEXT NOT NULL UNIQUE,
    revoked BOOLEAN NOT NULL DEFAULT FALSE,
    revoked_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (kind, user_id, subject_id, period)
);
CREATE INDEX certificates_user_id ON certificates (user_id, issued_at);
