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
 * not closed before it, and open by their status at that instant. Each task is walked only over the
 * instants between its deadline (or creation) and its closing, its history read once in step with them:
 * testing every task at every instant cost a year's report for everyone a fifth of its instructions.
 */
export function overdueAtInstants<T extends OverdueCandidate>(
  candidates: readonly T[],
  changes: ReadonlyMap<number, readonly StatusChange[]>,
  instants: readonly number[],
): { start: number; task: T }[] {
  const starts = [...instants].sort((a, b) => a - b);
  const buckets: T[][] = starts.map(() => []);
  for (const task of candidates) {
    const from = firstAfter(starts, Math.max(task.deadlineAt, task.createdAt));
    const closed = task.status === 'completed' || task.status === 'declined';
    const to = closed && task.closedAt !== null ? firstAfter(starts, task.closedAt) : starts.length;
    const history = changes.get(task.id) ?? [];
    let next = 0; // the first change at or after the instant
    for (let i = from; i < to; i++) {
      const start = starts[i]!;
      while (next < history.length && history[next]![0] < start) next++;
      const status = history[next - 1]?.[2] ?? history[next]?.[1] ?? task.status;
      if (OPEN.has(status)) buckets[i]!.push(task);
    }
  }
  return buckets.flatMap((tasks, i) => tasks.map((task) => ({ start: starts[i]!, task })));
}

/** The index of the first instant later than `at` (instants ascending). */
function firstAfter(starts: readonly number[], at: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid]! > at) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
