import { endOfMonth } from 'date-fns/endOfMonth';
import { endOfWeek } from 'date-fns/endOfWeek';
import { endOfYear } from 'date-fns/endOfYear';
import { lastDayOfMonth } from 'date-fns/lastDayOfMonth';
import { lastDayOfYear } from 'date-fns/lastDayOfYear';
import { startOfMonth } from 'date-fns/startOfMonth';
import { startOfWeek } from 'date-fns/startOfWeek';
import { startOfYear } from 'date-fns/startOfYear';
import { subMonths } from 'date-fns/subMonths';
import { subWeeks } from 'date-fns/subWeeks';
import { subYears } from 'date-fns/subYears';
import { UsageError } from './errors.js';
import { addLocalDays, startOfLocalDay } from './local-time.js';
import type { Store } from './store.js';

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

/** Weeks start on Monday (ISO 8601), as in Taskwarrior's `sow`. */
const MONDAY = { weekStartsOn: 1 } as const;

/** Monday-to-Sunday week and calendar month around a day. */
export function weekOf(day: Date): Period {
  return periodOf(startOfWeek(day, MONDAY), endOfWeek(day, MONDAY));
}

export function monthOf(day: Date): Period {
  return periodOf(startOfMonth(day), endOfMonth(day));
}

export function yearOf(day: Date): Period {
  return periodOf(startOfYear(day), endOfYear(day));
}

/** The day a range hint is about, and the period it spans (null: that day alone). */
export interface RangeHint {
  day: Date;
  period: Period | null;
}

const RANGE_HINTS: Readonly<Record<string, (now: Date) => RangeHint>> = {
  today: (now) => ({ day: now, period: null }),
  day: (now) => ({ day: now, period: null }),
  yesterday: (now) => ({ day: addLocalDays(now, -1), period: null }),
  week: (now) => ({ day: now, period: weekOf(now) }),
  lastweek: (now) => ({ day: subWeeks(now, 1), period: weekOf(subWeeks(now, 1)) }),
  month: (now) => ({ day: now, period: monthOf(now) }),
  lastmonth: (now) => {
    const day = lastDayOfMonth(subMonths(now, 1));
    return { day, period: monthOf(day) };
  },
  year: (now) => ({ day: now, period: yearOf(now) }),
  lastyear: (now) => {
    const day = lastDayOfYear(subYears(now, 1));
    return { day, period: yearOf(day) };
  },
};

/** A period as a command asks for it: known days, or `:all` - the whole history, whose start the store knows. */
export type AskedPeriod = Period | 'all';

/** What a range hint names before the store is asked: `:all` waits for it. */
export type NamedRange = RangeHint | { day: Date; period: 'all' };

/**
 * Timewarrior's range hints (`timew summary :week`): what a `:word` names, or undefined for any other
 * word. `:all` is the whole history, from the first tracked time to today (`askedPeriod` asks the store
 * when that was); without `all`, `:all` is no hint.
 */
export function namedRange(word: string | undefined, now: Date, all = true): NamedRange | undefined {
  if (word === undefined || !word.startsWith(':')) return undefined;
  const name = word.slice(1).toLowerCase();
  if (name === 'all' && all) return { day: now, period: 'all' };
  const hint = RANGE_HINTS[name];
  if (!hint)
    throw new UsageError(
      `${word} is not a range hint; use ${[...Object.keys(RANGE_HINTS), ...(all ? ['all'] : [])].map((h) => `:${h}`).join(', ')}`,
    );
  return hint(now);
}

/** The days of an asked period: `:all` runs from the first tracked time (or now, when none is) to now. */
export function askedPeriod(
  ctx: { now: Date; store: Pick<Store, 'firstEntryStart'> },
  asked: AskedPeriod,
): Period {
  return asked === 'all' ? periodOf(ctx.store.firstEntryStart() ?? ctx.now, ctx.now) : asked;
}

/** A range hint with `:all` known at once from the store (or, without a store, no hint). */
export function rangeHint(
  word: string | undefined,
  now: Date,
  store?: Pick<Store, 'firstEntryStart'>,
): RangeHint | undefined {
  const named = namedRange(word, now, store !== undefined);
  if (named?.period !== 'all') return named;
  return { day: named.day, period: askedPeriod({ now, store: store! }, 'all') };
}
