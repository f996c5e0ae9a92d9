import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInstant, resolveNow } from '../../src/core/clock.js';
import { dateFromFlag, parseDateInput } from '../../src/core/dates.js';
import { localDayKey } from '../../src/core/local-time.js';
import { rangeHint } from '../../src/core/period.js';
import { setTz } from '../support/tz.js';

const originalTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Europe/Berlin';
});
afterAll(() => {
  setTz(originalTz);
});

// Friday 27 November 2026, 09:00 local time.
const now = new Date(2026, 10, 27, 9, 0);

function day(text: string): string {
  const parsed = parseDateInput(text, now);
  if (!parsed) throw new Error(`${text} did not parse`);
  return localDayKey(parsed.at);
}

describe('date input', () => {
  it('reads relative days', () => {
    expect(day('today')).toBe('2026-11-27');
    expect(day('tomorrow')).toBe('2026-11-28');
    expect(day('yesterday')).toBe('2026-11-26');
    expect(day('+3d')).toBe('2026-11-30');
    expect(day('+2w')).toBe('2026-12-11');
  });

  it('reads weekday names as the next such day after today', () => {
    expect(day('mon')).toBe('2026-11-30');
    expect(day('monday')).toBe('2026-11-30');
    expect(day('fri')).toBe('2026-12-04'); // today is a Friday: the next one
    expect(day('sat')).toBe('2026-11-28');
  });

  it("reads Taskwarrior's ends and starts of periods (weeks from Monday) as whole days", () => {
    const on = (text: string, at: Date) => localDayKey(parseDateInput(text, at)!.at);
    expect(['eod', 'eoww', 'eow', 'sow', 'soww', 'eom', 'som', 'eoq', 'soq', 'eoy', 'soy'].map(day)).toEqual([
      '2026-11-27', // today
      '2026-11-27', // a Friday: the work week ends today
      '2026-11-29',
      '2026-11-30',
      '2026-11-30',
      '2026-11-30',
      '2026-12-01',
      '2026-12-31',
      '2027-01-01',
      '2026-12-31',
      '2027-01-01',
    ]);
    const sunday = new Date(2026, 10, 29, 9, 0);
    expect([on('eow', sunday), on('sow', sunday), on('eoww', sunday)]).toEqual([
      '2026-11-29',
      '2026-11-30',
      '2026-12-04',
    ]);
    const february = new Date(2028, 1, 10, 9, 0); // a leap year; the first quarter
    expect([on('eom', february), on('eoq', february), on('soq', february)]).toEqual([
      '2028-02-29',
      '2028-03-31',
      '2028-04-01',
    ]);
    expect(parseDateInput('eow 17:00', now)!.allDay).toBe(false);
    expect(parseDateInput('eom', now)!.allDay).toBe(true);
  });

  it('reads ISO dates as whole days ending at local midnight', () => {
    const parsed = parseDateInput('2026-12-01', now)!;
    expect(parsed.allDay).toBe(true);
    expect(parsed.at.toISOString()).toBe('2026-12-01T22:59:59.999Z'); // Berlin is UTC+1 in winter
  });

  it('reads a date with a time, and a bare time as today', () => {
    const timed = parseDateInput('2026-12-01 14:00', now)!;
    expect(timed.allDay).toBe(false);
    expect(timed.at.toISOString()).toBe('2026-12-01T13:00:00.000Z');
    expect(parseDateInput('10:30', now)!.at.toISOString()).toBe('2026-11-27T09:30:00.000Z');
    expect(parseDateInput('tomorrow 08:15', now)!.at.toISOString()).toBe('2026-11-28T07:15:00.000Z');
  });

  it.each(['', 'someday', '2026-02-30', '2026-13-01', '25:00', '12:61', '+d', 'mo'])('refuses %j', (text) => {
    expect(parseDateInput(text, now)).toBeNull();
  });

  it('names the flag and the accepted forms in the error', () => {
    expect(() => dateFromFlag('--deadline', 'someday', now)).toThrow(
      /--deadline: "someday" is not a date; use today, tomorrow/,
    );
  });
});

describe('REGULA_NOW', () => {
  it('reads a value without offset as local time and one with Z as UTC', () => {
    expect(resolveNow('2026-11-27T09:00').toISOString()).toBe('2026-11-27T08:00:00.000Z');
    expect(resolveNow('2026-11-27T09:00:00Z').toISOString()).toBe('2026-11-27T09:00:00.000Z');
    expect(resolveNow('2026-11-27T09:00+03:00').toISOString()).toBe('2026-11-27T06:00:00.000Z');
  });

  it('uses the real clock when unset and refuses garbage', () => {
    const real = new Date('2030-01-01T00:00:00Z');
    expect(resolveNow(undefined, () => real)).toBe(real);
    expect(() => resolveNow('yesterday-ish')).toThrow(/REGULA_NOW/);
    expect(parseInstant('2026-02-30T10:00')).toBeNull();
  });
});

describe("Timewarrior's range hints", () => {
  const span = (word: string, now: Date) => {
    const hint = rangeHint(word, now)!;
    return [
      localDayKey(hint.day),
      hint.period && localDayKey(hint.period.from),
      hint.period && localDayKey(new Date(hint.period.to.getTime() - 1)),
    ];
  };
  it('name a day or a whole week, month or year, in local days', () => {
    const now = new Date(2026, 2, 4, 9); // Wednesday 2026-03-04, Berlin
    expect(span(':today', now)).toEqual(['2026-03-04', null, null]);
    expect(span(':yesterday', now)).toEqual(['2026-03-03', null, null]);
    expect(span(':week', now)).toEqual(['2026-03-04', '2026-03-02', '2026-03-08']);
    expect(span(':lastweek', now)).toEqual(['2026-02-25', '2026-02-23', '2026-03-01']);
    expect(span(':month', now)).toEqual(['2026-03-04', '2026-03-01', '2026-03-31']);
    expect(span(':lastmonth', now)).toEqual(['2026-02-28', '2026-02-01', '2026-02-28']);
    expect(span(':LastYear', now)).toEqual(['2025-12-31', '2025-01-01', '2025-12-31']);
    // The week of the spring-forward day (2026-03-29) has 167 hours, and still seven local days.
    const dst = rangeHint(':week', new Date(2026, 2, 29, 12))!.period!;
    expect([localDayKey(dst.from), (dst.to.getTime() - dst.from.getTime()) / 3_600_000]).toEqual([
      '2026-03-23',
      167,
    ]);
  });
  it(':all runs from the first tracked time to today, and is known only where the store is', () => {
    const now = new Date(2026, 10, 27, 9);
    const all = rangeHint(':all', now, { firstEntryStart: () => new Date(2025, 0, 15, 10) })!;
    expect([localDayKey(all.period!.from), localDayKey(new Date(all.period!.to.getTime() - 1))]).toEqual([
      '2025-01-15',
      '2026-11-27',
    ]);
    const empty = rangeHint(':all', now, { firstEntryStart: () => undefined })!;
    expect([localDayKey(empty.period!.from), localDayKey(new Date(empty.period!.to.getTime() - 1))]).toEqual([
      '2026-11-27',
      '2026-11-27',
    ]);
    expect(() => rangeHint(':all', now)).toThrow(/^:all is not a range hint/);
  });
  it('are only words with a colon; an unknown one is refused with the list', () => {
    expect(rangeHint(undefined, new Date())).toBeUndefined();
    expect(rangeHint('monday', new Date())).toBeUndefined();
    expect(() => rangeHint(':fortnight', new Date())).toThrow(
      /^:fortnight is not a range hint; use :today, /,
    );
  });
});
