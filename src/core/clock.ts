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
      `REGULA_NOW: cannot read "${fixed}"; use an ISO date-time such as 2026-11-27T09:00 (local) or 2026-11-27T08:00:00Z (a real day and time between ${FIRST_YEAR} and ${LAST_YEAR}, not one skipped by a clock change)`,
    );
  }
  return parsed;
}

/**
 * Refuses a TZ that names no time zone: the runtime would silently use UTC and every local day would be
 * wrong (issue 21). Empty or unset TZ is the system's zone; a leading ":" (POSIX) is allowed.
 */
export function checkTimeZone(tz: string | undefined): void {
  if (tz === undefined || tz === '') return;
  const name = tz.replace(/^:/, '').replace(/^.*\/zoneinfo\//, '');
  // Every command runs this: a DateTimeFormat costs ~25 ms cold (its locale data), the runtime's list of
  // zone names ~2 ms - so the list answers the usual names, and the runtime itself only the rest (aliases
  // such as Asia/Calcutta, other spellings) and the unknown (docs/performance.md).
  if (UNIVERSAL_ZONES.has(name) || knownZoneNames().has(name)) return;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
  } catch {
    throw new UsageError(
      `TZ: "${tz}" is not a time zone this system knows; use a name such as Europe/Berlin or UTC, or unset TZ for the system's zone`,
    );
  }
}

const UNIVERSAL_ZONES = new Set(['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT']);
let zoneNames: Set<string> | undefined;

/** The canonical IANA zone names the runtime knows (not its aliases, nor UTC). */
function knownZoneNames(): Set<string> {
  zoneNames ??= new Set(Intl.supportedValuesOf('timeZone'));
  return zoneNames;
}

/** Instants regula reads from people and files lie in these years; anything else is a typo or a forgery. */
export const FIRST_YEAR = 1970;
export const LAST_YEAR = 2199;
/** The first instant after LAST_YEAR. */
export const END_OF_LAST_YEAR = Date.UTC(LAST_YEAR + 1, 0, 1);

const COMPACT_UTC = /^\d{8}T\d{6}Z$/;

/**
 * Taskwarrior's and Timewarrior's compact UTC form (20260105T083000Z) as a checked instant, or null - the
 * answer parseInstant gives for its ISO spelling, without building that text and matching it twice (a
 * history import reads 100,000 of them).
 */
export function parseCompactUtc(text: string): Date | null {
  if (!COMPACT_UTC.test(text)) return null;
  const [y, mo, d, h, mi, s] = [
    +text.slice(0, 4),
    +text.slice(4, 6),
    +text.slice(6, 8),
    +text.slice(9, 11),
    +text.slice(11, 13),
    +text.slice(13, 15),
  ];
  if (!isRealDateTime(y, mo, d, h, mi, s)) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  return inSaneYears(utc) ? new Date(utc) : null;
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/;
const OFFSET_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-](\d{2}):?(\d{2}))$/i;

/**
 * Reads an ISO date-time; with an explicit offset or Z it is absolute, otherwise local time. Null for
 * what is not a real day and time - 2026-02-30, 24:00, a local time skipped by a clock change (02:30 on
 * the day clocks go forward) - and for years outside FIRST_YEAR..LAST_YEAR: `Date` would roll them over
 * silently (issue 21).
 */
export function parseInstant(text: string): Date | null {
  const local = LOCAL_DATE_TIME.exec(text);
  if (local) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', ms = '0'] = local;
    return local[4] === undefined
      ? localDay(+y!, +mo!, +d!)
      : localDateTime(+y!, +mo!, +d!, +h, +mi, +s, +ms.padEnd(3, '0'));
  }
  const absolute = OFFSET_DATE_TIME.exec(text);
  if (!absolute) return null;
  const [, y, mo, d, h, mi, s = '0', fraction = '0', zone, offsetHours = '0', offsetMinutes = '0'] = absolute;
  if (!isRealDateTime(+y!, +mo!, +d!, +h!, +mi!, +s) || +offsetHours > 23 || +offsetMinutes > 59) return null;
  const sign = zone!.startsWith('-') ? -1 : 1;
  const offsetMs = zone!.toUpperCase() === 'Z' ? 0 : sign * (+offsetHours * 60 + +offsetMinutes) * 60_000;
  const utc =
    Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s, Math.floor(Number(`0.${fraction}`) * 1000)) - offsetMs;
  return inSaneYears(utc) ? new Date(utc) : null;
}

/** A local date and time that exists as written (no roll-over, not skipped by DST), in the sane years; or null. */
export function localDateTime(
  year: number,
  month: number,
  day: number,
  hours = 0,
  minutes = 0,
  seconds = 0,
  ms = 0,
): Date | null {
  if (!isRealDateTime(year, month, day, hours, minutes, seconds)) return null;
  const date = new Date(year, month - 1, day, hours, minutes, seconds, ms);
  if (!isRealLocalDate(date, year, month, day) || date.getHours() !== hours || date.getMinutes() !== minutes)
    return null;
  return inSaneYears(date.getTime()) ? date : null;
}

/** The start of a real local day in the sane years (where midnight is skipped, the day's first hour); or null. */
export function localDay(year: number, month: number, day: number): Date | null {
  if (!isRealDateTime(year, month, day)) return null;
  const date = new Date(year, month - 1, day);
  return isRealLocalDate(date, year, month, day) && inSaneYears(date.getTime()) ? date : null;
}

/** The calendar and the clock allow it: month 1-12, a day the month has, 00:00:00-23:59:59. */
export function isRealDateTime(
  year: number,
  month: number,
  day: number,
  hours = 0,
  minutes = 0,
  seconds = 0,
): boolean {
  if (month < 1 || month > 12 || day < 1 || hours > 23 || minutes > 59 || seconds > 59) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function inSaneYears(ms: number): boolean {
  return Number.isFinite(ms) && ms >= Date.UTC(FIRST_YEAR, 0, 1) - 14 * 3_600_000 && ms < END_OF_LAST_YEAR;
}

/** Rejects dates such as 2026-02-30 that Date would silently roll over. */
export function isRealLocalDate(date: Date, year: number, month: number, day: number): boolean {
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day;
}
