import { RuleError } from '../errors.js';
import { addLocalDays, endOfLocalDay } from '../local-time.js';
import type { TaskStatus } from '../status.js';
import type { Priority, Task } from '../types.js';

/** R12: a STEC task's deadline is today + 1 year. */
export function stecDeadline(now: Date): Date {
  return endOfLocalDay(addLocalDays(now, 365));
}

/** R12, R11: however it is entered, a backlog item waits a year away with the default (medium) priority. */
export function stecDefaults(now: Date): { deadline: Date; priority: Priority } {
  return { deadline: stecDeadline(now), priority: 'medium' };
}

/** R14: pulling out of STEC needs a real deadline and planned time. */
export function checkPullHasPlan(task: Task, deadline: unknown, plannedMinutes: number | undefined): void {
  if (task.kind !== 'stec')
    throw new RuleError('R14', `task ${task.id} is not in the STEC backlog; only STEC tasks are pulled`);
  const missing = [
    deadline === undefined ? '--deadline' : null,
    plannedMinutes === undefined ? '--plan' : null,
  ].filter(Boolean);
  if (missing.length) {
    throw new RuleError(
      'R14',
      `pulling a task out of STEC sets a real deadline and planned time: add ${missing.join(' and ')}`,
    );
  }
}

const WORKED: readonly TaskStatus[] = ['in_progress', 'awaiting_control', 'completed'];

/** R12, R14: a backlog item is not started, timed or closed until it is pulled out. */
export function checkNotInBacklog(task: Pick<Task, 'id' | 'kind'>, what: string): void {
  if (task.kind !== 'stec') return;
  throw new RuleError(
    'R12',
    `task ${task.id} waits in the STEC backlog and is not ${what} until pulled out: task stec pull ${task.id} --project NAME --deadline DATE --plan 30m`,
  );
}

/** R12: the status changes a backlog item may not make (it is not started or closed in the backlog). */
export function checkBacklogStatus(task: Pick<Task, 'id' | 'kind'>, to: TaskStatus): void {
  if (WORKED.includes(to)) checkNotInBacklog(task, to === 'in_progress' ? 'started' : 'closed');
}

/** R12: no time goes onto a backlog item and no timer runs on it (time an older database holds stays as it is). */
export function checkBacklogNotTimed(
  task: Pick<Task, 'id' | 'kind'>,
  trackedBefore: number,
  trackedAfter: number,
  runningTimers: number,
): void {
  if (task.kind !== 'stec' || (trackedAfter <= trackedBefore && runningTimers === 0)) return;
  checkNotInBacklog(task, 'timed');
}
