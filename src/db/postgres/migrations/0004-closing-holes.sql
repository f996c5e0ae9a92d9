-- regula team server, schema version 4: holes found by trying each door as a person with psql.
-- A new task carries no derived figures, no rating and no closed state without a result; a director stops
-- another's timer only up to now; a day report is recorded unreviewed; an amendment is made only to a day
-- the actor answers for.

SET LOCAL search_path = regula, pg_catalog;

-- R22, R35, R29, R38: a person creates a task without a tracked total (kept by the time triggers), an id of
-- their choosing or a rating (given by the director at review, tasks_guard).
REVOKE INSERT ON tasks FROM regula_person;
GRANT INSERT (title, project_id, kind, general_level, internal_project, part, previous_part_id, text, status, priority,
              deadline_at, deadline_all_day, deadline_hard, planned_minutes, time_tracking, accept_required,
              director_id, responsible_id, parent_id, description, management, created_at, updated_at, closed_at,
              seen_at, deleted_at)
  ON tasks TO regula_person;

-- R31: a task a person enters already completed needs its result in the same transaction, as a task closed
-- later does. (A team moved in by the owner is let in as it was; the core flags those, rules/results.ts.)
CREATE FUNCTION tasks_entered_completed_with_result() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = regula, pg_catalog AS $$
BEGIN
  IF is_person()
     AND EXISTS (SELECT 1 FROM tasks t WHERE t.id = new.id AND t.status = 'completed')
     AND NOT EXISTS (SELECT 1 FROM comments c WHERE c.task_id = new.id AND c.kind = 'result') THEN
    RAISE EXCEPTION 'R31: task % is completed without a result comment', new.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER tasks_entered_completed_with_result AFTER INSERT ON tasks
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (new.status = 'completed')
  EXECUTE FUNCTION tasks_entered_completed_with_result();

-- R38: stopping another person's running timer ends it at the moment given, never later than now: the
-- one narrow door cannot add hours to someone else's time.
CREATE OR REPLACE FUNCTION stop_timer_of(entry bigint, at bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = regula, pg_catalog AS $$
DECLARE
  running time_entries%ROWTYPE;
  now_ms bigint := (extract(epoch FROM clock_timestamp()) * 1000)::bigint;
BEGIN
  SELECT * INTO running FROM time_entries WHERE id = entry AND end_at IS NULL FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no running timer %', entry USING ERRCODE = 'no_data_found';
  END IF;
  IF NOT (running.user_id = me() OR i_am_admin() OR directs_task(running.task_id)) THEN
    RAISE EXCEPTION 'R38: only the task''s director, the responsible''s manager or an administrator stops another person''s timer'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  UPDATE time_entries SET end_at = greatest(running.start_at, least(at, now_ms)), updated_at = least(at, now_ms) WHERE id = entry;
END $$;
REVOKE EXECUTE ON FUNCTION stop_timer_of(bigint, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION stop_timer_of(bigint, bigint) TO regula_person;

-- R35, R38: a person records their own day report unreviewed; its approval, mark and comment come from
-- their manager afterwards (day_reports_guard).
ALTER POLICY day_reports_record ON day_reports WITH CHECK (
  user_id = (SELECT me()) AND approved_by IS NULL AND approved_at IS NULL AND mark IS NULL AND comment IS NULL);

-- R23, R38: an amendment is written to a day of one's own, of one's people, or of the responsible of a task
-- one directs (the director corrects the plan of a task on a recorded day); an administrator to anyone's.
ALTER POLICY day_amendments_add ON day_amendments WITH CHECK (
  actor_id = (SELECT me()) AND via IS NULL
  AND (user_id = (SELECT me()) OR user_id = ANY ((SELECT my_people())::bigint[]) OR (SELECT i_am_admin())
       OR EXISTS (SELECT 1 FROM tasks t WHERE t.director_id = (SELECT me()) AND t.responsible_id = day_amendments.user_id)));

REVOKE EXECUTE ON FUNCTION tasks_entered_completed_with_result() FROM PUBLIC;
