-- regula team server, schema version 3: what the program derives, no person sets by hand.
-- tasks.tracked_ms is the total of the task's finished time (kept by time_entries_keep_totals, as the
-- owner); a director or responsible who could write it would change every report's tracked time without
-- a time entry (R22, R35). Ids and creation times are fixed once written. A time entry marked
-- retroactive keeps the mark and its reason (R23): the report lists it as an amendment.

SET LOCAL search_path = regula, pg_catalog;

REVOKE UPDATE ON tasks FROM regula_person;
GRANT UPDATE (title, project_id, kind, general_level, internal_project, part, previous_part_id, text, status, priority,
              deadline_at, deadline_all_day, deadline_hard, planned_minutes, time_tracking, accept_required,
              director_id, responsible_id, parent_id, description, mark, management, updated_at, closed_at,
              seen_at, deleted_at)
  ON tasks TO regula_person;

REVOKE UPDATE ON time_entries FROM regula_person;
GRANT UPDATE (task_id, start_at, end_at, comment, retroactive, reason, updated_at) ON time_entries TO regula_person;

REVOKE UPDATE ON templates FROM regula_person;
GRANT UPDATE (title, project, tags, priority, planned_minutes, description, schedule, deadline_offset_days, start_day,
              responsible_id, director_id, paused, management, updated_at, deleted_at)
  ON templates TO regula_person;

-- R2 (0002) and R23: time moved to another task goes to a task its owner is responsible for; a
-- retroactive entry stays retroactive, with its reason.
CREATE OR REPLACE FUNCTION time_entries_guard() RETURNS trigger
LANGUAGE plpgsql SET search_path = regula, pg_catalog AS $$
BEGIN
  IF NOT is_person() THEN
    RETURN new;
  END IF;
  IF new.task_id IS DISTINCT FROM old.task_id
     AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.id = new.task_id AND t.responsible_id = me()) THEN
    RAISE EXCEPTION 'R2: time goes only to a task you are responsible for (task %)', new.task_id USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF old.retroactive AND NOT new.retroactive THEN
    RAISE EXCEPTION 'R23: time entry % was entered retroactively; it stays marked so, with its reason', old.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN new;
END $$;
