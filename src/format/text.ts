import { formatMinutes, secondsToMinutes } from '../core/duration.js';
import { addLocalDays, formatLocalDateTime, formatLocalTime, localDayKey } from '../core/local-time.js';
import { statusLabel } from '../core/status.js';
import type { Task } from '../core/types.js';

/** Small text helpers shared by the human renderers. */

export function deadlineText(task: Pick<Task, 'deadline' | 'deadlineAllDay'>, now: Date): string {
  if (!task.deadline) return '';
  const day = localDayKey(task.deadline);
  const today = localDayKey(now);
  const label = day === today ? 'today' : day === localDayKey(addLocalDays(now, 1)) ? 'tomorrow' : day === localDayKey(addLocalDays(now, -1)) ? 'yesterday' : day;
  return task.deadlineAllDay ? label : `${label} ${formatLocalTime(task.deadline)}`;
}

export function spentText(seconds: number): string {
  return formatMinutes(secondsToMinutes(seconds));
}

export function planText(minutes: number | null): string {
  return minutes === null ? '-' : formatMinutes(minutes);
}

export { formatLocalDateTime, statusLabel };
