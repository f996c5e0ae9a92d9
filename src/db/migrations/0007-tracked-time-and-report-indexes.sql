-- Speed over years of data (issue: benchmarks). Each task keeps the total of its finished time entries,
-- maintained by triggers (so every writer keeps it right); lists add only the few running timers.
ALTER TABLE tasks ADD COLUMN tracked_ms INTEGER NOT NULL DEFAULT 0;
UPDATE tasks SET tracked_ms = coalesce((SELECT sum(e.end_at - e.start_at) FROM time_entries e WHERE e.task_id = tasks.id AND e.end_at IS NOT NULL), 0);

CREATE TRIGGER time_entries_tracked_insert AFTER INSERT ON time_entries WHEN new.end_at IS NOT NULL BEGIN
  UPDATE tasks SET tracked_ms = tracked_ms + (new.end_at - new.start_at) WHERE id = new.task_id;
END;
CREATE TRIGGER time_entries_tracked_update AFTER UPDATE OF start_at, end_at, task_id ON time_entries BEGIN
  UPDATE tasks SET tracked_ms = tracked_ms - (old.end_at - old.start_at) WHERE id = old.task_id AND old.end_at IS NOT NULL;
  UPDATE tasks SET tracked_ms = tracked_ms + (new.end_at - new.start_at) WHERE id = new.task_id AND new.end_at IS NOT NULL;
END;
CREATE TRIGGER time_entries_tracked_delete AFTER DELETE ON time_entries WHEN old.end_at IS NOT NULL BEGIN
  UPDATE tasks SET tracked_ms = tracked_ms - (old.end_at - old.start_at) WHERE id = old.task_id;
END;

-- Reports aggregate time from the indexes alone (covering: no table lookups, no sorting): per person
-- and period, per task (in task order), and per day over everyone (in time order).
DROP INDEX time_entries_by_user_start;
CREATE INDEX time_entries_by_user_start ON time_entries (user_id, start_at, end_at, task_id);
DROP INDEX time_entries_by_task;
CREATE INDEX time_entries_by_task ON time_entries (task_id, start_at, end_at, user_id);
CREATE INDEX time_entries_by_start ON time_entries (start_at, end_at, user_id, task_id);
CREATE INDEX tasks_by_previous_part ON tasks (previous_part_id) WHERE previous_part_id IS NOT NULL;
CREATE INDEX comments_by_kind ON comments (kind, created_at);
