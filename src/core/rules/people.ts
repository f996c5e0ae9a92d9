import type { Policy } from '../policy.js';
import { RuleError } from '../errors.js';
import type { Task, User } from '../types.js';
import { relationsAllow, type TaskRelation } from './permissions.js';

/** R2: co-executors are forbidden unless company policy allows them (R39). */
export function checkCoExecutors(names: readonly string[], policy: Pick<Policy, 'allowCoExecutors'>): void {
  if (names.length > 0 && !policy.allowCoExecutors) {
    throw new RuleError(
      'R2',
      'co-executors are forbidden: time on a task counts for its one responsible only; make a separate task for each person (company policy: allowCoExecutors is off; task policy)',
    );
  }
}

/** R3: observers are accepted, with a reminder that they need a real reason. */
export function observerWarning(names: readonly string[]): string | null {
  if (names.length === 0) return null;
  return `R3: observers (${names.join(', ')}) only on someone's instruction or real need; habitual observing shows up in team reports`;
}

/** R2: tracked time counts for the task's responsible only. */
export function checkMayTrackTime(task: Task, actor: User): void {
  if (task.responsibleId !== actor.id) {
    throw new RuleError(
      'R2',
      `task ${task.id} is ${task.responsible}'s; time is tracked only by a task's responsible - create your own task for your part of the work`,
    );
  }
}

/** R1, R27, R38: a task is closed by its responsible, its director or the responsible's manager. */
export function checkMayClose(task: Task, relations: ReadonlySet<TaskRelation>): void {
  if (!relationsAllow(relations, 'work')) {
    throw new RuleError(
      'R38',
      `task ${task.id} can be closed only by its responsible (${task.responsible}), its director (${task.director}) or ${task.responsible}'s manager`,
    );
  }
}

/** R38: deleting or restoring a task is its director's (or the responsible's manager's) decision. */
export function checkMayDelete(task: Task, relations: ReadonlySet<TaskRelation>, action = 'delete'): void {
  if (!relationsAllow(relations, 'define')) {
    throw new RuleError(
      'R38',
      `only the director of task ${task.id} (${task.director}) or ${task.responsible}'s manager may ${action} it`,
    );
  }
}

/**
 * R2: a handover while the old responsible's timer runs on the task stops that timer at the handover, so
 * their time stays theirs and none is counted on the new person's task. True when a timer must stop.
 */
export function handoverStopsTimers(
  beforeResponsibleId: number,
  afterResponsibleId: number,
  runningTimerUserIds: readonly number[],
): boolean {
  return beforeResponsibleId !== afterResponsibleId && runningTimerUserIds.length > 0;
}

/**
 * R32 after a handover: the time a responsible explains is their own - the minutes of earlier holders of
 * the task are theirs, not the new responsible's.
 */
export function ownSeconds(
  entries: readonly { userId: number; seconds: number }[],
  responsibleId: number,
): number {
  return entries.filter((e) => e.userId === responsibleId).reduce((sum, e) => sum + e.seconds, 0);
}
