import { RuleError } from '../errors.js';

/** R31: a task is closed only with a result comment saying what was obtained. */
export function checkResultGiven(result: string | null | undefined, taskId: number): string {
  const text = result?.trim() ?? '';
  if (text === '') {
    throw new RuleError('R31', `a task is closed only with a result: task done ${taskId} --result "what was obtained (decision, link to the document, ...)"`);
  }
  return text;
}
