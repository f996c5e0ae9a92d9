import Database from 'better-sqlite3';
import { parse as parseCsv } from 'csv-parse/sync';
import { execa } from 'execa';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sandbox } from './helpers.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

let sb: Sandbox;
beforeEach(() => {
  sb = new Sandbox({ inProcess: true });
  sb.now = '2026-11-27T20:00';
});
afterEach(() => sb.remove());

describe('import from Taskwarrior (fixture made by Taskwarrior 2.6, see tests/fixtures/README.md)', () => {
  beforeEach(() => {
    sb.tz = 'Europe/Berlin'; // the fixture was written in Berlin: date-only dues are local midnights there
  });

  it('maps every field: title by R6, project, tags, priority, due, status, annotations, depends, recurrence', async () => {
    const summary = await sb.json(['import', fixture('taskwarrior-export.json')]);
    expect(summary).toMatchObject({
      source: 'taskwarrior',
      dryRun: false,
      created: { tasks: 8, comments: 1, templates: 1, links: 1 },
      skipped: [],
    });
    const tasks = await sb.json<any[]>(['list', '--all', '--sort', 'created']);
    const byText = (text: string) => tasks.find((t) => t.text === text);
    expect(byText('Call client Ivan Petrov')).toMatchObject({
      project: 'Sales',
      title: 'Sales: Call client Ivan Petrov',
      priority: 'high',
      tags: ['SALES'],
      status: 'in_progress',
      deadline: '2026-11-27T22:59:59.999Z',
      deadlineAllDay: true,
    });
    expect(byText('Prepare the quarterly report')).toMatchObject({
      title: 'Finance.Reports: Prepare the quarterly report',
      deadline: '2026-12-01T13:00:00.000Z',
      deadlineAllDay: false,
    });
    expect(byText('Подготовить договор поставки')).toMatchObject({
      project: 'Продажи',
      priority: 'low',
      tags: ['legal'],
    });
    expect(byText('Check backups')).toMatchObject({ status: 'completed' });
    // R31: closed in Taskwarrior without a result - kept as it was, and shown for what it is.
    expect((await sb.json(['show', String(byText('Check backups').id)])).flags).toEqual([
      'R31: completed without a written result (closed in another tool before it was imported)',
    ]);
    expect((await sb.json(['show', String(byText('Call client Ivan Petrov').id)])).flags).not.toContainEqual(
      expect.stringMatching(/^R31/),
    );
    expect(byText('Renew the domain')).toMatchObject({ status: 'deferred' });
    expect(tasks.find((t) => t.text === 'Old idea we dropped')).toBeUndefined(); // deleted: kept but hidden
    expect(
      sb.sql("SELECT status, deleted_at IS NOT NULL AS hidden FROM tasks WHERE text = 'Old idea we dropped'"),
    ).toEqual([{ status: 'declined', hidden: 1 }]);
    const report = byText('Prepare the quarterly report');
    expect((await sb.json(['show', String(report.id)])).comments).toMatchObject([
      { body: 'Numbers from the accountant arrive on Monday' },
    ]);
    expect(sb.sql('SELECT count(*) AS n FROM task_links')).toEqual([{ n: 1 }]);
    const [link] = sb.sql<{ task_id: number; other_id: number }>('SELECT task_id, other_id FROM task_links');
    expect((await sb.json(['show', String(link!.task_id)])).dependsOn).toEqual([link!.other_id]);
    expect((await sb.json(['show', String(link!.other_id)])).blocks).toEqual([link!.task_id]);
    expect(await sb.json<any[]>(['template', 'list'])).toMatchObject([
      { project: 'Sales', templates: [{ title: 'Sales: Weekly pipeline review', every: 'mon' }] },
    ]);
    expect((await sb.json(['template', 'run', '--until', '2026-11-30'])).created).toEqual([]); // the instance already exists
    const plan = await sb.json(['plan', '2026-11-30']);
    expect(plan.items.map((i: any) => i.title)).toContain('Finance.Reports: Prepare the quarterly report'); // scheduled -> that day's plan
  });

  it('importing the same file twice changes nothing; --dry-run writes nothing', async () => {
    const dry = await sb.json(['import', fixture('taskwarrior-export.json'), '--dry-run']);
    expect(dry).toMatchObject({ dryRun: true, created: { tasks: 8 } });
    expect(sb.sql('SELECT count(*) AS n FROM tasks')).toEqual([{ n: 0 }]);
    await sb.ok(['import', fixture('taskwarrior-export.json')]);
    const before = sb.dump();
    const again = await sb.json(['import', fixture('taskwarrior-export.json')]);
    expect(again).toMatchObject({ created: {}, updated: {} });
    expect(again.skipped).toHaveLength(9);
    expect(sb.dump()).toBe(before);
  });

  it('a record changed at the source updates the task, with history', async () => {
    await sb.ok(['import', fixture('taskwarrior-export.json')]);
    const { readFileSync } = await import('node:fs');
    const records = JSON.parse(readFileSync(fixture('taskwarrior-export.json'), 'utf8'));
    const ivan = records.find((r: any) => r.description.includes('Ivan'));
    ivan.priority = 'L';
    ivan.modified = '20261128T090000Z';
    const changed = join(sb.dir, 'changed.json');
    writeFileSync(changed, records.map((r: any) => JSON.stringify(r)).join('\n')); // one object per line, as task export can write
    const summary = await sb.json(['import', changed, '--from', 'taskwarrior']);
    expect(summary.updated).toEqual({ tasks: 1 });
    const task = (await sb.json<any[]>(['list', '--all'])).find((t) => t.text === 'Call client Ivan Petrov');
    expect(task.priority).toBe('low');
    expect((await sb.json<any[]>(['history', String(task.id)])).at(-1)).toMatchObject({
      field: 'priority',
      old: 'high',
      new: 'low',
      note: null,
    });
  });

  it('a malformed file is refused naming the record and field, and nothing is written', async () => {
    const result = await sb.run(['import', fixture('taskwarrior-malformed.json')]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(
      /taskwarrior-malformed\.json: task 2 \(uuid 4c6b1f2e-9e1a-4c8b-8f3e-6a5b4c3d2e1f\): field "due": expected a timestamp like 20260105T083000Z$/,
    );
    expect(sb.sql('SELECT count(*) AS n FROM tasks')).toEqual([{ n: 0 }]);
    const notJson = join(sb.dir, 'x.json');
    writeFileSync(notJson, 'this is not json');
    const bad = await sb.run(['import', notJson, '--from', 'timewarrior']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/x\.json: not JSON/);
  });

  it('exports back in a form Taskwarrior itself imports', async () => {
    await sb.ok(['import', fixture('taskwarrior-export.json')]);
    await sb.ok(['add', 'Sales: A task born in regula', '--deadline', '2026-12-03', '--tag', 'NEW']);
    const exported = await sb.json<any[]>(['export', '--format', 'taskwarrior']);
    expect(exported).toHaveLength(9);
    const born = exported.find((t) => t.description === 'Sales: A task born in regula');
    expect(born).toMatchObject({
      status: 'pending',
      project: 'Sales',
      tags: ['NEW'],
      due: '20261202T230000Z',
    });
    expect(born.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect((await sb.json<any[]>(['export', '--format', 'taskwarrior'])).map((t) => t.uuid)).toEqual(
      exported.map((t) => t.uuid),
    );

    const taskwarrior = await execa('task', ['--version'], { reject: false }).catch(() => null);
    if (!taskwarrior || taskwarrior.exitCode !== 0 || !/^2\./.test(String(taskwarrior.stdout))) {
      console.warn(
        'SKIPPED: Taskwarrior is not installed (apt-get install taskwarrior); the export was not fed to a real task import',
      );
      return;
    }
    const data = join(sb.dir, 'tw');
    mkdirSync(data);
    writeFileSync(join(sb.dir, 'taskrc'), `data.location=${data}\nconfirmation=off\nverbose=nothing\n`);
    const file = join(sb.dir, 'for-taskwarrior.json');
    writeFileSync(file, JSON.stringify(exported));
    const env = { TASKRC: join(sb.dir, 'taskrc'), TASKDATA: data, TZ: 'Europe/Berlin' };
    const imported = await execa('/usr/bin/task', ['import', file], { env, reject: false });
    expect(imported.exitCode, String(imported.stderr)).toBe(0);
    const back = JSON.parse(String((await execa('/usr/bin/task', ['export'], { env })).stdout));
    expect(back.map((t: any) => t.uuid).sort()).toEqual(exported.map((t) => t.uuid).sort());
    expect(back.find((t: any) => t.description === 'Sales: A task born in regula')).toMatchObject({
      project: 'Sales',
      due: '20261202T230000Z',
    });
  });
});

describe("issue 21: reading regula's own Taskwarrior export back into the same database", () => {
  it('finds its tasks again instead of copying them; an edit made in the file updates the task', async () => {
    await sb.ok([
      'add',
      'Sales: Draft the offer',
      '--plan',
      '1h30m',
      '--deadline',
      '2026-12-03',
      '--hard',
      '--tag',
      'deal',
    ]);
    await sb.ok(['add', 'Ops: Check backups', '--depends', '1']);
    await sb.ok(['add', 'Ops: Running now']);
    await sb.ok(['start', '3']);
    await sb.ok(['add', 'Ops: Dropped idea']);
    await sb.ok(['delete', '4']);
    await sb.ok(['comment', '1', 'Asked for the price list']);
    const exported = await sb.json<any[]>(['export', '--format', 'taskwarrior']);
    const file = join(sb.dir, 'regula-to-taskwarrior.json');
    writeFileSync(file, JSON.stringify(exported));
    const tables = () =>
      sb.sql(
        'SELECT (SELECT count(*) FROM tasks) AS tasks, (SELECT count(*) FROM comments) AS comments, (SELECT count(*) FROM history) AS history, (SELECT count(*) FROM task_links) AS links',
      );
    const before = tables();
    const tasksBefore = await sb.json<any[]>(['list', '--all']);

    const first = await sb.json(['import', file]);
    expect(first).toMatchObject({ created: {}, updated: {} });
    expect(first.skipped.map((s: any) => s.reason)).toEqual(
      exported.map(() => 'unchanged: exported from this database'),
    );
    expect(tables()).toEqual(before);
    expect(await sb.json<any[]>(['list', '--all'])).toEqual(tasksBefore);
    const dump = sb.dump();
    const second = await sb.json(['import', file]);
    expect(second).toMatchObject({ created: {}, updated: {} });
    expect(sb.dump()).toBe(dump);

    const edited = exported.map((t) =>
      t.description === 'Sales: Draft the offer' ? { ...t, priority: 'H', modified: '20261127T190000Z' } : t,
    );
    writeFileSync(file, JSON.stringify(edited));
    expect(await sb.json(['import', file])).toMatchObject({ created: {}, updated: { tasks: 1 } });
    expect(await sb.json(['show', '1'])).toMatchObject({
      priority: 'high',
      deadlineHard: true,
      plannedMinutes: 90,
    });
    expect(tables()[0]).toMatchObject({
      tasks: before[0]!.tasks,
      comments: before[0]!.comments,
      links: before[0]!.links,
    });
  });
});

describe('import from Timewarrior (fixture made by Timewarrior 1.4)', () => {
  beforeEach(() => {
    sb.tz = 'Europe/Berlin';
  });

  it('matches intervals to tasks by id or title, creates the rest, and an open interval runs', async () => {
    await sb.ok(['add', 'Sales: Call client Ivan Petrov', '--plan', '2h']);
    await sb.ok(['add', 'Finance: Prepare the quarterly report', '--plan', '4h']);
    const summary = await sb.json(['import', fixture('timewarrior-export.json')]);
    expect(summary).toMatchObject({ source: 'timewarrior', created: { entries: 6, tasks: 4 }, skipped: [] });
    expect((await sb.json(['show', '1'])).spentMinutes).toBe(90);
    expect((await sb.json(['show', '2'])).spentMinutes).toBe(60); // tag "#2"
    const visit = (await sb.json<any[]>(['search', 'Petrov', 'office']))[0];
    expect(visit).toMatchObject({
      title: 'Visit to the Petrov office',
      tags: ['customer-visit', 'sales'],
      spentMinutes: 75,
    });
    const status = await sb.json(['status']);
    expect(status.running).toMatchObject({ title: 'Answer mail', startedAt: '2026-11-27T08:00:00.000Z' });
    const night = await sb.json(['report', '2026-11-27']);
    expect(night.tasks.find((t: any) => t.title === 'Ops: Night migration').trackedMinutes).toBe(30); // split at midnight
    const before = sb.dump();
    expect((await sb.json(['import', fixture('timewarrior-export.json')])).created).toEqual({});
    expect(sb.dump()).toBe(before);
  });
});

describe("import from Watson (fixtures written from Watson's source, see tests/fixtures/README.md)", () => {
  beforeEach(() => {
    sb.tz = 'Europe/Berlin';
    sb.now = '2026-11-27T09:40';
  });

  it('makes "<project>: <tags>" tasks, matches existing titles, splits at midnight, and the current frame runs', async () => {
    await sb.ok(['add', 'Sales: Call client Ivan Petrov', '--plan', '30m']);
    const summary = await sb.json(['import', fixture('watson-log.json')]);
    expect(summary).toMatchObject({ source: 'watson', created: { tasks: 4, entries: 5 }, skipped: [] });
    const tasks = await sb.json<any[]>(['list', '--all', '--sort', 'created']);
    expect(tasks[0].status).toBe('pending'); // it was new; imported time means work on it has begun
    expect(tasks.map((t) => [t.title, t.project, t.tags, t.spentMinutes])).toEqual([
      ['Sales: Call client Ivan Petrov', 'Sales', [], 20],
      ['acme-website: design, homepage', 'acme-website', ['design', 'homepage'], 90],
      ['acme-website: Work on acme-website', 'acme-website', [], 30],
      ['internal: migration', 'internal', ['migration'], 60],
      ['acme-website: design', 'acme-website', ['design'], 40],
    ]);
    expect((await sb.json(['status'])).running).toMatchObject({
      title: 'acme-website: design',
      startedAt: '2026-11-27T08:00:00.000Z',
    });
    const night = await sb.json(['report', '2026-11-26']);
    expect(night.tasks.find((t: any) => t.title === 'internal: migration').trackedMinutes).toBe(30);
    const week = await sb.json(['report', '--from', '2026-11-23', '--to', '2026-11-26']);
    expect(week.byTag).toEqual([
      { tag: 'design', minutes: 90 },
      { tag: 'homepage', minutes: 90 },
      { tag: null, minutes: 50 },
      { tag: 'migration', minutes: 30 },
    ]);

    const before = sb.dump();
    expect((await sb.json(['import', fixture('watson-log.json')])).created).toEqual({});
    const frames = await sb.json(['import', fixture('watson-frames.json')]);
    expect(frames).toMatchObject({
      source: 'watson',
      created: {},
      skipped: [{ reason: 'unchanged since the last import' }, { reason: 'unchanged since the last import' }],
    });
    expect(sb.dump()).toBe(before);
  });

  it('refuses a malformed frame, naming it and the field', async () => {
    const bad = await sb.run(['import', fixture('watson-malformed.json')]);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(
      /watson-malformed\.json: frame 1 \(id a96fcde1b2c34d5e8f90a1b2c3d4e5f6\): field "start": expected a time like 2026-11-25T09:15:00\+01:00$/,
    );
    expect(sb.sql('SELECT count(*) AS n FROM tasks')).toEqual([{ n: 0 }]);
  });
});

describe('import from Bitrix24 (fixture written from the REST documentation)', () => {
  beforeEach(() => {
    sb.tz = 'Europe/Moscow';
  });

  it('creates people and projects, maps status, priority, estimate, control, marks, observers, time and comments', async () => {
    const summary = await sb.json(['import', fixture('bitrix24-export.json')]);
    expect(summary).toMatchObject({
      source: 'bitrix24',
      created: { users: 4, tasks: 3, entries: 3, comments: 2 },
    });
    expect(summary.warnings).toEqual([expect.stringMatching(/^R2: co-executors .* not imported/)]);
    const tasks = await sb.json<any[]>(['list', '--all', '--sort', 'created']);
    expect(
      tasks.map((t) => [
        t.title,
        t.status,
        t.priority,
        t.plannedMinutes,
        t.timeTracking,
        t.acceptRequired,
        t.mark,
        t.responsible,
        t.director,
      ]),
    ).toEqual([
      [
        'Продажи: Согласовать договор с ООО «Ромашка»',
        'in_progress',
        'high',
        120,
        true,
        true,
        null,
        'иван.петров',
        'анна.смирнова',
      ],
      [
        'Продажи: Подготовить проект договора',
        'completed',
        'medium',
        60,
        true,
        false,
        'positive',
        'иван.петров',
        'иван.петров',
      ],
      [
        'Call the supplier about the delayed delivery',
        'deferred',
        'low',
        null,
        false,
        false,
        null,
        'oleg.kuznetsov',
        'oleg.kuznetsov',
      ],
    ]);
    expect(tasks[1].parentId).toBe(tasks[0].id);
    const contract = await sb.json(['show', String(tasks[0].id)]);
    expect(contract).toMatchObject({
      observers: ['oleg.kuznetsov'],
      deadline: '2026-11-30T16:00:00.000Z',
      spentMinutes: 45,
    });
    expect(contract.comments.map((c: any) => [c.author, c.body])).toEqual([
      ['анна.смирнова', 'Иван, срок - до конца месяца'],
      ['иван.петров', 'Принято'],
    ]);
    const before = sb.dump();
    const again = await sb.json(['import', fixture('bitrix24-export.json')]);
    expect(again.created).toEqual({});
    expect(sb.dump()).toBe(before);
  });

  it('a person already in regula under that full name or login is that user, not a second one', async () => {
    await sb.ok(['user', 'add', 'ivan', '--full-name', 'иван петров']);
    await sb.ok(['user', 'add', 'oleg.kuznetsov']);
    await sb.ok(['user', 'add', 'anna', '--full-name', 'Анна Смирнова']);
    await sb.ok(['user', 'add', 'anna2', '--full-name', 'Анна Смирнова']); // two of that name: neither is taken for her
    const summary = await sb.json(['import', fixture('bitrix24-export.json')]);
    expect(summary.created.users).toBe(2); // Анна Смирнова (two users have her name) and Мария Юристова
    expect(summary.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Bitrix24 user \d+ "Иван Петров" is the existing user ivan$/),
        expect.stringMatching(/"Oleg Kuznetsov" is the existing user oleg\.kuznetsov$/),
      ]),
    );
    const tasks = await sb.json<any[]>(['list', '--all', '--sort', 'created']);
    expect(tasks.map((t) => [t.responsible, t.director])).toEqual([
      ['ivan', 'анна.смирнова'],
      ['ivan', 'ivan'],
      ['oleg.kuznetsov', 'oleg.kuznetsov'],
    ]);
    const again = await sb.json(['import', fixture('bitrix24-export.json')]);
    expect(again.created).toEqual({});
  });

  it('refuses a bad record naming it', async () => {
    const file = join(sb.dir, 'b24.json');
    writeFileSync(
      file,
      JSON.stringify({ tasks: [{ id: '1', title: 'x', status: '9', responsibleId: '1', createdBy: '1' }] }),
    );
    const result = await sb.run(['import', file, '--from', 'bitrix24']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/b24\.json: task 1 \(id 1\): field "status": status codes are 1-7/);
  });
});

describe('export to Bitrix24', () => {
  beforeEach(() => {
    sb.tz = 'Europe/Moscow';
  });

  it('writes the REST shapes the Bitrix24 import reads (strings, Y/N, offsets), and they read back into another database', async () => {
    await sb.ok(['user', 'add', 'anna', '--full-name', 'Анна Смирнова', '--manager', 'alice']);
    await sb.ok([
      'add',
      'Продажи: Позвонить Ивану',
      '--plan',
      '15m',
      '--deadline',
      'today',
      '--tag',
      'phone',
      '--responsible',
      'anna',
      '--observer',
      'alice',
    ]);
    await sb.ok([
      'add',
      'Ops: Check the backups',
      '--plan',
      '1h',
      '--deadline',
      '2026-12-01 14:00',
      '--priority',
      'high',
      '--accept',
      '--director',
      'anna',
    ]);
    await sb.ok(['add', 'Ops: Restore test', '--parent', '2', '--plan', '30m']);
    await sb.ok(['time', 'add', '2', '30m', '--at', '08:00', '--comment', 'checked the logs']);
    await sb.ok(['comment', '2', 'Disk 3 is slow']);
    await sb.ok(['done', '2', '--result', 'All restored']);
    const exported = await sb.json(['export', '--format', 'bitrix24']);
    expect(exported.tasks[1]).toMatchObject({
      id: '2',
      title: 'Ops: Check the backups',
      status: '4', // awaiting control: anna directs it and asked to accept it
      priority: '2',
      deadline: '2026-12-01T14:00:00+03:00',
      responsibleId: '1',
      createdBy: '2',
      timeEstimate: '3600',
      allowTimeTracking: 'Y',
      taskControl: 'Y',
      group: { id: '2', name: 'Ops' },
      creator: { id: '2', name: 'Анна Смирнова' },
    });
    expect(exported.tasks[0]).toMatchObject({
      deadline: '2026-11-27T23:59:00+03:00',
      tags: ['phone'],
      auditors: ['1'],
      responsible: { id: '2', name: 'Анна Смирнова' },
    });
    expect(exported.tasks[2]).toMatchObject({ parentId: '2' });
    expect(exported.elapsedItems).toEqual([
      {
        ID: '1',
        TASK_ID: '2',
        USER_ID: '1',
        SECONDS: '1800',
        COMMENT_TEXT: 'checked the logs',
        CREATED_DATE: '2026-11-27T20:00:00+03:00',
        DATE_START: '2026-11-27T08:00:00+03:00',
        DATE_STOP: '2026-11-27T08:30:00+03:00',
      },
    ]);
    expect(exported.comments.map((c: any) => c.POST_MESSAGE)).toEqual([
      'Disk 3 is slow',
      'Result: All restored',
    ]);

    const file = join(sb.dir, 'b24.json');
    writeFileSync(file, JSON.stringify(exported));
    const other = { REGULA_DB: join(sb.dir, 'other.db') };
    const summary = await sb.json(['import', file, '--from', 'bitrix24'], { env: other });
    expect(summary.created).toMatchObject({ tasks: 3, entries: 1, comments: 2 });
    const keys = (t: any) => [
      t.title,
      t.status,
      t.priority,
      t.deadline,
      t.plannedMinutes,
      t.spentMinutes,
      t.acceptRequired,
      t.tags,
    ];
    const original = (await sb.json<any[]>(['list', '--all', '--sort', 'created'])).map(keys);
    expect((await sb.json<any[]>(['list', '--all', '--sort', 'created'], { env: other })).map(keys)).toEqual(
      original,
    );
    const again = await sb.json(['import', file, '--from', 'bitrix24'], { env: other });
    expect(again.created).toEqual({});
  });
});

describe('Markdown and HTML tables', () => {
  it('export tasks and entries escaped for each medium', async () => {
    await sb.ok(['add', 'Ops: Fix a|b <script>alert(1)</script>', '--plan', '10m']);
    await sb.ok(['start', '1'], { now: '2026-11-27T09:00' });
    await sb.ok(['pause'], { now: '2026-11-27T09:25' });
    const md = String((await sb.ok(['export', '--format', 'md'])).stdout);
    expect(md).toMatch(/^# Tasks\n\n\| id \| title \|/);
    expect(md).toContain('| 1 | Ops: Fix a\\|b \\<script\\>alert(1)\\</script\\> | Ops |');
    const html = String((await sb.ok(['export', '--format', 'html', '--table', 'entries'])).stdout);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<td>Ops: Fix a|b &lt;script&gt;alert(1)&lt;/script&gt;</td>');
    expect(html).toContain('<td class="num">25</td>');
    expect(html).not.toContain('<script>');
  });
});

describe("regula's own format", () => {
  it('exports everything and reads it back into an empty database with nothing lost', async () => {
    await sb.ok(['user', 'add', 'bob', '--manager', 'alice']);
    await sb.ok([
      'add',
      'Sales: Call Ivan',
      '--plan',
      '1h',
      '--deadline',
      'today',
      '--tag',
      'SALES',
      '--crm',
      'deal:7',
      '--observer',
      'bob',
    ]);
    await sb.ok(['general', 'Legal: Agreement', '--plan', '3h']);
    await sb.ok(['add', 'Draft it', '--parent', '2', '--plan', '1h', '--accept', '--responsible', 'bob']);
    await sb.ok(['start', '1'], { now: '2026-11-27T09:00' });
    await sb.ok(['time', 'add', '1', '10m', '--at', '08:00', '--comment', 'prep'], {
      now: '2026-11-27T09:30',
    });
    await sb.ok(['done', '1', '--result', 'Called', '--link', 'https://crm/7'], { now: '2026-11-27T09:40' });
    await sb.ok(['comment', '3', 'Use the template'], { now: '2026-11-27T09:45' });
    await sb.ok(['template', 'add', 'Ops: Backups', '--every', 'weekday', '--plan', '5m']);
    await sb.ok(['template', 'run']);
    await sb.ok(['day', 'end'], { now: '2026-11-27T18:00' });
    await sb.ok(['report', 'record'], { now: '2026-11-27T18:01' });
    const first = await sb.json(['export', '--format', 'json'], { now: '2026-11-27T19:00' });
    expect(first).toMatchObject({ format: 'regula.export', version: 1 });
    const file = join(sb.dir, 'export.json');
    writeFileSync(file, JSON.stringify(first));

    const other = { REGULA_DB: join(sb.dir, 'copy.db') };
    const summary = await sb.json(['import', file], { env: other });
    expect(summary.created).toEqual({
      users: 2,
      projects: 3,
      tasks: 4,
      entries: 2,
      comments: 2,
      templates: 1,
    });
    const second = await sb.json(['export', '--format', 'json'], { now: '2026-11-27T19:00', env: other });
    expect(second).toEqual(first);
    expect((await sb.json<any[]>(['search', 'Ivan'], { env: other })).map((h) => h.id)).toEqual([1]); // the search index is rebuilt
    const refused = await sb.run(['import', file], { env: other });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/read into an empty database only/);
  });

  it('CSV of tasks and of time entries parses back, formula cells guarded', async () => {
    await sb.ok(['add', '=HYPERLINK("x"): Evil, "quoted"', '--plan', '10m']);
    await sb.ok(['start', '1'], { now: '2026-11-27T09:00' });
    await sb.ok(['pause'], { now: '2026-11-27T09:25' });
    const tasks = parseCsv(String((await sb.ok(['export', '--format', 'csv'])).stdout), { columns: true });
    expect(tasks[0]).toMatchObject({
      id: '1',
      title: `'=HYPERLINK("x"): Evil, "quoted"`,
      spent_minutes: '25',
      responsible: 'alice',
    });
    const entries = parseCsv(
      String((await sb.ok(['export', '--format', 'csv', '--table', 'entries'])).stdout),
      { columns: true },
    );
    expect(entries).toEqual([
      {
        id: '1',
        task_id: '1',
        title: `'=HYPERLINK("x"): Evil, "quoted"`,
        user: 'alice',
        start: '2026-11-27T09:00:00.000Z',
        end: '2026-11-27T09:25:00.000Z',
        minutes: '25',
        source: 'timer',
        comment: '',
        retroactive: 'false',
        reason: '',
      },
    ]);
  });
});

describe('issue 21: an import does not jam the team', () => {
  it('a dry run holds no write lock: it runs while another process holds one, and what it says is what a real run does', async () => {
    sb.tz = 'Europe/Berlin';
    await sb.ok(['list']); // the database and its first user
    const holder = new Database(sb.db);
    try {
      holder.prepare('BEGIN IMMEDIATE').run();
      holder.prepare("UPDATE users SET full_name = 'Writing meanwhile' WHERE id = 1").run();
      const dry = await sb.spawn(['import', fixture('taskwarrior-export.json'), '--dry-run', '--json'], {
        env: { REGULA_BUSY_TIMEOUT_MS: '300' },
      });
      expect(dry.exitCode, dry.stderr).toBe(0);
      expect(JSON.parse(dry.stdout)).toMatchObject({
        dryRun: true,
        created: { tasks: 8, comments: 1, templates: 1, links: 1 },
      });
      holder.prepare('COMMIT').run();
    } finally {
      holder.close();
    }
    expect(sb.sql('SELECT count(*) AS n FROM tasks')).toEqual([{ n: 0 }]);
    const real = await sb.json(['import', fixture('taskwarrior-export.json')]);
    expect(real).toMatchObject({ dryRun: false, created: { tasks: 8, comments: 1, templates: 1, links: 1 } });
  });
});

describe('issue 21: absurd values are refused with exit 2, the record and the field named', () => {
  it('Watson 1e13 s, Bitrix24 SECONDS 1e20, Taskwarrior 20260230, a year-9999 Timewarrior interval; nothing written', async () => {
    const cases: [string, unknown, RegExp][] = [
      [
        'watson.json',
        [[1e13, 1e13 + 60, 'p', 'abc']],
        /watson\.json: frame 1: field "0": seconds after the year 2199$/,
      ],
      [
        'b24.json',
        {
          tasks: [{ id: 1, title: 'T', status: 2, responsibleId: 1, createdBy: 1 }],
          elapsedItems: [
            {
              ID: 4,
              TASK_ID: 1,
              USER_ID: 1,
              SECONDS: '100000000000000000000',
              CREATED_DATE: '2026-11-20T10:00:00+03:00',
            },
          ],
        },
        /b24\.json: elapsed item 1 \(ID 4\): field "SECONDS": a number too large to be true$/,
      ],
      [
        'tw.json',
        [
          {
            uuid: '11111111-1111-4111-8111-111111111111',
            description: 'a',
            status: 'pending',
            entry: '20260230T090000Z',
          },
        ],
        /tw\.json: task 1 \(uuid 1{8}-.*\): field "entry": "2026-02-30T09:00:00Z" is not a real date/,
      ],
      [
        'timew.json',
        [{ id: 1, start: '99990101T090000Z', end: '99990101T100000Z' }],
        /timew\.json: interval 1 \(id 1\): field "start": .* is not a real date/,
      ],
    ];
    for (const [name, content, message] of cases) {
      const file = join(sb.dir, name);
      writeFileSync(file, JSON.stringify(content));
      const refused = await sb.run(['import', file]);
      expect(refused.exitCode, `${name}: ${refused.stderr}`).toBe(2);
      expect(refused.stderr).toMatch(message);
    }
    expect(sb.sql('SELECT count(*) AS n FROM tasks')).toEqual([{ n: 0 }]);
  });

  it('TZ=Invalid/Zone and REGULA_NOW on 30 February are refused; 02:30 on the spring-forward day is said not to exist', async () => {
    const zone = await sb.run(['list'], { env: { TZ: 'Invalid/Zone' } });
    expect([zone.exitCode, zone.stderr]).toEqual([
      2,
      `task: TZ: "Invalid/Zone" is not a time zone this system knows; use a name such as Europe/Berlin or UTC, or unset TZ for the system's zone`,
    ]);
    const now = await sb.run(['list'], { now: '2026-02-30T08:00:00Z' });
    expect(now.exitCode).toBe(2);
    expect(now.stderr).toContain('REGULA_NOW: cannot read "2026-02-30T08:00:00Z"');
    sb.tz = 'Europe/Berlin';
    const skipped = await sb.run(['add', 'Ops: check', '--deadline', '2026-03-29 02:30'], {
      now: '2026-03-20T09:00',
    });
    expect([skipped.exitCode, skipped.stderr]).toEqual([
      2,
      'task: --deadline: 2026-03-29 02:30 does not exist in Europe/Berlin - the clocks jump over it that day; give a time after the change',
    ]);
  });

  it('a user name with a Cyrillic а that reads as an existing "anna" is refused', async () => {
    await sb.ok(['user', 'add', 'anna']);
    const twin = await sb.run(['user', 'add', '\u0430nna']);
    expect(twin.exitCode).toBe(2);
    expect(twin.stderr).toContain('looks like the existing user "anna"');
    expect(sb.sql('SELECT count(*) AS n FROM users')).toEqual([{ n: 2 }]);
  });
});
