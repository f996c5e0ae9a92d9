import { RuleError } from '../errors.js';
import { startOfLocalDay } from '../local-time.js';
import type { Comment, Task, User } from '../types.js';
import { relationsAllow, type TaskRelation } from './permissions.js';

/** R27, R29, R38: the director (or the responsible's manager, up the chain) accepts, rates or returns the work. */
export function checkIsDirector(task: Task, relations: ReadonlySet<TaskRelation>, action: string): void {
  if (!relationsAllow(relations, 'review')) {
    throw new RuleError(
      'R27',
      `only the director of task ${task.id} (${task.director}) or ${task.responsible}'s manager may ${action} it`,
    );
  }
}

/** R27: accept and return apply to work awaiting control. */
export function checkAwaitingControl(task: Task, action: string): void {
  if (task.status !== 'awaiting_control') {
    throw new RuleError(
      'R27',
      `task ${task.id} is ${task.status.replace('_', ' ')}, not awaiting control; there is nothing to ${action}`,
    );
  }
}

/** R28: a transfer of progress is submitted on a task with accept-after-completion on. */
export function checkMaySubmitProgress(task: Task, actor: User): void {
  if (task.responsibleId !== actor.id) {
    throw new RuleError(
      'R28',
      `only the responsible of task ${task.id} (${task.responsible}) submits its progress`,
    );
  }
  if (!task.acceptRequired) {
    throw new RuleError(
      'R28',
      `task ${task.id} has no accept-after-completion flag; switch it on first: task edit ${task.id} --accept`,
    );
  }
}

/** R28: a transfer of progress is answered by returning the task, not by accepting it. */
export function checkNotProgressTransfer(task: Task, submission: Comment | undefined): void {
  if (submission?.kind === 'progress') {
    throw new RuleError(
      'R28',
      `task ${task.id} was submitted as a transfer of progress, not as finished work; answer and return it: task return ${task.id} --deadline tomorrow --comment "..."`,
    );
  }
}

/** R28: returned work gets a new deadline of today or later, otherwise the task is lost. */
export function checkReturnDeadline(deadline: Date | undefined, now: Date): Date {
  if (!deadline)
    throw new RuleError(
      'R28',
      'returning a task to work needs its new deadline: --deadline today or tomorrow',
    );
  if (deadline.getTime() < startOfLocalDay(now).getTime()) {
    throw new RuleError('R28', 'the new deadline of returned work must be today or later');
  }
  return deadline;
}

/** R29: a negative rating needs a comment with the reason. */
export function checkRating(mark: 'positive' | 'negative', comment: string | null): void {
  if (mark === 'negative' && !comment) {
    throw new RuleError(
      'R29',
      'a negative rating needs the reason: --comment "what was not done, which remarks repeated"',
    );
  }
}

/**
 * R27, R29: work awaiting its director's control is accepted (and rated) or returned - a `done` by the
 * director would close it unrated and put his text over the executor's result.
 */
export function checkNotClosingAwaitingControl(
  task: Pick<Task, 'id' | 'status' | 'responsible'>,
  actsAsDirector: boolean,
): void {
  if (task.status !== 'awaiting_control' || !actsAsDirector) return;
  throw new RuleError(
    'R29',
    `task ${task.id} awaits your control with ${task.responsible}'s result; accept and rate it (task accept ${task.id} --mark positive, or --mark negative --comment "why") or return it (task return ${task.id} --deadline tomorrow --comment "...")`,
  );
}

/** R29: a task its director set for someone else waits for his rating once it is completed. */
export function awaitsRating(task: Pick<Task, 'status' | 'mark' | 'directorId' | 'responsibleId'>): boolean {
  return task.status === 'completed' && task.mark === null && task.directorId !== task.responsibleId;
}

/** R30: a task with a remark its responsible has not answered is not deleted - the remark would vanish. */
export function checkNoOpenRemarks(
  task: Pick<Task, 'id' | 'responsible'>,
  openRemarkIds: readonly number[],
): void {
  if (openRemarkIds.length === 0) return;
  throw new RuleError(
    'R30',
    `task ${task.id} has ${openRemarkIds.length} remark(s) ${task.responsible} has not answered (comment ${openRemarkIds.join(', ')}); they answer first: task reply ${task.id} "..."`,
  );
}

/** R26: only the controlled task's director, or its responsible's manager, creates a Control task for it. */
export function checkMayCreateControl(
  controlled: Pick<Task, 'id' | 'director' | 'responsible'>,
  actsAsDirector: boolean,
): void {
  if (actsAsDirector) return;
  throw new RuleError(
    'R26',
    `only the director of task ${controlled.id} (${controlled.director}) or ${controlled.responsible}'s manager creates a Control task for it`,
  );
}

/** R26: a Control task is not closed before the task it controls. */
export function checkControlClose(
  task: Pick<Task, 'id' | 'kind'>,
  closing: boolean,
  openControlled: readonly number[],
): void {
  if (task.kind !== 'control' || !closing || openControlled.length === 0) return;
  throw new RuleError(
    'R26',
    `Control task ${task.id} is not closed before the task it controls (${openControlled.join(', ')}) is closed`,
  );
}
