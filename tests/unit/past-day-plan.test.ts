import { afterEach, describe, expect, it } from 'vitest';
import { periodOf } from '../../src/core/period.js';
import { dayReport, periodReport } from '../../src/core/reports.js';
import { completeTask, createTask } from '../../src/core/tasks.js';
import { addManualTime } from '../../src/core/time-corrections.js';
import { CoreWorld } from '../support/core.js';

// R34, R35: overdue open work is carried into a day's plan. Once the day is over its live report must
// still count that work as planned - carried in as it stood when the day began - not as unplanned work.

let world: CoreWorld | undefined;
afterEach(() => world?.close());

const MONDAY = new Date('2026-11-23T23:59:59.999');
const TUESDAY = new Date('2026-11-24T12:00:00');

/** anna's task 1 (2h30m) due Monday, not done; task 2 (1h) due Tuesday; on Tuesday she works on task 1. */
function setUp(): CoreWorld {
  const w = new CoreWorld('2026-11-23T08:00:00');
  world = w;
  w.admin('anna');
  createTask(w.as('anna'), {
    title: 'Sales: Send the offer',
    plannedMinutes: 150,
    deadline: { at: MONDAY, allDay: true },
  });
  createTask(w.as('anna'), {
    title: 'Sales: Call Ivan',
    plannedMinutes: 60,
    deadline: { at: new Date('2026-11-24T23:59:59.999'), allDay: true },
  });
  w.now = new Date('2026-11-24T11:00:00');
  addManualTime(w.as('anna'), 1, { minutes: 60, at: new Date('2026-11-24T09:00:00'), comment: 'offer' });
  return w;
}

const lineOf = (report: ReturnType<typeof dayReport>, id: number) => report.tasks.find((l) => l.id === id);

describe('R34: a past day keeps the overdue work it carried in', () => {
  it("on Wednesday, Tuesday's report counts Monday's open task as planned, with Tuesday's own total", () => {
    const w = setUp();
    w.now = new Date('2026-11-24T18:00:00');
    const onTheDay = dayReport(w.as('anna'), TUESDAY);
    expect(lineOf(onTheDay, 1)?.plan).toBe('overdue');
    expect(onTheDay.totals.plannedMinutes).toBe(210);

    w.now = new Date('2026-11-25T09:00:00');
    const dayAfter = dayReport(w.as('anna'), TUESDAY);
    expect(lineOf(dayAfter, 1)?.plan).toBe('overdue');
    expect(dayAfter.totals.plannedMinutes).toBe(onTheDay.totals.plannedMinutes);
    expect(dayAfter.totals.unplannedMinutes).toBe(0);
  });

  it('a task closed since still counts on the past day it was open at the start of', () => {
    const w = setUp();
    w.now = new Date('2026-11-25T10:00:00');
    completeTask(w.as('anna'), 1, { result: 'Sent' });
    w.now = new Date('2026-11-26T09:00:00');
    const tuesday = dayReport(w.as('anna'), TUESDAY);
    expect(lineOf(tuesday, 1)?.plan).toBe('overdue');
    expect(tuesday.totals.plannedMinutes).toBe(210);
  });

  it('a task closed before the past day began is not carried into it', () => {
    const w = setUp();
    w.now = new Date('2026-11-26T09:00:00');
    const wednesday = new Date('2026-11-25T12:00:00');
    // Task 1 was still open when Wednesday began: carried in. Closed on Wednesday, Thursday's plan lacks it.
    expect(lineOf(dayReport(w.as('anna'), wednesday), 1)?.plan).toBe('overdue');
    completeTask(w.as('anna'), 1, { result: 'Sent' });
    w.now = new Date('2026-11-28T09:00:00');
    const thursday = dayReport(w.as('anna'), new Date('2026-11-27T12:00:00'));
    expect(lineOf(thursday, 1)).toBeUndefined();
    // Task 2 (due Tuesday) is still open: Thursday carried it in, and only it.
    expect(lineOf(thursday, 2)?.plan).toBe('overdue');
    expect(thursday.totals.plannedMinutes).toBe(60);
  });
});

describe('R34: period reports count a past day as its day report does', () => {
  it("the period's planned minutes of each past day (and today) are those of that day's report", () => {
    const w = setUp();
    w.now = new Date('2026-11-25T10:00:00');
    completeTask(w.as('anna'), 2, { result: 'Called' });
    w.now = new Date('2026-11-26T09:00:00');
    const period = periodReport(
      w.as('anna'),
      periodOf(new Date('2026-11-23T12:00:00'), new Date('2026-11-27T12:00:00')),
    );
    const byDay = new Map(period.days.map((d) => [d.day, d.plannedMinutes]));
    for (const day of ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26'])
      expect([day, byDay.get(day)]).toEqual([
        day,
        dayReport(w.as('anna'), new Date(`${day}T12:00:00`)).totals.plannedMinutes,
      ]);
    // Monday: task 1 due; Tuesday: 1 carried in, 2 due; Wednesday: 1 and 2 carried in (2 closed that day); today: 1.
    expect([...byDay.entries()].slice(0, 4)).toEqual([
      ['2026-11-23', 150],
      ['2026-11-24', 210],
      ['2026-11-25', 210],
      ['2026-11-26', 150],
    ]);
  });
});
