/**
 * Local-calendar helpers. Instants are stored in UTC; days, plans and reports are computed in the local
 * time zone (TZ). Built on the Date constructor's local fields, which follow DST rules, so a day may be
 * 23 or 25 hours long.
 */

/** A local calendar day as YYYY-MM-DD. */
export type LocalDay = string;

export function startOfLocalDay(at: Date): Date {
  return new Date(at.getFullYear(), at.getMonth(), at.getDate());
}

export function addLocalDays(at: Date, days: number): Date {
  return new Date(at.getFullYear(), at.getMonth(), at.getDate() + days, at.getHours(), at.getMinutes(), at.getSeconds(), at.getMilliseconds());
}

/** The last millisecond of the local day: an all-day deadline falls here. */
export function endOfLocalDay(at: Date): Date {
  return new Date(startOfLocalDay(addLocalDays(at, 1)).getTime() - 1);
}

export function localDayKey(at: Date): LocalDay {
  return `${at.getFullYear()}-${pad2(at.getMonth() + 1)}-${pad2(at.getDate())}`;
}

export function dayStartFromKey(day: LocalDay): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
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
