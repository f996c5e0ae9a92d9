/**
 * R34: which tasks were overdue and open at each of several instants (a team's month asks it for every
 * past day start), computed from the candidates and their status history read once - the same on both
 * stores. A status lookup per task and instant in SQL cost more than the rest of a team's month.
 */

/** A task that may have been overdue at some of the instants (deadline and creation before the last). */
export interface OverdueCandidate {
  id: number;
  responsibleId: number;
  deadlineAt: number;
  createdAt: number;
  status: string;
  closedAt: number | null;
}

/** One change of a task's status (R36): when, from what, to what. */
export type StatusChange = readonly [at: number, oldValue: string | null, newValue: string | null];

const OPEN = new Set(['new', 'pending', 'in_progress']);

/** Status history rows (task id, at, old value, new value), ordered by task, time and id, by task. */
export function statusChangesByTask(
  rows: readonly (readonly [taskId: number, at: number, oldValue: string | null, newValue: string | null])[],
): Map<number, StatusChange[]> {
  const changes = new Map<number, StatusChange[]>();
  for (const [taskId, at, oldValue, newValue] of rows) {
    const list = changes.get(taskId);
    if (list) list.push([at, oldValue, newValue]);
    else changes.set(taskId, [[at, oldValue, newValue]]);
  }
  return changes;
}

/**
 * Per instant (ascending), the candidates (in their order) overdue and open then: due and made before it,
 * not closed before it, and open by their status at that instant.
 */
export function overdueAtInstants<T extends OverdueCandidate>(
  candidates: readonly T[],
  changes: ReadonlyMap<number, readonly StatusChange[]>,
  instants: readonly number[],
): { start: number; task: T }[] {
  const starts = [...instants].sort((a, b) => a - b);
  const found: { start: number; task: T }[] = [];
  for (const start of starts) {
    for (const task of candidates) {
      if (task.deadlineAt >= start || task.createdAt >= start) continue;
      const closed = task.status === 'completed' || task.status === 'declined';
      if (closed && task.closedAt !== null && task.closedAt < start) continue;
      if (OPEN.has(statusAtInstant(changes.get(task.id) ?? [], task.status, start)))
        found.push({ start, task });
    }
  }
  return found;
}

/**
 * A task's status at an instant from its status changes (oldest first): what `statusAt` says in SQL -
 * the last change before it, else the value the first later change replaced, else the status now.
 */
export function statusAtInstant(changes: readonly StatusChange[], status: string, at: number): string {
  const before = changes.findLast((c) => c[0] < at);
  const after = changes.find((c) => c[0] >= at);
  return before?.[2] ?? after?.[1] ?? status;
}
