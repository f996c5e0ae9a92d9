import { UsageError } from './errors.js';

/**
 * The current instant. REGULA_NOW fixes it for one invocation (tests, back-filling); a value without an
 * offset is local time, as a user would type it.
 */
export function resolveNow(fixed: string | undefined, realNow: () => Date = () => new Date()): Date {
  if (fixed === undefined || fixed.trim() === '') return realNow();
  const parsed = parseInstant(fixed.trim());
  if (parsed === null) {
    throw new UsageError(
      `REGULA_NOW: cannot read "${fixed}"; use an ISO date-time such as 2026-11-27T09:00 (local) or 2026-11-27T08:00:00Z`,
    );
  }
  return parsed;
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/;

/** Reads an ISO date-time; with an explicit offset or Z it is absolute, otherwise local time. */
export function parseInstant(text: string): Date | null {
  const local = LOCAL_DATE_TIME.exec(text);
  if (local) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', ms = '0'] = local;
    const date = new Date(+y!, +mo! - 1, +d!, +h, +mi, +s, +ms.padEnd(3, '0'));
    return isRealLocalDate(date, +y!, +mo!, +d!) ? date : null;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Rejects dates such as 2026-02-30 that Date would silently roll over. */
export function isRealLocalDate(date: Date, year: number, month: number, day: number): boolean {
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day;
}
