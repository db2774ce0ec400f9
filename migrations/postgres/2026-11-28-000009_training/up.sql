-- Annual training for civil servants and community digital-technology teams (issue 9).

-- A member of an agency or community team, as imported from the agency roster: their code
-- (the username, lowercased), their unit and job group. The CivilServant grant on the unit is
-- what signs them in there; this row is what the annual training counts.
-- job_group: leader | operator | other_civil_servant | community_team.
CREATE TABLE training_members (
    user_id INTEGER PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    member_code TEXT NOT NULL UNIQUE,
    unit_id INTEGER NOT NULL REFERENCES units (id),
    job_group TEXT NOT NULL CHECK (job_group IN ('leader', 'operator', 'other_civil_servant', 'community_team')),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX training_members_unit_id ON training_members (unit_id);

-- A training cycle: one calendar year of training for a unit's subtree, with one due date.
-- A member follows the cycle of their nearest ancestor unit (or their own unit) for the year.
CREATE TABLE training_cycles (
    id SERIAL PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES units (id),
    year INTEGER NOT NULL,
    due_on DATE NOT NULL,
    opened_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (unit_id, year)
);

-- The modules a cycle asks of each job group. track: training (deep operator training) |
-- awareness (the short item that counts toward the 100%-informed target), counted apart.
CREATE TABLE training_cycle_modules (
    cycle_id INTEGER NOT NULL REFERENCES training_cycles (id) ON DELETE CASCADE,
    job_group TEXT NOT NULL CHECK (job_group IN ('leader', 'operator', 'other_civil_servant', 'community_team')),
    module_id TEXT NOT NULL REFERENCES modules (id),
    track TEXT NOT NULL CHECK (track IN ('training', 'awareness')),
    PRIMARY KEY (cycle_id, job_group, module_id)
);

-- A member's completion of a module in a calendar year (Vietnam time): the year's required
-- lessons learned and the assessment passed within that year. Written next to
-- module_completions (which is per school year) by services/completion.rs; it expires with
-- the year, so the next cycle asks again.
CREATE TABLE training_completions (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    module_id TEXT NOT NULL REFERENCES modules (id),
    year INTEGER NOT NULL,
    completed_at TIMESTAMP NOT NULL,
    attempt_id INTEGER REFERENCES attempts (id) ON DELETE SET NULL,
    PRIMARY KEY (user_id, module_id, year)
);
