import { RuleError } from '../errors.js';
import type { TaskStatus } from '../status.js';
import type { TaskKind } from '../title.js';
import type { Task } from '../types.js';

/** What R15-R16 need to know about a task besides its own fields. */
export interface CompoundFacts {
  /** How many steps (subtasks) it has, closed ones too. */
  steps: number;
  /** The ids of its steps that are still open. */
  openSteps: number[];
  /** Seconds tracked on the task itself. */
  trackedSeconds: number;
}

const CLOSING: readonly TaskStatus[] = ['completed', 'declined', 'awaiting_control'];

/**
 * R16: no path turns a compound task with steps into a tracked (ordinary) one, or a task with tracked
 * time into a compound one - the time would vanish from the reports or be summed twice.
 */
export function checkKindChange(
  before: Pick<Task, 'id' | 'kind'>,
  afterKind: TaskKind,
  facts: Pick<CompoundFacts, 'steps' | 'trackedSeconds'>,
): void {
  if (before.kind === 'general' && afterKind !== 'general' && facts.steps > 0) {
    throw new RuleError(
      'R16',
      `task ${before.id} is a compound task with ${facts.steps} step(s); it keeps "General:" - move its steps out first (task edit STEP --parent none) to make it an ordinary task`,
    );
  }
  if (before.kind !== 'general' && afterKind === 'general' && facts.trackedSeconds > 0) {
    throw new RuleError(
      'R16',
      `task ${before.id} has tracked time and does not become a compound task; make a new one and put this task under it: task general "..." then task edit ${before.id} --parent NEW`,
    );
  }
}

/** R16: a compound task tracks no time and plans nothing itself; its planned total is in its description. */
export function checkCompoundFields(
  task: Pick<Task, 'id' | 'kind' | 'timeTracking' | 'plannedMinutes'>,
): void {
  if (task.kind !== 'general') return;
  if (task.timeTracking)
    throw new RuleError(
      'R16',
      `task ${task.id} is a compound task: it tracks no time itself, only its steps do`,
    );
  if (task.plannedMinutes !== null)
    throw new RuleError(
      'R16',
      `task ${task.id} is a compound task: its planned total belongs in the description, not --plan (it is never summed into plans)`,
    );
}

/**
 * R16: only the steps of a compound task carry tracked time. Time that an older database already holds on
 * one is left as it is (`trackedBefore`); no path adds to it or starts a timer on it.
 */
export function checkNoOwnTime(
  task: Pick<Task, 'id' | 'kind'>,
  trackedBefore: number,
  trackedAfter: number,
  runningTimers: number,
): void {
  if (task.kind !== 'general' || (trackedAfter <= trackedBefore && runningTimers === 0)) return;
  throw new RuleError(
    'R16',
    `task ${task.id} is a compound task: it tracks no time itself, only its steps do - put the time on a step (task time edit ENTRY --task STEP)`,
  );
}

/** An open step of a compound task, with the tasks it controls when it is a Control task (R26). */
export interface OpenStep {
  id: number;
  controls: readonly number[];
}

/**
 * R15 with R26: a Control task sits under the task it controls and is closed after it, so a Control step
 * that controls its own compound task does not hold that task open - else neither could ever close.
 */
export function stepsHoldingOpen(compoundId: number, openSteps: readonly OpenStep[]): number[] {
  return openSteps.filter((step) => !step.controls.includes(compoundId)).map((step) => step.id);
}

/** R15: a compound task is closed only when its steps are closed or moved out. */
export function checkCompoundClose(
  task: Pick<Task, 'id' | 'kind'>,
  to: TaskStatus,
  openSteps: readonly number[],
): void {
  if (!CLOSING.includes(to) || openSteps.length === 0) return;
  throw new RuleError(
    'R15',
    `task ${task.id} has open steps (${openSteps.join(', ')}); a compound task is closed when its steps are closed or moved out (task edit STEP --parent none)`,
  );
}

/** R15: no step is added under a closed task. */
export function checkStepParent(parent: Pick<Task, 'id' | 'status'> | undefined): void {
  if (!parent) return;
  if (parent.status === 'completed' || parent.status === 'declined') {
    throw new RuleError(
      'R15',
      `task ${parent.id} is closed; no step is added under a closed task - revive it first: task reopen ${parent.id} --comment "..."`,
    );
  }
}

/** R15: a compound task inside a compound task is General-2, deeper General-3, and so on (recomputed when it moves). */
export function generalLevelUnder(parent: Pick<Task, 'kind' | 'generalLevel'> | undefined): number {
  return parent && parent.kind === 'general' ? Math.max(parent.generalLevel, 1) + 1 : 1;
}
