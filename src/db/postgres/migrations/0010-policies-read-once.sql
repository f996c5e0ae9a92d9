-- regula team server, schema version 10: the read policies (R4) evaluated once per query, not once per row.
--
-- The SELECT policies of 0002 called may_see_task(task_id) / may_see_person(user_id) / may_see_entry(entry_id)
-- on every row. Those functions are SECURITY DEFINER, so PostgreSQL never inlines them: each row ran
-- me(), i_am_admin() and the recursive my_people() again (a manager's team month read ~1,000 closed
-- tasks' results at ~6 ms each). The same questions are asked here as the tasks and time_entries policies
-- already ask them: who I am, whether I am an administrator and who is below me are initplans -
-- `(SELECT me())` - computed once per statement; "may I see this task" is "is the task row visible to
-- me", `EXISTS (SELECT 1 FROM tasks t WHERE t.id = task_id)`, which tasks_view (the same rule as
-- may_see_task: party to the task, above its responsible, observing it, or an administrator) filters, so
-- no row becomes visible that was not before. The functions stay: the INSERT/UPDATE checks use them.

SET LOCAL search_path = regula, pg_catalog;

-- Tasks' parts: seen with their task (R4).
ALTER POLICY task_tags_view ON task_tags
  USING ((SELECT i_am_admin()) OR EXISTS (SELECT 1 FROM tasks t WHERE t.id = task_id));
ALTER POLICY task_observers_view ON task_observers
  USING ((SELECT i_am_admin()) OR EXISTS (SELECT 1 FROM tasks t WHERE t.id = task_id));
ALTER POLICY crm_links_view ON crm_links
  USING ((SELECT i_am_admin()) OR EXISTS (SELECT 1 FROM tasks t WHERE t.id = task_id));
ALTER POLICY task_links_view ON task_links
  USING ((SELECT i_am_admin()) OR EXISTS (SELECT 1 FROM tasks t WHERE t.id = task_id));
ALTER POLICY task_coexecutors_view ON task_coexecutors
  USING ((SELECT i_am_admin()) OR EXISTS (SELECT 1 FROM tasks t WHERE t.id = task_id));
ALTER POLICY comments_view ON comments
  USING ((SELECT i_am_admin()) OR EXISTS (SELECT 1 FROM tasks t WHERE t.id = task_id));
ALTER POLICY history_view ON history
  USING ((SELECT i_am_admin()) OR EXISTS (SELECT 1 FROM tasks t WHERE t.id = task_id));

-- Time (R4, R38): its owner, an administrator, or those above the owner on tasks they may see.
ALTER POLICY time_entries_view ON time_entries USING (
  user_id = (SELECT me()) OR (SELECT i_am_admin())
  OR (user_id = ANY ((SELECT my_people())::bigint[]) AND EXISTS (SELECT 1 FROM tasks t WHERE t.id = task_id)));
-- A correction is seen with its entry (time_entries_view, the same rule as may_see_entry).
ALTER POLICY time_entry_changes_view ON time_entry_changes
  USING ((SELECT i_am_admin()) OR EXISTS (SELECT 1 FROM time_entries e WHERE e.id = entry_id));

-- A person's day reports, amendments, working days, breaks and plans: themselves, everyone above them,
-- an administrator (may_see_person).
ALTER POLICY day_reports_view ON day_reports
  USING (user_id = (SELECT me()) OR (SELECT i_am_admin()) OR user_id = ANY ((SELECT my_people())::bigint[]));
ALTER POLICY day_amendments_view ON day_amendments
  USING (user_id = (SELECT me()) OR (SELECT i_am_admin()) OR user_id = ANY ((SELECT my_people())::bigint[]));
ALTER POLICY work_days_view ON work_days
  USING (user_id = (SELECT me()) OR (SELECT i_am_admin()) OR user_id = ANY ((SELECT my_people())::bigint[]));
ALTER POLICY work_breaks_view ON work_breaks
  USING (user_id = (SELECT me()) OR (SELECT i_am_admin()) OR user_id = ANY ((SELECT my_people())::bigint[]));
ALTER POLICY plan_items_view ON plan_items
  USING (user_id = (SELECT me()) OR (SELECT i_am_admin()) OR user_id = ANY ((SELECT my_people())::bigint[]));
