import { afterEach, describe, expect, it } from 'vitest';
import { completeTask, createTask } from '../../src/core/tasks.js';
import { addManualTime, editTimeEntry, splitTimeEntry } from '../../src/core/time-corrections.js';
import { CoreWorld } from '../support/core.js';

let world: CoreWorld | undefined;
afterEach(() => world?.close());

/** anna's task 1 (plan 1h) closed with 30m on it; task 2 open with 1h entry (entry 2). */
function setUp(): CoreWorld {
  const w = new CoreWorld('2026-11-27T12:00:00');
  world = w;
  w.admin('anna');
  createTask(w.as('anna'), { title: 'Sales: Send the offer', plannedMinutes: 60 });
  createTask(w.as('anna'), { title: 'Sales: Call Ivan', plannedMinutes: 120 });
  addManualTime(w.as('anna'), 1, {
    minutes: 30,
    at: new Date('2026-11-27T08:00:00'),
    comment: 'wrote the offer',
  });
  addManualTime(w.as('anna'), 2, { minutes: 150, at: new Date('2026-11-27T09:00:00'), comment: 'calls' });
  completeTask(w.as('anna'), 1, { result: 'Sent' });
  return w;
}

describe('R32: a time correction that puts more time on a closed task is checked like time add', () => {
  it('lengthening an entry of a closed task far above its plan needs the explanation, which joins the result', () => {
    const w = setUp();
    expect(() =>
      editTimeEntry(w.as('anna'), 1, {
        start: new Date('2026-11-27T06:30:00'),
        end: new Date('2026-11-27T08:30:00'),
        comment: 'began earlier',
      }),
    ).toThrow(/^R32: task 1 took 2h against 1h planned/);
    // The refused edit left the entry as it was (08:00-08:30): the refusal changed nothing.
    expect(w.raw.getEntry(1)).toMatchObject({
      startAt: new Date('2026-11-27T08:00:00'),
      endAt: new Date('2026-11-27T08:30:00'),
    });
    editTimeEntry(w.as('anna'), 1, {
      start: new Date('2026-11-27T06:30:00'),
      end: new Date('2026-11-27T08:30:00'),
      comment: 'began earlier',
      explanation: 'the prices changed twice',
    });
    expect(w.raw.lastResultOf(1)).toMatchObject({ explanation: 'the prices changed twice' });
  });

  it('moving an entry onto a closed task, or splitting a part onto it, is checked too', () => {
    const w = setUp();
    expect(() =>
      editTimeEntry(w.as('anna'), 2, { taskId: 1, comment: 'the timer ran on the wrong task' }),
    ).toThrow(/^R32: task 1 took 3h/);
    expect(() =>
      splitTimeEntry(w.as('anna'), 2, {
        at: new Date('2026-11-27T09:30:00'),
        taskId: 1,
        comment: 'switched at 9:30',
      }),
    ).toThrow(/^R32: task 1 took 2h30m/);
    expect(w.raw.getEntry(2)!.taskId).toBe(2);
    splitTimeEntry(w.as('anna'), 2, {
      at: new Date('2026-11-27T09:30:00'),
      taskId: 1,
      comment: 'switched at 9:30',
      explanation: 'the offer was rebuilt',
    });
    expect(w.raw.lastResultOf(1)).toMatchObject({ explanation: 'the offer was rebuilt' });
  });

  it('shortening or moving within the plan needs nothing', () => {
    const w = setUp();
    editTimeEntry(w.as('anna'), 1, { minutes: 10, comment: 'it was shorter' });
    editTimeEntry(w.as('anna'), 1, {
      start: new Date('2026-11-27T07:00:00'),
      end: new Date('2026-11-27T07:40:00'),
      comment: 'it was earlier',
    });
    expect(w.raw.lastResultOf(1)!.explanation).toBeNull();
  });
});
