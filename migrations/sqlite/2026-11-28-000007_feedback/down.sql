DROP TABLE lesson_feedback;
DROP TABLE search_entries;
