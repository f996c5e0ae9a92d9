-- regula team server, schema version 2: the database itself is the fence. Who you are is the PostgreSQL
-- login you connected with (users.login = session_user); row-level security lets a person see exactly
-- what R4 allows and change what R38 allows; grants keep history, recorded reports, amendments and other
-- people's time out of reach; constraints hold the invariants that matter most (R21, R23, R31).
-- The regulations themselves stay in the core (src/core/rules): this only refuses what they never allow,
-- with the same meaning (permissions.ts TASK_PERMISSIONS, visibility.ts). Tables are owned by the
-- administrator who ran `task server init`; the owner is not bound by these policies (it moves teams in).
--
-- Group roles (cluster-wide, created once): regula_person - every person's login is a member and gets
-- the grants below; nothing else. An administrator in the sense of R38/R39 is users.role = 'admin'.

SET LOCAL search_path = regula, pg_catalog;

-- Roles are the cluster's, not the database's: a second regula database (or two set up at once) finds it made.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'regula_person') THEN
    CREATE ROLE regula_person NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END $$;

-- ---------------------------------------------------------------------------------------------------
-- Who you are, and whom you stand above (R4, R38). SECURITY DEFINER: they read users and tasks without
-- the row-level security below (which uses them), and session_user cannot be changed by SET ROLE.

CREATE FUNCTION me() RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = regula, pg_catalog AS
$$ SELECT id FROM users WHERE login = session_user $$;

CREATE FUNCTION i_am_admin() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = regula, pg_catalog AS
$$ SELECT coalesce((SELECT role = 'admin' FROM users WHERE login = session_user), false) $$;

-- R4: everyone below me in the reporting chain (my people, their people, ...); a loop ends the walk.
CREATE FUNCTION my_people() RETURNS bigint[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = regula, pg_catalog AS $$
  WITH RECURSIVE below (id) AS (
    SELECT id FROM users WHERE manager_id = (SELECT id FROM users WHERE login = session_user)
    UNION
    SELECT u.id FROM users u JOIN below b ON u.manager_id = b.id
  )
  SELECT coalesce(array_agg(id), '{}') FROM below
$$;

CREATE FUNCTION observed_tasks() RETURNS bigint[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = regula, pg_catalog AS
$$ SELECT coalesce(array_agg(task_id), '{}') FROM task_observers WHERE user_id = (SELECT id FROM users WHERE login = session_user) $$;

-- R4, R38 (visibility.ts maySeeTask): party to the task, above its responsible, or an administrator.
CREATE FUNCTION may_see_task(task bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = regula, pg_catalog AS $$
  SELECT i_am_admin() OR EXISTS (
    SELECT 1 FROM tasks t WHERE t.id = task
      AND (t.responsible_id = me() OR t.director_id = me() OR t.responsible_id = ANY (my_people())
           OR EXISTS (SELECT 1 FROM task_observers o WHERE o.task_id = t.id AND o.user_id = me())))
$$;

-- R38 'define' and 'review': the director, or the responsible's manager up the chain.
CREATE FUNCTION directs_task(task bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = regula, pg_catalog AS
$$ SELECT EXISTS (SELECT 1 FROM tasks t WHERE t.id = task AND (t.director_id = me() OR t.responsible_id = ANY (my_people()))) $$;

-- R38 'work': the responsible, the director or the responsible's manager.
CREATE FUNCTION may_work_task(task bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = regula, pg_catalog AS
$$ SELECT directs_task(task) OR EXISTS (SELECT 1 FROM tasks t WHERE t.id = task AND t.responsible_id = me()) $$;

-- R38 'comment': those who work it and its observers.
CREATE FUNCTION may_comment_task(task bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = regula, pg_catalog AS
$$ SELECT may_work_task(task) OR EXISTS (SELECT 1 FROM task_observers o WHERE o.task_id = task AND o.user_id = me()) $$;

-- R4: a person's time, plans and day reports: themselves, everyone above them, an administrator.
CREATE FUNCTION may_see_person(person bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = regula, pg_catalog AS
$$ SELECT person = me() OR i_am_admin() OR person = ANY (my_people()) $$;

-- R38: each person's time entries are theirs alone.
CREATE FUNCTION owns_entry(entry bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = regula, pg_catalog AS
$$ SELECT EXISTS (SELECT 1 FROM time_entries e WHERE e.id = entry AND e.user_id = me()) $$;

CREATE FUNCTION may_see_entry(entry bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = regula, pg_catalog AS $$
  SELECT EXISTS (SELECT 1 FROM time_entries e WHERE e.id = entry
                   AND (e.user_id = me() OR i_am_admin() OR (e.user_id = ANY (my_people()) AND may_see_task(e.task_id))))
$$;

-- ---------------------------------------------------------------------------------------------------
-- Grants: what a person may do at all. Nothing here allows UPDATE or DELETE on history, comments,
-- results, day amendments, time-entry changes or policy history (R23, R36): those rows are written once.

GRANT USAGE ON SCHEMA regula TO regula_person;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA regula TO regula_person;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA regula TO regula_person;
GRANT SELECT ON ALL TABLES IN SCHEMA regula TO regula_person;

GRANT UPDATE (full_name, role, manager_id) ON users TO regula_person;
GRANT INSERT ON projects, tags, external_ids TO regula_person;
GRANT UPDATE (fingerprint, local_id) ON external_ids TO regula_person;
GRANT INSERT, UPDATE ON tasks TO regula_person;
GRANT INSERT, DELETE ON task_tags, task_observers, crm_links, task_links TO regula_person;
GRANT INSERT, UPDATE, DELETE ON time_entries TO regula_person;
GRANT INSERT ON time_entry_changes, comments, results, history, day_amendments, policy_history TO regula_person;
-- R35: a recorded report's snapshot never changes; only its approval (the manager) and reply (R30).
GRANT INSERT ON day_reports TO regula_person;
GRANT UPDATE (approved_by, approved_at, mark, comment, reply, replied_at) ON day_reports TO regula_person;
GRANT INSERT, UPDATE, DELETE ON work_days, work_breaks, plan_items TO regula_person;
GRANT INSERT, UPDATE ON templates TO regula_person;
GRANT INSERT ON template_occurrences TO regula_person;
GRANT INSERT, UPDATE ON policy TO regula_person;

-- ---------------------------------------------------------------------------------------------------
-- Row-level security: which rows. Every table a person can reach has it on.

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE tags ENABLE ROW LEVEL SECURITY;
ALTER TABLE tasks ENABLE ROW LEVEL SECURITY;
ALTER TABLE task_tags ENABLE ROW LEVEL SECURITY;
ALTER TABLE task_observers ENABLE ROW LEVEL SECURITY;
ALTER TABLE task_coexecutors ENABLE ROW LEVEL SECURITY;
ALTER TABLE crm_links ENABLE ROW LEVEL SECURITY;
ALTER TABLE task_links ENABLE ROW LEVEL SECURITY;
ALTER TABLE time_entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE comments ENABLE ROW LEVEL SECURITY;
ALTER TABLE results ENABLE ROW LEVEL SECURITY;
ALTER TABLE history ENABLE ROW LEVEL SECURITY;
ALTER TABLE external_ids ENABLE ROW LEVEL SECURITY;
ALTER TABLE day_reports ENABLE ROW LEVEL SECURITY;
ALTER TABLE time_entry_changes ENABLE ROW LEVEL SECURITY;
ALTER TABLE day_amendments ENABLE ROW LEVEL SECURITY;
ALTER TABLE work_days ENABLE ROW LEVEL SECURITY;
ALTER TABLE work_breaks ENABLE ROW LEVEL SECURITY;
ALTER TABLE plan_items ENABLE ROW LEVEL SECURITY;
ALTER TABLE meta ENABLE ROW LEVEL SECURITY;
ALTER TABLE templates ENABLE ROW LEVEL SECURITY;
ALTER TABLE template_occurrences ENABLE ROW LEVEL SECURITY;
ALTER TABLE policy ENABLE ROW LEVEL SECURITY;
ALTER TABLE policy_history ENABLE ROW LEVEL SECURITY;
ALTER TABLE time_entry_bounds ENABLE ROW LEVEL SECURITY;

-- People: names and who reports to whom are not secret (docs/permissions.md). R38: an administrator
-- changes anyone; a manager changes their own people (which changes are whose: users_guard below).
CREATE POLICY users_read ON users FOR SELECT USING (true);
CREATE POLICY users_change ON users FOR UPDATE USING ((SELECT i_am_admin()) OR manager_id = (SELECT me())) WITH CHECK (true);

-- Project and tag names are readable by every person (the program shows those of visible tasks only).
CREATE POLICY projects_read ON projects FOR SELECT USING (true);
CREATE POLICY projects_add ON projects FOR INSERT WITH CHECK (true);
CREATE POLICY tags_read ON tags FOR SELECT USING (true);
CREATE POLICY tags_add ON tags FOR INSERT WITH CHECK (true);
CREATE POLICY meta_read ON meta FOR SELECT USING (true);
CREATE POLICY bounds_read ON time_entry_bounds FOR SELECT USING (true);
CREATE POLICY external_ids_all ON external_ids FOR ALL USING (true) WITH CHECK (true);

-- Tasks. R4: seen by the responsible, director, observers, everyone above the responsible, an administrator.
CREATE POLICY tasks_view ON tasks FOR SELECT USING (
  (SELECT i_am_admin())
  OR responsible_id = (SELECT me()) OR director_id = (SELECT me())
  OR responsible_id = ANY ((SELECT my_people())::bigint[])
  OR id = ANY ((SELECT observed_tasks())::bigint[]));
-- R38: a task is created as its director, as its responsible naming who gave it (R1), or by a manager
-- for one of their people; a step under a compound task needs the right to work that task.
CREATE POLICY tasks_add ON tasks FOR INSERT WITH CHECK (
  (director_id = (SELECT me()) OR responsible_id = (SELECT me()) OR responsible_id = ANY ((SELECT my_people())::bigint[]))
  AND (parent_id IS NULL OR may_work_task(parent_id)));
-- R38 'work' (responsible, director, managers); what each of them may change: tasks_guard below.
-- WITH CHECK (true): a director may hand the task, or its direction, to someone else.
CREATE POLICY tasks_change ON tasks FOR UPDATE USING (
  responsible_id = (SELECT me()) OR director_id = (SELECT me()) OR responsible_id = ANY ((SELECT my_people())::bigint[]))
  WITH CHECK (true);

CREATE POLICY task_tags_view ON task_tags FOR SELECT USING (may_see_task(task_id));
CREATE POLICY task_tags_add ON task_tags FOR INSERT WITH CHECK (may_work_task(task_id));
CREATE POLICY task_tags_remove ON task_tags FOR DELETE USING (may_work_task(task_id));
CREATE POLICY task_observers_view ON task_observers FOR SELECT USING (may_see_task(task_id));
CREATE POLICY task_observers_add ON task_observers FOR INSERT WITH CHECK (may_work_task(task_id));
CREATE POLICY task_observers_remove ON task_observers FOR DELETE USING (may_work_task(task_id));
CREATE POLICY crm_links_view ON crm_links FOR SELECT USING (may_see_task(task_id));
CREATE POLICY crm_links_add ON crm_links FOR INSERT WITH CHECK (may_work_task(task_id));
CREATE POLICY crm_links_remove ON crm_links FOR DELETE USING (may_work_task(task_id));
CREATE POLICY task_links_view ON task_links FOR SELECT USING (may_see_task(task_id));
CREATE POLICY task_links_add ON task_links FOR INSERT WITH CHECK (may_work_task(task_id) AND may_see_task(other_id));
CREATE POLICY task_links_remove ON task_links FOR DELETE USING (may_work_task(task_id));
-- R2: co-executors are forbidden; the table exists only so a moved-in file keeps its shape.
CREATE POLICY task_coexecutors_view ON task_coexecutors FOR SELECT USING (may_see_task(task_id));

-- Time (R2, R4, R38): seen by its owner, everyone above the owner (on tasks they may see), an
-- administrator; written by its owner only, on a task they are responsible for.
CREATE POLICY time_entries_view ON time_entries FOR SELECT USING (
  user_id = (SELECT me()) OR (SELECT i_am_admin())
  OR (user_id = ANY ((SELECT my_people())::bigint[]) AND may_see_task(task_id)));
CREATE POLICY time_entries_add ON time_entries FOR INSERT WITH CHECK (
  user_id = (SELECT me()) AND EXISTS (SELECT 1 FROM tasks t WHERE t.id = task_id AND t.responsible_id = (SELECT me())));
CREATE POLICY time_entries_change ON time_entries FOR UPDATE USING (user_id = (SELECT me())) WITH CHECK (user_id = (SELECT me()));
CREATE POLICY time_entries_remove ON time_entries FOR DELETE USING (user_id = (SELECT me()));

CREATE POLICY time_entry_changes_view ON time_entry_changes FOR SELECT USING (may_see_entry(entry_id));
CREATE POLICY time_entry_changes_add ON time_entry_changes FOR INSERT WITH CHECK (actor_id = (SELECT me()) AND owns_entry(entry_id));

-- Comments and results (R30, R31): written in one's own name by those who may comment; a result by
-- those who work the task, a rating (R29) by those who direct it.
CREATE POLICY comments_view ON comments FOR SELECT USING (may_see_task(task_id));
CREATE POLICY comments_add ON comments FOR INSERT WITH CHECK (
  author_id = (SELECT me()) AND may_comment_task(task_id)
  AND (kind NOT IN ('result', 'progress') OR may_work_task(task_id))
  AND (kind <> 'rating' OR directs_task(task_id)));
CREATE POLICY results_view ON results FOR SELECT USING (
  EXISTS (SELECT 1 FROM comments c WHERE c.id = comment_id));
CREATE POLICY results_add ON results FOR INSERT WITH CHECK (
  EXISTS (SELECT 1 FROM comments c WHERE c.id = comment_id AND c.author_id = (SELECT me())));

-- History (R36): written in one's own name, never changed.
CREATE POLICY history_view ON history FOR SELECT USING (may_see_task(task_id));
CREATE POLICY history_add ON history FOR INSERT WITH CHECK (actor_id = (SELECT me()) AND via IS NULL AND may_see_task(task_id));

-- Day reports (R35, R23, R38): recorded by their owner; approved by the owner's manager up the chain.
CREATE POLICY day_reports_view ON day_reports FOR SELECT USING (may_see_person(user_id));
CREATE POLICY day_reports_record ON day_reports FOR INSERT WITH CHECK (user_id = (SELECT me()) AND approved_by IS NULL);
CREATE POLICY day_reports_change ON day_reports FOR UPDATE USING (user_id = (SELECT me()) OR user_id = ANY ((SELECT my_people())::bigint[]))
  WITH CHECK (user_id = (SELECT me()) OR user_id = ANY ((SELECT my_people())::bigint[]));
CREATE POLICY day_amendments_view ON day_amendments FOR SELECT USING (may_see_person(user_id));
CREATE POLICY day_amendments_add ON day_amendments FOR INSERT WITH CHECK (actor_id = (SELECT me()) AND via IS NULL);

-- A person's working day, breaks and plan are theirs alone (R38); seen by those above them (R4).
CREATE POLICY work_days_view ON work_days FOR SELECT USING (may_see_person(user_id));
CREATE POLICY work_days_own ON work_days FOR ALL USING (user_id = (SELECT me())) WITH CHECK (user_id = (SELECT me()));
CREATE POLICY work_breaks_view ON work_breaks FOR SELECT USING (may_see_person(user_id));
CREATE POLICY work_breaks_own ON work_breaks FOR ALL USING (user_id = (SELECT me())) WITH CHECK (user_id = (SELECT me()));
CREATE POLICY plan_items_view ON plan_items FOR SELECT USING (may_see_person(user_id));
CREATE POLICY plan_items_own ON plan_items FOR ALL USING (user_id = (SELECT me())) WITH CHECK (user_id = (SELECT me()));

-- Templates (R19) follow their tasks: seen and changed by their responsible, director and managers.
CREATE POLICY templates_view ON templates FOR SELECT USING (
  (SELECT i_am_admin()) OR responsible_id = (SELECT me()) OR director_id = (SELECT me()) OR responsible_id = ANY ((SELECT my_people())::bigint[]));
CREATE POLICY templates_add ON templates FOR INSERT WITH CHECK (
  director_id = (SELECT me()) OR responsible_id = (SELECT me()) OR responsible_id = ANY ((SELECT my_people())::bigint[]));
CREATE POLICY templates_change ON templates FOR UPDATE USING (
  director_id = (SELECT me()) OR responsible_id = (SELECT me()) OR responsible_id = ANY ((SELECT my_people())::bigint[]));
CREATE POLICY template_occurrences_view ON template_occurrences FOR SELECT USING (
  EXISTS (SELECT 1 FROM templates t WHERE t.id = template_id));
CREATE POLICY template_occurrences_add ON template_occurrences FOR INSERT WITH CHECK (
  EXISTS (SELECT 1 FROM templates t WHERE t.id = template_id) AND may_see_task(task_id));

-- R39: company rules are read by everyone and changed by an administrator, with history.
CREATE POLICY policy_read ON policy FOR SELECT USING (true);
CREATE POLICY policy_add ON policy FOR INSERT WITH CHECK ((SELECT i_am_admin()) AND updated_by = (SELECT me()));
CREATE POLICY policy_change ON policy FOR UPDATE USING ((SELECT i_am_admin())) WITH CHECK (updated_by = (SELECT me()));
CREATE POLICY policy_history_read ON policy_history FOR SELECT USING (true);
CREATE POLICY policy_history_add ON policy_history FOR INSERT WITH CHECK ((SELECT i_am_admin()) AND actor_id = (SELECT me()));

-- ---------------------------------------------------------------------------------------------------
-- Guards: which columns each relation may change, where a policy cannot say it. They apply to people
-- (members of regula_person); the owner who moves a team in is not a person and is not guarded.

CREATE FUNCTION is_person() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = regula, pg_catalog AS
$$ SELECT pg_has_role(session_user, 'regula_person', 'MEMBER') AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) $$;

-- R38, R10, R27, R29: the responsible works the task; what the task is (responsible, director, accept
-- flag, hard deadline, deletion) and its review (acceptance, rating) belong to the director and the
-- responsible's managers (permissions.ts: 'define', 'review').
CREATE FUNCTION tasks_guard() RETURNS trigger
LANGUAGE plpgsql SET search_path = regula, pg_catalog AS $$
BEGIN
  IF NOT is_person() OR old.director_id = me() OR old.responsible_id = ANY (my_people()) THEN
    RETURN new;
  END IF;
  IF new.responsible_id IS DISTINCT FROM old.responsible_id OR new.director_id IS DISTINCT FROM old.director_id
     OR new.accept_required IS DISTINCT FROM old.accept_required OR new.deadline_hard IS DISTINCT FROM old.deadline_hard
     OR new.deleted_at IS DISTINCT FROM old.deleted_at THEN
    RAISE EXCEPTION 'R38: you may not change who is responsible for, the director, the accept flag, the hard deadline or the deletion of task %: that is for its director or the responsible''s manager', old.id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF old.deadline_hard AND (new.deadline_at IS NULL OR new.deadline_at > old.deadline_at) THEN
    RAISE EXCEPTION 'R10: the hard deadline of task % is moved later only by its director', old.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF new.mark IS DISTINCT FROM old.mark
     OR (old.status = 'awaiting_control' AND new.status = 'completed')
     OR (old.accept_required AND new.status = 'completed' AND old.status <> 'completed') THEN
    RAISE EXCEPTION 'R38: you may not accept, return or rate task %: that is for its director or the responsible''s manager', old.id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN new;
END $$;
CREATE TRIGGER tasks_guard BEFORE UPDATE ON tasks FOR EACH ROW EXECUTE FUNCTION tasks_guard();

-- R38: only an administrator changes roles (creates managers and administrators); whom a person
-- reports to is changed by an administrator or the person's current manager; no one edits themselves up.
CREATE FUNCTION users_guard() RETURNS trigger
LANGUAGE plpgsql SET search_path = regula, pg_catalog AS $$
BEGIN
  IF NOT is_person() OR i_am_admin() THEN
    RETURN new;
  END IF;
  IF new.role IS DISTINCT FROM old.role THEN
    RAISE EXCEPTION 'R38: only an administrator changes roles' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF new.manager_id IS DISTINCT FROM old.manager_id AND old.manager_id IS DISTINCT FROM me() THEN
    RAISE EXCEPTION 'R38: only an administrator or the person''s current manager changes whom they report to' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN new;
END $$;
CREATE TRIGGER users_guard BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION users_guard();

-- R2: time moved to another task goes to a task its owner is responsible for.
CREATE FUNCTION time_entries_guard() RETURNS trigger
LANGUAGE plpgsql SET search_path = regula, pg_catalog AS $$
BEGIN
  IF is_person() AND new.task_id IS DISTINCT FROM old.task_id
     AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.id = new.task_id AND t.responsible_id = me()) THEN
    RAISE EXCEPTION 'R2: time goes only to a task you are responsible for (task %)', new.task_id USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN new;
END $$;
CREATE TRIGGER time_entries_guard BEFORE UPDATE ON time_entries FOR EACH ROW EXECUTE FUNCTION time_entries_guard();

-- R38, R30: a day report is approved (and marked, commented) by the owner's manager up the chain, in
-- their own name; the owner writes only the reply.
CREATE FUNCTION day_reports_guard() RETURNS trigger
LANGUAGE plpgsql SET search_path = regula, pg_catalog AS $$
BEGIN
  IF NOT is_person() THEN
    RETURN new;
  END IF;
  IF (new.approved_by, new.approved_at, new.mark, new.comment) IS DISTINCT FROM (old.approved_by, old.approved_at, old.mark, old.comment)
     AND (NOT (old.user_id = ANY (my_people())) OR new.approved_by IS DISTINCT FROM me()) THEN
    RAISE EXCEPTION 'R38: only the person''s manager (or theirs, up the chain) approves their day report, in their own name'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (new.reply, new.replied_at) IS DISTINCT FROM (old.reply, old.replied_at) AND old.user_id IS DISTINCT FROM me() THEN
    RAISE EXCEPTION 'R30: only the report''s owner replies to its review' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN new;
END $$;
CREATE TRIGGER day_reports_guard BEFORE UPDATE ON day_reports FOR EACH ROW EXECUTE FUNCTION day_reports_guard();

-- R38: a director or the responsible's manager stops someone else's running timer when handing the
-- task over or deleting it; an administrator stops a forgotten one (task doctor). The only way to touch
-- another person's time: it ends a running entry, nothing else.
CREATE FUNCTION stop_timer_of(entry bigint, at bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = regula, pg_catalog AS $$
DECLARE
  running time_entries%ROWTYPE;
BEGIN
  SELECT * INTO running FROM time_entries WHERE id = entry AND end_at IS NULL FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no running timer %', entry USING ERRCODE = 'no_data_found';
  END IF;
  IF NOT (running.user_id = me() OR i_am_admin() OR directs_task(running.task_id)) THEN
    RAISE EXCEPTION 'R38: only the task''s director, the responsible''s manager or an administrator stops another person''s timer'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  UPDATE time_entries SET end_at = greatest(at, running.start_at), updated_at = at WHERE id = entry;
END $$;
GRANT EXECUTE ON FUNCTION stop_timer_of(bigint, bigint) TO regula_person;

-- ---------------------------------------------------------------------------------------------------
-- Invariants held by the database (R21 and R23 are CHECKs and a unique index in 0001).

-- R31: a task is closed only with a result. Checked at commit, so the result may be written before or
-- after the status in the same transaction. A task entered already completed (moved in, or imported from
-- a tool that closed it without a result) is let in; the core flags it (rules/results.ts).
CREATE FUNCTION tasks_completed_with_result() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = regula, pg_catalog AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM tasks t WHERE t.id = new.id AND t.status = 'completed')
     AND NOT EXISTS (SELECT 1 FROM comments c WHERE c.task_id = new.id AND c.kind = 'result') THEN
    RAISE EXCEPTION 'R31: task % is completed without a result comment', new.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER tasks_completed_with_result AFTER UPDATE OF status ON tasks
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (new.status = 'completed' AND old.status IS DISTINCT FROM 'completed')
  EXECUTE FUNCTION tasks_completed_with_result();

-- Functions are not for everyone by default.
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA regula FROM PUBLIC;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA regula TO regula_person;
