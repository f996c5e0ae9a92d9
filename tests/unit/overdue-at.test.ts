import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type OverdueCandidate, overdueAtInstants, type StatusChange } from '../../src/db/overdue-at.js';

const OPEN = new Set(['new', 'pending', 'in_progress']);

/**
 * A task's status at an instant from its status changes (oldest first): what `statusAt` says in SQL (rows.ts)
 * - the last change before it, else the value the first later change replaced, else the status now.
 */
function statusAtInstant(changes: readonly StatusChange[], status: string, at: number): string {
  const before = changes.findLast((c) => c[0] < at);
  const after = changes.find((c) => c[0] >= at);
  return before?.[2] ?? after?.[1] ?? status;
}

/** The definition, instant by instant and task by task (the store's loop before it was made fast). */
function reference(
  starts: readonly number[],
  candidates: readonly OverdueCandidate[],
  changesOf: ReadonlyMap<number, readonly StatusChange[]>,
) {
  const found: { start: number; task: OverdueCandidate }[] = [];
  for (const start of starts)
    for (const task of candidates) {
      if (task.deadlineAt >= start || task.createdAt >= start) continue;
      const closed = task.status === 'completed' || task.status === 'declined';
      if (closed && task.closedAt !== null && task.closedAt < start) continue;
      if (OPEN.has(statusAtInstant(changesOf.get(task.id) ?? [], task.status, start)))
        found.push({ start, task });
    }
  return found;
}

const STATUSES = ['new', 'pending', 'in_progress', 'deferred', 'awaiting_control', 'completed', 'declined'];
const instant = fc.integer({ min: 0, max: 60 });
const status = fc.constantFrom(...STATUSES);
const candidates = fc
  .array(
    fc.record({
      deadlineAt: instant,
      createdAt: instant,
      status,
      closedAt: fc.option(instant, { nil: null }),
    }),
    {
      maxLength: 8,
    },
  )
  .map((list) => list.map((fields, i) => ({ id: i + 1, responsibleId: 1, ...fields })));
const change = fc.tuple(instant, fc.option(status, { nil: null }), fc.option(status, { nil: null }));

describe('R34: the tasks overdue and open at each day start', () => {
  it('is what testing every task at every instant finds, in the same order', () => {
    fc.assert(
      fc.property(
        fc.array(instant, { maxLength: 12 }).map((xs) => xs.sort((a, b) => a - b)),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 8 }), fc.array(change, { maxLength: 4 })), {
          maxLength: 8,
        }),
        candidates,
        (starts, histories, tasks) => {
          const changesOf = new Map<number, StatusChange[]>();
          for (const [id, list] of histories)
            changesOf.set(
              id,
              [...list].sort((a, b) => a[0] - b[0]),
            );
          expect(overdueAtInstants(tasks, changesOf, starts)).toEqual(reference(starts, tasks, changesOf));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('walks a task only from its deadline to its closing, with the status its history gives', () => {
    const task = { id: 1, responsibleId: 1, deadlineAt: 10, createdAt: 5, status: 'completed', closedAt: 40 };
    const history = new Map<number, StatusChange[]>([
      [
        1,
        [
          [20, 'pending', 'deferred'],
          [30, 'deferred', 'in_progress'],
          [40, 'in_progress', 'completed'],
        ],
      ],
    ]);
    const starts = [0, 10, 11, 20, 21, 30, 31, 40, 41];
    expect(overdueAtInstants([task], history, starts).map((f) => f.start)).toEqual([11, 20, 31, 40]);
  });
});
