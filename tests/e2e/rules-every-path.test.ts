import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sandbox } from './helpers.js';

// Issue 18: each corrected rule holds on every path that can make the change.
let sb: Sandbox;
beforeEach(async () => {
  sb = new Sandbox();
  sb.user = 'boss';
  await sb.ok(['user', 'list']);
  await sb.ok(['user', 'add', 'anna', '--manager', 'boss']);
});
afterEach(() => sb.remove());

const asAnna = { user: 'anna' };

describe('R6, R15: the method\'s title forms', () => {
  it('task general --project writes General (Project): at the start', async () => {
    const task = await sb.json(['general', 'Conclude the agreement with Client X', '--project', 'Legal']);
    expect(task).toMatchObject({ title: 'General (Legal): Conclude the agreement with Client X', kind: 'general', project: 'Legal', internalProject: true });
    const step = await sb.json(['add', 'Prepare the agreement', '--parent', '1', '--plan', '1h']);
    expect(step).toMatchObject({ title: 'Legal: Prepare the agreement', project: 'Legal' });
    expect(await sb.json(['general', 'Approvals', '--parent', '1'])).toMatchObject({ title: 'General-2 (Legal): Approvals', generalLevel: 2 });
  });

  it('the method\'s own "General: Conclude the agreement with Client X" makes a compound task with no R6 warning', async () => {
    const added = await sb.run(['add', 'General: Conclude the agreement with Client X', '--json']);
    expect(added.exitCode).toBe(0);
    expect(added.stderr).toBe('');
    expect(JSON.parse(String(added.stdout))).toMatchObject({ title: 'General: Conclude the agreement with Client X', kind: 'general', project: null, timeTracking: false });
  });

  it('a text with its own colon is entered with \\: or --verbatim, and reads back the same', async () => {
    const escaped = await sb.json(['add', 'Develop regulations\\: planning', '--plan', '1h']);
    expect(escaped).toMatchObject({ project: null, text: 'Develop regulations: planning', title: 'Develop regulations\\: planning' });
    const verbatim = await sb.json(['add', '--verbatim', 'Develop regulations: planning', '--plan', '1h']);
    expect(verbatim).toMatchObject({ project: null, text: 'Develop regulations: planning' });
    const plain = await sb.json(['add', 'Develop regulations: planning', '--plan', '1h']);
    expect(plain).toMatchObject({ project: 'Develop regulations', text: 'planning' });
    expect(await sb.json(['edit', '3', '--verbatim', '--title', 'Study: the notes'])).toMatchObject({ project: 'Develop regulations', text: 'Study: the notes', title: 'Develop regulations: Study: the notes' });
  });
});

describe('R12, R14: a title typed with STEC: is the backlog item', () => {
  it('add "STEC: ..." is due in a year with medium priority and listed in the backlog', async () => {
    const task = await sb.json(['add', 'STEC: Audit the document templates']);
    expect(task).toMatchObject({ kind: 'stec', priority: 'medium', deadline: '2027-11-27T23:59:59.999Z' });
    expect((await sb.json<any[]>(['stec'])).map((b) => b.task?.id ?? b.id)).toEqual([1]);
  });

  it('a backlog item is not started, timed or closed until pulled out', async () => {
    await sb.ok(['add', 'STEC: Audit the document templates']);
    const before = sb.dump();
    for (const args of [['start', '1'], ['time', 'add', '1', '30m', '--at', '08:00', '--comment', 'read them'], ['done', '1', '--result', 'Audited']]) {
      const refused = await sb.run(args);
      expect(refused.exitCode, args.join(' ')).toBe(3);
      expect(refused.stderr, args.join(' ')).toMatch(/^task: R12: task 1 waits in the STEC backlog .* task stec pull 1/);
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
    for (const args of [['edit', '1', '--tracking', 'on'], ['edit', '1', '--plan', '3h'], ['1', 'modify', 'plan:3h']]) {
      const refused = await sb.run(args);
      expect(refused.exitCode, args.join(' ')).toBe(3);
      expect(refused.stderr, args.join(' ')).toMatch(/^task: R16: /);
    }
    expect(sb.dump()).toBe(before);
  });

  it('a task with tracked time does not become a compound one', async () => {
    await sb.ok(['start', '2'], { now: '2026-11-27T09:00' });
    await sb.ok(['pause'], { now: '2026-11-27T09:20' });
    const refused = await sb.run(['edit', '2', '--title', 'General: Prepare the agreement']);
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(/^task: R16: task 2 has tracked time/);
  });

  it('a compound task is closed only when its steps are closed, and no step is added under a closed one', async () => {
    const early = await sb.run(['done', '1', '--result', 'Signed']);
    expect(early.exitCode).toBe(3);
    expect(early.stderr).toMatch(/^task: R15: task 1 has open steps \(2\)/);
    await sb.ok(['done', '2', '--result', 'Prepared: https://docs/agreement']);
    await sb.ok(['done', '1', '--result', 'Signed']);
    const late = await sb.run(['add', 'Legal: Send the originals', '--parent', '1']);
    expect(late.exitCode).toBe(3);
    expect(late.stderr).toMatch(/^task: R15: task 1 is closed; no step is added under a closed task/);
  });
});

describe('R10, R24: deadlines after work began', () => {
  it("the responsible's continue does not move boss's hard deadline; the new part keeps it", async () => {
    await sb.ok(['add', 'Sales: Prepare the tender', '--responsible', 'anna', '--deadline', '2026-12-01', '--hard', '--plan', '1h']);
    await sb.ok(['start', '1'], { ...asAnna, now: '2026-11-27T09:00' });
    await sb.ok(['pause'], { ...asAnna, now: '2026-11-27T09:20' });
    const before = sb.dump();
    const refused = await sb.run(['continue', '1', '--deadline', '2026-12-10'], asAnna);
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(/^task: R10: task 1 has a hard deadline and a continuation never moves it/);
    expect(sb.dump()).toBe(before);
    expect(await sb.json(['continue', '1'], asAnna)).toMatchObject({ id: 2 });
    expect(await sb.json(['show', '2'])).toMatchObject({ title: 'Sales: (Part 2) Prepare the tender', deadline: '2026-12-01T23:59:59.999Z', deadlineHard: true });
  });

  it('an under-threshold continue by the responsible does not move a hard deadline either', async () => {
    await sb.ok(['add', 'Sales: Call the client', '--responsible', 'anna', '--deadline', 'today', '--hard', '--plan', '10m']);
    const refused = await sb.run(['continue', '1', '--deadline', 'tomorrow', '--force', '--reason', 'no answer'], asAnna);
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(/^task: R10: task 1 has a hard deadline; only its director \(boss\) moves it later/);
    expect(await sb.json(['continue', '1', '--deadline', 'tomorrow', '--force', '--reason', 'no answer'])).toMatchObject({ id: 1, deadline: '2026-11-28T23:59:59.999Z', deadlineHard: true });
  });

  it('after 45 minutes of work edit --deadline is refused: the deadline moves through a continuation', async () => {
    await sb.ok(['add', 'Retail: Revise all the retail algorithms', '--deadline', 'today', '--plan', '2h']);
    await sb.ok(['start', '1'], { now: '2026-11-27T09:00' });
    await sb.ok(['pause'], { now: '2026-11-27T09:45' });
    const before = sb.dump();
    for (const args of [['edit', '1', '--deadline', '2026-12-04'], ['1', 'modify', 'due:2026-12-04']]) {
      const refused = await sb.run(args);
      expect(refused.exitCode, args.join(' ')).toBe(3);
      expect(refused.stderr, args.join(' ')).toBe('task: R24: task 1 was worked on for 45 min (over 7); its deadline moves later only through a continuation: task continue 1 --deadline DATE');
    }
    expect(sb.dump()).toBe(before);
    expect((await sb.run(['edit', '1', '--deadline', '2026-11-27 12:00'])).exitCode).toBe(0); // earlier: allowed
  });

  it('continue on a task due later does not pull its deadline earlier', async () => {
    await sb.ok(['add', 'Retail: Revise the prices', '--deadline', '2026-12-10', '--plan', '2h']);
    await sb.ok(['start', '1'], { now: '2026-11-27T09:00' });
    await sb.ok(['pause'], { now: '2026-11-27T09:45' });
    const refused = await sb.run(['continue', '1', '--deadline', 'tomorrow']);
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(/^task: R24: a continuation never pulls a later deadline earlier/);
    await sb.ok(['continue', '1']);
    expect(await sb.json(['show', '2'])).toMatchObject({ title: 'Retail: (Part 2) Revise the prices', deadline: '2026-12-10T23:59:59.999Z' });
  });
});
