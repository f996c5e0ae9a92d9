import { afterEach, describe, expect, it } from 'vitest';
import { checkTaskInvariants, type TaskSurroundings } from '../../src/core/rules/invariants.js';
import { createTask, completeTask } from '../../src/core/tasks.js';
import type { Task } from '../../src/core/types.js';
import { CoreWorld } from '../support/core.js';

const TASK: Task = {
  id: 7,
  title: 'Sales: Call Ivan',
  projectId: null,
  project: 'Sales',
  kind: 'ordinary',
  generalLevel: 0,
  internalProject: false,
  part: null,
  text: 'Call Ivan',
  previousPartId: null,
  status: 'pending',
  priority: 'medium',
  deadline: new Date('2026-12-01T17:00:00'),
  deadlineAllDay: false,
  deadlineHard: false,
  plannedMinutes: 30,
  timeTracking: true,
  acceptRequired: false,
  management: false,
  review: false,
  directorId: 1,
  director: 'boss',
  responsibleId: 2,
  responsible: 'anna',
  parentId: null,
  description: null,
  mark: null,
  createdAt: new Date('2026-11-20'),
  updatedAt: new Date('2026-11-20'),
  closedAt: null,
  seenAt: null,
  deletedAt: null,
  tags: [],
  trackedSeconds: 0,
};

function around(
  facts: Partial<Omit<TaskSurroundings, 'importing'>> & { importing?: boolean } = {},
): TaskSurroundings {
  return {
    openSteps: () => [],
    parent: () => undefined,
    runningTimers: () => 0,
    resultText: () => 'Agreed',
    openControlled: () => [],
    deadlineReason: () => null,
    importing: false,
    ...facts,
  };
}
const task = (patch: Partial<Task>): Task => ({ ...TASK, ...patch });

describe('the invariants the gate checks on every touched task, over plain data', () => {
  it('R16: a compound task gains no tracked time, no timer, no plan and no tracking', () => {
    const general = task({ kind: 'general', generalLevel: 1, timeTracking: false, plannedMinutes: null });
    expect(() => checkTaskInvariants(general, { ...general, trackedSeconds: 60 }, around())).toThrow(
      /^R16: task 7 is a compound task: it tracks no time itself/,
    );
    expect(() => checkTaskInvariants(general, general, around({ runningTimers: () => 1 }))).toThrow(/^R16/);
    expect(() =>
      checkTaskInvariants(task({ trackedSeconds: 600 }), { ...general, trackedSeconds: 600 }, around()),
    ).toThrow(/^R16/);
    expect(() => checkTaskInvariants(null, { ...general, plannedMinutes: 60 }, around())).toThrow(/^R16/);
    // Time an older database already holds on it is left as it is.
    expect(() =>
      checkTaskInvariants(
        { ...general, trackedSeconds: 600 },
        { ...general, trackedSeconds: 600, title: 'General: Renamed' },
        around(),
      ),
    ).not.toThrow();
  });

  it('R15: closed only when its steps are, and no step goes under a closed task', () => {
    const general = task({ kind: 'general', generalLevel: 1, timeTracking: false, plannedMinutes: null });
    expect(() =>
      checkTaskInvariants(
        general,
        { ...general, status: 'completed' },
        around({
          openSteps: () => [
            { id: 8, controls: [] },
            { id: 9, controls: [] },
          ],
        }),
      ),
    ).toThrow(/^R15: task 7 has open steps \(8, 9\)/);
    // R26: the Control step over task 7 itself waits for it; the other step still holds it open.
    const withControl = around({
      openSteps: () => [
        { id: 8, controls: [] },
        { id: 9, controls: [7] },
      ],
    });
    expect(() => checkTaskInvariants(general, { ...general, status: 'completed' }, withControl)).toThrow(
      /^R15: task 7 has open steps \(8\)/,
    );
    const onlyControl = around({ openSteps: () => [{ id: 9, controls: [7] }] });
    expect(() =>
      checkTaskInvariants(general, { ...general, status: 'completed' }, onlyControl),
    ).not.toThrow();
    expect(() =>
      checkTaskInvariants(
        task({}),
        task({ parentId: 3 }),
        around({ parent: () => ({ id: 3, status: 'completed' }) }),
      ),
    ).toThrow(/^R15: task 3 is closed/);
    expect(() =>
      checkTaskInvariants(
        task({ parentId: 3 }),
        task({ parentId: 3, title: 'x' }),
        around({ parent: () => ({ id: 3, status: 'completed' }) }),
      ),
    ).not.toThrow();
  });

  it('R12, R14: a backlog item is not started, closed or timed', () => {
    const stec = task({ kind: 'stec' });
    expect(() => checkTaskInvariants(stec, { ...stec, status: 'completed' }, around())).toThrow(
      /^R12: task 7 waits in the STEC backlog and is not closed/,
    );
    expect(() => checkTaskInvariants(stec, { ...stec, trackedSeconds: 60 }, around())).toThrow(
      /^R12: .* is not timed/,
    );
    expect(() =>
      checkTaskInvariants(task({ status: 'in_progress' }), { ...stec, status: 'in_progress' }, around()),
    ).toThrow(/^R12/);
    expect(() =>
      checkTaskInvariants(stec, { ...stec, kind: 'ordinary', status: 'in_progress' }, around()),
    ).not.toThrow();
  });

  it('R10: a hard deadline moved later, made soft or removed keeps its reason', () => {
    const hard = task({ deadlineHard: true });
    const later = { ...hard, deadline: new Date('2026-12-05T17:00:00') };
    expect(() => checkTaskInvariants(hard, later, around())).toThrow(/^R10: task 7 has a hard deadline/);
    expect(() => checkTaskInvariants(hard, { ...hard, deadlineHard: false }, around())).toThrow(/^R10/);
    expect(() =>
      checkTaskInvariants(hard, { ...hard, deadline: null, deadlineHard: false }, around()),
    ).toThrow(/^R10/);
    expect(() =>
      checkTaskInvariants(hard, later, around({ deadlineReason: () => 'the client moved the meeting' })),
    ).not.toThrow();
    expect(() =>
      checkTaskInvariants(hard, { ...hard, deadline: new Date('2026-11-30T17:00:00') }, around()),
    ).not.toThrow();
  });

  it('R31: a task closed by any path has a result a reader can see; an import brings records as they were', () => {
    expect(() =>
      checkTaskInvariants(task({}), task({ status: 'completed' }), around({ resultText: () => null })),
    ).toThrow(/^R31: task 7 is closed only with a result/);
    expect(() =>
      checkTaskInvariants(task({}), task({ status: 'completed' }), around({ resultText: () => '\u200b' })),
    ).toThrow(/^R31/);
    expect(() =>
      checkTaskInvariants(
        null,
        task({ status: 'completed' }),
        around({ resultText: () => null, importing: true }),
      ),
    ).not.toThrow();
    expect(() =>
      checkTaskInvariants(
        task({ status: 'completed' }),
        task({ status: 'completed', title: 'x' }),
        around({ resultText: () => null }),
      ),
    ).not.toThrow();
  });

  it('R26: a Control task is not closed before the task it controls', () => {
    const control = task({ kind: 'control', management: true });
    expect(() =>
      checkTaskInvariants(
        control,
        { ...control, status: 'completed' },
        around({ openControlled: () => [3] }),
      ),
    ).toThrow(/^R26: Control task 7 is not closed before the task it controls \(3\)/);
    expect(() =>
      checkTaskInvariants(
        control,
        { ...control, status: 'awaiting_control' },
        around({ openControlled: () => [3] }),
      ),
    ).toThrow(/^R26/);
    expect(() => checkTaskInvariants(control, { ...control, status: 'completed' }, around())).not.toThrow();
  });
});

let world: CoreWorld | undefined;
afterEach(() => world?.close());

describe('no path around the rules: a store write that breaks one is refused when its transaction ends', () => {
  function setUp(): CoreWorld {
    const w = new CoreWorld('2026-11-27T09:00:00');
    world = w;
    w.admin('boss');
    w.person('anna', 'employee', 'boss');
    createTask(w.as('boss'), {
      title: 'Sales: Sign the contract',
      responsible: 'anna',
      plannedMinutes: 60,
      deadline: { at: new Date('2026-12-01T17:00:00'), allDay: false },
      hard: true,
    });
    createTask(w.as('boss'), { title: 'STEC: Audit the templates' });
    createTask(w.as('boss'), { title: 'General: Open the office' });
    return w;
  }
  const entry = (taskId: number, userId: number) => ({
    taskId,
    userId,
    startAt: new Date('2026-11-27T08:00:00'),
    endAt: new Date('2026-11-27T08:30:00'),
    source: 'manual' as const,
    comment: 'x',
    retroactive: false,
    reason: null,
    createdAt: new Date('2026-11-27T09:00:00'),
  });

  it('closing without a result, time on a backlog item or a compound task, a hard deadline moved silently', () => {
    const w = setUp();
    const anna = w.as('anna').store;
    const boss = w.as('boss').store;
    const bossId = w.user('boss').id;
    const attempts: [string, () => unknown, RegExp][] = [
      [
        'close without a result',
        () => anna.write(() => anna.updateTask(1, { status: 'completed', closedAt: w.now })),
        /^R31/,
      ],
      ['time on a backlog item', () => boss.write(() => boss.insertEntry(entry(2, bossId))), /^R12/],
      ['time on a compound task', () => boss.write(() => boss.insertEntry(entry(3, bossId))), /^R16/],
      [
        'a hard deadline moved later with no reason',
        () => boss.write(() => boss.updateTask(1, { deadline: new Date('2026-12-09T17:00:00') })),
        /^R10/,
      ],
    ];
    for (const [what, attempt, rule] of attempts) {
      const before = JSON.stringify([
        w.raw.getTask(1),
        w.raw.getTask(2),
        w.raw.getTask(3),
        w.raw.allEntries(),
      ]);
      expect(attempt, what).toThrow(rule);
      expect(
        JSON.stringify([w.raw.getTask(1), w.raw.getTask(2), w.raw.getTask(3), w.raw.allEntries()]),
        what,
      ).toBe(before);
    }
    // With the reason the command gives (--force --reason), the director moves it.
    const withReason = w.as('boss', { reason: 'the client asked for a week' }).store;
    withReason.write(() => withReason.updateTask(1, { deadline: new Date('2026-12-09T17:00:00') }));
    completeTask(w.as('anna'), 1, { result: 'Signed' });
    expect(w.raw.getTask(1)!.status).toBe('completed');
  });
});
