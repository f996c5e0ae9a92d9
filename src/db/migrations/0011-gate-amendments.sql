-- R38: a change made under another person's identity (--as) keeps who really made it.
ALTER TABLE history ADD COLUMN via TEXT;
ALTER TABLE time_entry_changes ADD COLUMN via TEXT;

-- R23, R35: every change that alters a recorded day's report after it was recorded, with its reason.
-- The recorded snapshot stays as it was; the report shows it with these amendments.
CREATE TABLE day_amendments (
  id        INTEGER PRIMARY KEY,
  user_id   INTEGER NOT NULL REFERENCES users (id),
  day       TEXT    NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  at        INTEGER NOT NULL,
  actor_id  INTEGER NOT NULL REFERENCES users (id),
  via       TEXT,
  what      TEXT    NOT NULL,
  reason    TEXT    NOT NULL CHECK (trim(reason) <> '')
);
CREATE INDEX day_amendments_by_day ON day_amendments (user_id, day, at);
