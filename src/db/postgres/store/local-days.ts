import { addLocalDays, localDayKey, startOfLocalDay } from '../../../core/local-time.js';
import { idArray, textArray } from './time-rows.js';

/**
 * The local days of [from, to) as the program's own calendar (its TZ, DST included) has them: `keys[i]`
 * begins at `bounds[i]` and ends at `bounds[i + 1]` (one more bound than keys). On the server,
 * `width_bucket(instant, bounds)` is then the 1-based number of the instant's day (0 before the first,
 * keys.length + 1 after the last) - the server never needs to know the program's time zone.
 */
export interface LocalDays {
  keys: string[];
  bounds: number[];
}

export function localDaysOf(from: Date, to: Date): LocalDays {
  const keys: string[] = [];
  const bounds: number[] = [];
  let day = startOfLocalDay(from);
  for (; day < to; day = startOfLocalDay(addLocalDays(day, 1))) {
    keys.push(localDayKey(day));
    bounds.push(day.getTime());
  }
  bounds.push(day.getTime());
  return { keys, bounds };
}

/** The days as two array parameters: `$n::bigint[]` (bounds) and `$m::text[]` (keys). */
export function localDaysParams(days: LocalDays): [string, string] {
  return [idArray(days.bounds), textArray(days.keys)];
}

/**
 * R34, R36: SQL for the status task `t` had at the instant `at` (a column or parameter): the last status
 * change before it, else the first change's old value after it, else the status it has now.
 */
export function statusAtSql(t: string, at: string): string {
  return `coalesce(
    (SELECT h.new_value FROM history h WHERE h.task_id = ${t}.id AND h.field = 'status' AND h.at < ${at} ORDER BY h.at DESC, h.id DESC LIMIT 1),
    (SELECT h.old_value FROM history h WHERE h.task_id = ${t}.id AND h.field = 'status' AND h.at >= ${at} ORDER BY h.at, h.id LIMIT 1),
    ${t}.status)`;
}
