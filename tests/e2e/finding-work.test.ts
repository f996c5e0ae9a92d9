import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, Sandbox } from './helpers.js';

let sb: Sandbox;
beforeEach(() => {
  sb = new Sandbox({ inProcess: true });
});
afterEach(() => sb.remove());

describe('R25: search', () => {
  beforeEach(async () => {
    await sb.ok(['add', 'Sales: Prepare the offer for Ivan', '--plan', '1h']);
    await sb.ok([
      'add',
      'Legal: Review the contract',
      '--description',
      'Preparation of the annex is step 2',
      '--plan',
      '1h',
    ]);
    await sb.ok(['add', 'Продажи: Подготовить договор', '--plan', '30m']);
    await sb.ok(['add', 'Отчёты: ПОДГОТОВКА квартального отчёта', '--plan', '2h']);
    await sb.ok(['add', 'Ops: Check backups', '--plan', '10m']);
    await sb.ok(['comment', '5', 'the restore needs preparing too']);
    await sb.ok(['add', 'Sales: Call Maria', '--plan', '10m']);
    await sb.ok(['done', '6', '--result', 'Prepared her for the demo']);
  });

  it('task start with words starts the one open task of yours they name; several or none are refused', async () => {
    expect(String((await sb.ok(['start', 'квартальн'])).stdout)).toContain(
      'Started task 4 Отчёты: ПОДГОТОВКА квартального отчёта.',
    );
    await sb.ok(['add', 'Ops: Call', '--plan', '5m']);
    expect((await sb.json(['start', 'Ops:', 'Call'])).taskId).toBe(7); // an exact title, though "Call" alone is too short to search
    const several = await sb.run(['start', 'prepar']);
    expect(several.exitCode).toBe(2);
    expect(several.stderr).toBe(
      'task: "prepar" matches 3 open tasks of yours (1 Sales: Prepare the offer for Ivan; 2 Legal: Review the contract; 5 Ops: Check backups); start one by its id: task start 1',
    );
    const none = await sb.run(['start', 'invoice']);
    expect(none.exitCode).toBe(4);
    expect(none.stderr).toBe(
      'task: no open task of yours matches "invoice"; find others with: task search invoice, or add it: task add "Project: invoice"',
    );
    expect((await sb.json(['status'])).running.taskId).toBe(7);
  });

  it('a stem finds every form of the word in titles, descriptions and comments, open tasks first', async () => {
    const hits = await sb.json<any[]>(['search', 'prepar']);
    expect(hits.map((h) => [h.id, h.match.field])).toEqual([
      [1, 'title'],
      [2, 'description'],
      [5, 'comment'],
      [6, 'comment'],
    ]);
    expect(hits[0].match).toEqual({
      field: 'title',
      excerpt: 'Sales: Prepare the offer for Ivan',
      ranges: [[7, 13]],
    });
    const text = (await sb.ok(['search', 'prepar'])).stdout;
    expect(text).toContain('Sales: [Prepar]e the offer for Ivan');
    expect(text).toContain('description: [Prepar]ation of the annex is step 2');
  });

  it('Russian stems match case-insensitively, ё and е alike', async () => {
    const hits = await sb.json<any[]>(['search', 'подготов']);
    expect(hits.map((h) => h.id).sort()).toEqual([3, 4]);
    expect(
      hits.find((h) => h.id === 4).match.excerpt.slice(...hits.find((h: any) => h.id === 4).match.ranges[0]),
    ).toBe('ПОДГОТОВ');
    expect((await sb.json<any[]>(['search', 'ОТЧЕТ'])).map((h) => h.id)).toEqual([4]);
  });

  it('several words must all match; a project prefix lists the project', async () => {
    expect((await sb.json<any[]>(['search', 'offer', 'ivan'])).map((h) => h.id)).toEqual([1]);
    expect((await sb.json<any[]>(['search', 'offer', 'maria'])).map((h) => h.id)).toEqual([]);
    expect((await sb.json<any[]>(['search', 'Sales:'])).map((h) => h.id)).toEqual([1, 6]);
    expect((await sb.json<any[]>(['search', 'Sales:', '--open'])).map((h) => h.id)).toEqual([1]);
  });

  it('keeps the index in step with edits, and refuses words too short to search', async () => {
    await sb.ok(['edit', '5', '--title', 'Verify the nightly snapshots']);
    expect((await sb.json<any[]>(['search', 'backups'])).map((h) => h.id)).toEqual([]);
    expect((await sb.json<any[]>(['search', 'snapsh'])).map((h) => h.id)).toEqual([5]);
    const short = await sb.run(['search', 'of']);
    expect(short.exitCode).toBe(2);
    expect(short.stderr).toBe('task: "of" is too short to search for; use at least 3 letters of a word');
  });

  it('uses the FTS5 index, not a scan', async () => {
    const plan = sb.sql<{ detail: string }>(
      'EXPLAIN QUERY PLAN SELECT rowid FROM task_search WHERE task_search MATCH \'"prepar"\'',
    );
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/VIRTUAL TABLE INDEX/);
  });
});

describe('list filters', () => {
  beforeEach(async () => {
    await sb.ok(['user', 'add', 'bob']);
    await sb.ok([
      'add',
      'Sales: A',
      '--deadline',
      'today',
      '--priority',
      'high',
      '--tag',
      'SALES',
      '--crm',
      'deal:7',
    ]);
    await sb.ok(['add', 'Sales: B', '--deadline', 'tomorrow', '--tag', 'SALES,NO']);
    await sb.ok(['add', 'Ops: C', '--deadline', 'yesterday', '--priority', 'low']);
    await sb.ok(['add', 'Ops: D']);
    await sb.ok(['add', 'Ops: E', '--responsible', 'bob', '--deadline', '2026-12-10']);
    await sb.ok(['stec', 'Tidy the wiki']);
    await sb.ok(['general', 'Legal: Big deal']);
    await sb.ok(['add', 'Step one', '--parent', '7']);
  });
  const ids = async (...args: string[]) => (await sb.json<any[]>(['list', ...args])).map((t) => t.id);

  it('filter by project, tag, priority, crm, due window, STEC, parent, person and director', async () => {
    expect(await ids('--project', 'sales')).toEqual([1, 2]);
    expect(await ids('--tag', 'SALES', '--tag', 'NO')).toEqual([2]);
    expect(await ids('--tag', 'SALES', '--exclude-tag', 'NO')).toEqual([1]);
    expect((await sb.json<any[]>(['-NO', '+SALES'])).map((t) => t.id)).toEqual([1]); // Taskwarrior's -TAG, before the command too
    expect((await sb.json<any[]>(['project:Sales', 'list', '-sales'])).map((t) => t.id)).toEqual([]);
    expect(await ids('--priority', 'high,low')).toEqual([3, 1]); // 6, the STEC item, has the default medium priority (R11, R12)
    expect(await ids('--crm', 'deal:7')).toEqual([1]);
    expect(await ids('--due', 'today')).toEqual([1]);
    expect(await ids('--due', 'overdue')).toEqual([3]);
    expect(await ids('--due', 'none')).toEqual([4, 7, 8]);
    expect(await ids('--due', 'week')).toEqual([1, 2]);
    expect(await ids('--due', '2026-11-26..2026-11-28')).toEqual([3, 1, 2]);
    expect(await ids('--stec')).toEqual([6]);
    expect(await ids('--parent', '7')).toEqual([8]);
    expect(await ids('--user', 'bob')).toEqual([5]);
    expect(await ids('--director', 'alice', '--project', 'Ops')).toEqual([3, 5, 4]);
  });

  it('projects and tags at a glance: open and total tasks, tracked time', async () => {
    await sb.ok(['time', 'add', '1', '45m', '--at', '07:00', '--comment', 'call prep']);
    await sb.ok(['done', '4', '--result', 'done']);
    expect(await sb.json<any[]>(['projects'])).toEqual([
      { name: 'Legal', open: 2, total: 2, trackedMinutes: 0 },
      { name: 'Ops', open: 2, total: 3, trackedMinutes: 0 },
      { name: 'Sales', open: 2, total: 2, trackedMinutes: 45 },
    ]);
    expect(await sb.json<any[]>(['tags'])).toEqual([
      { name: 'NO', open: 1, total: 1, trackedMinutes: 0 },
      { name: 'SALES', open: 2, total: 2, trackedMinutes: 45 },
    ]);
    expect(String((await sb.ok(['projects'])).stdout).split('\n')).toEqual([
      'Legal      2 open of 2           0m',
      'Ops        2 open of 3           0m',
      'Sales      2 open of 2          45m',
    ]);
  });

  it("takes Taskwarrior's filter words, before or after the command", async () => {
    expect(await ids('project:sales', '+NO')).toEqual([2]);
    expect(await ids('pri:H,L', 'due:overdue')).toEqual([3]);
    expect(await ids('parent:7')).toEqual([8]);
    expect((await sb.json<any[]>(['+SALES', 'list'])).map((t) => t.id)).toEqual([1, 2]);
    expect((await sb.json<any[]>(['project:Ops'])).map((t) => t.id)).toEqual([3, 4]);
    expect((await sb.json<any[]>(['+OVERDUE'])).map((t) => t.id)).toEqual([3]);
    expect(await ids('+TODAY')).toEqual([1]);
    await sb.ok(['start', '2']);
    expect((await sb.json<any[]>(['+ACTIVE'])).map((t) => t.id)).toEqual([2]);
    const word = await sb.run(['list', 'ivan']);
    expect(word.exitCode).toBe(2);
    expect(word.stderr).toMatch(
      /^task: "ivan" is not a filter; use project:NAME, \+TAG, .* \(to find text: task search ivan\)$/,
    );
    const twice = await sb.run(['list', 'project:Sales', '--project', 'Ops']);
    expect(twice.exitCode).toBe(2);
    expect(twice.stderr).toBe('task: project:Sales: project is already "Ops"; give it once');
  });

  it("Taskwarrior's or: alternatives, and binding tighter; in contexts too", async () => {
    expect(await ids('+NO', 'or', 'project:Ops')).toEqual([3, 2, 4]);
    expect(await ids('project:Ops', 'pri:L', 'or', '+NO')).toEqual([3, 2]);
    expect(await ids('project:Ops', 'and', 'pri:L', 'OR', '+NO')).toEqual([3, 2]);
    expect((await sb.json<any[]>(['+TODAY', 'or', '+OVERDUE', 'list'])).map((t) => t.id)).toEqual([3, 1]);
    // Naming a person in one alternative lists everyone's tasks that match the others.
    expect(await ids('project:Ops', 'or', 'user:bob')).toEqual([3, 5, 4]);
    expect(await ids('project:Nowhere', 'or', '+NO')).toEqual([2]);
    // -TAG leaves the tag out of its own alternative only: task 2 (SALES, NO) stays.
    expect(await ids('+NO', 'or', 'project:Ops', '-SALES')).toEqual([3, 2, 4]);
    expect((await sb.json<any[]>(['+NO', 'or', '-SALES', 'project:Ops', 'list'])).map((t) => t.id)).toEqual([
      3, 2, 4,
    ]);
    expect(await ids('+SALES', 'or', 'project:Ops', 'limit:2')).toEqual([3, 1]);
    expect((await sb.ok(['+SALES', 'or', '+NO', 'count'])).stdout).toBe('2');
    for (const [words, message] of [
      [['+SALES', 'or'], 'task: or joins two filters: +calls or +mail'],
      [
        ['(+SALES', 'or', '+NO)'],
        'task: "(+SALES": filters here take no parentheses; write each alternative in full with or: project:Ops +urgent or project:Ops +calls',
      ],
    ] as const) {
      const refused = await sb.run(['list', ...words]);
      expect([refused.exitCode, refused.stderr]).toEqual([2, message]);
    }
    await sb.ok(['context', 'define', 'desk', '+SALES', 'or', 'project:Ops']);
    await sb.ok(['context', 'desk']);
    expect(await ids()).toEqual([3, 1, 2, 4]);
    expect(await ids('pri:H', 'or', 'pri:L')).toEqual([3, 1]);
    // With alternatives there is no one place to file a new task: the context adds nothing to it.
    const added = await sb.json(['add', 'Legal: Read the draft']);
    expect([added.project, added.tags]).toEqual(['Legal', []]);
  });

  it('sorts and limits, and refuses a bad window', async () => {
    expect(await ids('--sort', 'priority', '--limit', '2')).toEqual([1, 2]);
    expect(await ids('--sort', 'created', '--project', 'Ops')).toEqual([3, 4]);
    expect(await ids('--sort', 'project', '--limit', '3')).toEqual([7, 8, 3]);
    const bad = await sb.run(['list', '--due', 'soonish']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toBe(
      'task: --due: "soonish" is not a window; use today, tomorrow, overdue, week, none, or DATE..DATE',
    );
  });

  it("Taskwarrior's contexts: a named filter task list applies while it is set", async () => {
    const refused = await sb.run(['context', 'define', 'work', 'project:Sales', 'soon']);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/^task: "soon" is not a filter; use project:NAME/);
    expect((await sb.run(['context', 'define', 'none', '+x'])).stderr).toMatch(
      /^task: "none" cannot name a context/,
    );
    expect((await sb.run(['context', 'work'])).exitCode).toBe(4); // not defined yet

    await sb.ok(['context', 'define', 'nobill', '-NO']);
    await sb.ok(['context', 'nobill']);
    expect(await ids()).toEqual([3, 1, 6, 4, 7, 8]);
    await sb.ok(['context', 'delete', 'nobill']);
    await sb.ok(['context', 'define', 'work', 'project:Sales', '+SALES']);
    const everything = await ids();
    expect(everything).toEqual([3, 1, 2, 6, 4, 7, 8]); // no context yet
    expect((await sb.ok(['context', 'work'])).stdout).toBe(
      'Context "work" set: task list shows project:Sales +SALES only; task add files new tasks under project:Sales +SALES. Leave it with: task context none',
    );
    expect(await ids()).toEqual([1, 2]);
    expect(await ids('priority:H')).toEqual([1]); // narrowed further
    const table = (await sb.ok(['list'])).stdout;
    expect(table.split('\n').at(-1)).toBe(
      'Context "work" (project:Sales +SALES); task context none shows everything.',
    );
    const clash = await sb.run(['list', 'project:Ops']);
    expect(clash.exitCode).toBe(2);
    expect(clash.stderr).toBe(
      'task: project:Ops: project is already "Sales"; give it once (the context "work" adds project:Sales +SALES; leave it with: task context none)',
    );
    expect(await sb.json(['context', 'list'])).toEqual([
      {
        name: 'work',
        filter: ['project:Sales', '+SALES'],
        newTasks: ['project:Sales', '+SALES'],
        active: true,
      },
    ]);
    expect(await sb.json(['config', 'get', 'context'])).toEqual({ context: 'work' });

    await sb.ok(['context', 'none']);
    expect(await ids()).toEqual(everything);
    await sb.ok(['context', 'work']);
    await sb.ok(['context', 'delete', 'work']); // deleting the context set leaves it too
    expect(await sb.json(['context', 'show'])).toEqual({ context: null, filter: [], newTasks: [] });
    expect(await ids()).toEqual(everything);
    expect((await sb.run(['config', 'set', 'context', 'work'])).stderr).toBe(
      'task: a context is chosen with: task context NAME (and left with task context none)',
    );
  });
});

describe("Taskwarrior's write context", () => {
  it('files new tasks under the context: its project, tags and one priority, unless the command names its own', async () => {
    const bad = await sb.run(['context', 'define', 'odd', 'priority:X']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toBe('task: "priority:X" is not a priority; use priority:H, M or L');
    const defined = await sb.ok([
      'context',
      'define',
      'work',
      'project:Work',
      '+office',
      'priority:H',
      'due:week',
      'user:alice',
    ]);
    expect(defined.stdout).toBe(
      'Context "work" defined: project:Work +office priority:H due:week user:alice; task add files new tasks under project:Work +office priority:high. Set it with: task context work',
    );
    await sb.ok(['add', 'Before the context']);
    await sb.ok(['context', 'work']);

    const filed = await sb.ok(['add', 'Buy paper', '--deadline', 'today']);
    expect(filed.stdout).toBe(
      'Created task 2: Work: Buy paper (context "work": project:Work +office priority:high)',
    );
    const own = await sb.ok(['add', 'Sales: Call Ivan', '+phone', 'pri:L', '--deadline', 'today']); // the title's project and its own priority win
    expect(own.stdout).toBe('Created task 3: Sales: Call Ivan (context "work": +office)');
    await sb.ok(['add', 'Home: Fix the tap', '+Office', '--priority', 'medium']); // nothing left for the context to add
    expect(
      (await sb.ok(['add', 'Ops thing', '--project', 'Ops', '--tag', 'office', '--priority', 'low'])).stdout,
    ).toBe('Created task 5: Ops: Ops thing');
    const logged = await sb.ok(['log', 'Fixed the printer', '--spent', '10m', '--result', 'It prints']);
    expect(logged.stdout).toBe(
      'Logged task 6: Work: Fixed the printer (10m, completed) (context "work": project:Work +office priority:high)',
    );
    const compound = await sb.json(['general', 'Move the office']);
    expect([compound.project, compound.tags, compound.priority]).toEqual(['Work', ['office'], 'high']);

    const fields = async (id: number) => {
      const task = await sb.json(['show', String(id)]);
      return [task.title, task.tags, task.priority];
    };
    expect(await fields(1)).toEqual(['Before the context', [], 'medium']);
    expect(await fields(2)).toEqual(['Work: Buy paper', ['office'], 'high']);
    expect(await fields(3)).toEqual(['Sales: Call Ivan', ['office', 'phone'], 'low']);
    expect(await fields(4)).toEqual(['Home: Fix the tap', ['office'], 'medium']); // one tag, spelled as first made
    expect(await fields(6)).toEqual(['Work: Fixed the printer', ['office'], 'high']);
    expect(await sb.json(['context', 'show'])).toEqual({
      context: 'work',
      filter: ['project:Work', '+office', 'priority:H', 'due:week', 'user:alice'],
      newTasks: ['project:Work', '+office', 'priority:high'],
    });

    // Only what describes a task is written: a context of dates and people files nothing.
    await sb.ok(['context', 'define', 'soon', 'due:week', '+ACTIVE', 'priority:H,M']);
    await sb.ok(['context', 'soon']);
    expect((await sb.ok(['add', 'Ops: Plain', '--plan', '5m'])).stdout).toBe('Created task 8: Ops: Plain');
    expect((await sb.ok(['context', 'show'])).stdout).toBe('Context "soon": due:week +ACTIVE priority:H,M');
  });
});

describe("Taskwarrior's helpers for scripts", () => {
  it("Taskwarrior's ids, _ids, _projects and _tags print only ids or names, for scripts", async () => {
    await sb.ok(['add', 'Sales: Call Ivan', '+calls']);
    await sb.ok(['add', 'Ops: Check backups']);
    await sb.ok(['add', 'Sales: Call Maria', '+calls']);
    await sb.ok(['add', 'Sales: Call Petr', '+calls']);
    await sb.ok(['add', 'Sales: Done already']);
    await sb.ok(['done', '5', '--result', 'done']);
    expect((await sb.ok(['ids'])).stdout).toBe('1-4');
    expect((await sb.ok(['+calls', 'ids'])).stdout).toBe('1 3-4');
    expect((await sb.ok(['_ids', 'project:Sales'])).stdout).toBe('1\n3\n4');
    expect((await sb.ok(['list', '--all', '--ids'])).stdout).toBe('1-5');
    expect(await sb.json(['ids', '+calls'])).toEqual({ ids: [1, 3, 4] });
    expect((await sb.ok(['ids', 'project:Nowhere'])).stdout).toBe('');
    expect((await sb.ok(['_projects'])).stdout).toBe('Ops\nSales');
    expect((await sb.ok(['_tags'])).stdout).toBe('calls');
    // What ids prints is what a command takes back.
    await sb.ok(['1', '3-4', 'modify', 'pri:H']);
    expect((await sb.ok(['ids', 'priority:H'])).stdout).toBe('1 3-4');
  });
});

describe('agenda views', () => {
  it('today: the running timer on top, overdue first, long titles cut to 80 columns', async () => {
    await sb.ok(['add', 'Sales: Call Ivan', '--deadline', 'today', '--plan', '15m']);
    await sb.ok([
      'add',
      `Sales: ${'Very long title about the quarterly pipeline review '.repeat(3)}`,
      '--deadline',
      'today',
      '--plan',
      '1h',
    ]);
    await sb.ok(['add', 'Ops: Overdue thing', '--deadline', 'yesterday', '--plan', '30m']);
    await sb.ok(['start', '1'], { now: '2026-11-27T09:00' });
    const out = String((await sb.run(['today'], { now: '2026-11-27T09:20', env: { COLUMNS: '80' } })).stdout);
    const lines = out.split('\n');
    expect(lines[0]).toBe('▶ 1 Sales: Call Ivan running 20m');
    expect(lines[1]).toBe('Today, Fri 2026-11-27 - planned 1h45m of 8h (spare 6h15m), tracked 20m');
    expect(lines[2]).toMatch(/^ {5}3\s+30m\s+0m {2}OVERDUE Ops: Overdue thing$/);
    expect(lines[3]).toMatch(/^▶ +1 +15m +20m {2}Sales: Call Ivan$/);
    expect(lines[4]).toMatch(/…$/);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
    const json = await sb.json(['today'], { now: '2026-11-27T09:20' });
    expect(json.running.taskId).toBe(1);
    expect(json.days[0].items.map((i: any) => i.id)).toEqual([3, 1, 2]);
  });

  it('week: seven days, each with its plan', async () => {
    await sb.ok(['add', 'Sales: Monday call', '--deadline', 'mon', '--plan', '15m']);
    await sb.ok(['add', 'Ops: Weekend deploy', '--deadline', 'sat', '--plan', '1h']);
    const out = String((await sb.run(['week'])).stdout);
    const headings = out
      .split('\n')
      .filter((line) => /^(Today|Tomorrow|Sun|Mon|Tue|Wed|Thu|Fri|Sat)\b/.test(line));
    expect(headings).toEqual([
      'Today, Fri 2026-11-27 - planned 0m of 8h (spare 8h), tracked 0m',
      'Tomorrow, Sat 2026-11-28 - day off, planned 1h',
      'Sun 2026-11-29 - day off',
      'Mon 2026-11-30 - planned 15m of 8h (spare 7h45m)',
      'Tue 2026-12-01 - planned 0m of 8h (spare 8h)',
      'Wed 2026-12-02 - planned 0m of 8h (spare 8h)',
      'Thu 2026-12-03 - planned 0m of 8h (spare 8h)',
    ]);
    expect(out).toMatch(/Mon 2026-11-30 .*\n.*Sales: Monday call/);
    const days = (await sb.json(['week'])).days;
    expect(days.map((d: any) => d.workingDay)).toEqual([true, false, false, true, true, true, true]);
    expect(await sb.json(['plan', 'sat'])).toMatchObject({
      day: '2026-11-28',
      workingDay: false,
      plannedMinutes: 60,
    });
    expect(String((await sb.ok(['plan', 'sat', '--format', 'md'])).stdout)).toContain(
      '**Total:** planned 1h on a day off (not a working day by the company policy workingDays)',
    );
  });
});

describe("calendar (Taskwarrior's): a month of open tasks by the day they are due", () => {
  it('draws the month from Monday, marks today and the days with tasks due, and lists those days with their planned time', async () => {
    await sb.ok(['add', 'Sales: Call Ivan', '--deadline', 'today', '--plan', '15m']);
    await sb.ok(['add', 'Ops: Overdue thing', '--deadline', 'yesterday', '--plan', '30m']);
    await sb.ok(['add', 'Legal: Sign the contract', '--deadline', '2026-11-30', '--plan', '1h']);
    await sb.ok(['general', 'Legal: Big deal', '--deadline', '2026-11-30', '--plan', '8h']); // R16: listed, not summed
    await sb.ok(['add', 'Ops: Done already', '--deadline', 'today', '--plan', '5m']);
    await sb.ok(['done', '5', '--result', 'Done']);
    await sb.ok(['add', 'Ops: Next month', '--deadline', '2026-12-03', '--plan', '20m']);
    const month = String((await sb.ok(['calendar'], { env: { COLUMNS: '80' } })).stdout);
    for (const line of month.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    expect(month).toBe(
      [
        'November 2026 - alice: 4 open tasks due, 1h45m planned',
        ' Mon  Tue  Wed  Thu  Fri  Sat  Sun',
        '                                1',
        '  2    3    4    5    6    7    8',
        '  9   10   11   12   13   14   15',
        ' 16   17   18   19   20   21   22',
        ' 23   24   25   26 *[27]* 28   29',
        ' 30 *',
        '',
        '2026-11-26 Thu   1 task     30m  2 Ops: Overdue thing',
        '2026-11-27 Fri   1 task     15m  1 Sales: Call Ivan',
        '2026-11-30 Mon   2 tasks     1h  3 Legal: Sign the contract; 4 General (Legal):…',
      ].join('\n'),
    );
    expect(await sb.json(['calendar', '2026-12'])).toEqual({
      user: 'alice',
      month: '2026-12',
      days: [{ day: '2026-12-03', plannedMinutes: 20, tasks: [{ id: 6, title: 'Ops: Next month' }] }],
    });
    expect(await sb.json(['calendar', 'som'])).toMatchObject({ month: '2026-12' });
    const bad = await sb.run(['calendar', '2026-13']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toBe(
      'task: MONTH: "2026-13" is not a month; use 2026-12, or a day in it (today, som for the next month, 2026-12-15)',
    );
  });
});

describe('R19: recurring templates', () => {
  it('without a schedule: done --next copies the task with the next deadline before closing it, in one transaction', async () => {
    await sb.ok([
      'add',
      'Accounting: Send the invoice to Ivan',
      '--plan',
      '20m',
      '--deadline',
      'today',
      '--tag',
      'client',
      '--crm',
      'company:5',
    ]);
    const before = sb.dump();
    const refused = await sb.run(['done', '1', '--next', '2026-12-28']);
    expect(refused.exitCode).toBe(3);
    expect(sb.dump()).toBe(before);
    const past = await sb.run(['done', '1', '--result', 'sent', '--next', 'yesterday']);
    expect(past.exitCode).toBe(2);
    expect(past.stderr).toBe(
      'task: --next: the next occurrence is due 2026-11-26, which has passed; give a later date',
    );
    expect(sb.dump()).toBe(before);

    await sb.ok(['add', 'Accounting: Attach the timesheet', '--parent', '1', '--plan', '5m']);
    await sb.ok(['done', '2', '--result', 'attached']);
    const done = await sb.run([
      'done',
      '1',
      '--result',
      'Invoice 11/2026 sent',
      '--next',
      '2026-12-28',
      '--json',
    ]);
    expect(done.stderr).toBe(
      'warning: R17: the next occurrence (task 3) has none of the 1 subtask(s) of task 1; add the ones it needs with: task add --parent 3',
    );
    const closed = JSON.parse(String(done.stdout));
    expect(closed).toMatchObject({ id: 1, status: 'completed' });
    expect(closed.nextOccurrence).toMatchObject({
      id: 3,
      title: 'Accounting: Send the invoice to Ivan',
      status: 'new',
      plannedMinutes: 20,
      tags: ['client'],
      deadline: '2026-12-28T23:59:59.999Z',
      deadlineAllDay: true,
    });
    expect((await sb.json(['show', '3'])).crm).toEqual(['company:5']);
    expect(String((await sb.ok(['copy', '3', '--deadline', '2027-01-28'])).stdout)).toBe(
      'Copied task 3 to task 4: Accounting: Send the invoice to Ivan',
    );
    expect((await sb.json(['show', '4'])).deadline).toBe('2027-01-28T23:59:59.999Z');
  });

  it('make the due occurrences, idempotently, and group in the list', async () => {
    await sb.ok([
      'template',
      'add',
      'Sales: Weekly pipeline review',
      '--every',
      'mon',
      '--plan',
      '30m',
      '--tag',
      'SALES',
    ]);
    await sb.ok([
      'template',
      'add',
      'Ops: Backup check',
      '--every',
      'weekday',
      '--plan',
      '5m',
      '--deadline-offset',
      '1',
    ]);
    await sb.ok(['template', 'add', 'Accounting: Pay rent', '--every', 'month:31', '--plan', '10m']);
    const run = await sb.json(['template', 'run', '--until', '2026-12-02']);
    expect(run.created.map((c: any) => [c.day, c.title])).toEqual([
      ['2026-11-30', 'Sales: Weekly pipeline review'],
      ['2026-11-27', 'Ops: Backup check'],
      ['2026-11-30', 'Ops: Backup check'],
      ['2026-12-01', 'Ops: Backup check'],
      ['2026-12-02', 'Ops: Backup check'],
      ['2026-11-30', 'Accounting: Pay rent'],
    ]);
    const backup = (await sb.json<any[]>(['list', '--project', 'Ops', '--sort', 'created']))[0];
    expect(backup).toMatchObject({ deadline: '2026-11-28T23:59:59.999Z', plannedMinutes: 5 });
    expect((await sb.json(['template', 'run', '--until', '2026-12-02'])).created).toEqual([]);
    const groups = await sb.json<any[]>(['template', 'list']);
    expect(groups.map((g) => [g.project, g.tag, g.templates.length])).toEqual([
      ['Accounting', null, 1],
      ['Ops', null, 1],
      ['Sales', 'SALES', 1],
    ]);
  });

  it('two runs at once never duplicate an occurrence', async () => {
    await sb.ok(['template', 'add', 'Ops: Backup check', '--every', 'day', '--plan', '5m']);
    await sb.ok(['template', 'add', 'Sales: Inbox zero', '--every', 'day', '--plan', '15m']);
    const runs = await Promise.all(
      [1, 2, 3].map(() => sb.spawn(['template', 'run', '--until', '2026-12-10'])),
    );
    for (const r of runs) expect(r.exitCode, r.stderr).toBe(0);
    expect(sb.sql('SELECT count(*) AS n FROM tasks')).toEqual([{ n: 28 }]);
    expect(sb.sql('SELECT count(*) AS n FROM template_occurrences')).toEqual([{ n: 28 }]);
  });

  it('paused templates make nothing; day start runs your templates; edit and delete work', async () => {
    await sb.ok(['template', 'add', 'Ops: Backup check', '--every', 'day', '--plan', '5m']);
    await sb.ok(['template', 'pause', '1']);
    expect((await sb.json(['template', 'run'])).created).toEqual([]);
    await sb.ok(['template', 'resume', '1']);
    await sb.ok(['template', 'edit', '1', '--plan', '10m', '--every', 'weekday']);
    const day = await sb.json(['day', 'start']);
    expect(day.fromTemplates).toEqual([{ id: 1, title: 'Ops: Backup check' }]);
    expect((await sb.json(['show', '1'])).plannedMinutes).toBe(10);
    await sb.ok(['template', 'delete', '1']);
    expect(await sb.json(['template', 'list'])).toEqual([]);
    const bad = await sb.run(['template', 'add', 'Ops: X', '--every', 'sometimes']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/--every: "sometimes" is not a schedule/);
  });
});

describe('fast, forgiving capture', () => {
  it("R34: scheduled:DATE (Taskwarrior's scheduled) puts the new task into its responsible's plan of that day", async () => {
    await sb.ok(['user', 'add', 'bob', '--manager', 'alice']);
    await sb.ok(['add', 'Prepare', 'the', 'board', 'slides', 'project:Ops', 'scheduled:mon', 'plan:1h']);
    await sb.ok(['add', 'Ops: Check the UPS', '--scheduled', 'mon', '--plan', '20m', '--responsible', 'bob']);
    expect((await sb.json(['plan', '2026-11-30'])).items.map((i: any) => [i.id, i.source])).toEqual([
      [1, 'added'],
    ]);
    expect((await sb.json(['plan', '2026-11-30'], { user: 'bob' })).items.map((i: any) => i.id)).toEqual([2]);
    const edit = await sb.run(['1', 'modify', 'scheduled:tue']);
    expect(edit.exitCode).toBe(2);
    expect(edit.stderr).toBe(
      "task: scheduled: put the task into a day's plan with: task plan add 1 --date tue",
    );
  });

  it("Taskwarrior's append and prepend add words to the title's text, keeping its project and marker, with history", async () => {
    await sb.ok(['add', 'Sales: Call the bank', '--plan', '15m']);
    await sb.ok(['stec', 'Tidy the archive']);
    const appended = await sb.run(['1', 'append', 'about', 'the', 'loan', '+money', 'due:mon']);
    expect(appended.exitCode).toBe(0);
    expect(appended.stdout).toBe('Updated task 1: Sales: Call the bank about the loan');
    const task = await sb.json(['show', '1']);
    expect([task.project, task.text, task.tags, task.deadline.slice(0, 10)]).toEqual([
      'Sales',
      'Call the bank about the loan',
      ['money'],
      '2026-11-30',
    ]);
    await sb.ok(['prepend', '1,2', 'Quickly:']);
    expect((await sb.json(['show', '1'])).title).toBe('Sales: Quickly: Call the bank about the loan');
    const stec = await sb.json(['show', '2']);
    expect([stec.title, stec.kind]).toEqual(['STEC: Quickly: Tidy the archive', 'stec']);
    const history = (await sb.json(['history', '1']))
      .filter((h: any) => h.field === 'title')
      .map((h: any) => [h.old, h.new]);
    expect(history).toEqual([
      ['Sales: Call the bank', 'Sales: Call the bank about the loan'],
      ['Sales: Call the bank about the loan', 'Sales: Quickly: Call the bank about the loan'],
    ]);
    const nothing = await sb.run(['1', 'append', 'pri:H']);
    expect(nothing.exitCode).toBe(2);
    expect(nothing.stderr).toBe('task: nothing to append: task append 1 WORDS');
    expect((await sb.run(['prepend', '1', ' '])).stderr).toBe(
      'task: nothing to prepend: task prepend 1 WORDS',
    );
    expect((await sb.json(['show', '1'])).priority).toBe('medium');
  });

  it('task add with only a title works; without a title and a terminal nothing prompts', async () => {
    expect((await sb.json(['add', 'Sales: Call Ivan'])).title).toBe('Sales: Call Ivan');
    const noTitle = await sb.run(['add']);
    expect(noTitle.exitCode).toBe(2);
    expect(noTitle.stderr).toBe(
      'task: the title is missing: task add "Project: what to do" --deadline fri --plan 30m (see task add --help); on a terminal, task add alone shows a form',
    );
    const form = await sb.run(['add', '-i']);
    expect(form.exitCode).toBe(2);
    // Issue 20: it says to run it in a terminal, not to run task add -i.
    expect(form.stderr).toBe(
      'task: the task add -i form needs a terminal (run it in one); here, give the fields as words and flags: task add "Project: what to do" --deadline fri --plan 30m (see task add --help)',
    );
    expect((await sb.run(['add', '-i', '--json'])).stderr).toMatch(
      /^task: task add shows no form with --json; give the fields as words and flags/,
    );
  });

  it('a typo in a command name gets a suggestion', async () => {
    const result = await sb.run(['serch', 'x']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe("task: unknown command 'serch' (did you mean search?)");
  });
});

describe('shell completion', () => {
  it('prints scripts that the shells accept', async () => {
    const bash = String((await sb.ok(['completion', 'bash'])).stdout);
    expect(bash).toContain('complete -o default -F _task_regula_complete task');
    expect((await execa('bash', ['-n'], { input: bash, reject: false })).exitCode).toBe(0);
    expect(String((await sb.ok(['completion', 'zsh'])).stdout)).toContain('#compdef task');
    expect(String((await sb.ok(['completion', 'fish', '--name', 'regula'])).stdout)).toContain(
      "complete -c regula -f -a '(__regula_regula_complete)'",
    );
    expect((await sb.run(['completion', 'tcsh'])).exitCode).toBe(2);
  });

  it('the bash script completes words that bash splits at : and = (project:Sales, rc.context=none)', async () => {
    await sb.ok(['add', 'Sales: Call Ivan', '--tag', 'calls']);
    const script = String((await sb.ok(['completion', 'bash'])).stdout);
    // What bash hands a completion function: COMP_LINE, and COMP_WORDS split at blanks and at : and =.
    const complete = async (line: string) => {
      const words = line
        .split(/\s+|(?=[:=])|(?<=[:=])/)
        .filter(Boolean)
        .concat(line.endsWith(' ') ? [''] : []);
      const shell = [
        `task() { node ${JSON.stringify(BIN)} "$@"; }`,
        script,
        `COMP_LINE=${JSON.stringify(line)}; COMP_POINT=\${#COMP_LINE}`,
        `COMP_WORDS=(${words.map((w) => JSON.stringify(w)).join(' ')}); COMP_CWORD=${words.length - 1}`,
        '_task_regula_complete; printf "%s\\n" "${COMPREPLY[@]}"',
      ].join('\n');
      const run = await execa('bash', ['-c', shell], { env: sb.env(), reject: false });
      expect(run.exitCode).toBe(0);
      return run.stdout.split('\n').filter(Boolean);
    };
    expect(await complete('task list project:Sa')).toEqual(['Sales']); // bash puts it in place of "Sa"
    expect(await complete('task list project:')).toEqual([':Sales']); // in place of ":"
    expect(await complete('task list +ca')).toEqual(['+calls']);
    expect(await complete('task rc.auto')).toEqual(['rc.autoStartDay=']);
    expect(await complete('task rc.color=o')).toEqual(['on', 'off']);
    expect(await complete('task rc.color=')).toEqual(['=on', '=off']);
    expect(await complete('task 1 mod')).toEqual(['modify']);
    expect(await complete('task sta')).toEqual(['start', 'status']);
  });

  it('completes commands, flags, project and tag names and task ids from the database', async () => {
    await sb.ok(['add', 'Sales: Call Ivan', '--tag', 'SALES']);
    await sb.ok(['add', 'Ops: Check backups']);
    const complete = async (...words: string[]) =>
      String((await sb.ok(['__complete', '--', ...words])).stdout)
        .split('\n')
        .map((l) => l.split('\t')[0]);
    expect(await complete('st')).toEqual(['start', 'status', 'stec']);
    expect(await complete('add', '--pro')).toEqual(
      ['--project', '--proposal'].filter((o) => o === '--project'),
    );
    expect(await complete('add', 'x', '--project', '')).toEqual(['Ops', 'Sales']);
    expect(await complete('list', '--tag', 's')).toEqual(['SALES']);
    expect(await complete('list', '--exclude-tag', 's')).toEqual(['SALES']);
    expect(await complete('start', '')).toEqual(['1', '2']);
    expect(await complete('list', '--due', 'to')).toEqual(['today', 'tomorrow']);
    expect(await complete('list', '+s')).toEqual(['+SALES']);
    expect(await complete('list', '+OV')).toEqual(['+OVERDUE']);
    expect(await complete('add', 'Call', 'Ivan', 'pr')).toEqual(['project:', 'priority:']);
    expect(await complete('add', 'Call', 'Ivan', 'project:S')).toEqual(['project:Sales']);
    expect(await complete('1', 'modify', 'due:to')).toEqual(['due:today', 'due:tomorrow']);
    expect(await complete('add', 'Call', 'due:eo')).toEqual(['due:eow', 'due:eom']);
    expect(await complete('ov')).toEqual(['overdue']); // Taskwarrior's report: task list +OVERDUE
    expect(await complete('i')).toEqual(['inbox', 'import', 'ids']);
    expect(await complete('_')).toEqual(['_ids', '_projects', '_tags']); // helpers for scripts: only once _ is typed
    expect(await complete('rc.c')).toEqual(['rc.context=', 'rc.color=']);
    expect((await complete('rc.w')).filter(Boolean)).toEqual([]); // company policy (R39) is not a one-off setting
    expect(await complete('policy', 'set', 'w')).toEqual(['workdayMinutes', 'workingDays']);
    expect(await complete('policy', 'set', 'allowCoExecutors', '')).toEqual(['true', 'false']);
    expect(await complete('policy', 'history', 'ex')).toEqual(['explanationFactor']);
    expect(await complete('rc.color=')).toEqual(['rc.color=on', 'rc.color=off']);
    expect(await complete('rc.context=none', 'list', '+S')).toEqual(['+SALES']);
    expect((await complete('add', 'Call', 'Ivan', 'Ivanovich')).filter(Boolean)).toEqual([]);
    expect(await complete('list', 'project:o')).toEqual(['project:Ops']);
    expect(await complete('1', 'st')).toEqual(['start', 'stop']); // stop: Taskwarrior's name of pause
    expect(await complete('1', 'p')).toEqual(['prepend', 'pause']);
    expect(await complete('1', '2', 'de')).toEqual(['delete']);
    expect(await complete('done', '1', '')).toEqual(['1', '2']);
    await sb.ok(['time', 'add', '2', '10m', '--at', '07:00', '--comment', 'checked']);
    await sb.ok(['time', 'add', '1', '5m', '--at', '08:00', '--comment', 'called']);
    const entries = String((await sb.ok(['__complete', '--', 'time', 'edit', ''])).stdout).split('\n');
    expect(entries).toEqual(['2\ttask 1, 2026-11-27 08:00', '1\ttask 2, 2026-11-27 07:00']);
    await sb.ok(['context', 'define', 'office', '+SALES']);
    await sb.ok(['context', 'define', 'dev', 'project:Ops']);
    expect(await complete('context', 'd')).toEqual(['define', 'delete', 'dev']);
    expect(await complete('context', 'delete', '')).toEqual(['office', 'dev']);
    expect(await complete('rc.context:')).toEqual(['rc.context:none', 'rc.context:office', 'rc.context:dev']);
  });
});

describe('config', () => {
  it('set, get, list and unset, with unknown keys and bad values refused', async () => {
    expect(String((await sb.ok(['config', 'set', 'autoStartDay', 'off'])).stdout)).toBe(
      'autoStartDay = false',
    );
    expect(await sb.json(['config', 'get', 'autoStartDay'])).toEqual({ autoStartDay: false });
    expect((await sb.json(['config', 'list'])).autoStartDay).toBe(false);
    const unknown = await sb.run(['config', 'set', 'colour', 'blue']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toBe(
      'task: unknown config key "colour"; valid keys: user, autoStartDay, contexts, context (company policy: task policy)',
    );
    const bad = await sb.run(['config', 'set', 'autoStartDay', 'sometimes']);
    expect(bad.exitCode).toBe(2);
    await sb.ok(['config', 'unset', 'autoStartDay']);
    expect(await sb.json(['config', 'get', 'autoStartDay'])).toEqual({ autoStartDay: true });
    // Taskwarrior's shorthand: task config NAME VALUE sets, task config NAME shows, task config lists.
    expect(String((await sb.ok(['config', 'autoStartDay', 'no'])).stdout)).toBe('autoStartDay = false');
    expect(String((await sb.ok(['config', 'autoStartDay'])).stdout)).toBe('false');
    expect((await sb.json(['config'])).autoStartDay).toBe(false);
  });

  it('R39: company policy keys are read, said as such, and never set through the config', async () => {
    expect(String((await sb.ok(['config', 'workdayMinutes'])).stdout)).toBe(
      '8h (company policy, kept in the database: task policy)',
    );
    expect(await sb.json(['config', 'get', 'workdayMinutes'])).toEqual({ workdayMinutes: 480, policy: true });
    for (const args of [
      ['config', 'set', 'workdayMinutes', '7h'],
      ['config', 'workdayMinutes', '7h'],
    ]) {
      const refused = await sb.run(args);
      expect(refused.exitCode).toBe(3);
      expect(refused.stderr).toBe(
        'task: R39: task config set: workdayMinutes is company policy, kept in the database, not a personal setting; an administrator changes it for everyone with: task policy set workdayMinutes VALUE --reason TEXT (task policy shows it)',
      );
    }
    expect(String((await sb.ok(['config', 'list'])).stdout)).toContain(
      'Company policy (workdayMinutes, workingDays, titleWithoutProject, allowCoExecutors, continuationThresholdMinutes, explanationFactor) is kept in the database',
    );
    expect((await sb.json(['plan'])).workdayMinutes).toBe(480);
  });

  it("Taskwarrior's rc.KEY=VALUE sets a value for one command only; bad ones are refused before anything is written", async () => {
    await sb.ok(['add', 'Ops: Check backups', '--plan', '1h', '--deadline', 'today']);
    // R39: the working day is company policy, not a one-off setting.
    for (const word of ['rc.workdayMinutes=6h', 'rc.workdayMinutes:7h']) {
      const refused = await sb.run([word, 'plan']);
      expect(refused.exitCode).toBe(3);
      expect(refused.stderr).toMatch(
        /^task: R39: rc\.workdayMinutes: workdayMinutes is company policy, .*: task policy set workdayMinutes VALUE --reason TEXT/,
      );
    }
    expect((await sb.json(['plan'])).workdayMinutes).toBe(480);
    await sb.ok(['add', 'Sales: Call Ivan']);
    await sb.ok(['context', 'define', 'ops', 'project:Ops']);
    await sb.ok(['context', 'ops']);
    expect((await sb.ok(['ids'])).stdout).toBe('1');
    expect((await sb.ok(['rc.context=none', 'ids'])).stdout).toBe('1-2');
    expect((await sb.ok(['ids'])).stdout).toBe('1');
    const unknown = await sb.run(['add', 'Ops: Rotate the keys', 'rc.verbose=nothing']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toBe(
      'task: rc.verbose: regula has no such setting; valid: user, autoStartDay, context, color',
    );
    const badValue = await sb.run(['rc.autoStartDay=sometimes', 'add', 'Ops: Rotate the keys']);
    expect(badValue.exitCode).toBe(2);
    expect(badValue.stderr).toBe('task: autoStartDay: "sometimes" is not true or false');
    const noContext = await sb.run(['rc.context=home', 'list']);
    expect(noContext.stderr).toBe('task: rc.context: no context "home"; defined: ops');
    expect((await sb.ok(['rc.context=none', 'ids'])).stdout).toBe('1-2');
    // rc.color: colours on or off for this command, whatever the terminal.
    expect((await sb.ok(['rc.color=on', 'list'])).stdout).toContain('\u001b[');
    expect((await sb.ok(['rc.color=off', 'list'])).stdout).not.toContain('\u001b[');
    // A title may still say rc.something after --.
    expect(
      JSON.parse(String((await sb.ok(['add', '--json', '--', 'Ops: Read rc.local=yes'])).stdout)).title,
    ).toBe('Ops: Read rc.local=yes');
  });

  it('a hand-edited file with a bad value is refused until fixed', async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const { dirname } = await import('node:path');
    const path = sb.env().REGULA_CONFIG!;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify({ workdayMinutes: -5 }));
    const result = await sb.run(['list']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/invalid value for "workdayMinutes"/);
  });
});
