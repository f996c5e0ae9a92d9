/**
 * The calendar arithmetic moved onto date-fns (issue 19 item 4) must answer exactly what the hand-written
 * helpers answered. The reference below is that hand-written code, kept verbatim; both run over instants
 * around every DST change of zones that change at 02:00 (Berlin, New York), at midnight (Santiago,
 * Havana, Beirut, old Sao Paulo), by half an hour (Lord Howe), across the date line (Apia 2011) and with no
 * DST at all.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDateInput } from '../../src/core/dates.js';
import {
  addLocalDays,
  calendarDaysBetween,
  endOfLocalDay,
  localDayKey,
  offsetSegments,
  startOfLocalDay,
} from '../../src/core/local-time.js';
import { monthOf, rangeHint, weekOf, yearOf } from '../../src/core/period.js';
import { dueDays, isDue, type Schedule } from '../../src/core/schedule.js';
import { setTz } from '../support/tz.js';

const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'America/Santiago',
  'America/Havana',
  'Asia/Beirut',
  'America/Sao_Paulo',
  'Australia/Lord_Howe',
  'Pacific/Apia',
  'Asia/Kolkata',
  'UTC',
];
const DAY_MS = 86_400_000;

// The hand-written helpers as they were before date-fns.
const reference = {
  startOfLocalDay: (at: Date) => new Date(at.getFullYear(), at.getMonth(), at.getDate()),
  addLocalDays: (at: Date, days: number) =>
    new Date(
      at.getFullYear(),
      at.getMonth(),
      at.getDate() + days,
      at.getHours(),
      at.getMinutes(),
      at.getSeconds(),
      at.getMilliseconds(),
    ),
  endOfLocalDay: (at: Date) =>
    new Date(reference.startOfLocalDay(reference.addLocalDays(at, 1)).getTime() - 1),
  calendarDaysBetween: (from: Date, to: Date) => {
    const day = (at: Date) => Date.UTC(at.getFullYear(), at.getMonth(), at.getDate());
    return Math.round((day(to) - day(from)) / 86_400_000);
  },
  periodOf: (from: Date, toInclusive: Date) => ({
    from: reference.startOfLocalDay(from),
    to: reference.startOfLocalDay(reference.addLocalDays(reference.startOfLocalDay(toInclusive), 1)),
  }),
  weekOf: (day: Date) => {
    const start = reference.startOfLocalDay(day);
    const monday = reference.addLocalDays(start, -((start.getDay() + 6) % 7));
    return reference.periodOf(monday, reference.addLocalDays(monday, 6));
  },
  monthOf: (day: Date) =>
    reference.periodOf(
      new Date(day.getFullYear(), day.getMonth(), 1),
      new Date(day.getFullYear(), day.getMonth() + 1, 0),
    ),
  yearOf: (day: Date) =>
    reference.periodOf(new Date(day.getFullYear(), 0, 1), new Date(day.getFullYear(), 11, 31)),
  /** The day parseDateInput named, for the forms whose arithmetic moved. */
  namedDay: (text: string, now: Date): Date => {
    const today = reference.startOfLocalDay(now);
    const [y, m] = [today.getFullYear(), today.getMonth()];
    const coming = (weekday: number) => reference.addLocalDays(today, (weekday - today.getDay() + 7) % 7);
    const quarterStart = m - (m % 3);
    const named: Record<string, () => Date> = {
      eoww: () => coming(5),
      eow: () => coming(0),
      sow: () => reference.addLocalDays(coming(0), 1),
      soww: () => reference.addLocalDays(coming(0), 1),
      eom: () => new Date(y, m + 1, 0),
      som: () => new Date(y, m + 1, 1),
      eoq: () => new Date(y, quarterStart + 3, 0),
      soq: () => new Date(y, quarterStart + 3, 1),
      eoy: () => new Date(y, 11, 31),
      soy: () => new Date(y + 1, 0, 1),
    };
    const weekday = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].indexOf(text);
    if (weekday >= 0) return reference.addLocalDays(today, (weekday - today.getDay() + 7) % 7 || 7);
    return named[text]!();
  },
  isDueMonthly: (days: number[], date: Date) => {
    const lastDay = new Date(date.getFullYear(), date.getMonth() + 1, 0).getDate();
    return days.some((d) => Math.min(d, lastDay) === date.getDate());
  },
  intervalDays: (date: Date, start: Date) => Math.round((date.getTime() - start.getTime()) / 86_400_000),
};

const originalTz = process.env.TZ;
afterAll(() => {
  setTz(originalTz);
});

/** Instants within a day and a half of the zone's offset changes in 2005-2030 (and some anywhere). */
function instantsNear(zone: string): fc.Arbitrary<Date> {
  process.env.TZ = zone;
  const changes = offsetSegments(new Date(2005, 0, 1), new Date(2030, 11, 31))
    .slice(1)
    .map((s) => s.start);
  const anywhere = fc.integer({ min: Date.UTC(1995, 0, 1), max: Date.UTC(2040, 0, 1) });
  const nearChange = changes.length
    ? fc
        .tuple(fc.constantFrom(...changes), fc.integer({ min: -1.5 * DAY_MS, max: 1.5 * DAY_MS }))
        .map(([change, offset]) => change + offset)
    : anywhere;
  return fc.oneof(nearChange, nearChange, anywhere).map((ms) => new Date(ms));
}

const ms = (d: Date) => d.getTime();
const period = (p: { from: Date; to: Date }) => [ms(p.from), ms(p.to)];

describe.each(ZONES)(
  'calendar arithmetic on date-fns answers as the hand-written code did, in %s',
  (zone) => {
    const runs = { numRuns: 200 };

    it('start and end of a local day, days added, calendar days between', () => {
      fc.assert(
        fc.property(
          instantsNear(zone),
          fc.integer({ min: -400, max: 400 }),
          instantsNear(zone),
          (at, n, other) => {
            process.env.TZ = zone;
            expect(ms(startOfLocalDay(at))).toBe(ms(reference.startOfLocalDay(at)));
            expect(ms(endOfLocalDay(at))).toBe(ms(reference.endOfLocalDay(at)));
            expect(calendarDaysBetween(at, other)).toBe(reference.calendarDaysBetween(at, other));
            // Adding no days: the hand-written code rebuilt the date from its wall-clock fields, which in the
            // repeated hour of an autumn change gave the first of the two instants; date-fns keeps the instant.
            if (n !== 0) expect(ms(addLocalDays(at, n))).toBe(ms(reference.addLocalDays(at, n)));
            else expect(ms(addLocalDays(at, n))).toBe(ms(at));
          },
        ),
        runs,
      );
    });

    it('weeks from Monday, months, years and the range hints', () => {
      fc.assert(
        fc.property(instantsNear(zone), (at) => {
          process.env.TZ = zone;
          expect(period(weekOf(at))).toEqual(period(reference.weekOf(at)));
          expect(period(monthOf(at))).toEqual(period(reference.monthOf(at)));
          expect(period(yearOf(at))).toEqual(period(reference.yearOf(at)));
          const last = (hint: string) => rangeHint(hint, at)!;
          expect(period(last(':lastweek').period!)).toEqual(
            period(reference.weekOf(reference.addLocalDays(at, -7))),
          );
          const lastMonthDay = new Date(at.getFullYear(), at.getMonth(), 0);
          expect(ms(last(':lastmonth').day)).toBe(ms(lastMonthDay));
          expect(period(last(':lastmonth').period!)).toEqual(period(reference.monthOf(lastMonthDay)));
          const lastYearDay = new Date(at.getFullYear() - 1, 11, 31);
          expect(ms(last(':lastyear').day)).toBe(ms(lastYearDay));
          expect(period(last(':lastyear').period!)).toEqual(period(reference.yearOf(lastYearDay)));
        }),
        runs,
      );
    });

    it("weekday names and Taskwarrior's ends and starts of periods", () => {
      const forms = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'eoww', 'eow', 'sow', 'soww'];
      const far = ['eom', 'som', 'eoq', 'soq', 'eoy', 'soy'];
      fc.assert(
        fc.property(instantsNear(zone), fc.constantFrom(...forms, ...far), (at, form) => {
          process.env.TZ = zone;
          const parsed = parseDateInput(form, at);
          expect(parsed?.allDay).toBe(true);
          expect(ms(parsed!.at)).toBe(ms(reference.endOfLocalDay(reference.namedDay(form, at))));
        }),
        runs,
      );
    });

    it('R19 schedules: a day of the month, every N days', () => {
      fc.assert(
        fc.property(
          instantsNear(zone),
          fc.uniqueArray(fc.integer({ min: 1, max: 31 }), { minLength: 1, maxLength: 3 }),
          fc.integer({ min: 1, max: 30 }),
          fc.integer({ min: 0, max: 900 }),
          (at, days, everyDays, ahead) => {
            process.env.TZ = zone;
            const start = localDayKey(at);
            const day = localDayKey(reference.addLocalDays(reference.startOfLocalDay(at), ahead));
            const date = reference.startOfLocalDay(
              reference.addLocalDays(reference.startOfLocalDay(at), ahead),
            );
            const monthly: Schedule = { kind: 'monthly', days };
            const interval: Schedule = { kind: 'interval', everyDays };
            expect(isDue(monthly, day, start, [1, 2, 3, 4, 5])).toBe(reference.isDueMonthly(days, date));
            // Counted in calendar days: the hand-written count of elapsed 24 h periods agrees everywhere except
            // across a skipped calendar day (the test below).
            const n = reference.calendarDaysBetween(reference.startOfLocalDay(at), date);
            if (zone !== 'Pacific/Apia')
              expect(reference.intervalDays(date, reference.startOfLocalDay(at))).toBe(n);
            expect(isDue(interval, day, start, [1, 2, 3, 4, 5])).toBe(n >= 0 && n % everyDays === 0);
            const listed = dueDays(interval, start, day, start, [1, 2, 3, 4, 5]);
            expect(listed.every((d) => isDue(interval, d, start, []))).toBe(true);
          },
        ),
        { numRuns: 80 },
      );
    });
  },
);

describe('R19 every N days counts calendar days', () => {
  it('across the day Samoa skipped (30 December 2011 never happened in Pacific/Apia)', () => {
    process.env.TZ = 'Pacific/Apia';
    const everyOtherDay: Schedule = { kind: 'interval', everyDays: 2 };
    // 29 and 31 December are two calendar days apart though only 24 hours passed between their midnights;
    // the hand-written count of elapsed days made the 31st the first day after the start, not the second.
    expect(isDue(everyOtherDay, '2011-12-31', '2011-12-29', [])).toBe(true);
    expect(isDue(everyOtherDay, '2012-01-01', '2011-12-29', [])).toBe(false);
  });
});
