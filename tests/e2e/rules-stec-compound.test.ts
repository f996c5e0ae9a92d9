import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sandbox } from './helpers.js';

let sb: Sandbox;
beforeEach(() => {
  sb = new Sandbox({ inProcess: true });
});
afterEach(() => sb.remove());

describe('R12-R14: the STEC backlog', () => {
  it('R12: task stec adds with the STEC marker, deadline in a year, the default (medium) priority', async () => {
    const task = await sb.json(['stec', 'Audit the document templates']);
    expect(task).toMatchObject({
      title: 'STEC: Audit the document templates',
      kind: 'stec',
      priority: 'medium',
      deadline: '2027-11-27T23:59:59.999Z',
    });
  });

  it('R13: task stec lists the backlog oldest first with its age', async () => {
    await sb.ok(['stec', 'Audit the templates'], { now: '2026-10-01T09:00' });
    await sb.ok(['stec', 'Tidy the wiki'], { now: '2026-11-20T09:00' });
    await sb.ok(['add', 'Sales: Call Ivan']);
    const backlog = await sb.json<any[]>(['stec']);
    expect(backlog.map((b) => [b.id, b.ageDays])).toEqual([
      [1, 57],
      [2, 7],
    ]);
    expect((await sb.ok(['stec'])).stdout).toMatch(
      /1\s+57d\s+STEC: Audit the templates\n\s+2\s+7d\s+STEC: Tidy the wiki/,
    );
  });

  it('R13: task stec list lists the backlog (the list subcommand, as in other groups), adding nothing', async () => {
    await sb.ok(['stec', 'Audit the templates'], { now: '2026-10-01T09:00' });
    const before = sb.dump();
    expect((await sb.ok(['stec', 'list'])).stdout).toMatch(/1\s+57d\s+STEC: Audit the templates/);
    expect((await sb.json<any[]>(['stec', 'list', '--everyone'])).map((b) => b.title)).toEqual([
      'STEC: Audit the templates',
    ]);
    expect(sb.dump()).toBe(before);
  });

  it('R13: a STEC task made yesterday evening is 1d old this morning (calendar days)', async () => {
    await sb.ok(['stec', 'Sort the archive'], { now: '2026-11-26T21:00' });
    expect((await sb.json<any[]>(['stec'], { now: '2026-11-27T08:00' })).map((b) => b.ageDays)).toEqual([1]);
  });

  it('R14: pulling without a deadline and plan is refused; with them the task is renamed by R6', async () => {
    await sb.ok(['stec', 'Audit the templates']);
    const before = sb.dump();
    const refused = await sb.run(['stec', 'pull', '1', '--project', 'Docs']);
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toBe(
      'task: R14: pulling a task out of STEC sets a real deadline and planned time: add --deadline and --plan',
    );
    const noProject = await sb.run(['stec', 'pull', '1', '--deadline', 'fri', '--plan', '1h']);
    expect(noProject.exitCode).toBe(3);
    expect(noProject.stderr).toMatch(/R14: .* project prefix/);
    expect(sb.dump()).toBe(before);

    const pulled = await sb.json([
      'stec',
      'pull',
      '1',
      '--project',
      'Docs',
      '--deadline',
      'fri',
      '--plan',
      '1h',
    ]);
    expect(pulled).toMatchObject({
      title: 'Docs: Audit the templates',
      kind: 'ordinary',
      plannedMinutes: 60,
      priority: 'medium',
      deadline: '2026-12-04T23:59:59.999Z',
    });
    expect(await sb.json<any[]>(['stec'])).toEqual([]);
  });
});

describe('R15-R18: compound tasks', () => {
  it('R15: General: at the start, General (Project):, and General-2:/General-3: by depth, automatically', async () => {
    expect(await sb.json(['general', 'Legal: Conclude the agreement with Client X'])).toMatchObject({
      title: 'General (Legal): Conclude the agreement with Client X',
      kind: 'general',
      generalLevel: 1,
    });
    expect(await sb.json(['general', 'IT: New CRM', '--internal-project'])).toMatchObject({
      title: 'General (IT): New CRM',
      internalProject: true,
    });
    expect(await sb.json(['general', 'Approvals', '--parent', '1'])).toMatchObject({
      title: 'General-2 (Legal): Approvals',
      generalLevel: 2,
      parentId: 1,
    });
    expect(await sb.json(['general', 'Signatures', '--parent', '3'])).toMatchObject({
      title: 'General-3 (Legal): Signatures',
      generalLevel: 3,
    });
  });

  it('R16: the planned total lives in the description, tracking is off, and a timer on it is refused', async () => {
    const general = await sb.json(['general', 'Legal: Conclude the agreement', '--plan', '6h']);
    expect(general).toMatchObject({
      plannedMinutes: null,
      timeTracking: false,
      description: 'Planned total: 6h',
    });
    await sb.ok(['add', 'Prepare the agreement', '--parent', '1', '--plan', '2h']);
    const refused = await sb.run(['start', '1']);
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toBe(
      'task: R16: task 1 is a compound (General) task and tracks no time itself; start one of its subtasks (task show 1)',
    );
    expect((await sb.run(['start', '2'])).exitCode).toBe(0);
    const manual = await sb.run(['time', 'add', '1', '30m', '--at', '08:00', '--comment', 'planning']);
    expect(manual.exitCode).toBe(3);
  });

  it('R18: show of a compound task shows the tree with status, planned and spent', async () => {
    await sb.ok(['general', 'Legal: Conclude the agreement']);
    await sb.ok(['add', 'Prepare the agreement', '--parent', '1', '--plan', '2h']);
    await sb.ok(['general', 'Approvals', '--parent', '1']);
    await sb.ok(['add', 'Agree with lawyers', '--parent', '3', '--plan', '1h']);
    await sb.ok(['start', '2'], { now: '2026-11-27T09:00' });
    await sb.ok(['pause'], { now: '2026-11-27T09:45' });
    const show = await sb.json(['show', '1']);
    expect(show.subtaskTotals).toEqual({ plannedMinutes: 180, spentMinutes: 45, open: 3, done: 0 });
    expect(show.subtasks.map((s: any) => [s.id, s.title, s.subtasks.map((c: any) => c.title)])).toEqual([
      [2, 'Legal: Prepare the agreement', []],
      [3, 'General-2 (Legal): Approvals', ['Legal: Agree with lawyers']],
    ]);
    const text = (await sb.ok(['show', '1'])).stdout;
    expect(text).toContain('Subtasks (0 done, 3 open; planned 3h, spent 45m)');
    expect(text).toMatch(/2\s+pending\s+2h \/ 45m\s+Legal: Prepare the agreement/);
    expect(text).toMatch(/4\s+new\s+1h \/ 0m\s+ {2}Legal: Agree with lawyers/);
  });

  it('R17: copy duplicates the task alone unless --with-subtasks', async () => {
    await sb.ok(['general', 'Legal: Monthly closing']);
    await sb.ok(['add', 'Collect acts', '--parent', '1', '--plan', '1h']);
    await sb.ok(['add', 'Send invoices', '--parent', '1', '--plan', '30m']);
    const alone = await sb.run(['copy', '1', '--json']);
    expect(alone.stderr).toContain(
      'warning: R17: the 2 subtask(s) of task 1 were not copied; pass --with-subtasks to copy them too',
    );
    const copy = JSON.parse(String(alone.stdout));
    expect(copy).toMatchObject({ id: 4, title: 'General (Legal): Monthly closing', status: 'new' });
    expect((await sb.json(['show', '4'])).subtasks).toEqual([]);

    const deep = await sb.json(['copy', '1', '--with-subtasks']);
    const tree = await sb.json(['show', String(deep.id)]);
    expect(tree.subtasks.map((s: any) => [s.title, s.parentId, s.status])).toEqual([
      ['Legal: Collect acts', deep.id, 'new'],
      ['Legal: Send invoices', deep.id, 'new'],
    ]);
    expect(sb.sql('SELECT count(*) AS n FROM tasks')).toEqual([{ n: 7 }]);
  });
});
