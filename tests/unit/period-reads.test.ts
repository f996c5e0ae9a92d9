import { afterEach, describe, expect, it } from 'vitest';
import { dayTaskLines } from '../../src/core/day-lines.js';
import { localDayKey } from '../../src/core/local-time.js';
import { periodOf } from '../../src/core/period.js';
import { PeriodReads } from '../../src/core/period-reads.js';
import { addToPlan } from '../../src/core/plan.js';
import { completeTask, createTask, editTask } from '../../src/core/tasks.js';
import { startTimer } from '../../src/core/timers.js';
import { addManualTime } from '../../src/core/time-corrections.js';
import { CoreWorld } from '../support/core.js';

// Issue 22: the team report reads each worked day's plan and task lines for the whole period at once
// (PeriodReads); every day must read exactly as the person's own day report reads it, one day at a time.

let world: CoreWorld | undefined;
afterEach(() => world?.close());

const at = (day: number, time = '12:00:00') => new Date(`2026-11-${String(day).padStart(2, '0')}T${time}`);
const due = (day: number) => ({ at: new Date(`2026-11-${day}T23:59:59.999`), allDay: true });

/** anna and bob over a week: work due, carried in while overdue (R34), put into plans, done, unplanned. */
function setUp(): CoreWorld {
  const w = new CoreWorld('2026-11-23T08:00:00');
  world = w;
  w.admin('anna');
  w.person('bob', 'employee', 'anna');
  const anna = w.as('anna');
  const bob = () => w.as('bob');
  createTask(anna, { title: 'Sales: Send the offer', plannedMinutes: 150, deadline: due(23) });
  createTask(anna, { title: 'Sales: Call Ivan', plannedMinutes: 60, deadline: due(24) });
  createTask(anna, { title: 'Ops: Tidy the archive', plannedMinutes: 30 });
  createTask(bob(), { title: 'Ops: Fix the printer', plannedMinutes: 45, deadline: due(23) });
  createTask(bob(), { title: 'Ops: Order paper', plannedMinutes: 15, priority: 'high' });
  w.now = at(24, '09:00:00');
  addManualTime(w.as('anna'), 1, { minutes: 60, at: at(24, '08:00:00'), comment: 'offer' });
  addManualTime(w.as('bob'), 5, { minutes: 20, at: at(24, '08:00:00'), comment: 'paper' });
  addToPlan(w.as('anna'), 3, at(25));
  w.now = at(25, '10:00:00');
  addManualTime(w.as('anna'), 3, { minutes: 30, at: at(25, '08:00:00'), comment: 'archive' });
  completeTask(w.as('anna'), 2, { result: 'Called' });
  addManualTime(w.as('bob'), 4, { minutes: 45, at: at(25, '08:00:00'), comment: 'printer' });
  completeTask(w.as('bob'), 4, { result: 'Fixed' });
  // After bob's work began: moving the deadline of task 5 into the day makes it a late addition (R20).
  w.now = at(25, '11:00:00');
  editTask(w.as('bob'), 5, { deadline: due(25) });
  w.now = at(26, '11:00:00');
  addManualTime(w.as('anna'), 1, { minutes: 40, at: at(26, '09:00:00'), comment: 'offer' });
  return w;
}

describe('the team report reads a period at once (issue 22)', () => {
  it("gives each person's every day the plan and task lines of that day's own reads", () => {
    const w = setUp();
    const ctx = w.as('anna');
    const period = periodOf(at(23), at(27));
    const people = ['anna', 'bob'].map((name) => w.user(name));
    const days = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'];
    const today = localDayKey(w.now);
    const reads = new PeriodReads(
      ctx.store,
      people.map((p) => p.id),
      period,
      days.filter((day) => day < today),
      w.now,
      ctx.store.closedBetween(
        people.map((p) => p.id),
        period.from,
        period.to,
      ),
    );
    const calendar = { now: w.now, calendar: w.policy };
    let lines = 0;
    for (const person of people)
      for (const day of days) {
        const alone = dayTaskLines(ctx.store, person, day, calendar);
        const batched = dayTaskLines(ctx.store, person, day, calendar, reads);
        expect([person.name, day, batched.lines]).toEqual([person.name, day, alone.lines]);
        expect([person.name, day, batched.plan]).toEqual([person.name, day, alone.plan]);
        expect([...batched.tracked].sort()).toEqual([...alone.tracked].sort());
        const from = new Date(`${day}T00:00:00`);
        const to = new Date(`${day}T23:59:59.999`);
        expect(reads.entriesOfUserBetween(person.id, from, to)).toEqual(
          ctx.store.entriesOfUserBetween(person.id, from, to),
        );
        expect(reads.firstWorkMadeBetween(person.id, from, to)).toEqual(
          ctx.store.firstWorkMadeBetween(person.id, from, to),
        );
        lines += alone.lines.length;
      }
    // The week holds carried-in, planned, closed and unplanned lines, so the comparison means something.
    const tuesday = dayTaskLines(ctx.store, people[0]!, '2026-11-24', calendar, reads).lines;
    expect(tuesday.map((l) => [l.id, l.plan])).toEqual([
      [1, 'overdue'],
      [2, 'deadline'],
    ]);
    const bobsWednesday = dayTaskLines(ctx.store, people[1]!, '2026-11-25', calendar, reads).lines;
    expect(bobsWednesday.map((l) => [l.id, l.plan, l.result?.result ?? null, l.addedLate !== null])).toEqual([
      [4, 'overdue', 'Fixed', false],
      [5, 'deadline', null, true],
    ]);
    expect(lines).toBeGreaterThan(8);
  });

  it("answers any window of a person's entries as the store does: across midnight, long and running entries", () => {
    const w = setUp();
    // anna's week gains an entry across midnight, a long one and, last, a running timer.
    w.now = at(27, '06:00:00');
    const late = (taskId: number, minutes: number, start: Date, comment: string) =>
      addManualTime(w.as('anna'), taskId, { minutes, at: start, comment, reason: 'entered late' });
    late(3, 240, at(25, '22:00:00'), 'night');
    late(1, 600, at(23, '18:00:00'), 'long');
    late(3, 5, at(24, '05:00:00'), 'short');
    startTimer(w.as('anna'), 1);
    w.now = at(27, '09:00:00');
    const ctx = w.as('anna');
    const period = periodOf(at(23), at(28));
    const ids = ['anna', 'bob'].map((name) => w.user(name).id);
    const reads = new PeriodReads(ctx.store, ids, period, [], w.now, []);
    let compared = 0;
    for (const id of ids)
      for (let hour = 0; hour < 5 * 24; hour += 1)
        for (const hours of [1, 5, 24]) {
          const from = new Date(at(23, '00:00:00').getTime() + hour * 3_600_000);
          const to = new Date(from.getTime() + hours * 3_600_000);
          const expected = ctx.store.entriesOfUserBetween(id, from, to);
          expect([id, from, reads.entriesOfUserBetween(id, from, to)]).toEqual([id, from, expected]);
          compared += expected.length;
        }
    expect(compared).toBeGreaterThan(100);
  });

  it('reads each kind once for the whole team and period, not per person and day (issue 22)', () => {
    const w = setUp();
    const ctx = w.as('anna');
    const calls = new Map<string, number>();
    const counted = new Proxy(ctx.store, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          calls.set(String(name), (calls.get(String(name)) ?? 0) + 1);
          return value.apply(target, args);
        };
      },
    });
    const period = periodOf(at(23), at(27));
    const people = ['anna', 'bob'].map((name) => w.user(name));
    const days = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'];
    const today = localDayKey(w.now);
    const ids = people.map((p) => p.id);
    const reads = new PeriodReads(
      counted,
      ids,
      period,
      days.filter((day) => day < today),
      w.now,
      ctx.store.closedBetween(ids, period.from, period.to),
    );
    for (const person of people)
      for (const day of days) dayTaskLines(counted, person, day, { now: w.now, calendar: w.policy }, reads);
    // The per-day questions are never asked; their period-wide forms once each.
    for (const perDay of [
      'planItems',
      'tasksDueBetween',
      'entriesOfUserBetween',
      'historyOf',
      'overdueTasksAt',
    ])
      expect([perDay, calls.get(perDay) ?? 0]).toEqual([perDay, 0]);
    for (const once of ['planItemsBetween', 'tasksDueFor', 'entriesOfUsersBetween', 'overdueTasks'])
      expect([once, calls.get(once)]).toEqual([once, 1]);
    expect(calls.get('findTasks') ?? 0).toBeLessThanOrEqual(3);
  });
});
