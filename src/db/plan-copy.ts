import { READ_METHODS } from '../core/gate.js';

/** One write a plan made on its copy: the store method, its arguments and what it returned. */
export interface RecordedCall {
  method: string;
  args: readonly unknown[];
  result: unknown;
}

/** The writes made on a copy, in order, and how many rows they changed there (triggers included). */
export interface RecordedWrites {
  calls: RecordedCall[];
  changedRows(): number;
}

/** Methods that only frame or read: passed through, never recorded. */
const PASSED = new Set<string>([
  ...READ_METHODS,
  'write',
  'read',
  'scratchCopy',
  'fillingSearchIndexAfter',
  'close',
  'dataVersion',
]);

/**
 * Wraps a copy so that every write method called on it (each Store method that is not a read, as the
 * gate lists them) is recorded with its arguments and result, after it ran on the copy. `changes` reads
 * the copy's running count of changed rows.
 */
export function recordWrites<S extends object>(
  copy: S,
  changes: () => number,
): { store: S; writes: RecordedWrites } {
  const calls: RecordedCall[] = [];
  const start = changes();
  // Counted when the planning transaction's work is done, before it commits: the full-text index writes
  // what it buffered at commit, which the replay's count (taken before its own commit) does not see either.
  let planned = start;
  const store = new Proxy(copy, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof property !== 'string' || typeof value !== 'function') return value;
      if (property === 'write') {
        return <T>(fn: () => T): T =>
          Reflect.apply(value as (f: () => T) => T, target, [
            () => {
              const result = fn();
              planned = changes();
              return result;
            },
          ]) as T;
      }
      if (PASSED.has(property)) return (value as (...args: unknown[]) => unknown).bind(target);
      return (...args: unknown[]) => {
        const result = Reflect.apply(value as (...a: unknown[]) => unknown, target, args);
        calls.push({ method: property, args, result });
        return result;
      };
    },
  });
  return { store, writes: { calls, changedRows: () => planned - start } };
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
 * (the same new ids) and together they must change as many rows. Anything else is a bug, thrown so the
 * transaction rolls back and nothing is written. Calls a `bulk` writer takes are written by it.
 */
export function replayWrites(
  target: object,
  writes: RecordedWrites,
  changes: () => number,
  bulk?: BulkWriter,
): void {
  const start = changes();
  for (const call of writes.calls) {
    if (bulk?.take(call)) continue;
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
  }
  bulk?.flush();
  const changed = changes() - start;
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
