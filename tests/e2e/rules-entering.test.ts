import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sandbox } from './helpers.js';

let sb: Sandbox;
beforeEach(() => {
  sb = new Sandbox({ inProcess: true });
});
afterEach(() => sb.remove());

describe('R6: titles', () => {
  it('a "Project: " prefix sets the project; --project adds the prefix when missing', async () => {
    expect(await sb.json(['add', 'Sales: Call Ivan'])).toMatchObject({
      project: 'Sales',
      text: 'Call Ivan',
      title: 'Sales: Call Ivan',
    });
    expect(await sb.json(['add', 'Call Maria', '--project', 'Sales'])).toMatchObject({
      project: 'Sales',
      title: 'Sales: Call Maria',
    });
    expect(await sb.json(['add', 'Продажи: Позвонить Ивану', '--project', 'продажи'])).toMatchObject({
      project: 'Продажи',
      title: 'Продажи: Позвонить Ивану',
    });
  });

  it('a title naming another project than --project is refused', async () => {
    const result = await sb.run(['add', 'Sales: Call Ivan', '--project', 'Retail']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      'task: the title names project "Sales" but --project says "Retail"; keep one of them',
    );
  });

  it('a title without a project is accepted with a warning, or refused when company policy says so', async () => {
    const warned = await sb.run(['add', 'Call Ivan']);
    expect(warned.exitCode).toBe(0);
    expect(warned.stderr).toContain('warning: R6: a title reads "<Project>: <what to do>"');
    await sb.ok([
      'policy',
      'set',
      'titleWithoutProject',
      'refuse',
      '--reason',
      'every task belongs to a project',
    ]);
    const before = sb.dump();
    const refused = await sb.run(['add', 'Call Maria']);
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(/^task: R6: a title reads/);
    expect(sb.dump()).toBe(before);
    expect((await sb.run(['add', 'Sales: Call Maria'])).exitCode).toBe(0);
  });

  it('markers in a typed title set the kind', async () => {
    expect(await sb.json(['add', 'Internal: Control: Monthly report submitted on time'])).toMatchObject({
      kind: 'control',
      project: 'Internal',
    });
    expect(await sb.json(['add', 'STEC: Audit the templates'])).toMatchObject({
      kind: 'stec',
      project: null,
    });
  });
});

describe('R1-R3: people', () => {
  beforeEach(async () => {
    await sb.ok(['user', 'list']);
    await sb.ok(['user', 'add', 'bob', '--manager', 'alice']);
  });

  it('R1: director and responsible default to the actor and can be named', async () => {
    expect(await sb.json(['add', 'Sales: Call Ivan'])).toMatchObject({
      director: 'alice',
      responsible: 'alice',
    });
    expect(await sb.json(['add', 'Sales: Call Maria', '--director', 'bob'])).toMatchObject({
      director: 'bob',
      responsible: 'alice',
    });
    expect(await sb.json(['add', 'Sales: Send offer', '--responsible', 'bob'])).toMatchObject({
      director: 'alice',
      responsible: 'bob',
      seen: false,
    });
  });

  it('R2: co-executors are refused unless company policy allows them', async () => {
    const refused = await sb.run(['add', 'Sales: Joint visit', '--coexecutor', 'bob']);
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(/^task: R2: co-executors are forbidden/);
    expect(sb.sql('SELECT count(*) AS n FROM tasks')).toEqual([{ n: 0 }]);
    await sb.ok(['policy', 'set', 'allowCoExecutors', 'true', '--reason', 'joint visits to clients']);
    await sb.ok(['add', 'Sales: Joint visit', '--coexecutor', 'bob']);
    expect((await sb.json(['show', '1'])).coExecutors).toEqual(['bob']);
  });

  it('R2: time is tracked only by the responsible', async () => {
    await sb.ok(['add', 'Sales: Send offer', '--responsible', 'bob', '--plan', '30m']);
    const refused = await sb.run(['start', '1']);
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(
      /^task: R2: task 1 is bob's; time is tracked only by a task's responsible/,
    );
    expect((await sb.run(['start', '1'], { user: 'bob' })).exitCode).toBe(0);
  });

  it('R3: observers are accepted with a warning', async () => {
    const result = await sb.run(['add', 'Sales: Call Ivan', '--observer', 'bob']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain(
      "warning: R3: observers (bob) only on someone's instruction or real need",
    );
    expect((await sb.json(['show', '1'])).observers).toEqual(['bob']);
  });

  it('R3, R9: edit adds and removes observers and CRM links, each change in history', async () => {
    await sb.ok(['user', 'add', 'carol']);
    await sb.ok(['add', 'Sales: Call Ivan', '--crm', 'lead:3']);
    const added = await sb.run(['edit', '1', '--observer', 'bob', '--crm', 'deal:7']);
    expect(added.stderr).toBe(
      "warning: R3: observers (bob) only on someone's instruction or real need; habitual observing shows up in team reports",
    );
    await sb.ok(['edit', '1', '--observer', 'carol', '--remove-observer', 'bob', '--remove-crm', 'lead:3']);
    expect(await sb.json(['show', '1'])).toMatchObject({ observers: ['carol'], crm: ['deal:7'] });
    expect(await sb.json(['list', '--crm', 'deal:7'])).toHaveLength(1);
    const history = await sb.json<any[]>(['history', '1']);
    expect(
      history.filter((h) => h.field === 'observers' || h.field === 'crm').map((h) => [h.field, h.old, h.new]),
    ).toEqual([
      ['observers', null, 'bob'],
      ['crm', 'lead:3', 'deal:7,lead:3'],
      ['observers', 'bob', 'carol'],
      ['crm', 'deal:7,lead:3', 'deal:7'],
    ]);
    const unchanged = await sb.run(['edit', '1', '--remove-crm', 'lead:99']);
    expect(unchanged.stdout).toBe('Task 1 already reads so; nothing changed.');
    const ghost = await sb.run(['edit', '1', '--observer', 'ghost']);
    expect(ghost.exitCode).toBe(2);
    expect((await sb.json(['show', '1'])).observers).toEqual(['carol']);
  });
});

describe('R7, R8: plan and description', () => {
  it('an ordinary task without a plan is accepted with a warning and flagged in show', async () => {
    const result = await sb.run(['add', 'Sales: Call Ivan']);
    expect(result.stderr).toContain(
      'warning: R8: task 1 has no planned time; add it with: task edit 1 --plan 30m',
    );
    const show = await sb.json(['show', '1']);
    expect(show.flags).toEqual([
      'R8: no planned time',
      'R7: no description (action plan or link to the instruction)',
    ]);
    expect(show.timeTracking).toBe(true);
    const text = await sb.ok(['show', '1']);
    expect(text.stdout).toContain('! R8: no planned time');
  });

  it('a planned and described task has no flags', async () => {
    await sb.ok([
      'add',
      'Sales: Call Ivan',
      '--plan',
      '15m',
      '--description',
      '1. Call 2. Write down the answer',
    ]);
    expect((await sb.json(['show', '1'])).flags).toEqual([]);
  });
});

describe('R10: deadlines', () => {
  it('moving a hard deadline needs --force --reason; every move is in history and counted', async () => {
    await sb.ok(['add', 'Sales: Send the tender', '--deadline', '2026-12-01', '--hard', '--plan', '1h']);
    const before = sb.dump();
    const refused = await sb.run(['edit', '1', '--deadline', '2026-12-03']);
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toBe(
      'task: R10: task 1 has a hard deadline; moving it needs --force --reason "why it moves"',
    );
    expect((await sb.run(['edit', '1', '--deadline', '2026-12-03', '--force'])).exitCode).toBe(3);
    expect((await sb.run(['edit', '1', '--soft'])).exitCode).toBe(3);
    expect(sb.dump()).toBe(before);

    await sb.ok([
      'edit',
      '1',
      '--deadline',
      '2026-12-03',
      '--force',
      '--reason',
      'the client moved the tender',
    ]);
    const history = await sb.json<any[]>(['history', '1']);
    expect(history.find((h) => h.field === 'deadline')).toMatchObject({
      old: '2026-12-01T23:59:59.999Z',
      new: '2026-12-03T23:59:59.999Z',
      note: 'the client moved the tender',
    });
    expect(await sb.json(['show', '1'])).toMatchObject({ deadlineMoves: 1, deadlineHard: true });
  });

  it('a soft deadline moves freely and the moves are counted, as are handovers', async () => {
    await sb.ok(['user', 'add', 'bob']);
    await sb.ok(['add', 'Sales: Call Ivan', '--deadline', 'today']);
    await sb.ok(['edit', '1', '--deadline', 'tomorrow']);
    await sb.ok(['edit', '1', '--deadline', '+3d']);
    await sb.ok(['edit', '1', '--responsible', 'bob']);
    expect(await sb.json(['show', '1'])).toMatchObject({
      deadlineMoves: 2,
      handovers: 1,
      responsible: 'bob',
      seen: false,
    });
    expect((await sb.ok(['show', '1'])).stdout).toMatch(/moved 2 times[\s\S]*changed hands once/);
  });

  it('R36: show says in whose hands the task was, from when to when', async () => {
    await sb.ok(['user', 'add', 'bob']);
    await sb.ok(['add', 'Sales: Call Ivan'], { now: '2026-11-23T09:00' });
    await sb.ok(['edit', '1', '--responsible', 'bob'], { now: '2026-11-23T11:30' });
    // R38: a handover is the director's (alice set the task); bob cannot pass it on himself.
    expect(
      (await sb.run(['edit', '1', '--responsible', 'alice'], { user: 'bob', now: '2026-11-25T14:30' }))
        .exitCode,
    ).toBe(3);
    await sb.ok(['edit', '1', '--responsible', 'alice'], { now: '2026-11-25T14:30' });
    const shown = await sb.json(['show', '1'], { now: '2026-11-27T09:00' });
    expect(shown.holders).toEqual([
      { user: 'alice', from: '2026-11-23T09:00:00.000Z', to: '2026-11-23T11:30:00.000Z' },
      { user: 'bob', from: '2026-11-23T11:30:00.000Z', to: '2026-11-25T14:30:00.000Z' },
      { user: 'alice', from: '2026-11-25T14:30:00.000Z', to: null },
    ]);
    const text = String((await sb.ok(['show', '1'], { now: '2026-11-27T09:00' })).stdout);
    expect(text).toContain('In whose hands (R36)');
    expect(text).toMatch(/alice +2026-11-23 09:00 - 2026-11-23 11:30 +2h30m/);
    expect(text).toMatch(/bob +2026-11-23 11:30 - 2026-11-25 14:30 +2d 3h/);
    expect(text).toMatch(/alice +2026-11-25 14:30 - now +1d 18h/);
  });
});
