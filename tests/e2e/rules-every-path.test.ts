import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sandbox } from './helpers.js';

// Issue 18: each corrected rule holds on every path that can make the change.
let sb: Sandbox;
beforeEach(async () => {
  sb = new Sandbox({ inProcess: true });
  sb.user = 'boss';
  await sb.ok(['user', 'list']);
  await sb.ok(['user', 'add', 'anna', '--manager', 'boss']);
});
afterEach(() => sb.remove());

const asAnna = { user: 'anna' };

describe("R6, R15: the method's title forms", () => {
  it('task general --project writes General (Project): at the start', async () => {
    const task = await sb.json(['general', 'Conclude the agreement with Client X', '--project', 'Legal']);
    expect(task).toMatchObject({
      title: 'General (Legal): Conclude the agreement with Client X',
      kind: 'general',
      project: 'Legal',
      internalProject: true,
    });
    const step = await sb.json(['add', 'Prepare the agreement', '--parent', '1', '--plan', '1h']);
    expect(step).toMatchObject({ title: 'Legal: Prepare the agreement', project: 'Legal' });
    expect(await sb.json(['general', 'Approvals', '--parent', '1'])).toMatchObject({
      title: 'General-2 (Legal): Approvals',
      generalLevel: 2,
    });
  });

  it('edit --parent recomputes General-N of the moved subtree, and undo puts it back', async () => {
    await sb.ok(['general', 'Open the office']);
    await sb.ok(['general', 'Furnish it']);
    await sb.ok(['general', 'Buy the chairs', '--parent', '2']);
    const titles = async () => (await sb.json<any[]>(['list', '--all'])).map((t) => t.title).sort();
    expect((await sb.json(['edit', '2', '--parent', '1'], { now: '2026-11-27T09:05' })).title).toBe(
      'General-2: Furnish it',
    );
    expect(await titles()).toEqual([
      'General-2: Furnish it',
      'General-3: Buy the chairs',
      'General: Open the office',
    ]);
    await sb.ok(['undo'], { now: '2026-11-27T09:10' });
    expect(await titles()).toEqual([
      'General-2: Buy the chairs',
      'General: Furnish it',
      'General: Open the office',
    ]);
  });

  it('the method\'s own "General: Conclude the agreement with Client X" makes a compound task with no R6 warning', async () => {
    const added = await sb.run(['add', 'General: Conclude the agreement with Client X', '--json']);
    expect(added.exitCode).toBe(0);
    expect(added.stderr).toBe('');
    expect(JSON.parse(String(added.stdout))).toMatchObject({
      title: 'General: Conclude the agreement with Client X',
      kind: 'general',
      project: null,
      timeTracking: false,
    });
  });

  it('a text with its own colon is entered with \\: or --verbatim, and reads back the same', async () => {
    const escaped = await sb.json(['add', 'Develop regulations\\: planning', '--plan', '1h']);
    expect(escaped).toMatchObject({
      project: null,
      text: 'Develop regulations: planning',
      title: 'Develop regulations\\: planning',
    });
    const verbatim = await sb.json(['add', '--verbatim', 'Develop regulations: planning', '--plan', '1h']);
    expect(verbatim).toMatchObject({ project: null, text: 'Develop regulations: planning' });
    const plain = await sb.json(['add', 'Develop regulations: planning', '--plan', '1h']);
    expect(plain).toMatchObject({ project: 'Develop regulations', text: 'planning' });
    expect(await sb.json(['edit', '3', '--verbatim', '--title', 'Study: the notes'])).toMatchObject({
      project: 'Develop regulations',
      text: 'Study: the notes',
      title: 'Develop regulations: Study: the notes',
    });
  });
});

describe('R12, R14: a title typed with STEC: is the backlog item', () => {
  it('add "STEC: ..." is due in a year with medium priority and listed in the backlog', async () => {
    const task = await sb.json(['add', 'STEC: Audit the document templates']);
    expect(task).toMatchObject({ kind: 'stec', priority: 'medium', deadline: '2027-11-27T23:59:59.999Z' });
    expect((await sb.json<any[]>(['stec'])).map((b) => b.task?.id ?? b.id)).toEqual([1]);
  });

  it('an imported "STEC: ..." task is the same backlog item: a year away, medium priority, in the backlog', async () => {
    const file = join(sb.dir, 'tw.json');
    writeFileSync(
      file,
      JSON.stringify([
        {
          uuid: '11111111-1111-4111-8111-111111111111',
          description: 'STEC: Audit the document templates',
          status: 'pending',
          entry: '20261101T090000Z',
        },
      ]),
    );
    await sb.ok(['import', file, '--from', 'taskwarrior']);
    expect(await sb.json(['show', '1'])).toMatchObject({
      kind: 'stec',
      priority: 'medium',
      deadline: '2027-11-27T23:59:59.999Z',
    });
    expect((await sb.json<any[]>(['stec'])).map((b) => b.task?.id ?? b.id)).toEqual([1]);
  });

  it('a backlog item is not started, timed or closed until pulled out', async () => {
    await sb.ok(['add', 'STEC: Audit the document templates']);
    const before = sb.dump();
    for (const args of [
      ['start', '1'],
      ['time', 'add', '1', '30m', '--at', '08:00', '--comment', 'read them'],
      ['done', '1', '--result', 'Audited'],
    ]) {
      const refused = await sb.run(args);
      expect(refused.exitCode, args.join(' ')).toBe(3);
      expect(refused.stderr, args.join(' ')).toMatch(
        /^task: R12: task 1 waits in the STEC backlog .* task stec pull 1/,
      );
    }
    expect(sb.dump()).toBe(before);
    await sb.ok(['stec', 'pull', '1', '--project', 'Docs', '--deadline', 'fri', '--plan', '1h']);
    expect((await sb.run(['start', '1'])).exitCode).toBe(0);
  });
});

describe('R15, R16: compound tasks stay compound, and close after their steps', () => {
  beforeEach(async () => {
    await sb.ok(['add', 'General: Conclude the agreement with Client X']);
    await sb.ok(['add', 'Legal: Prepare the agreement', '--parent', '1', '--plan', '1h']);
  });

  it('a retitle without the marker does not turn the compound task with steps into a tracked one', async () => {
    const before = sb.dump();
    const retitled = await sb.run(['edit', '1', '--title', 'Sales: Conclude the agreement with Client X']);
    expect(retitled.exitCode).toBe(3);
    expect(retitled.stderr).toMatch(/^task: R16: task 1 is a compound task with 1 step\(s\)/);
    for (const args of [
      ['edit', '1', '--tracking', 'on'],
      ['edit', '1', '--plan', '3h'],
      ['1', 'modify', 'plan:3h'],
    ]) {
      const refused = await sb.run(args);
      expect(refused.exitCode, args.join(' ')).toBe(3);
      expect(refused.stderr, args.join(' ')).toMatch(/^task: R16: /);
    }
    expect(sb.dump()).toBe(before);
  });
});

describe('R10, R24: deadlines after work began', () => {
  it("the responsible's continue does not move boss's hard deadline; the new part keeps it", async () => {
    await sb.ok([
      'add',
      'Sales: Prepare the tender',
      '--responsible',
      'anna',
      '--deadline',
      '2026-12-01',
      '--hard',
      '--plan',
      '1h',
    ]);
    await sb.ok(['start', '1'], { ...asAnna, now: '2026-11-27T09:00' });
    await sb.ok(['pause'], { ...asAnna, now: '2026-11-27T09:20' });
    const before = sb.dump();
    const refused = await sb.run(['continue', '1', '--deadline', '2026-12-10'], asAnna);
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(
      /^task: R10: task 1 has a hard deadline and a continuation never moves it/,
    );
    expect(sb.dump()).toBe(before);
    expect(await sb.json(['continue', '1'], asAnna)).toMatchObject({ id: 2 });
    expect(await sb.json(['show', '2'])).toMatchObject({
      title: 'Sales: (Part 2) Prepare the tender',
      deadline: '2026-12-01T23:59:59.999Z',
      deadlineHard: true,
    });
  });

  it('after 45 minutes of work edit --deadline is refused: the deadline moves through a continuation', async () => {
    await sb.ok(['add', 'Retail: Revise all the retail algorithms', '--deadline', 'today', '--plan', '2h']);
    await sb.ok(['start', '1'], { now: '2026-11-27T09:00' });
    await sb.ok(['pause'], { now: '2026-11-27T09:45' });
    const before = sb.dump();
    for (const args of [
      ['edit', '1', '--deadline', '2026-12-04'],
      ['1', 'modify', 'due:2026-12-04'],
    ]) {
      const refused = await sb.run(args);
      expect(refused.exitCode, args.join(' ')).toBe(3);
      expect(refused.stderr, args.join(' ')).toBe(
        'task: R24: task 1 was worked on for 45 min (over 7); its deadline moves later only through a continuation: task continue 1 --deadline DATE',
      );
    }
    expect(sb.dump()).toBe(before);
    expect((await sb.run(['edit', '1', '--deadline', '2026-11-27 12:00'])).exitCode).toBe(0); // earlier: allowed
  });
});

describe('R29: every task a director set for someone else is rated', () => {
  it("boss's done on work awaiting his control is refused: he accepts and rates it, anna's result stays", async () => {
    await sb.ok(['add', 'Legal: Prepare the agreement', '--responsible', 'anna', '--accept', '--plan', '1h']);
    await sb.ok(['done', '1', '--result', 'Draft at https://docs/agreement'], asAnna);
    const before = sb.dump();
    const refused = await sb.run(['done', '1', '--result', 'closing it myself']);
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(
      /^task: R29: task 1 awaits your control with anna's result; accept and rate it/,
    );
    expect(sb.dump()).toBe(before);
    await sb.ok(['accept', '1', '--mark', 'positive']);
    expect((await sb.json(['show', '1'])).result).toMatchObject({
      result: 'Draft at https://docs/agreement',
      author: 'anna',
    });
  });

  it('a task without the accept flag waits for its rating in task review until rated', async () => {
    await sb.ok(['add', 'Sales: Call Ivan', '--responsible', 'anna', '--plan', '15m']);
    await sb.ok(['done', '1', '--result', 'He agreed'], asAnna);
    const review = await sb.json<any[]>(['review']);
    expect(review.map((i) => [i.kind, i.task.id])).toEqual([['rating', 1]]);
    expect((await sb.ok(['review'])).stdout).toContain('RATE (task accept 1 --mark positive|negative)');
    await sb.ok(['accept', '1', '--mark', 'positive']);
    expect(await sb.json<any[]>(['review'])).toEqual([]);
  });
});

describe("R30: the director's and the manager's remarks reach the executor", () => {
  it("boss's comment on anna's own task is in her inbox, and the task is not deleted until she answers", async () => {
    await sb.ok(['add', 'Sales: Call Ivan', '--plan', '10m'], asAnna);
    await sb.ok(['comment', '1', 'Why did this take 30 minutes?']);
    const inbox = await sb.json(['inbox'], asAnna);
    expect(inbox.remarks.map((r: any) => [r.taskId, r.comment.body])).toEqual([
      [1, 'Why did this take 30 minutes?'],
    ]);
    expect((await sb.json<any[]>(['review'])).map((i) => [i.kind, i.task.id])).toEqual([['remark', 1]]);
    const before = sb.dump();
    const refused = await sb.run(['delete', '1'], asAnna);
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(/^task: R30: task 1 has 1 remark\(s\) anna has not answered/);
    expect(sb.dump()).toBe(before);
    await sb.ok(['reply', '1', 'The client kept me on the line'], asAnna);
    expect((await sb.json(['inbox'], asAnna)).remarks).toEqual([]);
    expect((await sb.run(['delete', '1'], asAnna)).exitCode).toBe(0);
  });

  it("a negative mark on anna's day report reaches her inbox until she answers it", async () => {
    await sb.ok(['add', 'Sales: Call Ivan', '--plan', '10m'], asAnna);
    await sb.ok(['start', '1'], { ...asAnna, now: '2026-11-26T09:00' });
    await sb.ok(['pause'], { ...asAnna, now: '2026-11-26T09:30' });
    await sb.ok(['report', 'record', '2026-11-26'], asAnna);
    await sb.ok([
      'report',
      'approve',
      'anna',
      '2026-11-26',
      '--mark',
      'negative',
      '--comment',
      'Half an hour on one call?',
    ]);
    const inbox = await sb.json(['inbox'], asAnna);
    expect(inbox.dayRemarks).toEqual([
      {
        day: '2026-11-26',
        mark: 'negative',
        comment: 'Half an hour on one call?',
        by: 'boss',
        at: expect.any(String),
      },
    ]);
    expect((await sb.ok(['inbox'], asAnna)).stdout).toContain(
      '2026-11-26 boss: negative: Half an hour on one call?',
    );
    await sb.ok(['reply', '--day', '2026-11-26', 'The client asked for a second offer'], asAnna);
    expect((await sb.json(['inbox'], asAnna)).dayRemarks).toEqual([]);
  });
});

describe('R31, R33: results that say something; management tasks marked explicitly', () => {
  it('findings are asked of marked management tasks and Control tasks in any language, not guessed from English words', async () => {
    await sb.ok(['add', 'QA: Check the quarterly sales report for typos', '--plan', '10m']);
    await sb.ok(['done', '1', '--result', 'Two typos fixed']);
    await sb.ok(['add', "Team: Study anna's end-of-day reports", '--plan', '30m', '--management']);
    await sb.ok(['add', 'Команда: Изучить отчёты Анны за неделю', '--plan', '30m', '--management']);
    for (const id of ['2', '3']) {
      const refused = await sb.run(['done', id, '--result', 'Read']);
      expect(refused.exitCode, id).toBe(3);
      expect(refused.stderr, id).toMatch(
        new RegExp(
          `^task: R33: task ${id} is a management task and closes with brief findings .*: add --conclusion`,
        ),
      );
    }
    await sb.ok(['done', '3', '--result', 'Прочитано', '--conclusion', 'Замечаний нет']);
    await sb.ok(['add', 'Sales: Submit the offer', '--responsible', 'anna', '--plan', '1h']);
    await sb.ok(['control', '4', 'Offer submitted on time']);
    expect((await sb.run(['done', '5', '--result', 'Checked'])).stderr).toMatch(
      /^task: R33: task 5 is a management task/,
    );
  });

  it('a plain management task closes with findings alone; a --review task also needs a GENERAL CONCLUSION', async () => {
    await sb.ok(['add', 'Team: Check the plans of the week', '--plan', '15m', '--management']);
    await sb.ok(['done', '1', '--result', 'Checked', '--conclusion', 'No remarks']);
    expect(
      await sb.json(['add', "Team: Review anna's weekly report", '--plan', '15m', '--review']),
    ).toMatchObject({ id: 2, management: true, review: true });
    const refused = await sb.run(['done', '2', '--result', 'Read', '--conclusion', 'No remarks']);
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(
      /^task: R33: task 2 is a review of reports or of a compound task and closes with a GENERAL CONCLUSION/,
    );
    await sb.ok([
      'done',
      '2',
      '--result',
      'Read',
      '--conclusion',
      'No remarks',
      '--general-conclusion',
      'The week went to plan',
    ]);
    expect((await sb.json(['show', '2'])).result).toMatchObject({
      conclusion: 'No remarks\nGENERAL CONCLUSION: The week went to plan',
    });
  });

  it('a Control task over a compound task is a review; edit --review marks one and --no-review unmarks it', async () => {
    await sb.ok(['add', 'General: Product launch', '--deadline', '2026-12-20']);
    await sb.ok(['add', 'General: Release 2.0', '--parent', '1', '--deadline', '2026-12-20']);
    await sb.ok(['add', 'Internal: Write the notes', '--parent', '2', '--plan', '1h']);
    // The Control task sits beside the compound task it controls, inside the outer compound task (R26).
    await sb.ok(['control', '2', 'Release went out complete']);
    await sb.ok(['done', '3', '--result', 'Notes written']);
    await sb.ok(['done', '2', '--result', 'Released']);
    const refused = await sb.run(['done', '4', '--result', 'Checked', '--conclusion', 'No remarks']);
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(/^task: R33: task 4 is a review .* --general-conclusion/);
    await sb.ok([
      'done',
      '4',
      '--result',
      'Checked',
      '--conclusion',
      'No remarks',
      '--general-conclusion',
      'Complete',
    ]);
    await sb.ok(['add', 'Sales: Submit the offer', '--plan', '1h']);
    await sb.ok(['control', '5', 'Offer submitted']);
    await sb.ok(['done', '5', '--result', 'Submitted']);
    await sb.ok(['done', '6', '--result', 'Checked', '--conclusion', 'No remarks']);
    await sb.ok(['add', 'Team: Read the reports', '--plan', '15m']);
    expect(await sb.json(['edit', '7', '--review'])).toMatchObject({ management: true, review: true });
    expect(await sb.json(['edit', '7', '--no-review'])).toMatchObject({ management: true, review: false });
    await sb.ok(['done', '7', '--result', 'Read', '--conclusion', 'No remarks']);
  });

  it('a template marks the tasks it makes as management tasks', async () => {
    const template = await sb.json([
      'template',
      'add',
      "Team: Review the team's plans",
      '--every',
      'day',
      '--plan',
      '15m',
      '--management',
    ]);
    expect(template).toMatchObject({ management: true });
    await sb.ok(['template', 'run']);
    expect(await sb.json(['show', '1'])).toMatchObject({ management: true });
  });
});

describe("R2: a handover stops the old responsible's timer", () => {
  it("edit --responsible while anna's timer runs: her time stays hers, nothing counts on ivan's task", async () => {
    await sb.ok(['user', 'add', 'ivan', '--manager', 'boss']);
    await sb.ok(['add', 'Sales: Prepare the offer', '--responsible', 'anna', '--plan', '1h']);
    await sb.ok(['start', '1'], { ...asAnna, now: '2026-11-27T09:00' });
    const handed = await sb.run(['edit', '1', '--responsible', 'ivan'], { now: '2026-11-27T09:30' });
    expect(handed.exitCode).toBe(0);
    expect(handed.stderr).toContain(
      "R2: anna's running timer on task 1 was stopped at the handover; that time stays anna's",
    );
    expect(sb.sql('SELECT user_id, start_at, end_at FROM time_entries')).toEqual([
      {
        user_id: 2,
        start_at: Date.parse('2026-11-27T09:00:00Z'),
        end_at: Date.parse('2026-11-27T09:30:00Z'),
      },
    ]);
  });
});

describe('R26: Control tasks', () => {
  beforeEach(async () => {
    await sb.ok(['user', 'add', 'carl']); // another team: reports to nobody here
    await sb.ok([
      'add',
      'Internal: Submit the monthly report',
      '--responsible',
      'anna',
      '--deadline',
      '2026-12-01',
      '--plan',
      '2h',
    ]);
  });

  it('copy --with-subtasks does not duplicate the Control task silently', async () => {
    await sb.ok([
      'add',
      'Internal: Collect the figures',
      '--parent',
      '1',
      '--responsible',
      'anna',
      '--plan',
      '1h',
    ]);
    await sb.ok(['control', '1', 'Monthly report submitted on time']);
    const copied = await sb.run(['copy', '1', '--with-subtasks', '--json']);
    expect(copied.stderr).toContain('R26: the Control task(s) 3 were not copied');
    const copy = JSON.parse(String(copied.stdout));
    expect((await sb.json(['show', String(copy.id)])).subtasks.map((s: any) => s.title)).toEqual([
      'Internal: Collect the figures',
    ]);
  });
});

describe('R32: the explanation is measured on the real spent time, whatever the order', () => {
  beforeEach(async () => {
    await sb.ok(['add', 'Sales: Call Ivan', '--plan', '10m']);
    await sb.ok(['start', '1'], { now: '2026-11-27T09:00' });
    await sb.ok(['pause'], { now: '2026-11-27T10:00' });
  });

  it('raising the plan after the time exceeded it does not dodge the explanation', async () => {
    await sb.ok(['edit', '1', '--plan', '1h'], { now: '2026-11-27T10:05' });
    const refused = await sb.run(['done', '1', '--result', 'Agreed'], { now: '2026-11-27T10:06' });
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(/^task: R32: task 1 took 1h against 10m planned/);
    await sb.ok(['done', '1', '--result', 'Agreed', '--explanation', 'He asked for the whole price list'], {
      now: '2026-11-27T10:07',
    });
  });

  it('time added to a closed task needs the explanation too, and it is added to the result', async () => {
    await sb.ok(['add', 'Sales: Send the offer', '--plan', '1h']);
    await sb.ok(['start', '2'], { now: '2026-11-27T10:30' });
    await sb.ok(['done', '2', '--result', 'Sent'], { now: '2026-11-27T11:00' });
    const before = sb.dump();
    const refused = await sb.run(
      ['time', 'add', '2', '2h', '--at', '06:00', '--comment', 'prepared the offer'],
      { now: '2026-11-27T11:10' },
    );
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(/^task: R32: task 2 took 2h30m against 1h planned/);
    expect(sb.dump()).toBe(before);
    await sb.ok(
      [
        'time',
        'add',
        '2',
        '2h',
        '--at',
        '06:00',
        '--comment',
        'prepared the offer',
        '--explanation',
        'the offer had to be rebuilt',
      ],
      { now: '2026-11-27T11:10' },
    );
    expect((await sb.json(['show', '2'])).result).toMatchObject({
      explanation: 'the offer had to be rebuilt',
    });
  });

  it('time edit that lengthens an entry of a closed task is checked like time add', async () => {
    await sb.ok(['add', 'Sales: Send the offer', '--plan', '1h']);
    await sb.ok(['time', 'add', '2', '30m', '--at', '10:00', '--comment', 'wrote it'], {
      now: '2026-11-27T10:40',
    });
    await sb.ok(['done', '2', '--result', 'Sent'], { now: '2026-11-27T10:45' });
    const before = sb.dump();
    const refused = await sb.run(['time', 'edit', '2', '--end', '12:30', '--comment', 'forgot to stop'], {
      now: '2026-11-27T13:00',
    });
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(/^task: R32: task 2 took 2h30m against 1h planned/);
    expect(sb.dump()).toBe(before);
    await sb.ok(
      [
        'time',
        'edit',
        '2',
        '--end',
        '12:30',
        '--comment',
        'forgot to stop',
        '--explanation',
        'the figures were wrong',
      ],
      { now: '2026-11-27T13:00' },
    );
    expect((await sb.json(['show', '2'])).result).toMatchObject({ explanation: 'the figures were wrong' });
  });

  it('after a handover the new responsible explains only their own minutes', async () => {
    await sb.ok(['add', 'Sales: Prepare the offer', '--responsible', 'anna', '--plan', '30m']);
    await sb.ok(['start', '2'], { ...asAnna, now: '2026-11-27T11:00' });
    await sb.ok(['pause'], { ...asAnna, now: '2026-11-27T12:00' });
    await sb.ok(['user', 'add', 'ivan', '--manager', 'boss']);
    await sb.ok(['edit', '2', '--responsible', 'ivan'], { now: '2026-11-27T12:05' });
    await sb.ok(['start', '2'], { user: 'ivan', now: '2026-11-27T12:10' });
    await sb.ok(['pause'], { user: 'ivan', now: '2026-11-27T12:30' });
    await sb.ok(['done', '2', '--result', 'Offer sent'], { user: 'ivan', now: '2026-11-27T12:31' });
  });
});
