-- regula team server, schema version 9: R31 applies to closing a task here, not to history moved in.
--
-- The core lets an import bring a task closed in another tool as it was there, without a result (a
-- Taskwarrior or Bitrix24 record "completed"; rules/invariants.ts: imports excepted), and flags it instead
-- (rules/results.ts). The server refused the same rows: a person's import of a completed record (0004) and
-- any re-import that closes a task imported before (0002). It now lets a task be completed without a
-- result when the same transaction wrote that task's import id - every import writes the id of each task
-- it makes or changes (external_ids, setExternal) - and holds R31 for every other closing, as before.
-- The import id stays behind as the record of where the closing came from.

SET LOCAL search_path = regula, pg_catalog;

-- True when this transaction (at its top level, where regula's imports write) wrote the task's import id.
CREATE FUNCTION imported_in_this_transaction(task bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = regula, pg_catalog AS $$
  SELECT EXISTS (SELECT 1 FROM external_ids x
                 WHERE x.entity = 'task' AND x.local_id = task AND x.xmin = pg_current_xact_id()::xid)
$$;
REVOKE EXECUTE ON FUNCTION imported_in_this_transaction(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION imported_in_this_transaction(bigint) TO regula_person;

-- R31: closed here only with a result (0002), unless the closing came with an import.
CREATE OR REPLACE FUNCTION tasks_completed_with_result() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = regula, pg_catalog AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM tasks t WHERE t.id = new.id AND t.status = 'completed')
     AND NOT EXISTS (SELECT 1 FROM comments c WHERE c.task_id = new.id AND c.kind = 'result')
     AND NOT imported_in_this_transaction(new.id) THEN
    RAISE EXCEPTION 'R31: task % is completed without a result comment', new.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;

-- R31: entered already completed by a person only with a result (0004), unless it is an imported record.
CREATE OR REPLACE FUNCTION tasks_entered_completed_with_result() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = regula, pg_catalog AS $$
BEGIN
  IF is_person()
     AND EXISTS (SELECT 1 FROM tasks t WHERE t.id = new.id AND t.status = 'completed')
     AND NOT EXISTS (SELECT 1 FROM comments c WHERE c.task_id = new.id AND c.kind = 'result')
     AND NOT imported_in_this_transaction(new.id) THEN
    RAISE EXCEPTION 'R31: task % is completed without a result comment', new.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
