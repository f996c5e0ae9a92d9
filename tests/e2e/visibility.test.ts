import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from './helpers.js';

/*
 * Issue 17's R4 leak: boss (the first user, an administrator) gave anna (who reports to boss) a task and
 * anna tracked an hour on it; carl reports to another manager. `task --as carl export --format csv
 * --table entries` printed everyone's time.
 */
let sb: Sandbox;
const as = (user: string, args: string[]) => sb.run(args, { user });

beforeAll(async () => {
  sb = new Sandbox({ inProcess: true });
  sb.user = 'boss';
  await sb.ok(['user', 'add', 'anna', '--manager', 'boss']);
  await sb.ok(['user', 'add', 'mgr2', '--role', 'manager']);
  await sb.ok(['user', 'add', 'carl', '--manager', 'mgr2']);
  await sb.ok([
    'add',
    'Merger: Prepare the merger papers',
    '--responsible',
    'anna',
    '--plan',
    '1h',
    '--deadline',
    'today',
  ]);
  await sb.ok(['add', 'Ops: Prepare the printer', '--plan', '30m', '--deadline', 'today'], { user: 'carl' });
  await sb.ok(['start', '1'], { user: 'anna' });
  await sb.ok(['stop'], { user: 'anna', now: '2026-11-27T10:00' });
});
afterAll(() => sb.remove());

describe("R4: carl does not see boss's task to anna, nor anna's time", () => {
  it("export --format csv --table entries holds carl's time only, and says so on stderr", async () => {
    const result = await as('carl', ['export', '--format', 'csv', '--table', 'entries']);
    expect(result.exitCode).toBe(0);
    expect(String(result.stdout).split('\n')).toEqual([
      'id,task_id,title,user,start,end,minutes,source,comment,retroactive,reason',
    ]);
    expect(result.stderr).toMatch(/^warning: R4: exported only what carl may see/);
  });

  it('no export format carries the task', async () => {
    for (const format of ['csv', 'md', 'html', 'json', 'taskwarrior', 'bitrix24', 'ics']) {
      const result = await as('carl', ['export', '--format', format]);
      expect(result.exitCode, format).toBe(0);
      expect(String(result.stdout), format).not.toContain('Merger');
      expect(String(result.stdout), format).toContain(format === 'ics' ? 'Prepare the printer' : 'Ops');
    }
  });

  it('list, show, history and search do not show it; show and history answer "not found"', async () => {
    expect(String((await as('carl', ['list', '--all'])).stdout)).not.toContain('Merger');
    expect(String((await as('carl', ['list', '--user', 'anna'])).stdout)).not.toContain('Merger');
    for (const command of ['show', 'history']) {
      const result = await as('carl', [command, '1']);
      expect(result.exitCode, command).toBe(4);
      expect(result.stderr).toBe('task: task 1 not found; see the list with: task list --all');
    }
    const search = await as('carl', ['search', 'prepar']);
    expect(String(search.stdout)).toContain('the printer');
    expect(String(search.stdout)).not.toContain('Merger');
    expect(String((await as('carl', ['projects'])).stdout)).not.toContain('Merger');
    expect(String((await as('carl', ['_projects'])).stdout)).toBe('Ops');
    expect(String((await as('carl', ['_ids'])).stdout)).toBe('2');
  });

  it("anna's calendar and report are refused with R4", async () => {
    for (const args of [
      ['calendar', '--user', 'anna'],
      ['export', '--format', 'ics', '--user', 'anna'],
      ['report', '--user', 'anna'],
      ['time', 'list', '--user', 'anna'],
    ]) {
      const result = await as('carl', args);
      expect(result.exitCode, args.join(' ')).toBe(3);
      expect(result.stderr).toMatch(/^task: R4: anna does not report to you/);
    }
  });
});

describe('R4: those who may see it still do', () => {
  it("boss (administrator) exports everyone's time, without a note", async () => {
    const result = await as('boss', ['export', '--format', 'csv', '--table', 'entries']);
    expect(String(result.stdout)).toContain('Merger: Prepare the merger papers,anna,');
    expect(result.stderr).toBe('');
  });

  it('anna, its responsible, sees it and her time', async () => {
    expect(String((await as('anna', ['show', '1'])).stdout)).toContain('Merger');
    expect(String((await as('anna', ['export', '--format', 'csv', '--table', 'entries'])).stdout)).toContain(
      ',anna,',
    );
  });

  it("mgr2, carl's manager, sees carl's task and time but not anna's", async () => {
    const tasks = await sb.json<{ id: number }[]>(['list', '--all'], { user: 'mgr2' });
    expect(tasks.map((t) => t.id)).toEqual([2]);
    expect((await as('mgr2', ['report', '--user', 'carl'])).exitCode).toBe(0);
    expect((await as('mgr2', ['show', '1'])).exitCode).toBe(4);
  });
});
