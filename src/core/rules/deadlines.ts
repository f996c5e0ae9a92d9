import { RuleError } from '../errors.js';
import type { Task } from '../types.js';

/** How the acting person stands to a task (R38 decides who may do what; the rules here ask only this). */
export interface ActorRelation {
  isResponsible: boolean;
  isDirector: boolean;
  /** The responsible's manager, or theirs up the chain: may act as the director (R38). */
  isResponsiblesManager: boolean;
}

export const actsAsDirector = (relation: ActorRelation): boolean =>
  relation.isDirector || relation.isResponsiblesManager;

/** True when the deadline moves later (removing it is the latest move of all); bringing it earlier is not a postponement. */
export function movesLater(before: Date | null, after: Date | null): boolean {
  if (before === null) return false;
  return after === null || after.getTime() > before.getTime();
}

/**
 * R10: the responsible never postpones a hard deadline, by any path; only the director (or the
 * responsible's manager acting as one, R38) moves it later, with a reason that history keeps. Bringing it
 * earlier is always allowed. Making it soft or removing it is a postponement too.
 */
export function checkDeadlineMove(
  task: Pick<Task, 'id' | 'deadline' | 'deadlineHard' | 'director'>,
  newDeadline: Date | null,
  override: { force: boolean; reason: string | null },
  relation: ActorRelation = { isResponsible: false, isDirector: true, isResponsiblesManager: false },
): void {
  if (!task.deadlineHard || task.deadline === null) return;
  if (!movesLater(task.deadline, newDeadline)) return;
  if (!actsAsDirector(relation)) {
    throw new RuleError(
      'R10',
      `task ${task.id} has a hard deadline; only its director (${task.director}) moves it later - ask them, or bring the deadline earlier`,
    );
  }
  if (!override.force || !override.reason?.trim()) {
    throw new RuleError(
      'R10',
      `task ${task.id} has a hard deadline; moving it needs --force --reason "why it moves"`,
    );
  }
}

/**
 * R10 on the final state: a hard deadline moved later, made soft or removed has its reason kept (the
 * history row's note, or the command's --reason). Who may do it is the gate's permission check (R38).
 */
export function checkHardDeadlineMoveRecorded(
  before: Pick<Task, 'id' | 'deadline' | 'deadlineHard'>,
  after: Pick<Task, 'deadline' | 'deadlineHard'>,
  reason: string | null,
): void {
  if (!before.deadlineHard || before.deadline === null) return;
  if (!movesLater(before.deadline, after.deadlineHard ? after.deadline : null)) return;
  if (reason?.trim()) return;
  throw new RuleError(
    'R10',
    `task ${before.id} has a hard deadline; moving it later, making it soft or removing it needs its director's reason: --force --reason "why it moves"`,
  );
}

/**
 * R24: once more than the threshold was spent on an open task, its deadline moves later only through a
 * continuation "(Part N)" - so the day's report shows the unfinished part, not a silently moved date.
 */
export function checkDeadlineMoveNeedsContinuation(
  task: Pick<Task, 'id' | 'deadline' | 'status'>,
  newDeadline: Date | null,
  spentSeconds: number,
  thresholdMinutes: number,
): void {
  if (task.status === 'completed' || task.status === 'declined') return;
  if (!movesLater(task.deadline, newDeadline) || spentSeconds <= thresholdMinutes * 60) return;
  throw new RuleError(
    'R24',
    `task ${task.id} was worked on for ${Math.round(spentSeconds / 60)} min (over ${thresholdMinutes}); its deadline moves later only through a continuation: task continue ${task.id} --deadline DATE`,
  );
}

/**
 * R24, R10: a continuation's deadline. It never pulls a later deadline earlier and never moves a hard
 * deadline; without one asked for, it is the next working day or the task's own later deadline.
 */
export function continuationDeadline(
  task: Pick<Task, 'id' | 'deadline' | 'deadlineHard'>,
  requested: Date | undefined,
  nextWorkingDay: Date,
): Date {
  const current = task.deadline;
  if (requested === undefined) {
    if (current === null) return nextWorkingDay;
    if (task.deadlineHard || current.getTime() > nextWorkingDay.getTime()) return current;
    return nextWorkingDay;
  }
  if (current !== null && requested.getTime() < current.getTime()) {
    throw new RuleError(
      'R24',
      `a continuation never pulls a later deadline earlier: task ${task.id} is due later than asked; leave --deadline out to keep it`,
    );
  }
  if (task.deadlineHard && current !== null && requested.getTime() > current.getTime()) {
    throw new RuleError(
      'R10',
      `task ${task.id} has a hard deadline and a continuation never moves it; its director moves it first: task edit ${task.id} --deadline DATE --force --reason "..."`,
    );
  }
  return requested;
}
