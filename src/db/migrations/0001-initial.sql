-- regula schema, version 1: the whole rule book's data (R1-R37).
-- Instants are UTC epoch milliseconds (INTEGER): compact, index-friendly and cheap to aggregate.
-- Days are computed in local time by the program. Booleans are 0/1.

CREATE TABLE users (
  id          INTEGER PRIMARY KEY,
  name        TEXT    NOT NULL UNIQUE,            -- login name used with --as / REGULA_USER
  full_name   TEXT,
  role        TEXT    NOT NULL DEFAULT 'employee' CHECK (role IN ('employee', 'manager', 'admin')),
  manager_id  INTEGER REFERENCES users (id),      -- R4: whom this person reports to
  created_at  INTEGER NOT NULL
);

CREATE TABLE projects (
  id          INTEGER PRIMARY KEY,
  name        TEXT    NOT NULL UNIQUE COLLATE NOCASE,
  created_at  INTEGER NOT NULL
);

CREATE TABLE tasks (
  id                 INTEGER PRIMARY KEY,
  title              TEXT    NOT NULL,            -- rendered from the R6 parts below, kept in step by the program
  project_id         INTEGER REFERENCES projects (id),
  kind               TEXT    NOT NULL DEFAULT 'ordinary' CHECK (kind IN ('ordinary', 'general', 'stec', 'control')),
  general_level      INTEGER NOT NULL DEFAULT 0 CHECK (general_level >= 0),   -- R15: General-N depth
  internal_project   INTEGER NOT NULL DEFAULT 0 CHECK (internal_project IN (0, 1)),
  part               INTEGER CHECK (part IS NULL OR part >= 2),               -- R24: (Part N)
  previous_part_id   INTEGER REFERENCES tasks (id),
  text               TEXT    NOT NULL CHECK (length(text) > 0),
  status             TEXT    NOT NULL DEFAULT 'new'
                     CHECK (status IN ('new', 'pending', 'in_progress', 'awaiting_control', 'completed', 'deferred', 'declined')),
  priority           TEXT    NOT NULL DEFAULT 'medium' CHECK (priority IN ('high', 'medium', 'low')),  -- R11
  deadline_at        INTEGER,
  deadline_all_day   INTEGER NOT NULL DEFAULT 0 CHECK (deadline_all_day IN (0, 1)),
  deadline_hard      INTEGER NOT NULL DEFAULT 0 CHECK (deadline_hard IN (0, 1)),               -- R10
  planned_minutes    INTEGER CHECK (planned_minutes IS NULL OR planned_minutes >= 0),           -- R8
  time_tracking      INTEGER NOT NULL DEFAULT 1 CHECK (time_tracking IN (0, 1)),               -- R8, R16
  accept_required    INTEGER NOT NULL DEFAULT 0 CHECK (accept_required IN (0, 1)),             -- R26-R27
  director_id        INTEGER NOT NULL REFERENCES users (id),                                     -- R1
  responsible_id     INTEGER NOT NULL REFERENCES users (id),                                     -- R1
  parent_id          INTEGER REFERENCES tasks (id),
  description        TEXT,                                                                        -- R7
  mark               TEXT CHECK (mark IS NULL OR mark IN ('positive', 'negative')),             -- R29
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL,
  closed_at          INTEGER,
  seen_at            INTEGER,                     -- R37: null = newly assigned, not yet seen by the responsible
  deleted_at         INTEGER
);
CREATE INDEX tasks_by_responsible ON tasks (responsible_id, status, deadline_at);
CREATE INDEX tasks_by_director ON tasks (director_id, status);
CREATE INDEX tasks_by_parent ON tasks (parent_id);
CREATE INDEX tasks_by_project ON tasks (project_id);
CREATE INDEX tasks_by_deadline ON tasks (deadline_at);

CREATE TABLE tags (
  id    INTEGER PRIMARY KEY,
  name  TEXT NOT NULL UNIQUE COLLATE NOCASE
);
CREATE TABLE task_tags (                          -- R9
  task_id  INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  tag_id   INTEGER NOT NULL REFERENCES tags (id),
  PRIMARY KEY (task_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX task_tags_by_tag ON task_tags (tag_id);

CREATE TABLE task_observers (                     -- R3
  task_id  INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  user_id  INTEGER NOT NULL REFERENCES users (id),
  PRIMARY KEY (task_id, user_id)
) WITHOUT ROWID;
CREATE INDEX task_observers_by_user ON task_observers (user_id);

CREATE TABLE task_coexecutors (                   -- R2: only used when the config allows co-executors
  task_id  INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  user_id  INTEGER NOT NULL REFERENCES users (id),
  PRIMARY KEY (task_id, user_id)
) WITHOUT ROWID;

CREATE TABLE crm_links (                          -- R9
  task_id  INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  kind     TEXT    NOT NULL CHECK (kind IN ('lead', 'contact', 'company', 'deal')),
  ref      TEXT    NOT NULL,
  PRIMARY KEY (task_id, kind, ref)
) WITHOUT ROWID;
CREATE INDEX crm_links_by_ref ON crm_links (kind, ref);

CREATE TABLE time_entries (                       -- R21-R23
  id           INTEGER PRIMARY KEY,
  task_id      INTEGER NOT NULL REFERENCES tasks (id),
  user_id      INTEGER NOT NULL REFERENCES users (id),
  start_at     INTEGER NOT NULL,
  end_at       INTEGER,                           -- null while the timer runs
  source       TEXT    NOT NULL CHECK (source IN ('timer', 'manual', 'import')),
  comment      TEXT,
  retroactive  INTEGER NOT NULL DEFAULT 0 CHECK (retroactive IN (0, 1)),
  reason       TEXT,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  CHECK (end_at IS NULL OR end_at >= start_at),
  CHECK (source = 'timer' OR comment IS NOT NULL)  -- R22: every manual entry says what the time was for
);
-- R21: at most one running timer per person, enforced by the database itself.
CREATE UNIQUE INDEX time_entries_one_running_per_user ON time_entries (user_id) WHERE end_at IS NULL;
CREATE INDEX time_entries_by_user_start ON time_entries (user_id, start_at);
CREATE INDEX time_entries_by_task ON time_entries (task_id, start_at);

CREATE TABLE comments (                           -- R28-R31
  id           INTEGER PRIMARY KEY,
  task_id      INTEGER NOT NULL REFERENCES tasks (id),
  author_id    INTEGER NOT NULL REFERENCES users (id),
  kind         TEXT    NOT NULL CHECK (kind IN ('comment', 'result', 'progress', 'rating', 'reply')),
  body         TEXT    NOT NULL,
  reply_to_id  INTEGER REFERENCES comments (id),
  created_at   INTEGER NOT NULL
);
CREATE INDEX comments_by_task ON comments (task_id, created_at);
CREATE INDEX comments_by_reply_to ON comments (reply_to_id);

CREATE TABLE results (                            -- R31-R33: the structured parts of a result comment
  comment_id   INTEGER PRIMARY KEY REFERENCES comments (id),
  proposal     TEXT,
  abstract     TEXT,
  links        TEXT NOT NULL DEFAULT '[]',        -- JSON array of strings
  explanation  TEXT,
  conclusion   TEXT
);

CREATE TABLE history (                            -- R36: every change of every field
  id         INTEGER PRIMARY KEY,
  task_id    INTEGER NOT NULL REFERENCES tasks (id),
  actor_id   INTEGER NOT NULL REFERENCES users (id),
  at         INTEGER NOT NULL,
  field      TEXT    NOT NULL,
  old_value  TEXT,
  new_value  TEXT,
  note       TEXT                                 -- e.g. the reason for moving a hard deadline (R10)
);
CREATE INDEX history_by_task ON history (task_id, at);

CREATE TABLE external_ids (                       -- keeps imports idempotent
  source       TEXT    NOT NULL,
  entity       TEXT    NOT NULL,
  external_id  TEXT    NOT NULL,
  local_id     INTEGER NOT NULL,
  PRIMARY KEY (source, entity, external_id)
) WITHOUT ROWID;
