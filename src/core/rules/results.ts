import { formatMinutes, secondsToMinutes } from '../duration.js';
import { RuleError } from '../errors.js';
import type { Task } from '../types.js';

/** R31: a task is closed only with a result comment saying what was obtained. */
export function checkResultGiven(result: string | null | undefined, taskId: number): string {
  const text = result?.trim() ?? '';
  if (text === '') {
    throw new RuleError('R31', `a task is closed only with a result: task done ${taskId} --result "what was obtained (decision, link to the document, ...)"`);
  }
  return text;
}

/**
 * R31 after the fact: a completed task with no result can only have been closed in another tool before
 * it was imported. It is kept as it was, and shown for what it is, so no report reads it as done by the rules.
 */
export function closedWithoutResultFlag(task: Pick<Task, 'status'>, hasResult: boolean): string | null {
  return task.status === 'completed' && !hasResult ? 'R31: completed without a written result (closed in another tool before it was imported)' : null;
}

/** R32: when the time spent is far above the plan, the result must explain why. */
export function explanationNeeded(task: Pick<Task, 'plannedMinutes'>, spentSeconds: number, factor: number): boolean {
  if (task.plannedMinutes === null || task.plannedMinutes === 0) return false;
  return spentSeconds > task.plannedMinutes * 60 * factor;
}

export function checkExplanation(task: Task, spentSeconds: number, factor: number, explanation: string | null): void {
  if (explanation || !explanationNeeded(task, spentSeconds, factor)) return;
  throw new RuleError(
    'R32',
    `task ${task.id} took ${formatMinutes(secondsToMinutes(spentSeconds))} against ${formatMinutes(task.plannedMinutes ?? 0)} planned (over ${factor}x); say why with --explanation "..."`,
  );
}

const MANAGEMENT_TAGS = new Set(['management', 'review', 'plan', 'control', 'управление', 'проверка', 'план', 'контроль']);
const MANAGEMENT_TEXT = /\b(review|check|compile|approve|draw up|make)\b.*\b(plans?|reports?)\b|^(plan|planning|review)\b/iu;
const REVIEW_TEXT = /\b(review|check)\w*\b.*\b(reports?|general|compound)\b/iu;

/** R33: management tasks - reviewing plans and reports, control, plan compiling - close with findings. */
export function isManagementTask(task: Pick<Task, 'kind' | 'tags' | 'text'>): boolean {
  if (task.kind === 'control') return true;
  if (task.tags.some((t) => MANAGEMENT_TAGS.has(t.toLowerCase()))) return true;
  return MANAGEMENT_TEXT.test(task.text);
}

/** R33: reviews of reports or compound tasks end with a GENERAL CONCLUSION. */
export function needsGeneralConclusion(task: Pick<Task, 'kind' | 'tags' | 'text'>): boolean {
  return REVIEW_TEXT.test(task.text) || task.tags.some((t) => t.toLowerCase() === 'review');
}

export function checkConclusion(task: Task, conclusion: string | null): void {
  if (conclusion || !isManagementTask(task)) return;
  const what = needsGeneralConclusion(task) ? 'a GENERAL CONCLUSION' : 'brief findings (achievements, shortcomings, trends; "no remarks" when all is well)';
  throw new RuleError('R33', `task ${task.id} is a management task and closes with ${what}: add --conclusion "..."`);
}
