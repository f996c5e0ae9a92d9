// Issue 23: the database is the fence. Each person logs in with the real psql client under their own
// role and meets R4 (what they see) and R38 (what they change) from PostgreSQL itself, not from `task`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noServerNotice, SERVER_URL, TestServer } from './server.js';

const serverUrl = SERVER_URL;
if (serverUrl === undefined) noServerNotice();
else
  describe('the team server enforces R4 and R38 for anyone connecting with psql', () => {
    const server = new TestServer(serverUrl);
    // boss (admin) <- lead (manager) <- anna, ben; boss <- carl (manager) <- dave: another team.
    const [boss, lead, anna, ben, carl, dave] = ['boss', 'lead', 'anna', 'ben', 'carl', 'dave'].map((name) =>
      server.login(name),
    ) as [string, string, string, string, string, string];
    const id: Record<string, number> = {};
    const admin = () => ({ REGULA_DB: server.url() });
    /** Rows an UPDATE or DELETE touched, as `user`. */
    const touched = async (statement: string, user: string) =>
      Number(
        await server.value(`WITH changed AS (${statement} RETURNING 1) SELECT count(*) FROM changed`, user),
      );
    const refusal = async (sql: string, user: string) => {
      const result = await server.psql(sql, user);
      expect(result.exitCode, `expected a refusal of: ${sql}`).not.toBe(0);
      return result.stderr;
    };

    beforeAll(async () => {
      await server.create();
      expect((await server.task(['server', 'init', server.url()])).exitCode).toBe(0);
      const people: [string, string[]][] = [
        [boss, ['--admin']],
        [lead, ['--manager', boss, '--role', 'manager']],
        [anna, ['--manager', lead]],
        [ben, ['--manager', lead]],
        [carl, ['--manager', boss, '--role', 'manager']],
        [dave, ['--manager', carl]],
      ];
      for (const [login, flags] of people) {
        server.remember(login);
        const added = await server.task(['server', 'user', 'add', login, ...flags, '--json'], admin());
        expect(added.exitCode, added.stderr).toBe(0);
        id[login] = JSON.parse(added.stdout).id;
      }
      // The team's data, as moved in by the administrator (the owner is not bound by the policies).
      await server.value(`
        INSERT INTO tasks (id, title, text, director_id, responsible_id, accept_required, created_at, updated_at) VALUES
          (101, 'Sales: Call the client', 'Call the client', ${id[lead]}, ${id[anna]}, false, 0, 0),
          (102, 'Ops: Fix the pump', 'Fix the pump', ${id[carl]}, ${id[dave]}, false, 0, 0),
          (103, 'Sales: Write the offer', 'Write the offer', ${id[anna]}, ${id[anna]}, false, 0, 0),
          (104, 'Sales: Price list', 'Price list', ${id[lead]}, ${id[ben]}, true, 0, 0);
        INSERT INTO time_entries (id, task_id, user_id, start_at, end_at, source, created_at, updated_at) VALUES
          (201, 101, ${id[anna]}, 1000, 61000, 'timer', 0, 0),
          (202, 102, ${id[dave]}, 1000, 91000, 'timer', 0, 0),
          (203, 104, ${id[ben]}, 1000, 31000, 'timer', 0, 0);
        INSERT INTO day_reports (user_id, day, recorded_at, snapshot) VALUES (${id[anna]}, '2026-11-26', 5000, '{"tracked": 60}');
        INSERT INTO history (task_id, actor_id, at, field, old_value, new_value) VALUES (101, ${id[lead]}, 0, 'created', NULL, 'Sales: Call the client');
        INSERT INTO comments (id, task_id, author_id, kind, body, created_at) VALUES (301, 101, ${id[lead]}, 'comment', 'Call before noon', 0);`);
    });
    afterAll(() => server.drop());

    it("R4: an employee sees their own tasks and time, not a teammate's and not another team's", async () => {
      expect(await server.value("SELECT string_agg(id::text, ',' ORDER BY id) FROM tasks", anna)).toBe(
        '101,103',
      );
      expect(await server.value('SELECT count(*) FROM tasks WHERE id = 102', anna)).toBe('0');
      expect(await server.value("SELECT count(*) FROM tasks WHERE title LIKE 'Ops:%'", anna)).toBe('0');
      expect(await server.value("SELECT string_agg(id::text, ',' ORDER BY id) FROM time_entries", anna)).toBe(
        '201',
      );
      expect(await server.value('SELECT count(*) FROM history WHERE task_id = 102', anna)).toBe('0');
      expect(await server.value("SELECT string_agg(id::text, ',' ORDER BY id) FROM tasks", dave)).toBe('102');
    });

    it("R4: a manager sees their people's tasks, time and reports, up the chain; not another team's", async () => {
      expect(await server.value("SELECT string_agg(id::text, ',' ORDER BY id) FROM tasks", lead)).toBe(
        '101,103,104',
      );
      expect(await server.value("SELECT string_agg(id::text, ',' ORDER BY id) FROM time_entries", lead)).toBe(
        '201,203',
      );
      expect(await server.value('SELECT count(*) FROM day_reports', lead)).toBe('1');
      expect(await server.value('SELECT count(*) FROM day_reports', carl)).toBe('0');
      expect(await server.value("SELECT string_agg(id::text, ',' ORDER BY id) FROM tasks", carl)).toBe('102');
      // boss is above everyone (and an administrator).
      expect(await server.value("SELECT string_agg(id::text, ',' ORDER BY id) FROM tasks", boss)).toBe(
        '101,102,103,104',
      );
    });

    it('R3, R4: an observer sees the task they observe, and nothing more of that team', async () => {
      await server.value(`INSERT INTO task_observers (task_id, user_id) VALUES (101, ${id[dave]})`, anna);
      expect(await server.value("SELECT string_agg(id::text, ',' ORDER BY id) FROM tasks", dave)).toBe(
        '101,102',
      );
      expect(await server.value('SELECT count(*) FROM time_entries WHERE task_id = 101', dave)).toBe('0');
      // An observer reads; R38 gives them no work on it.
      expect(await touched("UPDATE tasks SET title = 'Sales: taken over' WHERE id = 101", dave)).toBe(0);
      await server.value(`DELETE FROM task_observers WHERE task_id = 101 AND user_id = ${id[dave]}`, anna);
    });

    it('R23, R35: an employee cannot change or remove a recorded report', async () => {
      expect(await refusal(`UPDATE day_reports SET snapshot = '{"tracked": 600}'`, anna)).toContain(
        'permission denied for table day_reports',
      );
      expect(await refusal('DELETE FROM day_reports', anna)).toContain(
        'permission denied for table day_reports',
      );
      expect(await refusal("UPDATE day_amendments SET reason = 'x'", anna)).toContain('permission denied');
      expect(await server.value(`SELECT snapshot::text FROM day_reports WHERE user_id = ${id[anna]}`)).toBe(
        '{"tracked": 60}',
      );
    });

    it('R36: history and comments are written once: nobody changes or removes them', async () => {
      expect(await refusal("UPDATE history SET new_value = 'x'", lead)).toContain(
        'permission denied for table history',
      );
      expect(await refusal('DELETE FROM history', lead)).toContain('permission denied for table history');
      expect(await refusal("UPDATE comments SET body = 'x' WHERE id = 301", lead)).toContain(
        'permission denied for table comments',
      );
    });

    it("R38: each person's time entries are theirs alone - not a teammate's, not their manager's to change", async () => {
      expect(
        await touched('UPDATE time_entries SET end_at = end_at + 3600000 WHERE id IN (202, 203)', anna),
      ).toBe(0);
      expect(await touched('DELETE FROM time_entries WHERE id IN (202, 203)', anna)).toBe(0);
      // The manager sees anna's entry (R4) and still cannot change it.
      expect(await touched('UPDATE time_entries SET end_at = 1000 WHERE id = 201', lead)).toBe(0);
      expect(await touched('DELETE FROM time_entries WHERE id = 201', lead)).toBe(0);
      expect(
        await refusal(
          `INSERT INTO time_entries (task_id, user_id, start_at, end_at, source, comment, created_at, updated_at) VALUES (104, ${id[ben]}, 0, 60000, 'manual', 'for ben', 0, 0)`,
          anna,
        ),
      ).toContain('row-level security');
      expect(
        await server.value("SELECT string_agg(id || ':' || end_at, ',' ORDER BY id) FROM time_entries"),
      ).toBe('201:61000,202:91000,203:31000');
    });

    it("R22, R35: nobody sets what the program derives - a task's tracked total, an entry's owner, its retroactive mark", async () => {
      expect(await refusal('UPDATE tasks SET tracked_ms = 36000000 WHERE id = 101', anna)).toContain(
        'permission denied for table tasks',
      );
      expect(await refusal('UPDATE tasks SET tracked_ms = 36000000 WHERE id = 101', lead)).toContain(
        'permission denied for table tasks',
      );
      expect(await refusal(`UPDATE time_entries SET user_id = ${id[ben]} WHERE id = 201`, anna)).toContain(
        'permission denied for table time_entries',
      );
      await server.value(`INSERT INTO time_entries (id, task_id, user_id, start_at, end_at, source, comment, retroactive, reason, created_at, updated_at)
        VALUES (204, 101, ${id[anna]}, 2000, 3000, 'manual', 'call', true, 'forgot the timer', 0, 0)`);
      expect(
        await refusal('UPDATE time_entries SET retroactive = false, reason = NULL WHERE id = 204', anna),
      ).toContain('R23: time entry 204 was entered retroactively');
      expect(await server.value('SELECT tracked_ms FROM tasks WHERE id = 101')).toBe('61000');
      await server.value('DELETE FROM time_entries WHERE id = 204');
    });

    it("R38: an employee cannot act as their manager: approve, rate, hand over, write in the manager's name, stop another's timer", async () => {
      expect(
        await refusal(
          `UPDATE day_reports SET approved_by = ${id[lead]}, approved_at = 9000, mark = 'positive'`,
          anna,
        ),
      ).toContain("R38: only the person's manager");
      expect(await refusal("UPDATE tasks SET mark = 'positive' WHERE id = 101", anna)).toContain(
        'R38: you may not accept, return or rate task 101',
      );
      expect(await refusal(`UPDATE tasks SET responsible_id = ${id[ben]} WHERE id = 101`, anna)).toContain(
        'R38: you may not change who is responsible for',
      );
      expect(await refusal(`UPDATE tasks SET director_id = ${id[anna]} WHERE id = 101`, anna)).toContain(
        'R38',
      );
      expect(
        await refusal(
          `INSERT INTO history (task_id, actor_id, at, field) VALUES (101, ${id[lead]}, 0, 'status')`,
          anna,
        ),
      ).toContain('row-level security');
      expect(
        await refusal(
          `INSERT INTO comments (task_id, author_id, kind, body, created_at) VALUES (101, ${id[anna]}, 'rating', 'great', 0)`,
          anna,
        ),
      ).toContain('row-level security');
      expect(await touched(`UPDATE users SET role = 'admin' WHERE id = ${id[anna]}`, anna)).toBe(0);
      expect(await touched(`UPDATE users SET manager_id = ${id[anna]} WHERE id = ${id[ben]}`, anna)).toBe(0);
      await server.value(
        `INSERT INTO time_entries (task_id, user_id, start_at, source, created_at, updated_at) VALUES (102, ${id[dave]}, 100000, 'timer', 0, 0)`,
        dave,
      );
      const running = await server.value(
        `SELECT id FROM time_entries WHERE user_id = ${id[dave]} AND end_at IS NULL`,
        dave,
      );
      expect(await refusal(`SELECT regula.stop_timer_of(${running}, 200000)`, anna)).toContain('R38');
      // carl directs dave's task: a handover stops the timer through the one narrow door.
      await server.value(`SELECT regula.stop_timer_of(${running}, 200000)`, carl);
      expect(await server.value(`SELECT end_at FROM time_entries WHERE id = ${running}`)).toBe('200000');
      expect(
        await server.value(`SELECT approved_by IS NULL FROM day_reports WHERE user_id = ${id[anna]}`),
      ).toBe('t');
      expect(
        await server.value(
          'SELECT mark IS NULL AND responsible_id = ' + id[anna] + ' FROM tasks WHERE id = 101',
        ),
      ).toBe('t');
    });

    it('R22, R29, R31, R35, R23: a person cannot slip derived figures, a rating, a closed state or a reviewed report in through INSERT', async () => {
      const newTask = (columns: string, values: string) =>
        `INSERT INTO tasks (title, text, director_id, responsible_id, created_at, updated_at${columns}) VALUES ('Sales: Own', 'Own', ${id[anna]}, ${id[anna]}, 0, 0${values})`;
      expect(await refusal(newTask(', tracked_ms', ', 36000000'), anna)).toContain(
        'permission denied for table tasks',
      );
      expect(await refusal(newTask(', mark', ", 'positive'"), anna)).toContain(
        'permission denied for table tasks',
      );
      expect(await refusal(newTask(', status', ", 'completed'"), anna)).toContain('R31: task');
      // With its result in the same transaction, a completed task goes in.
      await server.value(
        `${newTask(', status', ", 'completed'")};
        INSERT INTO comments (task_id, author_id, kind, body, created_at) SELECT max(id), ${id[anna]}, 'result', 'Sent the offer', 0 FROM tasks WHERE title = 'Sales: Own'`,
        anna,
      );
      expect(
        await server.value(
          "SELECT count(*) || ':' || min(tracked_ms) || ':' || coalesce(min(mark), '-') FROM tasks WHERE title = 'Sales: Own'",
        ),
      ).toBe('1:0:-');
      // A day report is recorded unreviewed: its mark and comment are the manager's (R38).
      expect(
        await refusal(
          `INSERT INTO day_reports (user_id, day, recorded_at, snapshot, mark, comment) VALUES (${id[anna]}, '2026-11-27', 0, '{}', 'positive', 'great day')`,
          anna,
        ),
      ).toContain('row-level security');
      expect(
        await refusal(
          `INSERT INTO day_reports (user_id, day, recorded_at, snapshot, approved_at) VALUES (${id[anna]}, '2026-11-27', 0, '{}', 5)`,
          anna,
        ),
      ).toContain('row-level security');
      // An amendment only to a day one answers for: anna's own, not her teammate's; their manager's to both.
      const amend = (user: string, actor: string) =>
        `INSERT INTO day_amendments (user_id, day, at, actor_id, what, reason) VALUES (${id[user]}, '2026-11-26', 0, ${id[actor]}, 'time added', 'forgot')`;
      expect(await refusal(amend(ben, anna), anna)).toContain('row-level security');
      await server.value(amend(anna, anna), anna);
      await server.value(amend(ben, lead), lead);
      expect(await server.value(`SELECT count(*) FROM day_amendments WHERE user_id = ${id[ben]}`)).toBe('1');
    });

    it("R38: stopping another person's timer ends it at most now - the narrow door adds no hours", async () => {
      await server.value(
        `INSERT INTO time_entries (task_id, user_id, start_at, source, created_at, updated_at) VALUES (102, ${id[dave]}, 300000, 'timer', 0, 0)`,
        dave,
      );
      const running = await server.value(
        `SELECT id FROM time_entries WHERE user_id = ${id[dave]} AND end_at IS NULL`,
        dave,
      );
      const before = Date.now();
      await server.value(`SELECT regula.stop_timer_of(${running}, ${before + 1000 * 3600 * 1000})`, carl);
      const end = Number(await server.value(`SELECT end_at FROM time_entries WHERE id = ${running}`));
      expect(end).toBeGreaterThanOrEqual(before - 60_000);
      expect(end).toBeLessThanOrEqual(Date.now() + 60_000);
    });

    it('R38: what the roles allow goes through - the employee works and tracks, the manager reviews', async () => {
      expect(
        await touched(
          "UPDATE tasks SET title = 'Sales: Call the client at 9:00', text = 'Call the client at 9:00' WHERE id = 101",
          anna,
        ),
      ).toBe(1);
      await server.value(
        `INSERT INTO time_entries (task_id, user_id, start_at, source, created_at, updated_at) VALUES (103, ${id[anna]}, 100000, 'timer', 100000, 100000)`,
        anna,
      );
      await server.value(
        `UPDATE time_entries SET end_at = 160000, updated_at = 160000 WHERE user_id = ${id[anna]} AND end_at IS NULL`,
        anna,
      );
      expect(await server.value('SELECT tracked_ms FROM tasks WHERE id = 103', anna)).toBe('60000');
      // R31: closing with a result, in one transaction.
      await server.value(
        `
        INSERT INTO comments (task_id, author_id, kind, body, created_at) VALUES (103, ${id[anna]}, 'result', 'Offer sent: link', 170000);
        INSERT INTO results (comment_id) SELECT max(id) FROM comments WHERE task_id = 103 AND kind = 'result';
        UPDATE tasks SET status = 'completed', closed_at = 170000 WHERE id = 103;`,
        anna,
      );
      expect(await server.value('SELECT status FROM tasks WHERE id = 103', anna)).toBe('completed');
      // The manager approves anna's day in their own name, rates the task and hands ben's task to anna.
      expect(
        await touched(
          `UPDATE day_reports SET approved_by = ${id[lead]}, approved_at = 9000, mark = 'positive' WHERE user_id = ${id[anna]}`,
          lead,
        ),
      ).toBe(1);
      expect(await touched("UPDATE tasks SET mark = 'positive' WHERE id = 101", lead)).toBe(1);
      expect(await touched(`UPDATE tasks SET responsible_id = ${id[anna]} WHERE id = 104`, lead)).toBe(1);
      // R30: anna replies to the review of her day.
      expect(
        await touched(
          `UPDATE day_reports SET reply = 'OK', replied_at = 9500 WHERE user_id = ${id[anna]}`,
          anna,
        ),
      ).toBe(1);
      // The administrator reads everything and changes nobody's task by the role alone.
      expect(await server.value('SELECT count(*) FROM time_entries', boss)).toBe(
        String(await server.value('SELECT count(*) FROM time_entries')),
      );
    });

    it('R21, R31, R23: the invariants hold in the database - one running timer, a result to complete, a reason to go back', async () => {
      await server.value(
        `INSERT INTO time_entries (task_id, user_id, start_at, source, created_at, updated_at) VALUES (101, ${id[anna]}, 300000, 'timer', 0, 0)`,
        anna,
      );
      expect(
        await refusal(
          `INSERT INTO time_entries (task_id, user_id, start_at, source, created_at, updated_at) VALUES (103, ${id[anna]}, 310000, 'timer', 0, 0)`,
          anna,
        ),
      ).toContain('time_entries_one_running_per_user');
      expect(await refusal("UPDATE tasks SET status = 'completed' WHERE id = 101", anna)).toContain(
        'R31: task 101 is completed without a result comment',
      );
      expect(
        await refusal(
          `INSERT INTO time_entries (task_id, user_id, start_at, end_at, source, comment, retroactive, created_at, updated_at) VALUES (101, ${id[anna]}, 0, 500, 'manual', 'call', true, 0, 0)`,
          anna,
        ),
      ).toContain('time_entries_check');
      expect(
        await refusal(
          `INSERT INTO day_amendments (user_id, day, at, actor_id, what, reason) VALUES (${id[anna]}, '2026-11-26', 0, ${id[anna]}, 'time added', ' ')`,
          anna,
        ),
      ).toContain('day_amendments_reason_check');
      await server.value(
        `INSERT INTO time_entries (task_id, user_id, start_at, end_at, source, comment, retroactive, reason, created_at, updated_at) VALUES (101, ${id[anna]}, 0, 500, 'manual', 'call', true, 'forgot the timer', 0, 0)`,
        anna,
      );
    });

    it('R10, R27: the responsible moves a hard deadline earlier, never later, and does not accept their own work', async () => {
      await server.value(`INSERT INTO tasks (id, title, text, director_id, responsible_id, deadline_at, deadline_hard, accept_required, created_at, updated_at)
        VALUES (105, 'Sales: Sign the contract', 'Sign the contract', ${id[lead]}, ${id[anna]}, 5000, true, true, 0, 0)`);
      expect(await refusal('UPDATE tasks SET deadline_at = 9000 WHERE id = 105', anna)).toContain(
        'R10: the hard deadline of task 105 is moved later only by its director',
      );
      expect(await touched('UPDATE tasks SET deadline_at = 4000 WHERE id = 105', anna)).toBe(1);
      await server.value(
        `
        INSERT INTO comments (task_id, author_id, kind, body, created_at) VALUES (105, ${id[anna]}, 'result', 'Signed', 0);
        INSERT INTO results (comment_id) SELECT max(id) FROM comments WHERE task_id = 105;
        UPDATE tasks SET status = 'awaiting_control' WHERE id = 105;`,
        anna,
      );
      expect(await refusal("UPDATE tasks SET status = 'completed' WHERE id = 105", anna)).toContain(
        'R38: you may not accept, return or rate task 105',
      );
      expect(
        await touched("UPDATE tasks SET status = 'completed', deadline_at = 9000 WHERE id = 105", lead),
      ).toBe(1);
    });

    it('R33: a person marks a task or a template as a review as they mark it a management task (0005)', async () => {
      await server.value(
        `INSERT INTO tasks (title, text, director_id, responsible_id, management, review, created_at, updated_at)
           VALUES ('Sales: Review the week', 'Review the week', ${id[anna]}, ${id[anna]}, true, true, 0, 0)`,
        anna,
      );
      expect(
        await server.value("SELECT review FROM tasks WHERE title = 'Sales: Review the week'", anna),
      ).toBe('t');
      expect(await touched('UPDATE tasks SET management = true, review = true WHERE id = 101', anna)).toBe(1);
      await server.value(
        `INSERT INTO templates (title, schedule, start_day, responsible_id, director_id, management, review, created_at, updated_at)
           VALUES ('Sales: Monthly review', 'monthly', '2026-11-01', ${id[anna]}, ${id[anna]}, true, true, 0, 0)`,
        anna,
      );
      expect(
        await touched("UPDATE templates SET review = false WHERE title = 'Sales: Monthly review'", anna),
      ).toBe(1);
      // Not on someone else's: the rows a person may change stay as 0002 says.
      expect(await touched('UPDATE tasks SET review = true WHERE id = 102', anna)).toBe(0);
    });

    it('R32, R36: an explanation is added to a result once - never rewritten or blanked (0011)', async () => {
      // Last in the file, on tasks of its own: the lists of what each person sees above stay as they are.
      await server.value(`
        INSERT INTO tasks (id, title, text, director_id, responsible_id, accept_required, created_at, updated_at) VALUES
          (901, 'Sales: Offer', 'Offer', ${id[lead]}, ${id[anna]}, false, 0, 0),
          (902, 'Sales: Prices', 'Prices', ${id[lead]}, ${id[ben]}, false, 0, 0);
        INSERT INTO comments (id, task_id, author_id, kind, body, created_at) VALUES
          (9001, 901, ${id[anna]}, 'result', 'Offer sent', 0),
          (9002, 902, ${id[ben]}, 'result', 'Prices updated', 0);
        INSERT INTO results (comment_id, explanation) VALUES (9001, 'The client asked for two variants'), (9002, NULL);`);
      // Written by the responsible: not the director's (lead's) to change, nor anna's own to blank.
      expect(
        await touched("UPDATE results SET explanation = 'Late, my fault' WHERE comment_id = 9001", lead),
      ).toBe(0);
      expect(await touched("UPDATE results SET explanation = '' WHERE comment_id = 9001", anna)).toBe(0);
      expect(await server.value('SELECT explanation FROM results WHERE comment_id = 9001', anna)).toBe(
        'The client asked for two variants',
      );
      // None yet: those who work the task add one, with text - an empty one is refused.
      await refusal("UPDATE results SET explanation = ' ' WHERE comment_id = 9002", ben);
      expect(
        await touched("UPDATE results SET explanation = 'Two suppliers late' WHERE comment_id = 9002", ben),
      ).toBe(1);
      expect(
        await touched("UPDATE results SET explanation = 'Changed later' WHERE comment_id = 9002", ben),
      ).toBe(0);
      // A teammate who does not work the task adds nothing.
      expect(await touched("UPDATE results SET explanation = 'x' WHERE comment_id = 9001", ben)).toBe(0);
    });
  });
