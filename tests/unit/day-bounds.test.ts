import { afterAll, describe, expect, it } from 'vitest';
import { workDayGaps, untrackedSecondsOf } from '../../src/core/gaps.js';
import {
  addLocalDays,
  dayEndFromKey,
  dayStartFromKey,
  localDayKey,
  startOfLocalDay,
} from '../../src/core/local-time.js';
import { deadlineInPlan } from '../../src/core/plan.js';
import type { TimeEntry, WorkDay } from '../../src/core/types.js';
import { setTz } from '../support/tz.js';

const originalTz = process.env.TZ;
afterAll(() => {
  setTz(originalTz);
});

/** Zones with a 23 and a 25 hour day, and one whose clocks skip midnight itself (Havana, 2026-03-08). */
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'America/Havana', 'Asia/Kolkata'];

/** Every day of 2026 and the first of 2027, as keys made from local noons. */
function daysOf2026(): string[] {
  const days: string[] = [];
  for (
    let d = new Date(2026, 0, 1, 12);
    d.getFullYear() < 2027 || d.getDate() === 1;
    d = addLocalDays(d, 1)
  ) {
    days.push(localDayKey(d));
    if (d.getFullYear() === 2027) break;
  }
  return days;
}

describe("a day's end (issue 23: computed once per day)", () => {
  it.each(ZONES)('is the next local day start, as date-fns gives it, in %s', (zone) => {
    setTz(zone);
    for (const day of daysOf2026()) {
      const expected = startOfLocalDay(addLocalDays(dayStartFromKey(day), 1));
      expect(dayEndFromKey(day).toISOString(), day).toBe(expected.toISOString());
    }
  });

  it('crosses months and years', () => {
    setTz('UTC');
    expect(dayEndFromKey('2026-11-30').toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(dayEndFromKey('2026-12-31').toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(dayEndFromKey('2028-02-28').toISOString()).toBe('2028-02-29T00:00:00.000Z');
  });

  it('follows a change of time zone and hands out a new Date each time', () => {
    setTz('Europe/Berlin');
    expect(dayEndFromKey('2026-11-27').toISOString()).toBe('2026-11-27T23:00:00.000Z');
    setTz('America/New_York');
    const end = dayEndFromKey('2026-11-27');
    expect(end.toISOString()).toBe('2026-11-28T05:00:00.000Z');
    end.setTime(0);
    expect(dayEndFromKey('2026-11-27').toISOString()).toBe('2026-11-28T05:00:00.000Z');
  });
});

describe('a local day key', () => {
  it('pads the month and the day to two digits', () => {
    setTz('UTC');
    expect(localDayKey(new Date('2026-01-05T10:00:00Z'))).toBe('2026-01-05');
    expect(localDayKey(new Date('2026-10-09T10:00:00Z'))).toBe('2026-10-09');
    expect(localDayKey(new Date('2026-12-31T23:59:59Z'))).toBe('2026-12-31');
    setTz('Asia/Kolkata');
    expect(localDayKey(new Date('2026-12-31T18:30:00Z'))).toBe('2027-01-01');
  });
});

describe('R34: whether a deadline puts a task into a day plan', () => {
  /** The definition by day keys that the comparison of instants replaces. */
  const byKeys = (deadline: Date | null, day: string, isToday: boolean) =>
    deadline !== null && (localDayKey(deadline) === day || (isToday && localDayKey(deadline) < day));

  it.each(ZONES)('agrees with the day keys around every day boundary of 2026 in %s', (zone) => {
    setTz(zone);
    const days = daysOf2026();
    for (const day of days.slice(0, -1)) {
      const from = dayStartFromKey(day);
      const to = dayEndFromKey(day);
      const probes = [
        null,
        ...[from, to].flatMap((at) =>
          [-3_600_000, -1, 0, 1, 3_600_000].map((ms) => new Date(at.getTime() + ms)),
        ),
      ];
      for (const isToday of [false, true]) {
        const inPlan = deadlineInPlan(from, to, isToday);
        for (const deadline of probes)
          expect(inPlan(deadline), `${day} ${deadline?.toISOString()} ${isToday}`).toBe(
            byKeys(deadline, day, isToday),
          );
      }
    }
  });

  it('takes a deadline due that day; one due before only on today; never a later one', () => {
    setTz('UTC');
    const from = dayStartFromKey('2026-11-27');
    const to = dayEndFromKey('2026-11-27');
    const past = deadlineInPlan(from, to, false);
    const today = deadlineInPlan(from, to, true);
    expect(past(new Date('2026-11-27T23:59:59.999Z'))).toBe(true);
    expect(past(new Date('2026-11-26T12:00:00Z'))).toBe(false);
    expect(today(new Date('2026-11-26T12:00:00Z'))).toBe(true);
    expect(today(new Date('2026-11-28T00:00:00Z'))).toBe(false);
    expect(today(null)).toBe(false);
  });
});

describe("R35: a working day's untracked seconds", () => {
  const at = (time: string) => new Date(`2026-11-27T${time}:00Z`);
  const entry = (id: number, start: string, end: string | null): TimeEntry => ({
    id,
    taskId: 1,
    userId: 1,
    startAt: at(start),
    endAt: end === null ? null : at(end),
    source: 'timer',
    comment: null,
    retroactive: false,
    reason: null,
    createdAt: at(start),
  });
  const storeOf = (entries: TimeEntry[]) => ({
    entriesOfUserBetween: (_userId: number, from: Date, to: Date) =>
      entries.filter((e) => e.startAt < to && (e.endAt === null || e.endAt > from)),
  });
  const workDay = (fields: Partial<WorkDay>): WorkDay => ({
    userId: 1,
    day: '2026-11-27',
    startedAt: at('08:00'),
    endedAt: at('17:00'),
    breaks: [{ id: 1, startAt: at('12:00'), endAt: at('12:30') }],
    ...fields,
  });

  it('is the sum of the day gaps: breaks and entries cover, stretches under a minute do not count', () => {
    setTz('UTC');
    const store = storeOf([
      entry(1, '08:00', '09:00'),
      entry(2, '09:00', '11:00'),
      entry(3, '13:00', '16:00'),
    ]);
    const day = workDay({});
    const gaps = workDayGaps(store, day, at('18:00'));
    expect(gaps.map((g) => [g.start.toISOString().slice(11, 16), g.end.toISOString().slice(11, 16)])).toEqual(
      [
        ['11:00', '12:00'],
        ['12:30', '13:00'],
        ['16:00', '17:00'],
      ],
    );
    expect(untrackedSecondsOf(store, day, at('18:00'))).toBe(gaps.reduce((s, g) => s + g.seconds, 0));
    expect(untrackedSecondsOf(store, day, at('18:00'))).toBe(9000);
  });

  it('leaves out a stretch shorter than a minute', () => {
    setTz('UTC');
    const store = storeOf([
      { ...entry(1, '08:00', '09:00'), endAt: new Date('2026-11-27T08:59:30Z') },
      entry(2, '09:00', '17:00'),
    ]);
    expect(untrackedSecondsOf(store, workDay({ breaks: [] }), at('18:00'))).toBe(0);
  });

  it('runs to now for a day not ended, and never past its own midnight; an open break runs to the end', () => {
    setTz('UTC');
    const store = storeOf([entry(1, '08:00', '10:00')]);
    const open = workDay({ endedAt: null, breaks: [{ id: 1, startAt: at('11:00'), endAt: null }] });
    expect(untrackedSecondsOf(store, open, at('14:00'))).toBe(3600);
    expect(
      untrackedSecondsOf(store, workDay({ endedAt: null, breaks: [] }), new Date('2026-11-28T09:00:00Z')),
    ).toBe(14 * 3600);
    expect(untrackedSecondsOf(store, workDay({ startedAt: at('18:00'), endedAt: null }), at('17:00'))).toBe(
      0,
    );
  });
});
