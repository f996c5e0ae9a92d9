-- R20, R34: the working day (start, breaks, end) and the daily plan of each person.

CREATE TABLE work_days (
  user_id     INTEGER NOT NULL REFERENCES users (id),
  day         TEXT    NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),  -- local day
  started_at  INTEGER NOT NULL,
  ended_at    INTEGER,                            -- null while the day is open
  PRIMARY KEY (user_id, day),
  CHECK (ended_at IS NULL OR ended_at >= started_at)
) WITHOUT ROWID;

CREATE TABLE work_breaks (
  id        INTEGER PRIMARY KEY,
  user_id   INTEGER NOT NULL,
  day       TEXT    NOT NULL,
  start_at  INTEGER NOT NULL,
  end_at    INTEGER,                              -- null while the break lasts
  FOREIGN KEY (user_id, day) REFERENCES work_days (user_id, day),
  CHECK (end_at IS NULL OR end_at >= start_at)
);
CREATE UNIQUE INDEX work_breaks_one_open_per_user ON work_breaks (user_id) WHERE end_at IS NULL;
CREATE INDEX work_breaks_by_day ON work_breaks (user_id, day);

-- A task is in a day's plan when its deadline falls on that day, or when it was put there:
-- 'added' (task plan add), 'unplanned' (a timer was started on it that day), 'removed' (task plan remove
-- of a task that is due that day).
CREATE TABLE plan_items (
  user_id   INTEGER NOT NULL REFERENCES users (id),
  day       TEXT    NOT NULL,
  task_id   INTEGER NOT NULL REFERENCES tasks (id),
  kind      TEXT    NOT NULL CHECK (kind IN ('added', 'unplanned', 'removed')),
  added_at  INTEGER NOT NULL,
  PRIMARY KEY (user_id, day, task_id)
) WITHOUT ROWID;
CREATE INDEX plan_items_by_task ON plan_items (task_id);
