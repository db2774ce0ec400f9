DROP TABLE family_tasks;
DROP TABLE module_completions;
DROP TABLE attempt_slots;
DROP TABLE attempts;
DROP TABLE assignments;
