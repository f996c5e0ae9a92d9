import { Gate, type GateContext } from './gate-session.js';
import { CHECKS } from './gate-checks.js';
import { READ_METHODS } from './gate-reads.js';
import type { Store } from './store.js';

/**
 * The one gate every change passes (R38, R23). Core use cases get a store wrapped by `gateStore`: each
 * write method is described as a change by an actor - what it touches, before and after - and asked
 * three questions before it reaches storage: may this actor make it (R38)? does it alter a recorded
 * day (R23: then it needs a reason and is written down as an amendment)? and, when the transaction
 * ends, do the regulations still hold on the tasks it touched? Reads pass through. A store method the
 * gate does not know is refused, so a new write method cannot slip around it
 * (tests/unit/gate.test.ts lists them).
 *
 * The gate in five files: this one (the gated store and what it exports), gate-session.ts (the Gate of
 * one command: who acts, what its transaction touched, the R23 amendments), gate-checks.ts (one check per
 * write method), gate-task-changes.ts (what a change of a task's fields needs, R38) and gate-reads.ts
 * (the store methods that only read).
 */
export { Gate, type GateContext } from './gate-session.js';
export { READ_METHODS, type WriteMethod } from './gate-reads.js';
export { actionsForTaskChange } from './gate-task-changes.js';

/** The history and correction rows of a change made with `--as`, marked with who was at the keyboard. */
function withVia<T extends object>(rows: readonly T[], via: string | null): T[] {
  return via === null ? [...rows] : rows.map((row) => ({ ...row, via }));
}

/**
 * The store every use case gets: reads pass through; writes pass the gate first. `write` also checks
 * the regulations on the touched tasks before it commits (a refusal rolls everything back).
 */
export function gateStore(store: Store, ctx: GateContext): Store {
  const gate = new Gate(store, ctx);
  const reads = new Set<string>(READ_METHODS);
  // A use case may call another inside its transaction (undo edits, a batch): the rules are checked once,
  // when the outermost write ends, on the tasks as that transaction found them.
  let depth = 0;
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof property !== 'string' || typeof value !== 'function') return value;
      if (reads.has(property)) return (value as (...args: unknown[]) => unknown).bind(target);
      if (property === 'write') {
        return <T>(fn: () => T): T =>
          target.write(() => {
            depth++;
            try {
              const result = fn();
              if (depth === 1) gate.finish();
              return result;
            } catch (error) {
              if (depth === 1) gate.abandon();
              else gate.forgetMade();
              throw error;
            } finally {
              depth--;
            }
          });
      }
      if (property === 'read' || property === 'readAhead')
        return (value as (...args: unknown[]) => unknown).bind(target);
      if (property === 'scratchCopy') {
        // The plan meets every check on the copy; `apply` replays the writes that passed, on data found
        // unchanged since the copy was taken - so they pass again without asking inside the write lock.
        return (purpose?: 'apply' | 'dry-run') => {
          const copy = target.scratchCopy(purpose);
          return { store: gateStore(copy.store, ctx), discard: copy.discard, apply: copy.apply };
        };
      }
      const check = (CHECKS as Partial<Record<string, (gate: Gate, ...args: unknown[]) => void>>)[property];
      if (!check)
        throw new Error(`the store method ${property} has no check in the gate (src/core/gate-checks.ts)`);
      const write = (...args: unknown[]): unknown => {
        if (property === 'insertHistory')
          return target.insertHistory(withVia(args[0] as Parameters<Store['insertHistory']>[0], ctx.via));
        if (property === 'insertTask') {
          const [fields] = args as Parameters<Store['insertTask']>;
          const id = target.insertTask(fields);
          gate.touchNew(id, fields);
          return id;
        }
        if (property === 'insertEntryChange')
          return target.insertEntryChange({
            ...(args[0] as Parameters<Store['insertEntryChange']>[0]),
            via: ctx.via,
          });
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
      return (...args: unknown[]) => {
        check(gate, ...args);
        const result = write(...args);
        gate.followWrite(property, args);
        return result;
      };
    },
  });
}

/** The write methods the gate checks (for the test that no write goes around it). */
export const GATED_WRITE_METHODS: readonly string[] = Object.keys(CHECKS);
