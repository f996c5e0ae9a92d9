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
