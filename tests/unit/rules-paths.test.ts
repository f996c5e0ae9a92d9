import { afterEach, describe, expect, it } from 'vitest';
import { continueTask } from '../../src/core/continuation.js';
import { createControlTask } from '../../src/core/control.js';
import { completeTask, createTask, editTask } from '../../src/core/tasks.js';
import { addManualTime } from '../../src/core/time-corrections.js';
import { pauseTimer, startTimer } from '../../src/core/timers.js';
import { CoreWorld } from '../support/core.js';

// Rules refusing and accepting a change through the core use cases, on an in-memory store with a fixed
// clock. Moved from tests/e2e/rules-every-path.test.ts and rules-time.test.ts (issue 19): the command
// line's wiring of each rule stays tested there by another example of the same rule.

let world: CoreWorld | undefined;
afterEach(() => world?.close());

const endOfDay = (day: string) => ({ at: new Date(`${day}T23:59:59.999`), allDay: true });
const at = (hhmm: string) => new Date(`2026-11-27T${hhmm}:00`);

/** boss (an administrator) and anna, who reports to him; 27 November 2026, 09:00. */
function office(): CoreWorld {
  const w = new CoreWorld('2026-11-27T09:00:00');
  world = w;
  w.admin('boss');
  w.person('anna', 'employee', 'boss');
  return w;
}

/** Work on a task from one moment to another, by its responsible's timer. */
function work(w: CoreWorld, name: string, taskId: number, from: string, to: string): void {
  startTimer(w.at(`2026-11-27T${from}:00`).as(name), taskId);
  pauseTimer(w.at(`2026-11-27T${to}:00`).as(name));
}

describe('R15, R16: compound tasks stay compound, and close after their steps', () => {
  function compound(w: CoreWorld): void {
    createTask(w.as('boss'), { title: 'General: Conclude the agreement with Client X' });
    createTask(w.as('boss'), { title: 'Legal: Prepare the agreement', parentId: 1, plannedMinutes: 60 });
  }

  it('R16: a task with tracked time does not become a compound one', () => {
    const w = office();
    compound(w);
    work(w, 'boss', 2, '09:00', '09:20');
    expect(() => editTask(w.as('boss'), 2, { title: 'General: Prepare the agreement' })).toThrow(
      /^R16: task 2 has tracked time/,
    );
    expect(editTask(w.as('boss'), 2, { title: 'Legal: Prepare the agreement draft' }).changed).toBe(true);
  });

  it('R15: a compound task is closed only when its steps are closed, and no step is added under a closed one', () => {
    const w = office();
    compound(w);
    const boss = () => w.as('boss');
    expect(() => completeTask(boss(), 1, { result: 'Signed' })).toThrow(/^R15: task 1 has open steps \(2\)/);
    completeTask(boss(), 2, { result: 'Prepared: https://docs/agreement' });
    expect(completeTask(boss(), 1, { result: 'Signed' }).task.status).toBe('completed');
    expect(() => createTask(boss(), { title: 'Legal: Send the originals', parentId: 1 })).toThrow(
      /^R15: task 1 is closed; no step is added under a closed task/,
    );
  });
});

describe('R10, R24: deadlines after work began', () => {
  it('R10: an under-threshold continue by the responsible does not move a hard deadline; the director moves it', () => {
    const w = office();
    createTask(w.as('boss'), {
      title: 'Sales: Call the client',
      responsible: 'anna',
      deadline: endOfDay('2026-11-27'),
      hard: true,
      plannedMinutes: 10,
    });
    const tomorrow = { deadline: endOfDay('2026-11-28'), force: true, reason: 'no answer' };
    expect(() => continueTask(w.as('anna'), 1, tomorrow)).toThrow(
      /^R10: task 1 has a hard deadline; only its director \(boss\) moves it later/,
    );
    const moved = continueTask(w.as('boss'), 1, tomorrow);
    expect(moved).toMatchObject({ mode: 'deadline_moved', task: { id: 1, deadlineHard: true } });
    expect(moved.task.deadline).toEqual(endOfDay('2026-11-28').at);
  });

  it('R24: continue on a task due later does not pull its deadline earlier; without one it keeps its own', () => {
    const w = office();
    createTask(w.as('boss'), {
      title: 'Retail: Revise the prices',
      deadline: endOfDay('2026-12-10'),
      plannedMinutes: 120,
    });
    work(w, 'boss', 1, '09:00', '09:45');
    expect(() => continueTask(w.as('boss'), 1, { deadline: endOfDay('2026-11-28') })).toThrow(
      /^R24: a continuation never pulls a later deadline earlier/,
    );
    const part = continueTask(w.as('boss'), 1, {});
    expect(part).toMatchObject({
      mode: 'new_part',
      task: { id: 2, title: 'Retail: (Part 2) Revise the prices' },
    });
    expect(part.task.deadline).toEqual(endOfDay('2026-12-10').at);
  });
});

describe('R31: a result says something', () => {
  it('a result made only of a zero-width space is refused; a visible one closes the task', () => {
    const w = office();
    createTask(w.as('boss'), { title: 'Sales: Call Ivan', plannedMinutes: 10 });
    expect(() => completeTask(w.as('boss'), 1, { result: '\u200B' })).toThrow(
      /^R31: a task is closed only with a result/,
    );
    expect(completeTask(w.as('boss'), 1, { result: 'Ivan agreed' }).task.status).toBe('completed');
  });
});

describe('R26: Control tasks', () => {
  function report(w: CoreWorld): void {
    w.person('carl'); // another team: reports to nobody here
    createTask(w.as('boss'), {
      title: 'Internal: Submit the monthly report',
      responsible: 'anna',
      deadline: endOfDay('2026-12-01'),
      plannedMinutes: 120,
    });
  }

  it("only the director or the responsible's manager creates one - not the executor, not another team", () => {
    const w = office();
    report(w);
    for (const name of ['anna', 'carl'])
      expect(() => createControlTask(w.as(name), 1, 'Monthly report submitted on time'), name).toThrow(
        "R26: only the director of task 1 (boss) or anna's manager creates a Control task for it",
      );
    expect(createControlTask(w.as('boss'), 1, 'Monthly report submitted on time').task).toMatchObject({
      title: 'Internal: Control: Monthly report submitted on time',
      management: true,
    });
  });

  it('is not closed before the task it controls', () => {
    const w = office();
    report(w);
    createControlTask(w.as('boss'), 1, 'Monthly report submitted on time');
    const close = { result: 'Checked', conclusion: 'No remarks' };
    expect(() => completeTask(w.as('boss'), 2, close)).toThrow(
      'R26: Control task 2 is not closed before the task it controls (1) is closed',
    );
    completeTask(w.as('anna'), 1, { result: 'Submitted: https://docs/report' });
    expect(completeTask(w.as('boss'), 2, close).task.status).toBe('completed');
  });
});

describe('R21, R22: time is never counted twice, whatever the clock says', () => {
  function twoTasks(w: CoreWorld): void {
    createTask(w.as('boss'), { title: 'Sales: Call Ivan', plannedMinutes: 60 });
    createTask(w.as('boss'), { title: 'Sales: Prepare offer', plannedMinutes: 120 });
  }

  it('R22: an entry overlapping the running timer is refused; one before the timer began is accepted', () => {
    const w = office();
    twoTasks(w);
    startTimer(w.as('boss'), 1);
    w.at('2026-11-27T09:40:00');
    expect(() => addManualTime(w.as('boss'), 2, { minutes: 30, comment: 'offer' })).toThrow(
      /^R22: the entry overlaps entry 1 \(2026-11-27 09:00-now \(running\)/,
    );
    expect(
      addManualTime(w.as('boss'), 2, { minutes: 30, at: at('08:30'), comment: 'offer' }).entry,
    ).toMatchObject({ taskId: 2, source: 'manual' });
  });

  it('R21: a start whose clock is behind recorded time is refused; at the end of that time it starts', () => {
    const w = office();
    twoTasks(w);
    w.at('2026-11-27T12:00:00');
    addManualTime(w.as('boss'), 1, { minutes: 60, at: at('10:00'), comment: 'meeting' });
    w.at('2026-11-27T10:30:00');
    expect(() => startTimer(w.as('boss'), 2)).toThrow(
      /R22: time is already recorded until 2026-11-27 11:00 \(entry 1, task 1\)/,
    );
    w.at('2026-11-27T11:00:00');
    expect(startTimer(w.as('boss'), 2).entry).toMatchObject({ taskId: 2 });
  });

  it('R21: pausing with a clock that jumped back records zero, never negative time', () => {
    const w = office();
    twoTasks(w);
    startTimer(w.at('2026-11-27T10:00:00').as('boss'), 1);
    expect(pauseTimer(w.at('2026-11-27T09:30:00').as('boss'))?.seconds).toBe(0);
    expect(w.raw.getTask(1)?.trackedSeconds).toBe(0);
  });
});
