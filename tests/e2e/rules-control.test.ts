import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sandbox } from './helpers.js';

let sb: Sandbox;
beforeEach(async () => {
  sb = new Sandbox({ inProcess: true });
  sb.user = 'boss';
  await sb.ok(['user', 'list']);
  await sb.ok(['user', 'add', 'emp', '--manager', 'boss']);
});
afterEach(() => sb.remove());

const asEmp = { user: 'emp' };

describe('R26: control tasks', () => {
  it('a control task is a subtask of the controlled task, director and responsible the actor', async () => {
    await sb.ok([
      'add',
      'Internal: Submit the monthly report',
      '--responsible',
      'emp',
      '--deadline',
      '2026-12-01',
      '--plan',
      '2h',
    ]);
    const control = await sb.json(['control', '1', 'Monthly report submitted on time']);
    expect(control).toMatchObject({
      title: 'Internal: Control: Monthly report submitted on time',
      kind: 'control',
      parentId: 1,
      director: 'boss',
      responsible: 'boss',
      deadline: '2026-12-01T23:59:59.999Z',
    });
  });

  it('inside a compound task the control task is a sibling of the controlled one', async () => {
    await sb.ok(['general', 'Legal: Conclude the agreement']);
    await sb.ok(['add', 'Prepare the agreement', '--parent', '1', '--responsible', 'emp']);
    expect(await sb.json(['control', '2', 'Agreement prepared'])).toMatchObject({
      parentId: 1,
      title: 'Legal: Control: Agreement prepared',
    });
  });
});

describe('R15 with R26: a Control task over a compound task', () => {
  it('sits under it, does not hold it open, and closes after it', async () => {
    await sb.ok(['general', 'Legal: Conclude the agreement']);
    await sb.ok(['add', 'Legal: Prepare the agreement', '--parent', '1', '--plan', '1h']);
    expect(await sb.json(['control', '1', 'Agreement concluded'])).toMatchObject({ id: 3, parentId: 1 });
    await sb.ok(['done', '2', '--result', 'Agreement in docs/agreement.pdf']);
    const close = ['--result', 'Checked', '--conclusion', 'No remarks', '--general-conclusion', 'On time'];
    const early = await sb.run(['done', '3', ...close]);
    expect(early.exitCode).toBe(3);
    expect(early.stderr).toMatch(
      /^task: R26: Control task 3 is not closed before the task it controls \(1\)/,
    );
    expect(await sb.json(['done', '1', '--result', 'Agreement signed'])).toMatchObject({
      status: 'completed',
    });
    expect(await sb.json(['done', '3', ...close])).toMatchObject({ status: 'completed' });
  });

  it('any other open step still holds the compound task open (R15)', async () => {
    await sb.ok(['general', 'Legal: Conclude the agreement']);
    await sb.ok(['add', 'Legal: Prepare the agreement', '--parent', '1', '--plan', '1h']);
    await sb.ok(['control', '1', 'Agreement concluded']);
    const refused = await sb.run(['done', '1', '--result', 'Agreement signed']);
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(/^task: R15: task 1 has open steps \(2\)/);
  });
});

describe('R27-R29: accept after completion, transfer of progress, rating', () => {
  beforeEach(async () => {
    await sb.ok(['add', 'Legal: Prepare the agreement', '--responsible', 'emp', '--accept', '--plan', '2h']);
  });

  it('R27: done by the responsible moves to awaiting control; only the director accepts', async () => {
    const done = await sb.json(['done', '1', '--result', 'Agreement in docs/agreement.pdf'], asEmp);
    expect(done).toMatchObject({ status: 'awaiting_control', closedAt: null });
    const notDirector = await sb.run(['accept', '1', '--mark', 'positive'], asEmp);
    expect(notDirector.exitCode).toBe(3);
    expect(notDirector.stderr).toBe(
      "task: R27: only the director of task 1 (boss) or emp's manager may accept it",
    );
    const review = await sb.json<any[]>(['review']);
    expect(review).toMatchObject([
      {
        kind: 'completion',
        task: { id: 1 },
        submission: { kind: 'result', body: 'Agreement in docs/agreement.pdf' },
      },
    ]);
    // The team report tells work done but not yet accepted from work closed.
    expect((await sb.run(['report', '--team', '--format', 'table'])).stdout).toContain(
      '  done 1 Legal: Prepare the agreement (awaits control): Agreement in docs/agreement.pdf',
    );
    expect(await sb.json(['accept', '1', '--mark', 'positive'])).toMatchObject({
      status: 'completed',
      mark: 'positive',
      closedAt: '2026-11-27T09:00:00.000Z',
    });
    expect(await sb.json<any[]>(['review'])).toEqual([]);
    expect((await sb.run(['report', '--team', '--format', 'md'])).stdout).toContain(
      '- 1 Legal: Prepare the agreement: Agreement in docs/agreement.pdf',
    );
  });

  it('R29: a negative rating without a reason is refused; with one it is stored and must be answered', async () => {
    await sb.ok(['done', '1', '--result', 'Draft'], asEmp);
    const before = sb.dump();
    const refused = await sb.run(['accept', '1', '--mark', 'negative']);
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(/^task: R29: a negative rating needs the reason/);
    expect(sb.dump()).toBe(before);
    expect((await sb.run(['accept', '1'])).exitCode).toBe(2);
    await sb.ok(['accept', '1', '--mark', 'negative', '--comment', 'Clause 3 repeated the old mistake']);
    const inbox = await sb.json(['inbox'], asEmp);
    expect(inbox.remarks).toMatchObject([
      { taskId: 1, comment: { kind: 'rating', body: 'negative: Clause 3 repeated the old mistake' } },
    ]);
  });

  it('R28: a transfer of progress is shown distinctly, cannot be accepted, and returns with a deadline of today or later', async () => {
    await sb.ok(['start', '1'], asEmp);
    const submitted = await sb.json(['submit', '1', '--progress', 'Waiting for a reaction to the draft'], {
      user: 'emp',
      now: '2026-11-27T09:40',
    });
    expect(submitted.status).toBe('awaiting_control');
    expect(sb.sql('SELECT count(*) AS n FROM time_entries WHERE end_at IS NULL')).toEqual([{ n: 0 }]);
    expect(await sb.json<any[]>(['review'])).toMatchObject([
      { kind: 'progress', submission: { kind: 'progress', body: 'Waiting for a reaction to the draft' } },
    ]);
    expect((await sb.ok(['review'])).stdout).toContain('PROGRESS (answer and return with a deadline)');

    const accept = await sb.run(['accept', '1', '--mark', 'positive']);
    expect(accept.exitCode).toBe(3);
    expect(accept.stderr).toMatch(/^task: R28: task 1 was submitted as a transfer of progress/);
    const noDeadline = await sb.run(['return', '1', '--comment', 'Looks fine']);
    expect(noDeadline.exitCode).toBe(3);
    expect(noDeadline.stderr).toMatch(/R28: returning a task to work needs its new deadline/);
    const past = await sb.run(['return', '1', '--deadline', 'yesterday', '--comment', 'Looks fine']);
    expect(past.exitCode).toBe(3);
    expect(past.stderr).toBe('task: R28: the new deadline of returned work must be today or later');

    const returned = await sb.json([
      'return',
      '1',
      '--deadline',
      'tomorrow',
      '--comment',
      'Fine, add the penalty clause',
    ]);
    expect(returned).toMatchObject({ status: 'pending', deadline: '2026-11-28T23:59:59.999Z' });
    expect(
      (await sb.json<any[]>(['history', '1'])).some(
        (h) => h.field === 'deadline' && h.note === 'returned to work: Fine, add the penalty clause',
      ),
    ).toBe(true);
  });

  it('R28: submitting progress needs the accept flag', async () => {
    await sb.ok(['add', 'Legal: Other task', '--responsible', 'emp']);
    const refused = await sb.run(['submit', '2', '--progress', 'x'], asEmp);
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toBe(
      'task: R28: task 2 has no accept-after-completion flag; switch it on first: task edit 2 --accept',
    );
  });
});

describe('R30: answering review comments', () => {
  it("the director's comments are listed in the responsible's inbox until answered", async () => {
    await sb.ok(['add', 'Sales: Prepare offer', '--responsible', 'emp']);
    expect((await sb.json(['inbox'], asEmp)).newAssignments.map((t: any) => t.id)).toEqual([1]);
    await sb.ok(['comment', '1', 'Use the new price list'], { now: '2026-11-27T10:00' });
    await sb.ok(['comment', '1', 'And add the delivery terms?'], { now: '2026-11-27T10:05' });
    await sb.ok(['comment', '1', 'My own note'], { user: 'emp', now: '2026-11-27T10:06' });
    const inbox = await sb.json(['inbox'], asEmp);
    expect(inbox.remarks.map((r: any) => r.comment.body)).toEqual([
      'Use the new price list',
      'And add the delivery terms?',
    ]);

    const one = await sb.json(['reply', '1', 'Yes, will add them', '--to', '3'], {
      user: 'emp',
      now: '2026-11-27T10:10',
    });
    expect(one.answered).toBe(0);
    const targeted = await sb.json(['reply', '1', 'OK', '--to', String(inbox.remarks[0].comment.id)], {
      user: 'emp',
      now: '2026-11-27T10:11',
    });
    expect(targeted.answered).toBe(1);
    expect((await sb.json(['inbox'], asEmp)).remarks.map((r: any) => r.comment.body)).toEqual([
      'And add the delivery terms?',
    ]);
    await sb.ok(['reply', '1', 'Yes, will add them'], { user: 'emp', now: '2026-11-27T10:12' });
    expect((await sb.json(['inbox'], asEmp)).remarks).toEqual([]);
  });

  it('the working day starts with a reminder of what waits in the inbox', async () => {
    await sb.ok(['add', 'Sales: Prepare offer', '--responsible', 'emp']);
    await sb.ok(['add', 'Sales: Call Ivan', '--responsible', 'emp']);
    await sb.ok(['comment', '1', 'Use the new price list'], { now: '2026-11-27T08:00' });
    await sb.ok(['show', '1'], asEmp); // seen: one task is still new
    const started = await sb.run(['day', 'start'], { user: 'emp', now: '2026-11-27T09:00' });
    expect(started.exitCode).toBe(0);
    expect(started.stderr.split('\n')).toEqual([
      'warning: R30: 1 remark awaits your answer: task inbox, then task reply ID TEXT',
      'warning: R37: 1 task was newly assigned to you: task inbox',
    ]);
    await sb.ok(['reply', '1', 'Done'], { user: 'emp', now: '2026-11-27T09:05' });
    await sb.ok(['show', '2'], asEmp);
    await sb.ok(['day', 'end'], { user: 'emp', now: '2026-11-27T18:00' });
    expect((await sb.run(['day', 'start'], { user: 'emp', now: '2026-11-28T09:00' })).stderr).toBe('');
  });

  it('replying to a comment of another task is refused', async () => {
    await sb.ok(['add', 'Sales: A', '--responsible', 'emp']);
    await sb.ok(['add', 'Sales: B', '--responsible', 'emp']);
    await sb.ok(['comment', '1', 'remark on A']);
    const result = await sb.run(['reply', '2', 'OK', '--to', '1'], asEmp);
    expect(result.exitCode).toBe(4);
  });
});
