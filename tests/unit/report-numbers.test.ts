import { describe, expect, it } from 'vitest';
import { treeTotals, type TaskTreeNode } from '../../src/core/compound.js';
import { workDayGaps } from '../../src/core/gaps.js';
import { handSecondsOf } from '../../src/core/hand-time.js';
import type { EntryChange, Task, TimeEntry, WorkDay } from '../../src/core/types.js';

const at = (time: string) => new Date(`2026-11-27T${time}:00Z`);
const dayFrom = at('00:00');
const dayTo = new Date('2026-11-28T00:00:00Z');

function entry(fields: Partial<TimeEntry>): TimeEntry {
  return {
    id: 1,
    taskId: 1,
    userId: 1,
    startAt: at('09:00'),
    endAt: at('10:00'),
    source: 'timer',
    comment: null,
    retroactive: false,
    reason: null,
    createdAt: at('09:00'),
    ...fields,
  };
}

function change(fields: Partial<EntryChange>): EntryChange {
  return {
    entryId: 1,
    actorId: 1,
    at: at('12:00'),
    oldStart: null,
    oldEnd: null,
    newStart: at('09:00'),
    newEnd: null,
    comment: 'x',
    retroactive: false,
    reason: null,
    ...fields,
  };
}

describe('R22: time by hand', () => {
  it('is the whole of a manual entry', () => {
    expect(
      handSecondsOf(
        entry({ source: 'manual', startAt: at('08:00'), endAt: at('08:20') }),
        [],
        dayFrom,
        dayTo,
        at('18:00'),
      ),
    ).toBe(20 * 60);
  });

  it('of a timer started with --at is the time before the timer was started; a stop dated back adds none', () => {
    const started = entry({ startAt: at('10:45'), endAt: at('14:00'), createdAt: at('12:00') });
    expect(
      handSecondsOf(started, [change({ newStart: at('10:45'), newEnd: null })], dayFrom, dayTo, at('18:00')),
    ).toBe(75 * 60);
    const cut = entry({ startAt: at('09:00'), endAt: at('10:45') });
    expect(
      handSecondsOf(
        cut,
        [change({ oldStart: at('09:00'), oldEnd: null, newStart: at('09:00'), newEnd: at('10:45') })],
        dayFrom,
        dayTo,
        at('18:00'),
      ),
    ).toBe(0);
    // Moving a running timer's start back from 10:00 to 08:00 adds two hours by hand.
    const moved = entry({ startAt: at('08:00'), endAt: null, createdAt: at('10:00') });
    expect(
      handSecondsOf(
        moved,
        [change({ oldStart: at('10:00'), oldEnd: null, newStart: at('08:00'), newEnd: null })],
        dayFrom,
        dayTo,
        at('12:00'),
      ),
    ).toBe(2 * 3600);
  });

  it('of an untouched timer entry is nothing', () => {
    expect(handSecondsOf(entry({}), [], dayFrom, dayTo, at('18:00'))).toBe(0);
  });
});

describe('R35: untracked time of a working day', () => {
  const workDay = (fields: Partial<WorkDay>): WorkDay => ({
    userId: 1,
    day: '2026-11-27',
    startedAt: at('09:00'),
    endedAt: at('11:00'),
    breaks: [],
    ...fields,
  });
  const store = (entries: TimeEntry[]) => ({
    entriesOfUserBetween: (_user: number, from: Date, to: Date) =>
      entries.filter((e) => e.startAt < to && (e.endAt ?? to) > from),
  });

  it('is the working day not covered by entries or breaks; time outside it changes nothing', () => {
    const entries = [
      entry({ startAt: at('07:00'), endAt: at('07:30'), source: 'manual' }),
      entry({ startAt: at('10:00'), endAt: at('11:00') }),
    ];
    expect(workDayGaps(store(entries), workDay({}), at('12:00')).map((g) => g.seconds)).toEqual([3600]);
  });

  it('of a day never ended runs to now, but not past its own midnight', () => {
    const gaps = workDayGaps(
      store([]),
      workDay({ endedAt: null, startedAt: at('20:00') }),
      new Date('2026-11-29T10:00:00Z'),
    );
    expect(gaps.reduce((sum, g) => sum + g.seconds, 0)).toBe(4 * 3600);
  });
});

describe('R18, R24: the planned total of a compound task', () => {
  const node = (task: Partial<Task>, spentSeconds = 0): TaskTreeNode => ({
    task: { id: 1, plannedMinutes: null, previousPartId: null, status: 'new', ...task } as Task,
    spentSeconds,
    children: [],
  });

  it('counts a continuation (Part 2, planned with what was left) once', () => {
    // A 3h step, 50m spent, continued: Part 2 is planned with the 2h10m left; with a 30m step the plan is 3h30m.
    const nodes = [
      node({ id: 2, plannedMinutes: 180, status: 'completed' }, 50 * 60),
      node({ id: 3, plannedMinutes: 130, previousPartId: 2 }),
      node({ id: 4, plannedMinutes: 30 }),
    ];
    expect(treeTotals(nodes).plannedMinutes).toBe(210);
  });

  it("counts what a continuation's plan adds beyond the remainder (R8: a new plan for a used-up one)", () => {
    const nodes = [
      node({ id: 2, plannedMinutes: 60, status: 'completed' }, 70 * 60),
      node({ id: 3, plannedMinutes: 30, previousPartId: 2 }),
    ];
    expect(treeTotals(nodes).plannedMinutes).toBe(90);
  });
});
