import { UsageError } from './errors.js';
import { addLocalDays, startOfLocalDay } from './local-time.js';

export interface Period {
  from: Date;
  /** Exclusive: the start of the day after the last one. */
  to: Date;
}

export function periodOf(from: Date, toInclusive: Date): Period {
  const start = startOfLocalDay(from);
  const end = startOfLocalDay(addLocalDays(startOfLocalDay(toInclusive), 1));
  if (end <= start) throw new UsageError('--to must not be before --from');
  return { from: start, to: end };
}

/** Monday-to-Sunday week and calendar month around a day. */
export function weekOf(day: Date): Period {
  const start = startOfLocalDay(day);
  const monday = addLocalDays(start, -((start.getDay() + 6) % 7));
  return periodOf(monday, addLocalDays(monday, 6));
}

export function monthOf(day: Date): Period {
  const first = new Date(day.getFullYear(), day.getMonth(), 1);
  const last = new Date(day.getFullYear(), day.getMonth() + 1, 0);
  return periodOf(first, last);
}
