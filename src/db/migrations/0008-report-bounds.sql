-- Speed of reports over years of data (issue 7).
-- Reports over a period read only the entries that can overlap it. An entry overlaps [from, to) when it
-- starts before `to` and ends after `from`; with the length of the longest finished entry known, that is
-- a bounded range of the start-time indexes (start_at >= from - longest) instead of all history before
-- `to`. Kept by triggers, so every writer keeps it right; it only grows (a deleted long entry leaves the
-- bound loose, never wrong). Running entries (at most one per person) are read separately.
CREATE TABLE time_entry_bounds (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  longest_ms INTEGER NOT NULL
);
INSERT INTO time_entry_bounds (id, longest_ms) VALUES (1, coalesce((SELECT max(end_at - start_at) FROM time_entries WHERE end_at IS NOT NULL), 0));

CREATE TRIGGER time_entries_longest_insert AFTER INSERT ON time_entries WHEN new.end_at IS NOT NULL BEGIN
  UPDATE time_entry_bounds SET longest_ms = new.end_at - new.start_at WHERE id = 1 AND longest_ms < new.end_at - new.start_at;
END;
CREATE TRIGGER time_entries_longest_update AFTER UPDATE OF start_at, end_at ON time_entries WHEN new.end_at IS NOT NULL BEGIN
  UPDATE time_entry_bounds SET longest_ms = new.end_at - new.start_at WHERE id = 1 AND longest_ms < new.end_at - new.start_at;
END;

-- Planned time per day (plans and period reports) reads tasks by deadline: this index carries what it
-- needs, so a year of deadlines is one sequential range instead of a table lookup per task. It starts
-- with the deadline, so it also serves everything the plain deadline index did.
DROP INDEX tasks_by_deadline;
CREATE INDEX tasks_by_deadline ON tasks (deadline_at, responsible_id, planned_minutes, kind, status, deleted_at);
