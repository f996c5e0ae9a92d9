import { UsageError } from '../errors.js';
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
    for (const [field, at] of [[fields.start, start], [fields.end, end]] as const) {
      if (at && at.getTime() > latest) {
        throw new UsageError(`${record}: field "${field}": ${formatLocalDateTime(at)} is after now (${formatLocalDateTime(now)}); tracked time cannot lie ahead - fix the record or leave it out`);
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
