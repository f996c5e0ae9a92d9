import { READ_METHODS } from '../core/gate.js';

/** One write a plan made on its copy: the store method, its arguments and what it returned. */
export interface RecordedCall {
  method: string;
  args: readonly unknown[];
  result: unknown;
}

/**
 * The writes made on a copy, in order, and how many rows the first `checkedCalls` of them changed there
 * (triggers included). The calls after those are all inserts the copy kept for later - perhaps never
 * written there (issue 22: the apply writes them, each row once) - so only the others are counted.
 */
export interface RecordedWrites {
  calls: RecordedCall[];
  checkedCalls(): number;
  changedRows(): number;
}

/** How a recorded copy counts: its running count of changed rows, and how many of the last calls it keeps unwritten. */
export interface CopyCounts {
  changes(): number;
  pending(): number;
}

/** Methods that only frame or read: passed through, never recorded. */
const PASSED = new Set<string>([
  ...READ_METHODS,
  'write',
  'read',
  'readAhead',
  'scratchCopy',
  'fillingSearchIndexAfter',
  'close',
  'dataVersion',
]);

/**
 * Wraps a copy so that every write method called on it (each Store method that is not a read, as the
 * gate lists them) is recorded with its arguments and result, after it ran on the copy (or was kept by
 * it for later: `counts.pending`). `counts.changes` reads the copy's running count of changed rows: it is
 * taken after every call the copy ran at once, which the replay runs alone too (plan-copy's replayWrites).
 */
export function recordWrites<S extends object>(
  copy: S,
  counts: CopyCounts,
): { store: S; writes: RecordedWrites } {
  const calls: RecordedCall[] = [];
  const start = counts.changes();
  let checked = 0;
  let changed = 0;
  const store = new Proxy(copy, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof property !== 'string' || typeof value !== 'function') return value;
      if (PASSED.has(property)) return (value as (...args: unknown[]) => unknown).bind(target);
      return (...args: unknown[]) => {
        const result = Reflect.apply(value as (...a: unknown[]) => unknown, target, args);
        calls.push({ method: property, args, result });
        if (counts.pending() === 0) {
          checked = calls.length;
          changed = counts.changes() - start;
        }
        return result;
      };
    },
  });
  return {
    store,
    writes: { calls, checkedCalls: () => checked, changedRows: () => changed },
  };
}

/**
 * How a store writes some recorded calls many rows at a time (an import's thousands of inserts). `take`
 * keeps a call for later, or answers false: the call is then replayed alone, after `flush` wrote every
 * call kept so far - so a call that is not taken sees the data exactly as the copy had it.
 */
export interface BulkWriter {
  take(call: RecordedCall): boolean;
  flush(): void;
}

/**
 * Replays recorded writes on the store the copy was taken from, which holds exactly the copy's data
 * (the caller checked that nobody committed since): each call must return what it returned on the copy
 * (the same new ids) and the calls up to the copy's count must change as many rows here as there.
 * Anything else is a bug, thrown so the transaction rolls back and nothing is written. Calls a `bulk`
 * writer takes are written by it; the inserts after the count (which the copy may never have written)
 * are written here, many rows a statement.
 */
export function replayWrites(
  target: object,
  writes: RecordedWrites,
  changes: () => number,
  bulk?: BulkWriter,
): void {
  const start = changes();
  const checked = writes.checkedCalls();
  writes.calls.forEach((call, index) => {
    // The call before ran alone (or nothing ran): the bulk writer holds nothing, so nothing is split.
    if (index === checked) checkChangedAsPlanned(changes() - start, writes);
    if (bulk?.take(call)) return;
    bulk?.flush();
    const { method, args, result } = call;
    const replayed = Reflect.apply(
      Reflect.get(target, method) as (...a: unknown[]) => unknown,
      target,
      args,
    ) as unknown;
    if (isComparable(result) && replayed !== result) {
      throw new Error(
        `an import's planned write ${method} gave ${String(replayed)} on the database but ${String(result)} on its copy; nothing was written`,
      );
    }
  });
  bulk?.flush();
  if (checked >= writes.calls.length) checkChangedAsPlanned(changes() - start, writes);
}

function checkChangedAsPlanned(changed: number, writes: RecordedWrites): void {
  if (changed !== writes.changedRows()) {
    throw new Error(
      `an import's planned writes changed ${changed} rows of the database but ${writes.changedRows()} of its copy; nothing was written`,
    );
  }
}

function isComparable(value: unknown): boolean {
  return (
    typeof value === 'number' ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    typeof value === 'bigint'
  );
}
