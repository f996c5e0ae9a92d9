import type { Day } from 'date-fns';
import { addMonths } from 'date-fns/addMonths';
import { addQuarters } from 'date-fns/addQuarters';
import { addYears } from 'date-fns/addYears';
import { lastDayOfMonth } from 'date-fns/lastDayOfMonth';
import { lastDayOfQuarter } from 'date-fns/lastDayOfQuarter';
import { lastDayOfYear } from 'date-fns/lastDayOfYear';
import { nextDay } from 'date-fns/nextDay';
import { startOfMonth } from 'date-fns/startOfMonth';
import { startOfQuarter } from 'date-fns/startOfQuarter';
import { startOfYear } from 'date-fns/startOfYear';
import { localDateTime, localDay } from './clock.js';
import { UsageError } from './errors.js';
import { addLocalDays, endOfLocalDay, localDayKey, startOfLocalDay } from './local-time.js';

export const DATE_FORMS =
  'today, tomorrow, yesterday, +3d, +2w, mon..sun, eow, eom, 2026-12-01 or 2026-12-01 14:00';

/** A point in time a user named: a whole day (a deadline "today") or a day and a time. */
export interface DateInput {
  /** For a whole day: its last millisecond (local), so "due today" holds all day. */
  at: Date;
  allDay: boolean;
}

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/**
 * Parses the date forms of PRODUCT.md relative to `now` (local time). Weekday names mean the next such
 * day after today (on a Monday, `mon` is a week ahead; `today` is today). A time may follow any day form:
 * `tomorrow 10:00`, `fri 9:30`; a bare `14:00` means today.
 */
export function parseDateInput(input: string, now: Date): DateInput | null {
  const read = readDateInput(input, now);
  return read === null || 'skipped' in read ? null : read;
}

/** A local time the clocks jump over on a DST day (02:30 on the day they go forward): it never happens. */
interface SkippedLocalTime {
  skipped: string;
}

function readDateInput(input: string, now: Date): DateInput | SkippedLocalTime | null {
  const text = input.trim().toLowerCase().replace(/\s+/g, ' ');
  const timeMatch = /^(.*?)(?:[ t]?(\d{1,2}):(\d{2}))$/.exec(text);
  let dayPart = text;
  let time: { hours: number; minutes: number } | null = null;
  if (timeMatch) {
    const hours = Number(timeMatch[2]);
    const minutes = Number(timeMatch[3]);
    if (hours > 23 || minutes > 59) return null;
    time = { hours, minutes };
    dayPart = timeMatch[1]!.trim() || 'today';
  }
  const day = parseDay(dayPart, now);
  if (day === null) return null;
  if (time === null) return { at: endOfLocalDay(day), allDay: true };
  const at = localDateTime(day.getFullYear(), day.getMonth() + 1, day.getDate(), time.hours, time.minutes);
  if (at === null)
    return {
      skipped: `${localDayKey(day)} ${String(time.hours).padStart(2, '0')}:${String(time.minutes).padStart(2, '0')}`,
    };
  return { at, allDay: false };
}

/** The start of the local day named by `text`, or null. */
function parseDay(text: string, now: Date): Date | null {
  const today = startOfLocalDay(now);
  if (text === 'today' || text === 'now') return today;
  if (text === 'tomorrow') return addLocalDays(today, 1);
  if (text === 'yesterday') return addLocalDays(today, -1);
  const relative = /^([+-])(\d{1,4})([dw])$/.exec(text);
  if (relative) {
    const amount = Number(relative[2]) * (relative[3] === 'w' ? 7 : 1) * (relative[1] === '-' ? -1 : 1);
    return addLocalDays(today, amount);
  }
  const named = namedDay(text, today);
  if (named) return named;
  const weekday = WEEKDAYS.findIndex(
    (name) => text === name || (text.length > 3 && name === text.slice(0, 3) && isWeekdayName(text)),
  );
  if (weekday >= 0) return nextDay(today, weekday as Day);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (iso) {
    const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    return localDay(y, m, d);
  }
  return null;
}

/**
 * Taskwarrior's synonyms for the ends and starts of periods (weeks start on Monday): `eod` today,
 * `eoww` the coming Friday, `eow` the coming Sunday, `eom`/`eoq`/`eoy` the last day of this month,
 * quarter or year; `sow`/`soww` next Monday, `som`/`soq`/`soy` the first day of the next month,
 * quarter or year.
 */
function namedDay(text: string, today: Date): Date | null {
  // Today itself when it is that weekday (date-fns's nextDay would skip to the next week).
  const comingWeekday = (weekday: Day) => (today.getDay() === weekday ? today : nextDay(today, weekday));
  switch (text) {
    case 'eod':
      return today;
    case 'eoww':
      return comingWeekday(5);
    case 'eow':
      return comingWeekday(0);
    case 'sow':
    case 'soww':
      return addLocalDays(comingWeekday(0), 1);
    case 'eom':
      return lastDayOfMonth(today);
    case 'som':
      return startOfMonth(addMonths(today, 1));
    case 'eoq':
      return lastDayOfQuarter(today);
    case 'soq':
      return startOfQuarter(addQuarters(today, 1));
    case 'eoy':
      return lastDayOfYear(today);
    case 'soy':
      return startOfYear(addYears(today, 1));
    default:
      return null;
  }
}

const FULL_WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
function isWeekdayName(text: string): boolean {
  return FULL_WEEKDAYS.some((full) => full.startsWith(text));
}

/** Parses a date given to a flag; a bad value is a UsageError naming the flag and the accepted forms. */
export function dateFromFlag(flag: string, input: string, now: Date): DateInput {
  const parsed = readDateInput(input, now);
  if (parsed !== null && 'skipped' in parsed) {
    // Issue 21: Date would silently move it an hour on; say so instead.
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'this time zone';
    throw new UsageError(
      `${flag}: ${parsed.skipped} does not exist in ${zone} - the clocks jump over it that day; give a time after the change`,
    );
  }
  if (parsed === null) throw new UsageError(`${flag}: "${input}" is not a date; use ${DATE_FORMS}`);
  return parsed;
}
