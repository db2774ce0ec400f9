DROP TABLE roster_import_units;
DROP TABLE roster_imports;
DROP TABLE teachers;
DROP TABLE enrolments;
DROP TABLE students;
