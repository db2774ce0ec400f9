-- Organisation units: one tree of any depth (province → commune/area → school → class,
-- or province → agency → department). unit_closure holds every ancestor/descendant pair,
-- so "everything under this commune" is one indexed lookup, never a recursive walk.
CREATE TABLE units (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    parent_id INTEGER REFERENCES units (id),
    school_level TEXT,
    grade INTEGER,
    school_year TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX units_parent_id ON units (parent_id);

CREATE TABLE unit_closure (
    ancestor_id INTEGER NOT NULL REFERENCES units (id),
    descendant_id INTEGER NOT NULL REFERENCES units (id),
    depth INTEGER NOT NULL,
    PRIMARY KEY (ancestor_id, descendant_id)
);
CREATE INDEX unit_closure_descendant_id ON unit_closure (descendant_id);

-- What happened to a unit (created, renamed, moved), so a move keeps its history.
CREATE TABLE unit_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units (id),
    event TEXT NOT NULL,
    detail TEXT NOT NULL,
    at TIMESTAMP NOT NULL
);
CREATE INDEX unit_events_unit_id ON unit_events (unit_id);

CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    username TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    search_name TEXT NOT NULL,
    password_hash TEXT,
    activation_code TEXT,
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX users_search_name ON users (search_name);

CREATE TABLE role_grants (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units (id),
    UNIQUE (user_id, role, unit_id)
);
CREATE INDEX role_grants_unit_id ON role_grants (unit_id);

-- Server-side sessions: the cookie holds a random token, the table only its SHA-256.
CREATE TABLE sessions (
    id TEXT PRIMARY KEY NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_user_id ON sessions (user_id);

-- Failed sign-ins per account and per address, for growing delays.
CREATE TABLE login_throttle (
    key TEXT PRIMARY KEY NOT NULL,
    failures INTEGER NOT NULL,
    blocked_until TIMESTAMP NOT NULL
);
