import { UsageError } from '../errors.js';
import { MAX_PLANNED_MINUTES } from '../duration.js';
import { formatLocalDateTime } from '../local-time.js';

/**
 * Checks of a whole imported file that no single record's schema can make: tracked time that lies ahead,
 * dependency and parent circles. They run before the import's write transaction (nothing is locked
 * while a file is checked) and refuse the whole file, naming the record and the field (issue 21).
 */

/** A clock on another machine may run a little ahead; more than this is not a clock's error. */
const CLOCK_SLACK_MS = 5 * 60_000;

export interface TrackedStretch {
  /** How the refusal names the record: "interval 3", "frame 5 (id 0a1b2c3)". */
  record: string;
  start: Date;
  end: Date | null;
  /** The names of the start and end fields in the file. */
  fields: { start: string; end: string };
}

/**
 * Tracked time is work that happened: a stretch that starts or ends ahead of now would block the person's
 * timer until that day (R21: one timer, no overlaps) - the year-9999 interval of issue 21.
 */
export function assertTrackedTimeNotAhead(stretches: Iterable<TrackedStretch>, now: Date): void {
  const latest = now.getTime() + CLOCK_SLACK_MS;
  for (const { record, start, end, fields } of stretches) {
    for (const [field, at] of [
      [fields.start, start],
      [fields.end, end],
    ] as const) {
      if (at && at.getTime() > latest) {
        throw new UsageError(
          `${record}: field "${field}": ${formatLocalDateTime(at)} is after now (${formatLocalDateTime(now)}); tracked time cannot lie ahead - fix the record or leave it out`,
        );
      }
    }
  }
}

/**
 * The first circle in a graph of records ("A depends on B depends on A", or a task inside its own
 * subtask), as the keys along it, first key repeated at the end; null when there is none. Iterative, so
 * a long chain cannot overflow the stack.
 */
export function firstCircle<K>(edges: ReadonlyMap<K, readonly K[]>): K[] | null {
  const done = new Set<K>();
  for (const root of edges.keys()) {
    if (done.has(root)) continue;
    const path: K[] = [root];
    const onPath = new Set<K>([root]);
    const next: number[] = [0];
    while (path.length) {
      const node = path.at(-1)!;
      const targets = edges.get(node) ?? [];
      const i = next.at(-1)!;
      if (i >= targets.length) {
        path.pop();
        next.pop();
        onPath.delete(node);
        done.add(node);
        continue;
      }
      next[next.length - 1] = i + 1;
      const target = targets[i]!;
      if (onPath.has(target)) return [...path.slice(path.indexOf(target)), target];
      if (done.has(target) || !edges.has(target)) continue;
      path.push(target);
      onPath.add(target);
      next.push(0);
    }
  }
  return null;
}

/** The columns of a regula export that hold a plan's size in minutes (R8: tasks; R19: templates). */
const PLAN_COLUMNS = ['planned_minutes'] as const;

/**
 * A regula export is rows, not records another tool checked: a plan size in any of its tables must be a
 * whole number of minutes within what `--plan` accepts (1000 hours), or the file is refused naming the
 * table, the row and the field (issue 21: a plan of 1.67e28 min was stored).
 */
export function assertExportPlanSizes(
  tables: Readonly<Record<string, readonly Record<string, unknown>[]>>,
): void {
  for (const [table, rows] of Object.entries(tables)) {
    rows.forEach((row, index) => {
      for (const column of PLAN_COLUMNS) {
        const value = row[column];
        if (value === null || value === undefined) continue;
        const problem = planSizeProblem(value);
        if (problem) {
          const record = `table ${table}, row ${index + 1}${typeof row.id === 'number' || typeof row.id === 'string' ? ` (id ${row.id})` : ''}`;
          throw new UsageError(`${record}: field "${column}": ${problem}; fix the record or leave it out`);
        }
      }
    });
  }
}

function planSizeProblem(value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isInteger(value))
    return `${JSON.stringify(value)} is not a whole number of minutes`;
  if (value < 0) return `${value} minutes is less than nothing`;
  if (value > MAX_PLANNED_MINUTES)
    return `${value} minutes is more than ${MAX_PLANNED_MINUTES / 60} hours of planned time`;
  return null;
}
