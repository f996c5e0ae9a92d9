/**
 * Local-calendar helpers. Instants are stored in UTC; days, plans and reports are computed in the local
 * time zone (TZ). The calendar arithmetic is date-fns's (tree-shaken into the bundle), built on the Date
 * object's local fields, which follow DST rules, so a day may be 23 or 25 hours long.
 */
import { addDays } from 'date-fns/addDays';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { startOfDay } from 'date-fns/startOfDay';

/** A local calendar day as YYYY-MM-DD. */
export type LocalDay = string;

export function startOfLocalDay(at: Date): Date {
  return startOfDay(at);
}

/** The same local wall-clock time `days` calendar days later (across a DST change too). */
export function addLocalDays(at: Date, days: number): Date {
  return addDays(at, days);
}

/**
 * The last millisecond of the local day: an all-day deadline falls here. One millisecond before the next
 * day's start rather than date-fns's endOfDay (23:59:59.999 set as a wall-clock time): where the clocks
 * fall back at midnight that wall-clock time happens twice, and the day ends at the second one.
 */
export function endOfLocalDay(at: Date): Date {
  return new Date(startOfDay(addDays(at, 1)).getTime() - 1);
}

/** Calendar days from one local day to another (yesterday 23:00 -> today 08:00 is 1), DST-proof. */
export function calendarDaysBetween(from: Date, to: Date): number {
  return differenceInCalendarDays(to, from);
}

// Formatting stays hand-written: these run once per row of a list or a report, and date-fns's format is
// about ten times slower per call (docs/performance.md, "date-fns and cli-table3").
export function localDayKey(at: Date): LocalDay {
  // Padded by hand: a team's month makes this key ~100,000 times, and padStart's string was a third of it.
  const month = at.getMonth() + 1;
  const date = at.getDate();
  return `${at.getFullYear()}-${month < 10 ? '0' : ''}${month}-${date < 10 ? '0' : ''}${date}`;
}

/**
 * Day starts already computed (a team's month asks for the same ~30 days thousands of times), for the
 * time zone they were computed in: the tests run commands in one process under several zones.
 */
const dayBounds = new Map<LocalDay, DayBounds>();
let dayBoundsZone: string | undefined;

/** A local day's first millisecond and the next day's (epoch ms). */
interface DayBounds {
  start: number;
  end: number;
}

function dayBoundsOf(day: LocalDay): DayBounds {
  if (dayBoundsZone !== process.env.TZ || dayBounds.size > 10_000) {
    dayBounds.clear();
    dayBoundsZone = process.env.TZ;
  }
  let bounds = dayBounds.get(day);
  if (bounds === undefined) {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    // The Date constructor moves a midnight the clocks skip to the first hour that exists, as
    // startOfDay does: the next day's start is startOfLocalDay(addLocalDays(start, 1)).
    bounds = { start: new Date(y, m - 1, d).getTime(), end: new Date(y, m - 1, d + 1).getTime() };
    dayBounds.set(day, bounds);
  }
  return bounds;
}

export function dayStartFromKey(day: LocalDay): Date {
  return new Date(dayBoundsOf(day).start);
}

/**
 * The start of the day after `day` - where the day ends - as startOfLocalDay(addLocalDays(start, 1)) gives
 * it, computed once per day: each person-day of a team's month asked for it three times.
 */
export function dayEndFromKey(day: LocalDay): Date {
  return new Date(dayBoundsOf(day).end);
}

export function formatLocalTime(at: Date): string {
  return `${pad2(at.getHours())}:${pad2(at.getMinutes())}`;
}

export function formatLocalDateTime(at: Date): string {
  return `${localDayKey(at)} ${formatLocalTime(at)}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

export interface DayShare {
  day: LocalDay;
  seconds: number;
}

/**
 * Splits the interval [start, end) at local midnights: an entry from 23:00 to 01:00 gives one hour to
 * each day. A reversed interval (a clock that jumped back) counts as zero, never negative.
 */
export function splitByLocalDay(start: Date, end: Date): DayShare[] {
  const shares: DayShare[] = [];
  let cursor = start.getTime();
  const stop = end.getTime();
  while (cursor < stop) {
    const dayStart = startOfLocalDay(new Date(cursor));
    const nextMidnight = startOfLocalDay(addLocalDays(dayStart, 1)).getTime();
    const sliceEnd = Math.min(nextMidnight, stop);
    shares.push({ day: localDayKey(dayStart), seconds: Math.round((sliceEnd - cursor) / 1000) });
    cursor = sliceEnd;
  }
  return shares;
}

/** Seconds of [start, end) that fall inside [from, to). */
export function overlapSeconds(start: Date, end: Date, from: Date, to: Date): number {
  const ms = Math.min(end.getTime(), to.getTime()) - Math.max(start.getTime(), from.getTime());
  return ms > 0 ? Math.round(ms / 1000) : 0;
}

/** A stretch of time with one UTC offset (between DST changes). */
export interface OffsetSegment {
  /** Epoch ms where the segment starts (inclusive). */
  start: number;
  /** Local time minus UTC, in ms. */
  offsetMs: number;
}

const DAY_MS = 86_400_000;

function offsetAt(ms: number): number {
  return -new Date(ms).getTimezoneOffset() * 60_000;
}

/**
 * The UTC offsets in force over [from, to), with the exact instants they change (DST). With them a store
 * can compute local days with arithmetic - (instant + offset) / day - instead of calling a date function
 * for every row of a year of data.
 */
export function offsetSegments(from: Date, to: Date): OffsetSegment[] {
  const segments: OffsetSegment[] = [{ start: Number.MIN_SAFE_INTEGER, offsetMs: offsetAt(from.getTime()) }];
  for (let probe = from.getTime(); probe < to.getTime() + DAY_MS; probe += DAY_MS / 2) {
    const offset = offsetAt(probe);
    const current = segments.at(-1)!;
    if (offset === current.offsetMs) continue;
    // The change happened in the last half day: find the exact millisecond.
    let low = probe - DAY_MS / 2;
    let high = probe;
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (offsetAt(middle) === current.offsetMs) low = middle;
      else high = middle;
    }
    segments.push({ start: high, offsetMs: offset });
  }
  return segments;
}

/** The local day of a day index ((instant + offset) / day) as YYYY-MM-DD. */
export function dayKeyOfIndex(index: number): LocalDay {
  // A year of rows names a few hundred days: each formatted once (no time zone involved).
  let day = dayKeys.get(index);
  if (day === undefined) {
    day = new Date(index * DAY_MS).toISOString().slice(0, 10);
    if (dayKeys.size < 100_000) dayKeys.set(index, day);
  }
  return day;
}

const dayKeys = new Map<number, LocalDay>();
