-- Name search is a contains-match (LIKE '%…%'), which no B-tree index serves; the index only
-- slowed down every account insert.
DROP INDEX users_search_name;

-- Roster: who is a student or a teacher of which school, and in which class each school year.
-- Only what the job needs is kept: the school's code for the person, a student's birth date
-- (to tell two students of the same name apart on a class sheet); no gender, no contacts.

CREATE TABLE students (
    user_id INTEGER PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    student_code TEXT NOT NULL UNIQUE,
    birth_date DATE NOT NULL
);

-- A student's class for a school year. Moving class within a year ends the open row and opens
-- a new one, so history is kept; coverage counts the rows open for a year.
CREATE TABLE enrolments (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    class_id INTEGER NOT NULL REFERENCES units (id),
    school_year TEXT NOT NULL,
    grade INTEGER NOT NULL,
    started_at TIMESTAMP NOT NULL,
    ended_at TIMESTAMP
);
CREATE INDEX enrolments_user_id ON enrolments (user_id);
CREATE INDEX enrolments_class_id ON enrolments (class_id, school_year);

CREATE TABLE teachers (
    user_id INTEGER PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    teacher_code TEXT NOT NULL UNIQUE,
    school_id INTEGER NOT NULL REFERENCES units (id)
);
CREATE INDEX teachers_school_id ON teachers (school_id);

-- Every roster import that wrote something (dry runs are not recorded).
CREATE TABLE roster_imports (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    kind TEXT NOT NULL,
    file_name TEXT NOT NULL,
    school_year TEXT NOT NULL,
    by_user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    at TIMESTAMP NOT NULL,
    row_count INTEGER NOT NULL,
    created INTEGER NOT NULL,
    updated INTEGER NOT NULL,
    moved INTEGER NOT NULL,
    unchanged INTEGER NOT NULL,
    classes_created INTEGER NOT NULL
);
-- Which schools an import touched, so a school admin sees their school's imports.
CREATE TABLE roster_import_units (
    import_id INTEGER NOT NULL REFERENCES roster_imports (id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES units (id),
    PRIMARY KEY (import_id, unit_id)
);
CREATE INDEX roster_import_units_unit_id ON roster_import_units (unit_id);
