DROP TABLE training_completions;
DROP TABLE training_cycle_modules;
DROP TABLE training_cycles;
DROP INDEX training_members_unit_id;
DROP TABLE training_members;
