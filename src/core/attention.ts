import { isOpen } from './status.js';
import { addLocalDays, localDayKey, startOfLocalDay } from './local-time.js';
import type { Task, TaskListRow } from './types.js';

/**
 * R37: the state a task's colour shows at a glance - red overdue, blue due today, green newly assigned
 * (not yet seen by its responsible). Overdue wins over due today, which wins over new.
 */
export type Attention = 'overdue' | 'due_today' | 'new' | null;

export function attentionOf(task: Pick<Task, 'status' | 'deadline' | 'seenAt'>, now: Date): Attention {
  return attentionAt(now)(task);
}

/** attentionOf for many tasks at one instant: today's day key is worked out once. */
export function attentionAt(now: Date): (task: Pick<Task, 'status' | 'deadline' | 'seenAt'>) => Attention {
  const nowMs = now.getTime();
  const today = localDayKey(now);
  return (task) => {
    if (!isOpen(task.status)) return null;
    if (task.deadline && task.deadline.getTime() < nowMs) return 'overdue';
    if (task.deadline && localDayKey(task.deadline) === today) return 'due_today';
    if (task.seenAt === null) return 'new';
    return null;
  };
}

/**
 * attentionAt for the rows of the list's table, whose deadline is epoch milliseconds: a deadline not yet
 * passed is due today when it comes before tomorrow's start (worked out once), with no Date per row.
 */
export function listRowAttentionAt(
  now: Date,
): (row: Pick<TaskListRow, 'status' | 'deadlineAt' | 'seen'>) => Attention {
  const nowMs = now.getTime();
  const tomorrow = startOfLocalDay(addLocalDays(now, 1)).getTime();
  return (row) => {
    if (!isOpen(row.status)) return null;
    if (row.deadlineAt !== null && row.deadlineAt < nowMs) return 'overdue';
    if (row.deadlineAt !== null && row.deadlineAt < tomorrow) return 'due_today';
    if (!row.seen) return 'new';
    return null;
  };
}
