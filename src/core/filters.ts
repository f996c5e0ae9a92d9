import { parseDateInput } from './dates.js';
import { UsageError } from './errors.js';
import { addLocalDays, startOfLocalDay } from './local-time.js';

/** A deadline window named on the command line (`--due`). */
export interface DueFilter {
  from?: Date;
  to?: Date;
  none?: boolean;
  overdue?: boolean;
}

export const DUE_FORMS = 'today, tomorrow, overdue, week, none, or DATE..DATE';

/** `--due today|tomorrow|overdue|week|none|D..D` as a deadline window (local days). */
export function parseDueFilter(input: string, now: Date): DueFilter {
  const text = input.trim().toLowerCase();
  const today = startOfLocalDay(now);
  switch (text) {
    case 'today':
      return { from: today, to: startOfLocalDay(addLocalDays(today, 1)) };
    case 'tomorrow':
      return { from: startOfLocalDay(addLocalDays(today, 1)), to: startOfLocalDay(addLocalDays(today, 2)) };
    case 'week':
      return { from: today, to: startOfLocalDay(addLocalDays(today, 7)) };
    case 'overdue':
      return { to: now, overdue: true };
    case 'none':
      return { none: true };
  }
  const range = /^(.*)\.\.(.*)$/.exec(text);
  if (range) {
    const from = range[1] ? parseDateInput(range[1], now) : null;
    const to = range[2] ? parseDateInput(range[2], now) : null;
    if ((range[1] && !from) || (range[2] && !to) || (!from && !to))
      throw new UsageError(`--due: "${input}" is not a window; use ${DUE_FORMS}`);
    return {
      ...(from ? { from: startOfLocalDay(from.at) } : {}),
      ...(to ? { to: startOfLocalDay(addLocalDays(startOfLocalDay(to.at), 1)) } : {}),
    };
  }
  const day = parseDateInput(text, now);
  if (day)
    return { from: startOfLocalDay(day.at), to: startOfLocalDay(addLocalDays(startOfLocalDay(day.at), 1)) };
  throw new UsageError(`--due: "${input}" is not a window; use ${DUE_FORMS}`);
}
