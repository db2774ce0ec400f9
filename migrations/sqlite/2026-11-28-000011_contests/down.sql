-- Contest attempts go with their rounds; module attempts keep one live attempt per module.
DELETE FROM attempts WHERE contest_round_id IS NOT NULL;
DROP INDEX attempts_contest_round_id;
DROP INDEX attempts_one_live;
CREATE UNIQUE INDEX attempts_one_live ON attempts (user_id, module_id)
    WHERE state IN ('in_progress', 'overdue');
ALTER TABLE attempts DROP COLUMN contest_round_id;
DROP TABLE round_predictions;
DROP TABLE round_entrants;
DROP TABLE contest_rounds;
DROP TABLE contest_groups;
DROP TABLE contests;
