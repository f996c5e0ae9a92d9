import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { getDaysInMonth } from 'date-fns/getDaysInMonth';
import { UsageError } from './errors.js';
import { addLocalDays, dayStartFromKey, localDayKey } from './local-time.js';

/** R19: when a template makes a task. */
export type Schedule =
  | { kind: 'daily' }
  | { kind: 'working_days' }
  | { kind: 'weekdays'; days: number[] }
  | { kind: 'monthly'; days: number[] }
  | { kind: 'interval'; everyDays: number };

export const SCHEDULE_FORMS =
  'day, weekday, mon,wed (weekday names), month:15 (day of the month), 3d or 2w (every N days/weeks)';
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export function parseSchedule(input: string): Schedule {
  const text = input.trim().toLowerCase();
  if (text === 'day' || text === 'daily') return { kind: 'daily' };
  if (text === 'weekday' || text === 'workday' || text === 'weekdays') return { kind: 'working_days' };
  const monthly = /^month:(\d{1,2}(?:,\d{1,2})*)$/.exec(text);
  if (monthly) {
    const days = monthly[1]!.split(',').map(Number);
    if (days.some((d) => d < 1 || d > 31))
      throw new UsageError(`--every: "${input}": a day of the month is 1 to 31`);
    return { kind: 'monthly', days: [...new Set(days)].sort((a, b) => a - b) };
  }
  const interval = /^(\d{1,3})([dw])$/.exec(text);
  if (interval) {
    const everyDays = Number(interval[1]) * (interval[2] === 'w' ? 7 : 1);
    if (everyDays < 1) throw new UsageError(`--every: "${input}" must be at least one day`);
    return { kind: 'interval', everyDays };
  }
  const names = text.split(',').map((d) => d.trim());
  const days = names.map((d) => DAY_NAMES.indexOf(d.slice(0, 3)));
  if (names.length > 0 && days.every((d, i) => d >= 0 && DAY_NAMES.some((n) => names[i]!.startsWith(n)))) {
    return { kind: 'weekdays', days: [...new Set(days)].sort((a, b) => a - b) };
  }
  throw new UsageError(`--every: "${input}" is not a schedule; use ${SCHEDULE_FORMS}`);
}

/** Whether the schedule makes a task on a local day (the start day anchors intervals). */
export function isDue(
  schedule: Schedule,
  day: string,
  startDay: string,
  workingDays: readonly number[],
): boolean {
  const date = dayStartFromKey(day);
  switch (schedule.kind) {
    case 'daily':
      return true;
    case 'working_days':
      return workingDays.includes(date.getDay());
    case 'weekdays':
      return schedule.days.includes(date.getDay());
    case 'monthly': {
      const lastDay = getDaysInMonth(date);
      // A day beyond the month's end (31 in November) falls on the month's last day.
      return schedule.days.some((d) => Math.min(d, lastDay) === date.getDate());
    }
    case 'interval': {
      const days = differenceInCalendarDays(date, dayStartFromKey(startDay));
      return days >= 0 && days % schedule.everyDays === 0;
    }
  }
}

/** The local days in [from, to] (inclusive) on which the schedule makes a task. */
export function dueDays(
  schedule: Schedule,
  from: string,
  to: string,
  startDay: string,
  workingDays: readonly number[],
  max = 400,
): string[] {
  const days: string[] = [];
  for (let d = dayStartFromKey(from); localDayKey(d) <= to && days.length < max; d = addLocalDays(d, 1)) {
    const key = localDayKey(d);
    if (isDue(schedule, key, startDay, workingDays)) days.push(key);
  }
  return days;
}
