-- R33: a management task that reviews reports or compound tasks is marked explicitly as a review (`--review`,
-- on tasks and templates); it closes with findings and a GENERAL CONCLUSION. A review is a management task.
ALTER TABLE tasks ADD COLUMN review INTEGER NOT NULL DEFAULT 0 CHECK (review IN (0, 1));
ALTER TABLE templates ADD COLUMN review INTEGER NOT NULL DEFAULT 0 CHECK (review IN (0, 1));
