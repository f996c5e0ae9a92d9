import type { Task } from '../types.js';
import {
  checkCompoundClose,
  checkCompoundFields,
  checkNoOwnTime,
  checkStepParent,
  type OpenStep,
  stepsHoldingOpen,
} from './compound.js';
import { checkControlClose } from './control.js';
import { checkHardDeadlineMoveRecorded } from './deadlines.js';
import { checkClosedWithResult } from './results.js';
import { checkBacklogNotTimed, checkBacklogStatus } from './stec.js';

/**
 * What the invariants need to know about a task besides its own row, read only when a rule asks (the
 * gate answers from the store at the end of the transaction).
 */
export interface TaskSurroundings {
  /** The task's steps that are still open, each with what it controls (R26). */
  openSteps(): readonly OpenStep[];
  /** The task it sits under, if any. */
  parent(): Pick<Task, 'id' | 'status'> | undefined;
  /** How many timers run on it now. */
  runningTimers(): number;
  /** The text of its last result comment, if it has one. */
  resultText(): string | null;
  /** Ids of the open tasks a Control task controls (R26). */
  openControlled(): readonly number[];
  /** The reason recorded for a deadline change of the task in this transaction, or the command's --reason. */
  deadlineReason(): string | null;
  /** An administrator's import: records closed in another tool come as they were there (R31 flags them instead). */
  importing: boolean;
}

/** What the regulations read of a task at the end of a transaction: its row, without the names and tags. */
export type TaskState = Omit<Task, 'project' | 'director' | 'responsible' | 'tags'>;

const CLOSING: readonly Task['status'][] = ['completed', 'awaiting_control'];

/**
 * The rules that hold on a task's final state whatever path changed it (edit, import, undo, template,
 * copy, continue, time corrections). `before` is the task as the transaction found it (null: made in it),
 * so a rule refuses what this change breaks, not what an older database already held. Each check is
 * the rule's own function, written once in its module; the gate calls this on every touched task.
 */
export function checkTaskInvariants(before: Task | null, after: TaskState, around: TaskSurroundings): void {
  // A task that stays deleted is not being changed by anyone's work.
  if (before !== null && before.deletedAt !== null && after.deletedAt !== null) return;
  const statusChanged = before === null || before.status !== after.status;
  // R16: a compound task tracks no time itself and carries no planned time of its own.
  checkCompoundFields(after);
  if (after.kind === 'general')
    checkNoOwnTime(
      after,
      before?.kind === 'general' ? before.trackedSeconds : 0,
      after.trackedSeconds,
      around.runningTimers(),
    );
  // R15: closed only when its steps are (a Control step over this very task waits for it, R26); no step under a closed task.
  if (after.kind === 'general' && statusChanged)
    checkCompoundClose(after, after.status, stepsHoldingOpen(after.id, around.openSteps()));
  if (after.parentId !== null && (before === null || before.parentId !== after.parentId))
    checkStepParent(around.parent());
  // R12, R14: a backlog item is not worked until pulled out.
  if (after.kind === 'stec') {
    if (statusChanged || before?.kind !== 'stec') checkBacklogStatus(after, after.status);
    checkBacklogNotTimed(
      after,
      before?.kind === 'stec' ? before.trackedSeconds : 0,
      after.trackedSeconds,
      around.runningTimers(),
    );
  }
  // R10: a hard deadline is never postponed without the reason kept.
  if (before !== null) checkHardDeadlineMoveRecorded(before, after, around.deadlineReason());
  // R31: a task closed here has a result a reader can see.
  if (after.status === 'completed' && (before === null || before.status !== 'completed') && !around.importing)
    checkClosedWithResult(after, around.resultText());
  // R26: a Control task is not closed before the task it controls.
  if (after.kind === 'control' && statusChanged && CLOSING.includes(after.status))
    checkControlClose(after, true, around.openControlled());
}
