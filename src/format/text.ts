import { formatMinutes, secondsToMinutes } from '../core/duration.js';
import { addLocalDays, formatLocalDateTime, formatLocalTime, localDayKey } from '../core/local-time.js';
import { statusLabel } from '../core/status.js';
import type { Task } from '../core/types.js';

/** Small text helpers shared by the human renderers. */

/**
 * Today, tomorrow and yesterday per clock, for the time zone they were computed in: the tests run
 * commands in one process under several zones (as core/local-time.ts's day starts).
 */
const relativeDays = new Map<number, Map<string, string>>();
let relativeDaysZone: string | undefined;

/** Today, tomorrow and yesterday as day keys for `now` (computed once per clock, not per row). */
function relativeDayNames(now: Date): Map<string, string> {
  if (relativeDaysZone !== process.env.TZ) {
    relativeDays.clear();
    relativeDaysZone = process.env.TZ;
  }
  let names = relativeDays.get(now.getTime());
  if (!names) {
    names = new Map([
      [localDayKey(now), 'today'],
      [localDayKey(addLocalDays(now, 1)), 'tomorrow'],
      [localDayKey(addLocalDays(now, -1)), 'yesterday'],
    ]);
    relativeDays.set(now.getTime(), names);
  }
  return names;
}

export function deadlineText(task: Pick<Task, 'deadline' | 'deadlineAllDay'>, now: Date): string {
  if (!task.deadline) return '';
  const day = localDayKey(task.deadline);
  const label = relativeDayNames(now).get(day) ?? day;
  return task.deadlineAllDay ? label : `${label} ${formatLocalTime(task.deadline)}`;
}

export function spentText(seconds: number): string {
  return formatMinutes(secondsToMinutes(seconds));
}

export function planText(minutes: number | null): string {
  return minutes === null ? '-' : formatMinutes(minutes);
}

/** Cuts text to a width with an ellipsis, never wrapping. */
export function truncate(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  return width <= 1 ? '…' : `${chars.slice(0, width - 1).join('')}…`;
}

export { formatLocalDateTime, statusLabel };

/** Ids in ascending order written as Taskwarrior's `ids` does: runs as ranges, `1-3 7 9-10`. */
export function idRanges(ids: readonly number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < ids.length; ) {
    let end = i;
    while (end + 1 < ids.length && ids[end + 1] === ids[end]! + 1) end++;
    runs.push(end === i ? String(ids[i]) : `${ids[i]}-${ids[end]}`);
    i = end + 1;
  }
  return runs.join(' ');
}
