-- Coverage (issue 7): rollup counters kept up to date in the same transaction as the events
-- that change them, so a dashboard reads a handful of rows instead of scanning progress.
--
-- A "fact" is one person's contribution to one indicator in one period (a school year, or a
-- calendar year for annual training): the unit it counts at (a class), a segment (the grade,
-- 0 when none) and a month ('' for the roster-only part). Events recompute a person's facts,
-- and the difference is added to the counters of every ancestor of the unit.
CREATE TABLE coverage_facts (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    period TEXT NOT NULL,
    indicator TEXT NOT NULL,
    month TEXT NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units (id),
    segment INTEGER NOT NULL,
    numerator BIGINT NOT NULL,
    denominator BIGINT NOT NULL,
    PRIMARY KEY (user_id, period, indicator, month)
);

-- Per unit (its whole subtree), period, indicator and segment.
CREATE TABLE coverage_counts (
    unit_id INTEGER NOT NULL REFERENCES units (id),
    period TEXT NOT NULL,
    indicator TEXT NOT NULL,
    segment INTEGER NOT NULL,
    numerator BIGINT NOT NULL,
    denominator BIGINT NOT NULL,
    PRIMARY KEY (unit_id, period, indicator, segment)
);

-- Numerators by the month they were reached (the trend); denominators are the current roster.
CREATE TABLE coverage_monthly (
    unit_id INTEGER NOT NULL REFERENCES units (id),
    period TEXT NOT NULL,
    indicator TEXT NOT NULL,
    month TEXT NOT NULL,
    numerator BIGINT NOT NULL,
    PRIMARY KEY (unit_id, period, indicator, month)
);

-- Targets are data: an administrator changes them without a release. Percent, 0–100.
CREATE TABLE coverage_targets (
    indicator TEXT NOT NULL,
    period TEXT NOT NULL,
    target DOUBLE NOT NULL,
    PRIMARY KEY (indicator, period)
);
INSERT INTO coverage_targets (indicator, period, target) VALUES
    ('students_reached', '2024-2025', 80),
    ('students_reached', '2025-2026', 84),
    ('students_reached', '2026-2027', 88),
    ('students_reached', '2027-2028', 92),
    ('students_reached', '2028-2029', 96),
    ('students_reached', '2029-2030', 100);

-- Traffic-light thresholds: below `red_below` percent is red, below target amber, else green.
CREATE TABLE coverage_settings (
    key TEXT PRIMARY KEY NOT NULL,
    value DOUBLE NOT NULL
);
INSERT INTO coverage_settings (key, value) VALUES ('red_below', 50);
