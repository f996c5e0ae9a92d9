import type { Policy } from './policy.js';
import { addLocalDays, endOfLocalDay, startOfLocalDay } from './local-time.js';

export function isWorkingDay(day: Date, calendar: Pick<Policy, 'workingDays'>): boolean {
  return calendar.workingDays.includes(day.getDay());
}

/** The first working day after `from` (the policy's workingDays), as a whole-day deadline. */
export function nextWorkingDay(from: Date, calendar: Pick<Policy, 'workingDays'>): Date {
  let day = addLocalDays(startOfLocalDay(from), 1);
  for (let i = 0; i < 14 && !isWorkingDay(day, calendar); i++) day = addLocalDays(day, 1);
  return endOfLocalDay(day);
}
