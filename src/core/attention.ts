import { isOpen } from './status.js';
import { localDayKey } from './local-time.js';
import type { Task } from './types.js';

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
