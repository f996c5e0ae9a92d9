import { addLocalDays, localDayKey, startOfLocalDay } from '../../../core/local-time.js';
import { arrayLiteral } from './params.js';

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
  return [arrayLiteral(days.bounds), arrayLiteral(days.keys)];
}

/**
 * R36: SQL (a LATERAL join, alias `changes`) for the status changes of task `t` in the order they were
 * made: their instants (`changes.ats`), old and new values - read once per task, however many instants
 * its status is then asked at (statusAtSql).
 */
export function statusChangesSql(t: string): string {
  return `LEFT JOIN LATERAL (
    SELECT array_agg(h.at ORDER BY h.at, h.id) AS ats, array_agg(h.old_value ORDER BY h.at, h.id) AS olds,
           array_agg(h.new_value ORDER BY h.at, h.id) AS news
      FROM history h WHERE h.task_id = ${t}.id AND h.field = 'status') changes ON true`;
}

/**
 * R34, R36: SQL for the status a task had at the instant `at`, from a row `row` holding its status
 * changes (statusChangesSql: ats, olds, news) and its status now: the last change before `at`, else the
 * first change's old value from `at` on, else the status it has now. width_bucket(at - 1, ats) counts
 * the changes made before `at` (instants are whole milliseconds).
 */
export function statusAtSql(row: string, at: string): string {
  const before = `width_bucket(${at} - 1, ${row}.ats)`;
  return `coalesce(${row}.news[${before}], ${row}.olds[${before} + 1], ${row}.status)`;
}
