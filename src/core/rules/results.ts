import { formatMinutes, secondsToMinutes } from '../duration.js';
import { RuleError } from '../errors.js';
import type { Task } from '../types.js';

/**
 * Characters that show nothing: zero-width spaces and joiners, the word joiner, the byte-order mark,
 * soft hyphens, bidi marks, variation selectors and other format characters (Unicode Cf), and blanks.
 */
// biome-ignore lint/suspicious/noMisleadingCharacterClass: escaped code point ranges under the u flag; nothing here combines
const INVISIBLE = /[\p{Cf}\p{Z}\s\u115F\u1160\u3164\uFFA0\u{E0100}-\u{E01EF}\uFE00-\uFE0F]/gu;

/** True when a text holds nothing a reader can see (R31: such a result says nothing). */
export function isBlankText(text: string | null | undefined): boolean {
  return (text ?? '').replace(INVISIBLE, '') === '';
}

/** R31: a task is closed only with a result comment saying what was obtained. */
export function checkResultGiven(result: string | null | undefined, taskId: number): string {
  const text = result?.trim() ?? '';
  if (isBlankText(text)) {
    throw new RuleError(
      'R31',
      `a task is closed only with a result: task done ${taskId} --result "what was obtained (decision, link to the document, ...)"`,
    );
  }
  return text;
}

/** R31 on the final state: a task closed by any path has a result a reader can see. */
export function checkClosedWithResult(task: Pick<Task, 'id'>, resultText: string | null): void {
  if (!isBlankText(resultText)) return;
  throw new RuleError(
    'R31',
    `task ${task.id} is closed only with a result: task done ${task.id} --result "what was obtained (decision, link to the document, ...)"`,
  );
}

/**
 * R31 after the fact: a completed task with no result can only have been closed in another tool before
 * it was imported. It is kept as it was, and shown for what it is, so no report reads it as done by the rules.
 */
export function closedWithoutResultFlag(task: Pick<Task, 'status'>, hasResult: boolean): string | null {
  return task.status === 'completed' && !hasResult
    ? 'R31: completed without a written result (closed in another tool before it was imported)'
    : null;
}

/** R32: when the time spent is far above the plan, the result must explain why. */
export function explanationNeeded(
  task: Pick<Task, 'plannedMinutes'>,
  spentSeconds: number,
  factor: number,
): boolean {
  if (task.plannedMinutes === null || task.plannedMinutes === 0) return false;
  return spentSeconds > task.plannedMinutes * 60 * factor;
}

/** A change of a task's planned minutes, as history keeps it (R36). */
export interface PlanChange {
  at: Date;
  oldValue: number | null;
  newValue: number | null;
}

/**
 * R32: the plan the spent time is measured against is the lowest plan in force since work on the task
 * began - so `edit --plan` after the fact, before or after closing, cannot dodge the explanation; a plan
 * first set after work began counts from then on. Without work, the current plan.
 */
export function planForExplanation(
  currentPlan: number | null,
  changes: readonly PlanChange[],
  workBeganAt: Date | null,
): number | null {
  if (workBeganAt === null) return currentPlan;
  const sorted = [...changes].sort((a, b) => a.at.getTime() - b.at.getTime());
  const firstAfter = sorted.find((c) => c.at.getTime() > workBeganAt.getTime());
  const inForceAtStart = firstAfter ? firstAfter.oldValue : currentPlan;
  const values = [
    inForceAtStart,
    ...sorted.filter((c) => c.at.getTime() > workBeganAt.getTime()).map((c) => c.newValue),
  ].filter((v): v is number => v !== null && v > 0);
  return values.length ? Math.min(...values) : null;
}

export function checkExplanation(
  task: Pick<Task, 'id' | 'plannedMinutes'>,
  spentSeconds: number,
  factor: number,
  explanation: string | null,
): void {
  if (explanation || !explanationNeeded(task, spentSeconds, factor)) return;
  throw new RuleError(
    'R32',
    `task ${task.id} took ${formatMinutes(secondsToMinutes(spentSeconds))} against ${formatMinutes(task.plannedMinutes ?? 0)} planned (over ${factor}x); say why with --explanation "..."`,
  );
}

/**
 * R33: management tasks - reviewing others' plans and reports, control - are marked explicitly (`--management`,
 * `--review`, a template's flag; a Control task is one by its nature), never guessed from words in one language.
 */
export function isManagementTask(task: Pick<Task, 'kind' | 'management' | 'review'>): boolean {
  return task.kind === 'control' || task.management || task.review;
}

/**
 * R33: reviews of reports and of compound tasks end with a GENERAL CONCLUSION: a task marked `--review`, and
 * a Control task whose controlled task is a compound task (it reviews the steps).
 */
export function needsGeneralConclusion(task: Pick<Task, 'review'>, controlsCompound: boolean): boolean {
  return task.review || controlsCompound;
}

/** R33: every management task closes with brief findings. */
export function checkConclusion(
  task: Pick<Task, 'id' | 'kind' | 'management' | 'review'>,
  conclusion: string | null,
): void {
  if ((conclusion && !isBlankText(conclusion)) || !isManagementTask(task)) return;
  throw new RuleError(
    'R33',
    `task ${task.id} is a management task and closes with brief findings (achievements, shortcomings, trends; "no remarks" when all is well): add --conclusion "..."`,
  );
}

/** R33: a review of reports or of a compound task also closes with a GENERAL CONCLUSION. */
export function checkGeneralConclusion(
  taskId: number,
  needed: boolean,
  generalConclusion: string | null,
): void {
  if (!needed || (generalConclusion && !isBlankText(generalConclusion))) return;
  throw new RuleError(
    'R33',
    `task ${taskId} is a review of reports or of a compound task and closes with a GENERAL CONCLUSION besides the findings: add --general-conclusion "..."`,
  );
}

/** R33: the GENERAL CONCLUSION is kept with the findings, on a line of its own, so every reader shows it. */
export function conclusionText(findings: string | null, generalConclusion: string | null): string | null {
  const general =
    generalConclusion && !isBlankText(generalConclusion)
      ? `GENERAL CONCLUSION: ${generalConclusion.trim()}`
      : null;
  if (!general) return findings;
  return findings ? `${findings}\n${general}` : general;
}
