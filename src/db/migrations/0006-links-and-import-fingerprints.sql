-- Dependencies between tasks (Taskwarrior's "depends"), and a fingerprint of each imported record so a
-- re-import can tell "unchanged" (skip) from "changed at the source" (update).
CREATE TABLE task_links (
  task_id   INTEGER NOT NULL REFERENCES tasks (id),
  other_id  INTEGER NOT NULL REFERENCES tasks (id),
  kind      TEXT    NOT NULL CHECK (kind IN ('depends')),
  PRIMARY KEY (task_id, other_id, kind),
  CHECK (task_id <> other_id)
) WITHOUT ROWID;
CREATE INDEX task_links_by_other ON task_links (other_id);

ALTER TABLE external_ids ADD COLUMN fingerprint TEXT;
CREATE INDEX external_ids_by_local ON external_ids (entity, local_id);
