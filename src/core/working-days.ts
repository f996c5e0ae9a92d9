import type { Config } from './config.js';
import { addLocalDays, endOfLocalDay, startOfLocalDay } from './local-time.js';

export function isWorkingDay(day: Date, config: Pick<Config, 'workingDays'>): boolean {
  return config.workingDays.includes(day.getDay());
}

/** The first working day after `from` (config workingDays), as a whole-day deadline. */
export function nextWorkingDay(from: Date, config: Pick<Config, 'workingDays'>): Date {
  let day = addLocalDays(startOfLocalDay(from), 1);
  for (let i = 0; i < 14 && !isWorkingDay(day, config); i++) day = addLocalDays(day, 1);
  return endOfLocalDay(day);
}
