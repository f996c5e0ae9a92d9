-- R15: a compound task's title opens with its marker - `General: ...`, `General (Project): ...`,
-- `General-N: ...` - and its part number follows the marker (R24). Existing compound tasks written the
-- older way (`Legal: General: ...`, `IT: General (project): ...`) are rewritten, each with a history row
-- (R36) naming the migration. A compound task with a project stands for it (internal_project).
-- R33: management tasks (reviews of plans and reports, control) are marked explicitly, on tasks and templates.
INSERT INTO history (task_id, actor_id, at, field, old_value, new_value, note)
SELECT t.id, t.director_id, CAST(strftime('%s', 'now') AS INTEGER) * 1000, 'title', t.title,
       'General' || CASE WHEN t.general_level > 1 THEN '-' || t.general_level ELSE '' END
         || CASE WHEN p.name IS NOT NULL THEN ' (' || p.name || ')' ELSE '' END || ': '
         || CASE WHEN t.part IS NOT NULL THEN '(Part ' || t.part || ') ' ELSE '' END || t.text,
       'R15: compound-task title rewritten to the method''s form (migration 0013)'
FROM tasks t LEFT JOIN projects p ON p.id = t.project_id
WHERE t.kind = 'general'
  AND t.title <> 'General' || CASE WHEN t.general_level > 1 THEN '-' || t.general_level ELSE '' END
         || CASE WHEN p.name IS NOT NULL THEN ' (' || p.name || ')' ELSE '' END || ': '
         || CASE WHEN t.part IS NOT NULL THEN '(Part ' || t.part || ') ' ELSE '' END || t.text;

UPDATE tasks SET
  title = 'General' || CASE WHEN general_level > 1 THEN '-' || general_level ELSE '' END
    || COALESCE(' (' || (SELECT name FROM projects WHERE projects.id = tasks.project_id) || ')', '') || ': '
    || CASE WHEN part IS NOT NULL THEN '(Part ' || part || ') ' ELSE '' END || text,
  internal_project = CASE WHEN project_id IS NOT NULL THEN 1 ELSE 0 END
WHERE kind = 'general';

ALTER TABLE tasks ADD COLUMN management INTEGER NOT NULL DEFAULT 0 CHECK (management IN (0, 1));
ALTER TABLE templates ADD COLUMN management INTEGER NOT NULL DEFAULT 0 CHECK (management IN (0, 1));

-- R30: a manager's negative mark or comment on a day report is a remark its author answers (task reply --day).
ALTER TABLE day_reports ADD COLUMN reply TEXT;
ALTER TABLE day_reports ADD COLUMN replied_at INTEGER;
