import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sandbox } from './helpers.js';

let sb: Sandbox;
beforeEach(() => {
  sb = new Sandbox({ inProcess: true });
});
afterEach(() => sb.remove());

describe('R31-R33: the mandatory result', () => {
  it('R31: the result and its parts are stored structured and shown', async () => {
    await sb.ok(['add', 'Sales: Prepare the offer', '--plan', '1h']);
    const refused = await sb.run(['done', '1', '--result', '   ']);
    expect(refused.exitCode).toBe(3);
    await sb.ok([
      'done',
      '1',
      '--result',
      'Offer sent',
      '--proposal',
      'Template the offer next time',
      '--link',
      'https://docs/offer-1',
      '--link',
      'https://docs/prices',
    ]);
    const show = await sb.json(['show', '1']);
    expect(show.result).toMatchObject({
      result: 'Offer sent',
      proposal: 'Template the offer next time',
      links: ['https://docs/offer-1', 'https://docs/prices'],
      explanation: null,
      conclusion: null,
    });
    const text = (await sb.ok(['show', '1'])).stdout;
    expect(text).toMatch(
      /Result \(alice, 2026-11-27 09:00\)\n {2}Offer sent\n {2}proposal: Template the offer next time\n {2}link: https:\/\/docs\/offer-1/,
    );
  });

  it('R32: an explanation is required when spent time exceeds the plan by more than 1.5x', async () => {
    await sb.ok(['add', 'Sales: Call Ivan', '--plan', '20m']);
    await sb.ok(['start', '1'], { now: '2026-11-27T09:00' });
    await sb.ok(['pause'], { now: '2026-11-27T09:30' });
    expect((await sb.run(['done', '1', '--result', 'Called'])).exitCode).toBe(0); // exactly 1.5x is allowed
    await sb.ok(['add', 'Sales: Call Maria', '--plan', '20m']);
    await sb.ok(['start', '2'], { now: '2026-11-27T10:00' });
    await sb.ok(['pause'], { now: '2026-11-27T10:31' });
    const refused = await sb.run(['done', '2', '--result', 'Called']);
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toBe(
      'task: R32: task 2 took 31m against 20m planned (over 1.5x); say why with --explanation "..."',
    );
    await sb.ok(['done', '2', '--result', 'Called', '--explanation', 'She asked for a full demo']);
    expect((await sb.json(['show', '2'])).result.explanation).toBe('She asked for a full demo');
  });

  it('R33: management tasks close with findings; report reviews with a GENERAL CONCLUSION', async () => {
    // R33: a review of reports is marked explicitly with --review, not guessed from the title's words.
    await sb.ok([
      'add',
      'Management: Review the daily reports of the sales team',
      '--plan',
      '30m',
      '--review',
    ]);
    const refused = await sb.run(['done', '1', '--result', 'Reviewed']);
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toBe(
      'task: R33: task 1 is a management task and closes with brief findings (achievements, shortcomings, trends; "no remarks" when all is well): add --conclusion "..."',
    );
    const noGeneral = await sb.run([
      'done',
      '1',
      '--result',
      'Reviewed 5 reports',
      '--conclusion',
      'Plans are full; two people overrun calls',
    ]);
    expect(noGeneral.exitCode).toBe(3);
    expect(noGeneral.stderr).toBe(
      'task: R33: task 1 is a review of reports or of a compound task and closes with a GENERAL CONCLUSION besides the findings: add --general-conclusion "..."',
    );
    await sb.ok([
      'done',
      '1',
      '--result',
      'Reviewed 5 reports',
      '--conclusion',
      'Plans are full; two people overrun calls',
      '--general-conclusion',
      'The team plans well; calls need a limit',
    ]);
    const shown = (await sb.ok(['show', '1'])).stdout;
    expect(shown).toContain('Plans are full; two people overrun calls');
    expect(shown).toContain('GENERAL CONCLUSION: The team plans well; calls need a limit');

    await sb.ok(['add', 'Team: Check plans', '--management', '--plan', '15m']);
    const marked = await sb.run(['done', '2', '--result', 'Checked']);
    expect(marked.stderr).toMatch(/R33: task 2 is a management task and closes with brief findings/);
    await sb.ok(['add', 'Sales: Call Ivan', '--plan', '15m']);
    expect((await sb.run(['done', '3', '--result', 'Called'])).exitCode).toBe(0);
  });

  it('without a terminal nothing prompts: a missing result is an error naming the flag', async () => {
    await sb.ok(['add', 'Sales: Call Ivan', '--plan', '15m']);
    const result = await sb.run(['done', '1']);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('task done 1 --result');
  });
});

describe('R36: history and revival', () => {
  it('a closed task is revived with a comment; the revival is in its history', async () => {
    await sb.ok(['add', 'Sales: Call Ivan', '--plan', '15m']);
    await sb.ok(['done', '1', '--result', 'Called']);
    expect((await sb.run(['start', '1'])).stderr).toMatch(/task 1 is completed .* task reopen 1 --comment/);
    expect((await sb.run(['reopen', '1'])).exitCode).toBe(2);
    const reopened = await sb.json(['reopen', '1', '--comment', 'Ivan called back with questions'], {
      now: '2026-11-27T11:00',
    });
    expect(reopened).toMatchObject({ status: 'pending', closedAt: null });
    const history = await sb.json<any[]>(['history', '1']);
    expect(history.filter((h) => h.field === 'status').map((h) => [h.old, h.new])).toEqual([
      ['new', 'completed'],
      ['completed', 'pending'],
    ]);
    expect((await sb.json(['show', '1'])).comments.at(-1).body).toBe('Ivan called back with questions');
  });

  it('R0: deleting hides a task but keeps it, its time and its history; restore brings it back', async () => {
    await sb.ok(['add', 'Sales: Call Ivan', '--plan', '30m']);
    await sb.ok(['start', '1'], { now: '2026-11-27T09:00' });
    const deleted = await sb.run(['delete', '1'], { now: '2026-11-27T09:20' });
    expect(deleted.stderr).toBe('warning: the running timer on task 1 was stopped first; its time is kept');
    expect(deleted.stdout).toBe('Deleted task 1 (bring it back with: task restore 1).');
    const edit = await sb.run(['edit', '1', '--plan', '1h']);
    expect(edit.exitCode).toBe(4);
    expect(edit.stderr).toBe(
      'task: task 1 was deleted on 2026-11-27 09:20; bring it back with: task restore 1',
    );
    expect(await sb.json<any[]>(['list', '--all'])).toEqual([]);
    expect((await sb.json<any[]>(['list', '--deleted'])).map((t) => [t.id, t.status, t.deletedAt])).toEqual([
      [1, 'pending', '2026-11-27T09:20:00.000Z'],
    ]);
    expect(await sb.json(['show', '1'])).toMatchObject({
      status: 'pending',
      spentMinutes: 20,
      deletedAt: '2026-11-27T09:20:00.000Z',
    });
    expect((await sb.json(['status'])).running).toBeNull();

    expect(await sb.json(['restore', '1'], { now: '2026-11-27T10:00' })).toMatchObject({
      id: 1,
      status: 'pending',
      deletedAt: null,
      spentMinutes: 20,
    });
    expect((await sb.json<any[]>(['list'])).map((t) => t.id)).toEqual([1]);
    expect((await sb.run(['restore', '1'])).stderr).toBe('task: task 1 is not deleted');
    const history = await sb.json<any[]>(['history', '1']);
    expect(history.filter((h) => h.field !== 'created').map((h) => [h.field, h.old, h.new])).toEqual([
      ['status', 'new', 'in_progress'],
      ['status', 'in_progress', 'pending'],
      ['deleted', null, '2026-11-27T09:20:00.000Z'],
      ['deleted', '2026-11-27T09:20:00.000Z', null],
    ]);
  });
});

describe('R37: colours at a glance', () => {
  it('overdue is red, due today blue, newly assigned green; none without a terminal', async () => {
    await sb.ok(['user', 'add', 'bob']);
    await sb.ok(['add', 'Sales: Overdue call', '--deadline', 'yesterday'], { user: 'bob' });
    await sb.ok(['add', 'Sales: Today call', '--deadline', 'today'], { user: 'bob' });
    await sb.ok(['add', 'Sales: New from alice', '--responsible', 'bob']);
    await sb.ok(['add', 'Sales: Quiet task', '--deadline', '+5d'], { user: 'bob' });
    const colored = (await sb.run(['list'], { user: 'bob', env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }))
      .stdout;
    const lineOf = (title: string) => colored.split('\n').find((l) => l.includes(title))!;
    expect(lineOf('Overdue call')).toContain('\u001b[31m');
    expect(lineOf('Today call')).toContain('\u001b[34m');
    expect(lineOf('New from alice')).toContain('\u001b[32m');
    expect(lineOf('Quiet task')).not.toMatch(/\u001b\[3[124]m/);
    const plain = (await sb.run(['list'], { user: 'bob' })).stdout;
    expect(plain).not.toContain('\u001b[');
  });
});
