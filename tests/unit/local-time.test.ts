import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarDaysBetween, dayStartFromKey, splitByLocalDay } from '../../src/core/local-time.js';
import { setTz } from '../support/tz.js';

const originalTz = process.env.TZ;
afterAll(() => {
  setTz(originalTz);
});

describe('splitting time at local midnight', () => {
  beforeAll(() => {
    process.env.TZ = 'Europe/Berlin';
  });

  it('counts calendar days, not whole 24 h periods (STEC age, issue 20)', () => {
    expect(calendarDaysBetween(new Date(2026, 10, 26, 21, 0), new Date(2026, 10, 27, 8, 0))).toBe(1);
    expect(calendarDaysBetween(new Date(2026, 10, 27, 0, 0), new Date(2026, 10, 27, 23, 59))).toBe(0);
    // Across the end of summer time (a 25 h day in Berlin).
    expect(calendarDaysBetween(new Date(2026, 9, 24, 23, 30), new Date(2026, 9, 26, 0, 30))).toBe(2);
  });

  it('gives each day its share of an entry that crosses midnight', () => {
    const shares = splitByLocalDay(new Date(2026, 10, 27, 23, 0), new Date(2026, 10, 28, 1, 30));
    expect(shares).toEqual([
      { day: '2026-11-27', seconds: 3600 },
      { day: '2026-11-28', seconds: 5400 },
    ]);
  });

  it('spans several days', () => {
    const shares = splitByLocalDay(new Date(2026, 10, 27, 12, 0), new Date(2026, 10, 29, 12, 0));
    expect(shares.map((s) => [s.day, s.seconds / 3600])).toEqual([
      ['2026-11-27', 12],
      ['2026-11-28', 24],
      ['2026-11-29', 12],
    ]);
  });

  it('counts the 23-hour spring-forward day (2026-03-29) correctly', () => {
    const shares = splitByLocalDay(new Date(2026, 2, 28, 22, 0), new Date(2026, 2, 30, 2, 0));
    expect(shares.map((s) => [s.day, s.seconds / 3600])).toEqual([
      ['2026-03-28', 2],
      ['2026-03-29', 23],
      ['2026-03-30', 2],
    ]);
  });

  it('counts the 25-hour fall-back day (2026-10-25) correctly', () => {
    const shares = splitByLocalDay(new Date(2026, 9, 24, 23, 0), new Date(2026, 9, 26, 1, 0));
    expect(shares.map((s) => [s.day, s.seconds / 3600])).toEqual([
      ['2026-10-24', 1],
      ['2026-10-25', 25],
      ['2026-10-26', 1],
    ]);
  });

  it('an entry from 01:30 to 03:30 across spring-forward lasts one real hour', () => {
    const start = new Date('2026-03-29T00:30:00Z'); // 01:30 CET
    const end = new Date('2026-03-29T01:30:00Z'); // 03:30 CEST
    expect(splitByLocalDay(start, end)).toEqual([{ day: '2026-03-29', seconds: 3600 }]);
  });

  it('never gives negative time for a reversed interval', () => {
    expect(splitByLocalDay(new Date(2026, 10, 27, 10), new Date(2026, 10, 27, 9))).toEqual([]);
  });
});

describe('splitting in New York', () => {
  beforeAll(() => {
    process.env.TZ = 'America/New_York';
  });

  it('counts the fall-back day (2026-11-01) as 25 hours', () => {
    const shares = splitByLocalDay(new Date(2026, 10, 1, 0, 0), new Date(2026, 10, 2, 0, 0));
    expect(shares).toEqual([{ day: '2026-11-01', seconds: 25 * 3600 }]);
  });
});

describe("a day's start in the zone of the moment (issue 22: computed once per day)", () => {
  it('gives the same day another start after the time zone changes', () => {
    process.env.TZ = 'Europe/Berlin';
    const berlin = dayStartFromKey('2026-11-27');
    expect(berlin.toISOString()).toBe('2026-11-26T23:00:00.000Z');
    process.env.TZ = 'America/New_York';
    expect(dayStartFromKey('2026-11-27').toISOString()).toBe('2026-11-27T05:00:00.000Z');
    process.env.TZ = 'Europe/Berlin';
    expect(dayStartFromKey('2026-11-27').toISOString()).toBe('2026-11-26T23:00:00.000Z');
  });

  it('hands out a new Date each time (a caller may change it)', () => {
    process.env.TZ = 'UTC';
    const first = dayStartFromKey('2026-03-29');
    first.setTime(0);
    expect(dayStartFromKey('2026-03-29').toISOString()).toBe('2026-03-29T00:00:00.000Z');
  });
});

describe('the tests put the time zone back as they found it', () => {
  it('an unset TZ stays unset (not the text "undefined", which Node reads as UTC)', () => {
    const before = process.env.TZ;
    try {
      setTz(undefined);
      expect('TZ' in process.env).toBe(false);
      setTz('Asia/Tokyo');
      expect(process.env.TZ).toBe('Asia/Tokyo');
    } finally {
      setTz(before);
    }
    expect(process.env.TZ).toBe(before);
  });
});
