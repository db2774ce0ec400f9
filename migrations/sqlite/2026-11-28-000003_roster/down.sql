CREATE INDEX users_search_name ON users (search_name);
DROP TABLE roster_import_units;
DROP TABLE roster_imports;
DROP TABLE teachers;
DROP TABLE enrolments;
DROP TABLE students;
