import type { Task } from '../types.js';

/** What a plan review (R34) will point out about a task; empty when nothing is missing. */
export function planningFlags(
  task: Pick<Task, 'kind' | 'plannedMinutes' | 'description' | 'timeTracking'>,
): string[] {
  const flags: string[] = [];
  if (task.kind === 'stec') return flags; // R14: planned when pulled out of the backlog
  if (task.kind !== 'general' && task.plannedMinutes === null) flags.push('R8: no planned time');
  if (task.kind !== 'general' && !task.timeTracking) flags.push('R8: time tracking is off');
  if (!task.description || task.description.trim() === '')
    flags.push('R7: no description (action plan or link to the instruction)');
  return flags;
}

/** R8: the warning printed when an ordinary task is added without a plan. */
export function missingPlanWarning(task: Pick<Task, 'id' | 'kind' | 'plannedMinutes'>): string | null {
  if (task.kind === 'general' || task.kind === 'stec' || task.plannedMinutes !== null) return null;
  return `R8: task ${task.id} has no planned time; add it with: task edit ${task.id} --plan 30m`;
}
