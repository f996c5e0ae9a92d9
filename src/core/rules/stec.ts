import { RuleError } from '../errors.js';
import { addLocalDays, endOfLocalDay } from '../local-time.js';
import type { Task } from '../types.js';

/** R12: a STEC task's deadline is today + 1 year. */
export function stecDeadline(now: Date): Date {
  return endOfLocalDay(addLocalDays(now, 365));
}

/** R14: pulling out of STEC needs a real deadline and planned time. */
export function checkPullHasPlan(task: Task, deadline: unknown, plannedMinutes: number | undefined): void {
  if (task.kind !== 'stec') throw new RuleError('R14', `task ${task.id} is not in the STEC backlog; only STEC tasks are pulled`);
  const missing = [deadline === undefined ? '--deadline' : null, plannedMinutes === undefined ? '--plan' : null].filter(Boolean);
  if (missing.length) {
    throw new RuleError('R14', `pulling a task out of STEC sets a real deadline and planned time: add ${missing.join(' and ')}`);
  }
}
