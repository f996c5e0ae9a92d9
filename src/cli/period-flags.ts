import { UsageError } from '../core/errors.js';
import { monthOf, type NamedRange, namedRange, periodOf, weekOf, type Period } from '../core/period.js';
import * as flag from './flags.js';

/** `--week`, `--month`, `--from D [--to D]` as given to report and time list. */
export interface PeriodFlags {
  week?: boolean;
  month?: boolean;
  from?: string;
  to?: string;
}

/** The period the flags name around `day`, or null when they name none (a single day). */
export function periodFromFlags(options: PeriodFlags, day: Date, now: Date): Period | null {
  if (options.to !== undefined && options.from === undefined) throw new UsageError('--to needs --from');
  const named = [
    options.week && '--week',
    options.month && '--month',
    options.from !== undefined && '--from',
  ].filter(Boolean);
  if (named.length > 1) throw new UsageError(`${named.join(' and ')} name different periods; give one`);
  if (options.week) return weekOf(day);
  if (options.month) return monthOf(day);
  if (options.from === undefined) return null;
  const to = options.to !== undefined ? flag.deadline(options.to, now, '--to').at : now;
  return periodOf(flag.deadline(options.from, now, '--from').at, to);
}

/**
 * The day and period a command names: a date (`2026-11-20`, `yesterday`) or Timewarrior's range hint
 * (`:week`, `:lastmonth`, `:all`), with the period flags. No date: today. Pure: `:all` stays asked
 * (`askedPeriod` in core finds its first day).
 */
export function namedDays(
  dateText: string | undefined,
  options: PeriodFlags,
  now: Date,
  label = 'DATE',
): NamedRange {
  const hint = namedRange(dateText, now);
  if (!hint) {
    const day = dateText !== undefined ? flag.deadline(dateText, now, label).at : now;
    return { day, period: periodFromFlags(options, day, now) };
  }
  const flags = [
    options.week && '--week',
    options.month && '--month',
    options.from !== undefined && '--from',
    options.to !== undefined && '--to',
  ].filter(Boolean);
  if (flags.length)
    throw new UsageError(`${dateText} and ${flags.join(' and ')} name different periods; give one`);
  return hint;
}
