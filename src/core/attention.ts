import { isOpen } from './status.js';
import { localDayKey } from './local-time.js';
import type { Task } from './types.js';

/**
 * R37: the state a task's colour shows at a glance - red overdue, blue due today, green newly assigned
 * (not yet seen by its responsible). Overdue wins over due today, which wins over new.
 */
export type Attention = 'overdue' | 'due_today' | 'new' | null;

export function attentionOf(task: Pick<Task, 'status' | 'deadline' | 'seenAt'>, now: Date): Attention {
  if (!isOpen(task.status)) return null;
  if (task.deadline && task.deadline.getTime() < now.getTime()) return 'overdue';
  if (task.deadline && localDayKey(task.deadline) === localDayKey(now)) return 'due_today';
  if (task.seenAt === null) return 'new';
  return null;
}
