-- regula team server, schema version 11: two doors of 0008 made as narrow as the program needs them.
--
-- R32, R36: the explanation of a result is ADDED later, when time added to a closed task puts it far above
-- plan - the program only ever fills one that is empty (core setResultExplanation). 0008 let those who work
-- the task change it at any time, so a director could rewrite or blank what the responsible wrote, with
-- no history. Now only an empty explanation may be written, and only with text.

SET LOCAL search_path = regula, pg_catalog;

DROP POLICY results_explain ON results;

CREATE POLICY results_explain ON results FOR UPDATE
  USING (
    coalesce(trim(explanation), '') = ''
    AND EXISTS (SELECT 1 FROM comments c WHERE c.id = comment_id AND may_work_task(c.task_id)))
  WITH CHECK (
    coalesce(trim(explanation), '') <> ''
    AND EXISTS (SELECT 1 FROM comments c WHERE c.id = comment_id AND may_work_task(c.task_id)));

-- align_ids sets the sequences back to the largest committed id. regula calls it holding its write lock;
-- a person calling it from psql while a regula write was half-way could set a sequence below an id that
-- write had drawn (its next insert would then collide). The function now takes the same write lock itself
-- (the advisory lock of store.ts WRITE_LOCK; re-entrant for regula, which already holds it).
CREATE OR REPLACE FUNCTION align_ids() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = regula, pg_catalog AS $$
DECLARE
  t record;
  top bigint;
  used bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(7351224);
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
