import type { Task } from '../types.js';

/**
 * R24: a task spent on for at most the threshold (7 minutes by default) just moves its deadline - a call
 * that did not get through; above it, a continuation "(Part N)" is made.
 */
export function continuationNeedsNewPart(spentSeconds: number, thresholdMinutes: number): boolean {
  return spentSeconds > thresholdMinutes * 60;
}

/** R24: N = the number of parts so far + 1; the first continuation is Part 2. */
export function nextPartNumber(task: Pick<Task, 'part'>): number {
  return (task.part ?? 1) + 1;
}
