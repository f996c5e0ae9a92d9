-- regula team server, schema version 8: what a SQLite file allowed and the server refused (found by running
-- the end-to-end rule tests against both stores): the explanation added to a result later (R32), and
-- co-executors where company policy allows them (R2, R39).
--
-- Time added to a task already closed, or a time entry of it lengthened, needs the explanation when the
-- spent time is then far above plan; the core adds that explanation to the task's result
-- (setResultExplanation), as on a SQLite file. 0002 made results insert-only, so the server refused it
-- ("permission denied for table results"). Now those who work the task (its responsible, its director,
-- the responsible's managers: may_work_task) may change a result's explanation - and nothing else of it:
-- only that column is granted, the result's text and parts stay as written.

SET LOCAL search_path = regula, pg_catalog;

GRANT UPDATE (explanation) ON results TO regula_person;

CREATE POLICY results_explain ON results FOR UPDATE
  USING (EXISTS (SELECT 1 FROM comments c WHERE c.id = comment_id AND may_work_task(c.task_id)))
  WITH CHECK (EXISTS (SELECT 1 FROM comments c WHERE c.id = comment_id AND may_work_task(c.task_id)));

-- R2, R39: co-executors are refused unless company policy allows them (allowCoExecutors, changed only by
-- an administrator, with history); where it does, those who work the task name them, as on a SQLite file.
-- 0001 kept the table for a lossless move only and 0002 granted nobody a write.
GRANT INSERT ON task_coexecutors TO regula_person;

CREATE POLICY task_coexecutors_add ON task_coexecutors FOR INSERT WITH CHECK (
  may_work_task(task_id)
  AND EXISTS (SELECT 1 FROM policy p WHERE p.key = 'allowCoExecutors' AND p.value::text = 'true'));

-- Ids as a SQLite file gives them: the next id is one above the largest there is. A sequence is not rolled
-- back with a write a rule refused half-way (`task log` that makes a task, then R31 refuses), so after
-- such a rollback regula takes its write lock and sets each sequence that has run ahead back to the
-- largest id committed (store.ts closeIdGaps): no gap, and the next task has the number a file gives it.
CREATE FUNCTION align_ids() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = regula, pg_catalog AS $$
DECLARE
  t record;
  top bigint;
  used bigint;
BEGIN
  FOR t IN
    SELECT c.relname AS tbl, pg_get_serial_sequence(format('regula.%I', c.relname), 'id') AS seq
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'regula' AND c.relkind = 'r' AND a.attname = 'id' AND a.attidentity <> ''
  LOOP
    EXECUTE format('SELECT coalesce(max(id), 0) FROM regula.%I', t.tbl) INTO top;
    EXECUTE format('SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM %s', t.seq) INTO used;
    IF used > top THEN
      PERFORM setval(t.seq, top + 1, false);
    END IF;
  END LOOP;
END $$;
REVOKE EXECUTE ON FUNCTION align_ids() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION align_ids() TO regula_person;
