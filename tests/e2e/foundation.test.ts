import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sandbox } from './helpers.js';

let sb: Sandbox;
beforeEach(() => {
  sb = new Sandbox({ inProcess: true });
});
afterEach(() => sb.remove());

describe('the quick start', () => {
  it('add, start, status, pause, list, show, history work on a fresh database', async () => {
    const add = await sb.ok([
      'add',
      'Sales: Call client Ivan Petrov',
      '--plan',
      '15m',
      '--deadline',
      'today',
    ]);
    expect(add.stdout).toBe('Created task 1: Sales: Call client Ivan Petrov');

    expect((await sb.ok(['start', '1'])).stdout).toContain('Started task 1');
    const status = await sb.json(['status'], { now: '2026-11-27T09:20' });
    expect(status).toEqual({
      running: {
        taskId: 1,
        title: 'Sales: Call client Ivan Petrov',
        startedAt: '2026-11-27T09:00:00.000Z',
        elapsedMinutes: 20,
      },
      todayMinutes: 20,
      day: 'working', // the timer opened the working day (R20)
      idleSince: null,
    });
    expect((await sb.ok(['pause'], { now: '2026-11-27T09:25' })).stdout).toContain('after 25m');
    expect((await sb.json(['status'], { now: '2026-11-27T09:40' })).idleSince).toBe(
      '2026-11-27T09:25:00.000Z',
    );

    const list = await sb.ok(['list'], { now: '2026-11-27T09:30' });
    expect(list.stdout).toMatch(/^ 1 pending M today +15m +25m +Sales: Call client Ivan Petrov$/m);

    const show = await sb.ok(['show', '1']);
    expect(show.stdout).toContain('Task 1  Sales: Call client Ivan Petrov');
    expect(show.stdout).toMatch(/time\s+planned 15m, spent 25m/);

    const history = await sb.json<any[]>(['history', '1']);
    expect(history.map((h) => [h.field, h.old, h.new])).toEqual([
      ['created', null, 'Sales: Call client Ivan Petrov'],
      ['status', 'new', 'in_progress'],
      ['status', 'in_progress', 'pending'],
    ]);
  });

  it('creates the database at the XDG data location when no path is given', async () => {
    const result = await sb.run(['add', 'Ops: Check backups'], { env: { REGULA_DB: undefined } });
    expect(result.exitCode).toBe(0);
    const db = new Database(`${sb.dir}/data/regula/regula.db`, { readonly: true });
    expect(db.prepare('SELECT title FROM tasks').all()).toEqual([{ title: 'Ops: Check backups' }]);
    db.close();
  });

  it('prints the documented task shape with --json', async () => {
    const task = await sb.json([
      'add',
      'Sales: Call Ivan',
      '--plan',
      '1h30m',
      '--deadline',
      '2026-12-01',
      '--tag',
      'SALES',
      '--priority',
      'high',
    ]);
    expect(task).toMatchObject({
      id: 1,
      title: 'Sales: Call Ivan',
      project: 'Sales',
      kind: 'ordinary',
      part: null,
      text: 'Call Ivan',
      status: 'new',
      priority: 'high',
      deadline: '2026-12-01T23:59:59.999Z',
      deadlineHard: false,
      plannedMinutes: 90,
      spentMinutes: 0,
      timeTracking: true,
      acceptRequired: false,
      director: 'alice',
      responsible: 'alice',
      parentId: null,
      tags: ['SALES'],
      description: null,
      createdAt: '2026-11-27T09:00:00.000Z',
      updatedAt: '2026-11-27T09:00:00.000Z',
      closedAt: null,
    });
  });
});

describe('R21: one timer at a time', () => {
  it('starting B while A runs pauses A with its time recorded', async () => {
    await sb.ok(['add', 'Sales: Task A', '--plan', '1h']);
    await sb.ok(['add', 'Sales: Task B', '--plan', '1h']);
    await sb.ok(['start', '1'], { now: '2026-11-27T09:00' });
    const started = await sb.json(['start', '2'], { now: '2026-11-27T09:40' });
    expect(started.paused).toMatchObject({ taskId: 1, minutes: 40 });

    const tasks = await sb.json<any[]>(['list'], { now: '2026-11-27T10:00' });
    const byId = Object.fromEntries(tasks.map((t) => [t.id, t]));
    expect(byId[1]).toMatchObject({ status: 'pending', spentMinutes: 40 });
    expect(byId[2]).toMatchObject({ status: 'in_progress', spentMinutes: 20 });
    expect(sb.sql('SELECT count(*) AS n FROM time_entries WHERE end_at IS NULL')).toEqual([{ n: 1 }]);
  });

  it('the database itself refuses a second running entry for one person', async () => {
    await sb.ok(['add', 'Sales: Task A', '--plan', '1h']);
    await sb.ok(['start', '1']);
    const db = new Database(sb.db);
    expect(() =>
      db
        .prepare(
          "INSERT INTO time_entries (task_id, user_id, start_at, source, created_at, updated_at) VALUES (1, 1, 0, 'timer', 0, 0)",
        )
        .run(),
    ).toThrow(/UNIQUE constraint failed/);
    db.close();
  });

  it('resume starts the task that was paused last', async () => {
    await sb.ok(['add', 'Sales: Task A', '--plan', '1h']);
    await sb.ok(['start', '1']);
    await sb.ok(['pause'], { now: '2026-11-27T09:10' });
    const resumed = await sb.json(['resume'], { now: '2026-11-27T09:30' });
    expect(resumed).toMatchObject({ taskId: 1, startedAt: '2026-11-27T09:30:00.000Z' });
    const none = await sb.run(['resume'], { user: 'alice', env: { REGULA_DB: `${sb.dir}/other.db` } });
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toBe('task: there is no paused timer to resume; start a task with: task start ID');
  });

  it('time of a task whose timer crosses midnight is split between the days', async () => {
    await sb.ok(['add', 'Ops: Night migration', '--plan', '3h'], { now: '2026-11-27T22:00' });
    await sb.ok(['start', '1'], { now: '2026-11-27T23:00' });
    const status = await sb.json(['status'], { now: '2026-11-28T01:30' });
    expect(status.running.elapsedMinutes).toBe(150);
    expect(status.todayMinutes).toBe(90);
  });
});

describe('history (R36)', () => {
  it('edit writes one row per changed field with old and new values', async () => {
    await sb.ok(['add', 'Sales: Call Ivan', '--plan', '15m', '--deadline', '2026-11-30']);
    await sb.ok(
      [
        'edit',
        '1',
        '--plan',
        '30m',
        '--priority',
        'high',
        '--deadline',
        '2026-12-02',
        '--title',
        'Call Ivan Petrov',
      ],
      { now: '2026-11-27T10:00' },
    );
    const rows = await sb.json<any[]>(['history', '1']);
    const changes = rows
      .filter((r) => r.field !== 'created')
      .map((r) => [r.field, r.old, r.new, r.actor, r.at]);
    expect(changes).toEqual([
      ['title', 'Sales: Call Ivan', 'Sales: Call Ivan Petrov', 'alice', '2026-11-27T10:00:00.000Z'],
      ['priority', 'medium', 'high', 'alice', '2026-11-27T10:00:00.000Z'],
      [
        'deadline',
        '2026-11-30T23:59:59.999Z',
        '2026-12-02T23:59:59.999Z',
        'alice',
        '2026-11-27T10:00:00.000Z',
      ],
      ['plannedMinutes', '15', '30', 'alice', '2026-11-27T10:00:00.000Z'],
    ]);
    const show = await sb.json(['show', '1']);
    expect(show.deadlineMoves).toBe(1);
  });

  it('an edit that changes nothing writes no history', async () => {
    await sb.ok(['add', 'Sales: Call Ivan', '--plan', '15m']);
    const before = sb.dump();
    const result = await sb.run(['edit', '1', '--plan', '15m']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('Task 1 already reads so; nothing changed.');
    expect(sb.dump()).toBe(before);
  });
});

describe("task undo (Taskwarrior's undo, kept in the history)", () => {
  const at = (minute: number) => ({ now: `2026-11-27T09:${String(minute).padStart(2, '0')}` });

  it('changes your last edit back with a new edit; undo again redoes it; the history keeps all of it', async () => {
    await sb.ok(['add', 'Sales: Call Ivan', '--plan', '15m', '--deadline', 'today', '--tag', 'phone'], at(1));
    await sb.ok(['user', 'add', 'bob'], at(2));
    await sb.ok(
      [
        '1',
        'modify',
        'due:fri',
        '+urgent',
        'plan:1h',
        'Call',
        'Ivan',
        'back',
        '--observer',
        'bob',
        '--crm',
        'deal:7',
      ],
      at(3),
    );
    const undone = await sb.ok(['undo'], at(4));
    expect(undone.stdout).toBe(
      'Undone on task 1 Sales: Call Ivan: title, deadline, planned time, tags, observers, CRM links set back (task history 1 shows both changes).',
    );
    expect(await sb.json(['show', '1'])).toMatchObject({
      title: 'Sales: Call Ivan',
      deadline: '2026-11-27T23:59:59.999Z',
      deadlineAllDay: true,
      plannedMinutes: 15,
      tags: ['phone'],
      observers: [],
      crm: [],
    });
    expect(
      sb.sql("SELECT note FROM history WHERE field = 'deadline' ORDER BY id").map((r: any) => r.note),
    ).toEqual([null, 'undo of the change at 2026-11-27 09:03']);
    await sb.ok(['undo'], at(5));
    expect(await sb.json(['show', '1'])).toMatchObject({
      title: 'Sales: Call Ivan back',
      plannedMinutes: 60,
      tags: ['phone', 'urgent'],
      observers: ['bob'],
      crm: ['deal:7'],
    });
    await sb.ok(['1', 'modify', '-urgent', '+calls'], at(6)); // Taskwarrior's -TAG takes a tag off
    expect((await sb.json(['show', '1'])).tags).toEqual(['calls', 'phone']);
  });

  it('refuses what is not a field edit, naming the way back, and never overwrites a later change by someone else', async () => {
    const nothing = await sb.run(['undo'], at(1));
    expect(nothing.stderr).toBe('task: you have changed nothing yet; there is nothing to undo');
    await sb.ok(['add', 'Sales: Call Ivan', '--plan', '15m'], at(2));
    expect((await sb.run(['undo'], at(3))).stderr).toBe(
      'task: cannot undo: your last change created task 1; take it away with: task delete 1 (it can be restored)',
    );
    await sb.ok(['start', '1'], at(4));
    expect((await sb.run(['undo'], at(5))).stderr).toBe(
      'task: cannot undo: your last change started task 1; a timer started by mistake is taken back with: task cancel --comment TEXT',
    );
    await sb.ok(['user', 'add', 'boss'], at(6));
    await sb.ok(['1', 'modify', '--director', 'boss'], at(7));
    await sb.ok(['1', 'modify', '--plan', '30m'], { ...at(8), user: 'boss' });
    const before = sb.dump();
    const later = await sb.run(['undo'], at(9));
    expect(later.exitCode).toBe(2);
    expect(later.stderr).toBe(
      'task: task 1 was changed after your change (planned time, by boss at 2026-11-27 09:08); see task history 1 and change it with task edit',
    );
    expect(sb.dump()).toBe(before);
  });

  it('takes back your last correction of time when it came last (as timew undo), logged; undo again redoes it', async () => {
    await sb.ok(['add', 'Sales: Call Ivan', '--plan', '15m'], at(1));
    await sb.ok(['1', 'modify', 'plan:30m'], at(2));
    await sb.ok(['time', 'add', '1', '10m', '--at', '08:00', '--comment', 'called early'], at(3));
    const undone = await sb.ok(['undo'], at(4));
    expect(undone.stdout).toBe(
      'Undone: time entry 1 (task 1 Sales: Call Ivan) taken back to 0m (it stays, as a cancelled timer does); task time history 1 shows both changes.',
    );
    expect(await sb.json(['show', '1'])).toMatchObject({ spentMinutes: 0, plannedMinutes: 30 }); // the older task edit stays
    const redone = await sb.json(['undo'], at(5));
    expect(redone).toMatchObject({
      id: 1,
      start: '2026-11-27T08:00:00.000Z',
      end: '2026-11-27T08:10:00.000Z',
      minutes: 10,
    });
    const trail = await sb.json(['time', 'history', '1']);
    expect(trail.changes.map((c: any) => [c.after.end, c.comment])).toEqual([
      ['2026-11-27T08:10:00.000Z', 'called early'],
      ['2026-11-27T08:00:00.000Z', 'undo of the correction at 2026-11-27 09:03'],
      ['2026-11-27T08:10:00.000Z', 'undo of the correction at 2026-11-27 09:04'],
    ]);

    // A split is one command: both of its changes are taken back together.
    await sb.ok(['add', 'Sales: Offer', '--plan', '1h'], at(6));
    await sb.ok(
      ['time', 'split', '1', '--at', '08:04', '--task', '2', '--comment', 'switched to the offer'],
      at(7),
    );
    const both = await sb.json<any[]>(['undo'], at(8));
    expect(both.map((e) => [e.id, e.taskId, e.start, e.end])).toEqual([
      [2, 2, '2026-11-27T08:04:00.000Z', '2026-11-27T08:04:00.000Z'],
      [1, 1, '2026-11-27T08:00:00.000Z', '2026-11-27T08:10:00.000Z'],
    ]);
    expect((await sb.json(['show', '1'])).spentMinutes).toBe(10);
    await sb.ok(['1', 'modify', 'plan:45m'], at(9)); // a task edit after it is undone as usual
    await sb.ok(['undo'], at(10));
    expect((await sb.json(['show', '1'])).plannedMinutes).toBe(30);

    // R23: taking back a correction in a closed day is itself retroactive.
    await sb.ok(
      [
        'time',
        'add',
        '1',
        '20m',
        '--at',
        'yesterday 10:00',
        '--comment',
        'the call',
        '--reason',
        'forgot it yesterday',
      ],
      at(11),
    );
    const closed = await sb.run(['undo'], at(12));
    expect(closed.exitCode).toBe(3);
    expect(closed.stderr).toMatch(/^task: R23: 2026-11-26 is closed .*needs --reason/);
    expect(await sb.json(['undo', '--reason', 'it was the day before'], at(13))).toMatchObject({
      minutes: 0,
      retroactive: true,
      reason: 'it was the day before',
    });
  });

  it('does not take back half a command, nor a change to a running timer', async () => {
    await sb.ok(
      ['log', 'Ops: Fixed the printer', '--spent', '10m', '--at', '08:00', '--result', 'It prints'],
      at(1),
    );
    let before = sb.dump();
    const logged = await sb.run(['undo'], at(2));
    expect(logged.exitCode).toBe(2);
    expect(logged.stderr).toBe(
      'task: cannot undo: your last command created task 1 with its time (task log); take it away with: task delete 1 (it can be restored)',
    );
    expect(sb.dump()).toBe(before);

    await sb.ok(['add', 'Sales: Call Ivan', '--plan', '15m'], at(3));
    await sb.ok(['start', '2', '--at', '09:00', '--comment', 'forgot to start it'], at(10));
    before = sb.dump();
    const running = await sb.run(['undo'], at(11));
    expect(running.exitCode).toBe(2);
    expect(running.stderr).toMatch(
      /^task: cannot undo: your last change moved or stopped a running timer \(entry 2, at 2026-11-27 09:10\); start it again with task resume/,
    );
    expect(sb.dump()).toBe(before);
  });

  it('a command that changed several tasks is undone as a whole', async () => {
    for (const [i, title] of ['Sales: Call Ivan', 'Sales: Call Petr', 'Sales: Call Olga'].entries())
      await sb.ok(['add', title, '--plan', '15m'], at(i + 1));
    await sb.ok(['1-3', 'modify', '+calls', 'pri:H'], at(5));
    const undone = await sb.json<any[]>(['undo'], at(6));
    expect(undone.map((t) => [t.id, t.priority, t.tags])).toEqual([
      [1, 'medium', []],
      [2, 'medium', []],
      [3, 'medium', []],
    ]);
  });

  it('R10: an undo that moves a hard deadline later needs --force --reason like any move; bringing it earlier is always allowed', async () => {
    await sb.ok(
      ['add', 'Legal: File the claim', '--plan', '1h', '--deadline', '2026-12-03', '--hard'],
      at(1),
    );
    await sb.ok(['1', 'modify', '--deadline', '2026-12-01'], at(2)); // earlier: no override needed
    const refused = await sb.run(['undo'], at(3));
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(/^task: R10: /);
    await sb.ok(['undo', '--force', '--reason', 'the court kept the date after all'], at(4));
    expect((await sb.json(['show', '1'])).deadline).toBe('2026-12-03T23:59:59.999Z');
  });
});

describe('errors', () => {
  it('an unknown id exits 4 with one line', async () => {
    await sb.ok(['add', 'Sales: Call Ivan']);
    for (const args of [
      ['show', '99'],
      ['start', '99'],
      ['edit', '99', '--plan', '1h'],
      ['history', '99'],
      ['done', '99', '--result', 'x'],
    ]) {
      const result = await sb.run(args);
      expect(result.exitCode, args.join(' ')).toBe(4);
      expect(result.stderr).toBe('task: task 99 not found; see the list with: task list --all');
    }
  });

  it.each([
    [['add', 'Sales: Call Ivan', '--plan', 'soon'], /--plan: "soon" is not a duration/],
    [['add', 'Sales: Call Ivan', '--deadline', 'someday'], /--deadline: "someday" is not a date/],
    [['add', '   '], /the title is empty/],
    [['add', 'Sales:'], /the title is empty/],
    [['add', 'Sales: Call Ivan', '--priority', 'urgent'], /--priority: "urgent" is not a priority/],
    [
      ['add', 'Sales: Call Ivan', '--responsible', 'bobb'],
      /unknown user "bobb"; known users: alice; add one with: task user add NAME/,
    ],
    [['start', '0'], /ID: "0" is not a task id/],
    [['start', 'ab'], /"ab" is too short to search for/],
    [['edit', '1', '--plan', '-5m'], /--plan/],
  ])('bad input %j exits 2 and leaves the database exactly as it was', async (args, message) => {
    await sb.ok(['add', 'Sales: Existing task', '--plan', '10m']);
    const before = sb.dump();
    const result = await sb.run(args as string[]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\bat .*\.js:\d+/);
    expect(sb.dump()).toBe(before);
  });

  it('an unknown option or command is a usage error with a suggestion', async () => {
    const option = await sb.run(['list', '--colour']);
    expect(option.exitCode).toBe(2);
    expect(option.stderr).toBe("task: unknown option '--colour'");
    const command = await sb.run(['lst']);
    expect(command.exitCode).toBe(2);
    expect(command.stderr).toBe("task: unknown command 'lst' (did you mean list?)");
    const noId = await sb.run(['done', '--result', 'x']);
    expect(noId.exitCode).toBe(2);
    expect(noId.stderr).toBe('task: missing the task id: task done ID (the number task list shows)');
    expect((await sb.run(['--as', 'alice', 'plan', 'add'])).stderr).toBe(
      'task: missing the task id: task plan add ID (the number task list shows)',
    );
    const periods = await sb.run(['report', '--week', '--month']);
    expect(periods.exitCode).toBe(2);
    expect(periods.stderr).toBe('task: --week and --month name different periods; give one');
  });

  it("takes the other tools' names (next, duplicate, summary) and says where their other commands went", async () => {
    await sb.ok(['add', 'Sales: Call Ivan', '--plan', '15m']);
    expect((await sb.json<any[]>(['next'])).map((t) => t.id)).toEqual([1]);
    expect((await sb.json(['1', 'duplicate'])).title).toBe('Sales: Call Ivan');
    expect((await sb.json(['summary'])).schema).toBe('regula.day-report');
    const before = sb.dump();
    const track = await sb.run(['track', '9:00', '-', '10:00', 'Sales']);
    expect(track.exitCode).toBe(2);
    expect(track.stderr).toMatch(
      /^task: 'track' is not a regula command; time is entered by hand with task time add ID DURATION/,
    );
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    // The version is put into the built binary by the bundler: asked of the binary itself.
    expect((await sb.spawn(['version'])).stdout).toBe(version);
    expect((await sb.spawn(['--version'])).stdout).toBe(version);
    expect((await sb.run(['diagnostics'])).stderr).toMatch(
      /^task: 'diagnostics' is not a regula command; task doctor checks the database/,
    );
    expect((await sb.run(['retag', '@1', 'Ops'])).stderr).toMatch(
      /^task: 'retag' is not a regula command; time tracked on the wrong task is moved with task time edit ENTRY --task ID/,
    );
    const resume = await sb.run(['continue']);
    expect(resume.exitCode).toBe(2);
    expect(resume.stderr).toBe(
      'task: task continue ID carries unfinished work to another day (R24); to start the paused timer again: task resume',
    );
    expect(sb.dump()).toBe(before);
  });

  it("answers Taskwarrior's named reports (overdue, active, completed, all ...) with the list and their filter", async () => {
    await sb.ok(['add', 'Sales: Late call', '--deadline', 'yesterday', '--plan', '15m']);
    await sb.ok(['add', 'Sales: Offer', '--deadline', 'tomorrow', '--plan', '1h', '+office']);
    await sb.ok(['add', 'Ops: Backups', '--plan', '10m', '+office']);
    await sb.ok(['done', '3', '--result', 'Checked']);
    await sb.ok(['start', '2']);
    const ids = async (...args: string[]) => (await sb.json<any[]>(args)).map((t) => t.id);
    expect(await ids('overdue')).toEqual([1]);
    expect(await ids('active')).toEqual([2]);
    expect(await ids('completed')).toEqual([3]);
    expect(await ids('+office', 'completed')).toEqual([3]);
    expect(await ids('all')).toEqual([1, 2, 3]);
    expect(await ids('oldest')).toEqual([1, 2]);
    expect(await ids('newest')).toEqual([2, 1]);
    expect(await ids('overdue', 'project:Ops')).toEqual([]);
    expect((await sb.ok(['count'])).stdout).toBe('2'); // for a shell prompt: task +OVERDUE count
    expect((await sb.ok(['+office', 'count'])).stdout).toBe('1');
    expect(await sb.json(['+OVERDUE', 'count'])).toEqual({ count: 1 });
    const before = sb.dump();
    const bulk = await sb.run(['+office', 'modify', 'pri:H']);
    expect(bulk.exitCode).toBe(2);
    expect(bulk.stderr).toBe(
      'task: regula changes tasks named by id, not by a filter: see them with task list +office, then task ID,ID modify ... (several ids change together or not at all)',
    );
    expect(sb.dump()).toBe(before);
    const ready = await sb.run(['ready']);
    expect(ready.exitCode).toBe(2);
    expect(ready.stderr).toBe(
      "task: 'ready' is not a regula command; task list shows your open tasks by deadline; task list +BLOCKED those that wait for other tasks",
    );
  });

  it("takes Taskwarrior's order: task ID COMMAND, task ID alone shows it, task ID stop", async () => {
    await sb.ok(['add', 'Sales: Call Ivan', '--plan', '15m']);
    await sb.ok(['add', 'Sales: Write the offer', '--plan', '1h']);
    expect(String((await sb.ok(['2'])).stdout)).toMatch(/^Task 2 {2}Sales: Write the offer/);
    expect(String((await sb.ok(['1', 'start'])).stdout)).toContain('Started task 1 Sales: Call Ivan.');
    const wrong = await sb.run(['2', 'stop']);
    expect(wrong.exitCode).toBe(2);
    expect(wrong.stderr).toBe('task: task 2 is not running; task 1 is (pause it with: task pause)');
    expect((await sb.json(['status'])).running.taskId).toBe(1);
    await sb.ok(['1', 'stop']);
    expect((await sb.json(['status'])).running).toBeNull();
    await sb.ok(['#2', 'modify', '--plan', '2h']);
    await sb.ok(['2', 'annotate', 'draft', 'is', 'in', 'the', 'folder']);
    const shown = await sb.json(['--json', '2', 'info']);
    expect(shown).toMatchObject({ id: 2, plannedMinutes: 120 });
    expect(shown.comments.map((c: any) => c.body)).toEqual(['draft is in the folder']);
    expect((await sb.json<any[]>([])).map((t) => t.id)).toEqual([1, 2]);
    const added = await sb.json([
      'add',
      'Call',
      'Ivan',
      'project:Sales',
      'due:tomorrow',
      '+phone',
      'pri:H',
      'plan:15m',
    ]);
    expect(added).toMatchObject({
      title: 'Sales: Call Ivan',
      project: 'Sales',
      deadline: '2026-11-28T23:59:59.999Z',
      priority: 'high',
      plannedMinutes: 15,
      tags: ['phone'],
    });
    expect((await sb.json(['add', 'Sales: Reply to "due:later" in the thread'])).title).toBe(
      'Sales: Reply to "due:later" in the thread',
    );
    const modified = await sb.json(['3', 'modify', 'due:fri', 'pri:L', '+urgent', 'plan:30m']);
    expect(modified).toMatchObject({
      title: 'Sales: Call Ivan',
      deadline: '2026-12-04T23:59:59.999Z',
      priority: 'low',
      plannedMinutes: 30,
      tags: ['phone', 'urgent'],
    });
    expect((await sb.json(['3', 'modify', 'Call', 'Ivan', 'back', 'due:none'])).title).toBe(
      'Sales: Call Ivan back',
    );
    expect((await sb.json(['show', '3'])).deadline).toBeNull();
  });

  it('a database with a newer schema is refused with exit 5 and left untouched', async () => {
    await sb.ok(['add', 'Sales: Call Ivan']);
    const db = new Database(sb.db);
    db.pragma('user_version = 999');
    db.close();
    const before = sb.dump();
    const result = await sb.run(['list']);
    expect(result.exitCode).toBe(5);
    expect(result.stderr).toMatch(
      /^task: the database .* has schema version 999, newer than this program knows \(\d+\); upgrade regula/,
    );
    expect(sb.dump()).toBe(before);
  });

  it('a file that is not a database is refused with exit 5 and not modified', async () => {
    const { writeFileSync, readFileSync } = await import('node:fs');
    writeFileSync(sb.db, 'this is not a database, just some notes\n'.repeat(200));
    const result = await sb.run(['list']);
    expect(result.exitCode).toBe(5);
    expect(result.stderr).toMatch(/is not a usable regula database/);
    expect(readFileSync(sb.db, 'utf8')).toBe('this is not a database, just some notes\n'.repeat(200));
  });

  it('REGULA_DEBUG=1 adds the stack trace; without it there is none', async () => {
    const plain = await sb.run(['show', '5']);
    expect(plain.stderr.split('\n')).toHaveLength(1);
    const debug = await sb.run(['show', '5'], { env: { REGULA_DEBUG: '1' } });
    expect(debug.stderr).toMatch(/NotFoundError: task 5 not found;.*\n\s+at /);
  });
});

describe('identity', () => {
  it('creates the first acting user, then refuses unknown ones', async () => {
    await sb.ok(['add', 'Sales: Call Ivan']);
    expect(await sb.json<any[]>(['user', 'list'])).toMatchObject([
      { name: 'alice', role: 'admin', manager: null },
    ]);
    const ghost = await sb.run(['list'], { user: 'alcie' });
    expect(ghost.exitCode).toBe(2);
    expect(ghost.stderr).toBe(
      'task: unknown user "alcie"; known users: alice; add one with: task user add NAME',
    );
    expect(sb.sql('SELECT name FROM users')).toEqual([{ name: 'alice' }]);
  });

  it('user add records role and manager; --as picks the acting user', async () => {
    await sb.ok(['user', 'list']);
    await sb.ok(['user', 'add', 'bob', '--manager', 'alice', '--full-name', 'Bob Smith']);
    const users = await sb.json<any[]>(['user', 'list']);
    expect(users.find((u) => u.name === 'bob')).toMatchObject({
      role: 'employee',
      manager: 'alice',
      fullName: 'Bob Smith',
    });
    const task = await sb.json(['--as', 'bob', 'add', 'Sales: Prepare offer']);
    expect(task).toMatchObject({ director: 'bob', responsible: 'bob' });
  });

  it('R4: user edit moves a person to another manager; only an admin or the current manager may, never in a circle', async () => {
    await sb.ok(['user', 'list']);
    await sb.ok(['user', 'add', 'boss', '--role', 'manager']);
    await sb.ok(['user', 'add', 'bob', '--manager', 'alice']);
    const refused = await sb.run(['--as', 'boss', 'user', 'edit', 'bob', '--manager', 'boss']);
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toBe(
      "task: R4: only an admin or bob's current manager changes whom bob reports to",
    );
    const notAdmin = await sb.run(['--as', 'boss', 'user', 'edit', 'boss', '--role', 'admin']);
    expect(notAdmin.exitCode).toBe(3);
    expect(
      await sb.json([
        '--as',
        'alice',
        'user',
        'edit',
        'bob',
        '--manager',
        'boss',
        '--full-name',
        'Bob Smith',
      ]),
    ).toMatchObject({ name: 'bob', manager: 'boss', fullName: 'Bob Smith' });
    await sb.ok(['--as', 'alice', 'user', 'edit', 'boss', '--manager', 'alice']);
    const circle = await sb.run(['--as', 'alice', 'user', 'edit', 'alice', '--manager', 'bob']);
    expect(circle.exitCode).toBe(2);
    expect(circle.stderr).toBe('task: alice cannot report to bob: bob already reports to alice');
    const lastAdmin = await sb.run(['user', 'edit', 'alice', '--role', 'employee']);
    expect(lastAdmin.exitCode).toBe(2);
    expect(lastAdmin.stderr).toBe('task: alice is the only admin; make someone else admin first');
    await sb.ok(['--as', 'boss', 'user', 'edit', 'bob', '--manager', 'none']);
    const users = await sb.json<any[]>(['user', 'list']);
    expect(users.map((u) => [u.name, u.role, u.manager])).toEqual([
      ['alice', 'admin', null],
      ['bob', 'employee', null],
      ['boss', 'manager', 'alice'],
    ]);
  });

  it('R37: a task assigned by someone else stays new (unseen) until its responsible looks at it', async () => {
    await sb.ok(['user', 'add', 'bob']);
    await sb.ok(['add', 'Sales: Prepare offer', '--responsible', 'bob']);
    expect((await sb.json<any[]>(['list', '--user', 'bob']))[0]).toMatchObject({
      seen: false,
      director: 'alice',
      responsible: 'bob',
    });
    await sb.ok(['show', '1'], { user: 'bob' });
    expect((await sb.json<any[]>(['list'], { user: 'bob' }))[0]).toMatchObject({ seen: true });
  });

  it('R37: acting on an assigned task (a comment, manual time) also counts as having seen it', async () => {
    await sb.ok(['user', 'add', 'bob']);
    await sb.ok(['add', 'Sales: A', '--responsible', 'bob', '--plan', '1h']);
    await sb.ok(['add', 'Sales: B', '--responsible', 'bob', '--plan', '1h']);
    await sb.ok(['add', 'Sales: C', '--responsible', 'bob', '--plan', '1h']);
    await sb.ok(['comment', '1', 'note from bob'], { user: 'bob' });
    await sb.ok(['time', 'add', '2', '10m', '--at', '08:00', '--comment', 'read the brief'], { user: 'bob' });
    const seen = Object.fromEntries(
      (await sb.json<any[]>(['list'], { user: 'bob' })).map((t) => [t.id, t.seen]),
    );
    expect(seen).toEqual({ 1: true, 2: true, 3: false });
    expect((await sb.json(['inbox'], { user: 'bob' })).newAssignments.map((t: any) => t.id)).toEqual([3]);
  });
});

describe('closing', () => {
  it('R31: done without a result is refused (exit 3); with one it completes and stops the timer', async () => {
    await sb.ok(['add', 'Sales: Call Ivan', '--plan', '15m']);
    await sb.ok(['start', '1']);
    const refused = await sb.run(['done', '1'], { now: '2026-11-27T09:10' });
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(/^task: R31: a task is closed only with a result/);
    const done = await sb.json(['done', '1', '--result', 'Ivan agreed to a meeting on Monday'], {
      now: '2026-11-27T09:12',
    });
    expect(done).toMatchObject({
      status: 'completed',
      spentMinutes: 12,
      closedAt: '2026-11-27T09:12:00.000Z',
    });
    const show = await sb.json(['show', '1']);
    expect(show.result).toMatchObject({ result: 'Ivan agreed to a meeting on Monday', author: 'alice' });
    expect(sb.sql('SELECT count(*) AS n FROM time_entries WHERE end_at IS NULL')).toEqual([{ n: 0 }]);
  });

  it('comments are kept and shown', async () => {
    await sb.ok(['add', 'Sales: Call Ivan']);
    await sb.ok(['comment', '1', 'Number is busy, try after lunch']);
    const show = await sb.json(['show', '1']);
    expect(show.comments).toMatchObject([
      { kind: 'comment', author: 'alice', body: 'Number is busy, try after lunch' },
    ]);
  });
});

describe("several tasks at once (Taskwarrior's task 12 13 done)", () => {
  beforeEach(async () => {
    for (const title of ['Sales: Call Ivan', 'Sales: Call Petr', 'Sales: Call Olga', 'Ops: Renew the domain'])
      await sb.ok(['add', title, '--plan', '15m']);
  });

  it('done, modify, plan and delete take ids, lists and ranges; each task gets its own line and history', async () => {
    const modified = await sb.ok(['1-3', 'modify', '+calls', 'due:fri']);
    expect(String(modified.stdout).split('\n')).toEqual([
      'Updated task 1: Sales: Call Ivan',
      'Updated task 2: Sales: Call Petr',
      'Updated task 3: Sales: Call Olga',
    ]);
    expect((await sb.json<any[]>(['list', '+calls'])).map((t) => t.id)).toEqual([1, 2, 3]);
    expect(sb.sql("SELECT task_id FROM history WHERE field = 'tags' ORDER BY task_id")).toEqual([
      { task_id: 1 },
      { task_id: 2 },
      { task_id: 3 },
    ]);
    expect((await sb.ok(['plan', 'add', '1', '4'])).stdout).toBe(
      'Task 1 is in the plan of 2026-11-27.\nTask 4 is in the plan of 2026-11-27.',
    );
    const closed = await sb.json<any[]>(['1', '2', 'done', '--result', 'Both agreed to a meeting']);
    expect(closed.map((t) => [t.id, t.status])).toEqual([
      [1, 'completed'],
      [2, 'completed'],
    ]);
    expect(sb.sql("SELECT task_id, body FROM comments WHERE kind = 'result' ORDER BY task_id")).toEqual([
      { task_id: 1, body: 'Both agreed to a meeting' },
      { task_id: 2, body: 'Both agreed to a meeting' },
    ]);
    expect((await sb.json<any[]>(['3,4', 'delete'])).map((t) => t.id)).toEqual([3, 4]);
    expect((await sb.json<any[]>(['list', '--deleted'])).map((t) => t.id)).toEqual([3, 4]);
    await sb.ok(['restore', '3', '4']);
    const shown = await sb.json<any[]>(['3', '4']);
    expect(shown.map((t) => [t.id, t.deletedAt])).toEqual([
      [3, null],
      [4, null],
    ]);
    expect((await sb.ok(['3', '4'])).stdout).toMatch(
      /^Task 3 {2}Sales: Call Olga[\s\S]*\n\nTask 4 {2}Ops: Renew the domain/,
    );
  });

  it('a batch is one transaction: when one task is refused, none changes, and the message names it', async () => {
    await sb.ok(['done', '2', '--result', 'Petr called back']);
    const before = sb.dump();
    const again = await sb.run(['1', '2', '3', 'done', '--result', 'Called']);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toBe(
      'task: task 2 is already completed; revive it first with: task reopen 2 --comment TEXT (task 2; none of the 3 tasks was changed)',
    );
    const unknown = await sb.run(['modify', '1,99', '+x']);
    expect(unknown.exitCode).toBe(4);
    expect(unknown.stderr).toMatch(
      /^task: task 99 not found.* \(task 99; none of the 2 tasks was changed\)$/,
    );
    expect(sb.dump()).toBe(before);
    expect((await sb.json<any[]>(['done', '1', '3', '--result', 'Called'])).map((t) => t.status)).toEqual([
      'completed',
      'completed',
    ]);
  });

  it('a compound task goes with its steps: subtasks are changed before their parents, lines stay in the order given', async () => {
    await sb.ok(['general', 'Legal: Conclude the agreement']);
    await sb.ok(['add', 'Prepare the agreement', '--parent', '5']);
    await sb.ok(['add', 'Agree it', '--parent', '5']);
    const alone = await sb.run(['delete', '5']);
    expect(alone.stderr).toBe('task: task 5 has open subtasks (6, 7); close or move them first');
    const deleted = await sb.ok(['5-7', 'delete']);
    expect(
      String(deleted.stdout)
        .split('\n')
        .map((l) => l.split(' (')[0]),
    ).toEqual(['Deleted task 5', 'Deleted task 6', 'Deleted task 7']);
    expect((await sb.json<any[]>(['list', '--deleted'])).map((t) => t.id)).toEqual([5, 6, 7]);
  });

  it('commands that take one task say so; a timer starts on one task (R21)', async () => {
    const start = await sb.run(['1', '2', 'start']);
    expect(start.exitCode).toBe(3);
    expect(start.stderr).toBe('task: R21: one timer runs at a time; start one task: task start 1');
    const history = await sb.run(['history', '1,2']);
    expect(history.exitCode).toBe(2);
    expect(history.stderr).toBe('task: ID: "1,2" names several tasks; this command takes one at a time');
    const range = await sb.run(['5-1', 'delete']);
    expect(range.exitCode).toBe(2);
    expect(range.stderr).toBe('task: ID: "5-1" is an empty range; write the lower id first, e.g. 1-5');
  });

  it("list options work without the word list, as Taskwarrior's filters do: task --limit 2", async () => {
    expect((await sb.json<any[]>(['--limit', '2'])).map((t) => t.id)).toEqual([1, 2]);
    expect((await sb.json<any[]>(['--project', 'Ops'])).map((t) => t.id)).toEqual([4]);
  });
});

describe("dependencies (Taskwarrior's depends)", () => {
  it('are set with depends:ID or --depends, shown both ways, kept in history, never circular, and warned about on start', async () => {
    await sb.ok(['add', 'Sales: Get the price list', '--plan', '10m']);
    const offer = await sb.json(['add', 'Send', 'the', 'offer', 'project:Sales', 'depends:1', 'plan:20m']);
    expect(offer.title).toBe('Sales: Send the offer');
    await sb.ok(['add', 'Sales: Call Ivan about the offer', '--plan', '5m', '--depends', '2']);
    expect(await sb.json(['show', '2'])).toMatchObject({ dependsOn: [1], blocks: [3] });
    const ids = async (...args: string[]) => (await sb.json<any[]>(args)).map((t) => t.id);
    expect(await ids('+BLOCKED')).toEqual([2, 3]);
    expect(await ids('+BLOCKING')).toEqual([1, 2]);
    expect(await ids('list', '--blocked', '--project', 'Sales')).toEqual([2, 3]);
    expect((await sb.ok(['show', '2'])).stdout).toContain(
      'depends on   1 Sales: Get the price list (new)\n  blocks       3 Sales: Call Ivan about the offer (new)',
    );
    expect((await sb.json<any[]>(['list'])).map((t) => [t.id, t.dependsOn])).toEqual([
      [1, []],
      [2, [1]],
      [3, [2]],
    ]);
    const table = (await sb.ok(['list'])).stdout.split('\n');
    expect(table[0]).toMatch(/^ID Status Deps P Deadline +Plan +Spent +Title$/);
    const deps = (row: string) => row.slice(table[0]!.indexOf('Deps'), table[0]!.indexOf('Deps') + 4).trim();
    expect(table.slice(1, 4).map(deps)).toEqual(['', '1', '2']);
    const before = sb.dump();
    const circle = await sb.run(['1', 'modify', 'depends:3']);
    expect(circle.exitCode).toBe(2);
    expect(circle.stderr).toBe(
      'task: task 1 cannot depend on task 3: task 3 depends on task 2 depends on task 1 - that would be a circle',
    );
    expect((await sb.run(['1', 'modify', '--depends', '1'])).stderr).toBe(
      'task: task 1 cannot depend on itself',
    );
    expect((await sb.run(['1', 'modify', '--depends', '99'])).exitCode).toBe(4);
    expect(sb.dump()).toBe(before);
    const started = await sb.run(['start', '2']);
    expect(started.exitCode).toBe(0);
    expect(started.stderr).toBe(
      'warning: task 2 depends on open task 1 Sales: Get the price list (when that is no longer so: task edit 2 --remove-depends 1)',
    );
    await sb.ok(['done', '1', '--result', 'Price list from the supplier: docs/prices.pdf']);
    expect(await ids('+BLOCKED')).toEqual([3]); // 2 waits for nothing open any more
    const after = (await sb.ok(['list'])).stdout.split('\n');
    expect(
      after
        .slice(1, 3)
        .map((row) => row.slice(after[0]!.indexOf('Deps'), after[0]!.indexOf('Deps') + 4).trim()),
    ).toEqual(['', '2']);
    const blocking = (await sb.ok(['list', '--blocking'])).stdout; // task 2 alone, which waits for nothing open
    expect(blocking).toContain('Sales: Send the offer');
    expect(blocking).not.toContain('Deps');
    expect(await ids('+BLOCKING')).toEqual([2]);
    expect((await sb.run(['start', '2'])).stderr).toBe('');
    await sb.ok(['2', 'modify', 'depends:-1']);
    expect((await sb.json(['show', '2'])).dependsOn).toEqual([]);
    expect(
      (await sb.json<any[]>(['history', '2']))
        .filter((h) => h.field === 'depends')
        .map((h) => [h.old, h.new]),
    ).toEqual([
      [null, '1'],
      ['1', null],
    ]);
    const missing = await sb.run(['2', 'modify', '--remove-depends', '1']);
    expect(missing.stderr).toBe('task: task 2 does not depend on task 1; its dependencies: none');
  });
});

describe('a closed task is not closed again', () => {
  it('done on a completed task is refused and adds no second result; submit does not repeat either', async () => {
    await sb.ok(['add', 'Sales: Call Ivan', '--plan', '15m']);
    await sb.ok(['done', '1', '--result', 'Agreed']);
    const again = await sb.run(['done', '1', '--result', 'Agreed again']);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toBe(
      'task: task 1 is already completed; revive it first with: task reopen 1 --comment TEXT',
    );
    expect(sb.sql("SELECT count(*) AS n FROM comments WHERE kind = 'result'")).toEqual([{ n: 1 }]);
    await sb.ok(['user', 'add', 'boss']);
    await sb.ok(['add', 'Sales: Prepare the offer', '--plan', '1h', '--director', 'boss', '--accept']);
    await sb.ok(['submit', '2', '--progress', 'Draft ready']);
    const twice = await sb.run(['submit', '2', '--progress', 'Draft ready']);
    expect(twice.exitCode).toBe(2);
    expect(twice.stderr).toMatch(
      /^task: task 2 is already awaiting control; its director must accept or return it first/,
    );
  });
});

describe('concurrency', () => {
  it('10 concurrent starts for one user on different tasks leave exactly one running entry and no lost rows', async () => {
    for (let i = 1; i <= 10; i++) await sb.ok(['add', `Sales: Task ${i}`, '--plan', '10m']);
    // Clocks a few seconds apart, as real processes racing for the lock see them.
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        sb.spawn(['start', String(i + 1)], { now: `2026-11-27T10:00:0${i}` }),
      ),
    );
    for (const r of results) expect(r.exitCode, r.stderr).toBe(0);
    expect(sb.sql('SELECT count(*) AS n FROM time_entries')).toEqual([{ n: 10 }]);
    expect(sb.sql('SELECT count(*) AS n FROM time_entries WHERE end_at IS NULL')).toEqual([{ n: 1 }]);
    expect(sb.sql("SELECT count(*) AS n FROM tasks WHERE status = 'in_progress'")).toEqual([{ n: 1 }]);
    expect(
      sb.sql("SELECT count(*) AS n FROM history WHERE field = 'status' AND new_value = 'in_progress'"),
    ).toEqual([{ n: 10 }]);
    expect(sb.sql('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    const overlaps =
      sb.sql(`SELECT count(*) AS n FROM time_entries a JOIN time_entries b ON a.id < b.id AND a.user_id = b.user_id
      AND a.start_at < coalesce(b.end_at, 9e15) AND b.start_at < coalesce(a.end_at, 9e15)`);
    expect(overlaps).toEqual([{ n: 0 }]);
  });
});
