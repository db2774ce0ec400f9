DROP TABLE question_versions;
DROP TABLE questions;
DROP TABLE question_categories;
DROP TABLE lesson_media;
DROP TABLE lessons;
DROP TABLE modules;
DELETE FROM app_meta WHERE key = 'content.hash';
