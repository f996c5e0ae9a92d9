-- R25: substring / stem search over titles, descriptions and comments in any language. FTS5 with the
-- trigram tokenizer (case-insensitive for Cyrillic too); kept in step by triggers, so every writer -
-- this program, an import, a future server - keeps the index right. 'ё' is folded to 'е' on both sides.
-- Row ids: a task's title is 2*id, its description 2*id+1; comments use their own id.
CREATE VIRTUAL TABLE task_search USING fts5(body, tokenize = 'trigram case_sensitive 0');
CREATE VIRTUAL TABLE comment_search USING fts5(body, tokenize = 'trigram case_sensitive 0');

CREATE TRIGGER task_search_insert AFTER INSERT ON tasks BEGIN
  INSERT INTO task_search (rowid, body) VALUES (new.id * 2, replace(replace(new.title, 'ё', 'е'), 'Ё', 'Е'));
  INSERT INTO task_search (rowid, body) SELECT new.id * 2 + 1, replace(replace(new.description, 'ё', 'е'), 'Ё', 'Е') WHERE new.description IS NOT NULL;
END;

CREATE TRIGGER task_search_update AFTER UPDATE OF title, description ON tasks
WHEN old.title IS NOT new.title OR old.description IS NOT new.description BEGIN
  DELETE FROM task_search WHERE rowid IN (old.id * 2, old.id * 2 + 1);
  INSERT INTO task_search (rowid, body) VALUES (new.id * 2, replace(replace(new.title, 'ё', 'е'), 'Ё', 'Е'));
  INSERT INTO task_search (rowid, body) SELECT new.id * 2 + 1, replace(replace(new.description, 'ё', 'е'), 'Ё', 'Е') WHERE new.description IS NOT NULL;
END;

CREATE TRIGGER task_search_delete AFTER DELETE ON tasks BEGIN
  DELETE FROM task_search WHERE rowid IN (old.id * 2, old.id * 2 + 1);
END;

CREATE TRIGGER comment_search_insert AFTER INSERT ON comments BEGIN
  INSERT INTO comment_search (rowid, body) VALUES (new.id, replace(replace(new.body, 'ё', 'е'), 'Ё', 'Е'));
END;

CREATE TRIGGER comment_search_update AFTER UPDATE OF body ON comments BEGIN
  DELETE FROM comment_search WHERE rowid = old.id;
  INSERT INTO comment_search (rowid, body) VALUES (new.id, replace(replace(new.body, 'ё', 'е'), 'Ё', 'Е'));
END;

CREATE TRIGGER comment_search_delete AFTER DELETE ON comments BEGIN
  DELETE FROM comment_search WHERE rowid = old.id;
END;

-- Rows written before this migration.
INSERT INTO task_search (rowid, body) SELECT id * 2, replace(replace(title, 'ё', 'е'), 'Ё', 'Е') FROM tasks;
INSERT INTO task_search (rowid, body) SELECT id * 2 + 1, replace(replace(description, 'ё', 'е'), 'Ё', 'Е') FROM tasks WHERE description IS NOT NULL;
INSERT INTO comment_search (rowid, body) SELECT id, replace(replace(body, 'ё', 'е'), 'Ё', 'Е') FROM comments;

-- R19: recurring tasks come from templates with a schedule.
CREATE TABLE templates (
  id                     INTEGER PRIMARY KEY,
  title                  TEXT    NOT NULL,                 -- as typed; parsed by R6 when a task is made
  project                TEXT,
  tags                   TEXT    NOT NULL DEFAULT '[]',    -- JSON array
  priority               TEXT    NOT NULL DEFAULT 'medium' CHECK (priority IN ('high', 'medium', 'low')),
  planned_minutes        INTEGER CHECK (planned_minutes IS NULL OR planned_minutes > 0),
  description            TEXT,
  schedule               TEXT    NOT NULL,                 -- day | weekday | mon,wed | month:15 | Nd
  deadline_offset_days   INTEGER NOT NULL DEFAULT 0 CHECK (deadline_offset_days >= 0),
  start_day              TEXT    NOT NULL,                 -- first local day it may produce a task
  responsible_id         INTEGER NOT NULL REFERENCES users (id),
  director_id            INTEGER NOT NULL REFERENCES users (id),
  paused                 INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
  created_at             INTEGER NOT NULL,
  updated_at             INTEGER NOT NULL,
  deleted_at             INTEGER
);

-- One task per template and day, enforced by the key: running templates twice, or from two terminals
-- at once, never duplicates an occurrence.
CREATE TABLE template_occurrences (
  template_id  INTEGER NOT NULL REFERENCES templates (id),
  day          TEXT    NOT NULL,
  task_id      INTEGER NOT NULL REFERENCES tasks (id),
  created_at   INTEGER NOT NULL,
  PRIMARY KEY (template_id, day)
) WITHOUT ROWID;
