-- regula team server, schema version 5: the SQLite schema's 0015 and 0016 (the same tables and columns).
-- R33: a management task that reviews reports or compound tasks is marked explicitly as a review (`--review`,
-- on tasks and templates); it closes with findings and a GENERAL CONCLUSION. A person sets it as they set
-- `management` (0003, 0004: the same column grants; row-level security and guards unchanged).
-- A person's tasks due in a range (each day of a plan or report, the calendar): read in order from an index.

SET LOCAL search_path = regula, pg_catalog;

ALTER TABLE tasks ADD COLUMN review boolean NOT NULL DEFAULT false;
ALTER TABLE templates ADD COLUMN review boolean NOT NULL DEFAULT false;

GRANT INSERT (review), UPDATE (review) ON tasks TO regula_person;
GRANT UPDATE (review) ON templates TO regula_person;

CREATE INDEX tasks_due_by_responsible ON tasks (responsible_id, deadline_at) WHERE deleted_at IS NULL;
