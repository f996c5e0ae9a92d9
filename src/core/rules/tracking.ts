import { RuleError } from '../errors.js';
import type { Task } from '../types.js';
import { checkNotInBacklog } from './stec.js';

/** R16 / R8: timers run only on tasks that track time; a compound task's time is its subtasks'. */
export function checkTracksTime(task: Task): void {
  checkNotInBacklog(task, 'timed'); // R12
  if (task.kind === 'general') {
    throw new RuleError(
      'R16',
      `task ${task.id} is a compound (General) task and tracks no time itself; start one of its subtasks (task show ${task.id})`,
    );
  }
  if (!task.timeTracking) {
    throw new RuleError(
      'R8',
      `task ${task.id} has time tracking off; switch it on with: task edit ${task.id} --tracking on`,
    );
  }
}
