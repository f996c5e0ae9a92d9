import { UsageError } from './errors.js';

export const DURATION_FORMS = '25m, 1h, 1h30m, 1.5h, 1:30 or a number of minutes';
/** The longest duration (a plan, a correction) regula accepts: 1000 hours. */
export const MAX_PLANNED_MINUTES = 1000 * 60;

/**
 * Parses a duration as people type it into whole minutes, or returns null. Accepted: `25m`, `1h`,
 * `1h30m`, `1.5h`, `1:30`, `90` (minutes).
 */
export function parseDurationMinutes(input: string): number | null {
  const text = input.trim().toLowerCase().replace(/\s+/g, '');
  const minutes = minutesOfDurationText(text);
  if (minutes === null || !Number.isFinite(minutes) || minutes > MAX_PLANNED_MINUTES) return null;
  return minutes;
}

/** The minutes a normalised duration text names, unchecked against the limit; null when it names none. */
function minutesOfDurationText(text: string): number | null {
  let match = /^(\d+)$/.exec(text);
  if (match) return Number(match[1]);
  match = /^(\d+):([0-5]\d)$/.exec(text);
  if (match) return Number(match[1]) * 60 + Number(match[2]);
  match = /^(\d+(?:\.\d+)?)h$/.exec(text);
  if (match) return Math.round(Number(match[1]) * 60);
  match = /^(?:(\d+)h)?(?:(\d+)m(?:in)?)?$/.exec(text);
  if (match && (match[1] ?? match[2]) !== undefined)
    return Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0);
  return null;
}

/** Parses a duration given to a flag; a bad value is a UsageError naming the flag. */
export function durationFromFlag(flag: string, input: string, { allowZero = false } = {}): number {
  const minutes = parseDurationMinutes(input);
  if (minutes === null || (!allowZero && minutes === 0)) {
    throw new UsageError(
      `${flag}: "${input}" is not a duration; use ${DURATION_FORMS}${allowZero ? '' : ' (more than zero)'}`,
    );
  }
  return minutes;
}

/** 95 -> "1h35m", 60 -> "1h", 5 -> "5m", 0 -> "0m". */
export function formatMinutes(minutes: number): string {
  const sign = minutes < 0 ? '-' : '';
  const total = Math.abs(Math.round(minutes));
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (hours === 0) return `${sign}${rest}m`;
  return rest === 0 ? `${sign}${hours}h` : `${sign}${hours}h${String(rest).padStart(2, '0')}m`;
}

/** Minutes as an ISO 8601 duration, as Taskwarrior writes a duration UDA: 90 -> "PT1H30M", 0 -> "PT0S". */
export function isoDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (minutes <= 0) return 'PT0S';
  return `PT${hours ? `${hours}H` : ''}${rest ? `${rest}M` : ''}`;
}

/**
 * A Taskwarrior duration UDA's value in whole minutes, or null: ISO 8601 (`PT1H30M`, `P1DT2H`, `P1W`),
 * a bare number (Taskwarrior keeps durations as seconds), or regula's own forms (`1h30m`).
 */
export function parseTaskwarriorDuration(value: string | number): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value / 60) : null;
  const text = value.trim().toUpperCase();
  const iso = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (iso && text !== 'P' && !text.endsWith('T')) {
    const [weeks, days, hours, minutes, seconds] = iso.slice(1).map((part) => Number(part ?? 0)) as [
      number,
      number,
      number,
      number,
      number,
    ];
    return ((weeks * 7 + days) * 24 + hours) * 60 + minutes + Math.round(seconds / 60);
  }
  if (/^\d+$/.test(text)) return Math.round(Number(text) / 60);
  return parseDurationMinutes(value);
}

/** Elapsed seconds -> whole minutes, the unit every view and JSON shape uses. */
export function secondsToMinutes(seconds: number): number {
  return Math.floor(seconds / 60);
}
