import { RuleError } from '../errors.js';
import type { Task } from '../types.js';

/** R10: a hard deadline moves only with an explicit override and a reason, which history keeps. */
export function checkDeadlineMove(task: Task, newDeadline: Date | null, override: { force: boolean; reason: string | null }): void {
  if (!task.deadlineHard || task.deadline === null) return;
  if (newDeadline !== null && newDeadline.getTime() === task.deadline.getTime()) return;
  if (!override.force || !override.reason?.trim()) {
    throw new RuleError('R10', `task ${task.id} has a hard deadline; moving it needs --force --reason "why it moves"`);
  }
}
