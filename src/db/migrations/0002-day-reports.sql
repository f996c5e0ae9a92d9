-- R35, R23: a day's report is recorded (frozen) at the end of the day. Time changed on a recorded day
-- afterwards is retroactive and shows the report as amended.
CREATE TABLE day_reports (
  user_id      INTEGER NOT NULL REFERENCES users (id),
  day          TEXT    NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),  -- local day
  recorded_at  INTEGER NOT NULL,
  snapshot     TEXT    NOT NULL,                   -- the report as it was recorded (JSON)
  approved_by  INTEGER REFERENCES users (id),
  approved_at  INTEGER,
  mark         TEXT CHECK (mark IS NULL OR mark IN ('positive', 'negative')),
  comment      TEXT,
  PRIMARY KEY (user_id, day)
) WITHOUT ROWID;

-- Time corrections keep their own trail (R22, R23): what an entry was before each manual change.
CREATE TABLE time_entry_changes (
  id          INTEGER PRIMARY KEY,
  entry_id    INTEGER NOT NULL REFERENCES time_entries (id),
  actor_id    INTEGER NOT NULL REFERENCES users (id),
  at          INTEGER NOT NULL,
  old_start   INTEGER,                             -- null when the change created the entry
  old_end     INTEGER,
  new_start   INTEGER NOT NULL,
  new_end     INTEGER,
  comment     TEXT    NOT NULL,
  retroactive INTEGER NOT NULL DEFAULT 0 CHECK (retroactive IN (0, 1)),
  reason      TEXT
);
CREATE INDEX time_entry_changes_by_entry ON time_entry_changes (entry_id);
CREATE INDEX time_entry_changes_by_at ON time_entry_changes (at);
