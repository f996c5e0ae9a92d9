import type Database from 'better-sqlite3';
import { READ_METHODS } from '../../core/gate.js';
import type { Store } from '../../core/store.js';
import type { TaskFields } from '../../core/types.js';
import { SqliteBulkReplay } from './bulk-replay.js';

type Parties = ReturnType<Store['taskParties']> & object;

/** Inserts a plan copy keeps until something reads, and the table whose next id each takes. */
const ID_OF: Partial<Record<keyof Store, 'tasks' | 'comments' | 'time_entries'>> = {
  insertTask: 'tasks',
  insertComment: 'comments',
  insertEntry: 'time_entries',
};
const KEPT = new Set<string>([
  'insertTask',
  'insertComment',
  'insertEntry',
  'insertHistory',
  'setExternal',
  'setTags',
]);
const READS = new Set<string>(READ_METHODS);
/**
 * Reads of tables no kept insert writes (day reports, people, projects, the database's id): answered
 * without writing the kept rows first. The gate asks `recordedDays` for every time entry it checks (R23).
 */
const READS_OF_OTHER_TABLES = new Set<string>([
  'recordedDays',
  'instanceId',
  'getUser',
  'findUserByName',
  'findProjectByName',
]);

/**
 * An import plans on its private copy one record at a time, and most of its writes are inserts nothing
 * reads again before the plan ends. The copy keeps them (SqliteBulkReplay) and writes them many rows per
 * statement when anything else is called - a read sees every row, a write runs after them - so the copy
 * answers exactly as if each had been written at once. A kept insert takes the id SQLite would give it
 * (the table's largest + 1: the copy has no other writer). Only the parties of a kept task are answered
 * without writing it: the gate asks them for every tag and comment an import adds to the task it just made.
 */
export class WriteBehind {
  private readonly kept: SqliteBulkReplay;
  private readonly nextIds = new Map<string, number>();
  private readonly keptParties = new Map<number, Parties>();
  /** Writes open on the copy (a nested write is a savepoint). */
  private depth = 0;

  constructor(
    private readonly statement: (sql: string) => Database.Statement,
    /**
     * When the outermost write ends, the inserts nothing read are left unwritten (issue 22): the copy of
     * a plan that is applied is thrown away after, and the apply writes them - each row once. A dry run's
     * copy writes them (false), so it meets every constraint the apply would.
     */
    private readonly leaveUnreadAtEnd = false,
  ) {
    this.kept = new SqliteBulkReplay(statement);
  }

  /** Writes every kept insert. */
  flush(): void {
    this.kept.flush();
    this.keptParties.clear();
  }

  /** How many of the last calls were kept and are not written yet. */
  pending(): number {
    return this.kept.pending();
  }

  /** The store whose inserts are kept: every other call writes them first. */
  wrap<S extends object>(copy: S): S {
    return new Proxy(copy, {
      get: (target, property, receiver) => {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof property !== 'string' || typeof value !== 'function') return value;
        const call = (...args: unknown[]) =>
          Reflect.apply(value as (...a: unknown[]) => unknown, target, args) as unknown;
        if (KEPT.has(property)) return (...args: unknown[]) => this.keep(property, args, call);
        if (property === 'taskParties')
          return (id: number) => {
            const parties = this.keptParties.get(id);
            if (parties) return parties;
            this.flush();
            return call(id);
          };
        if (property === 'write') return <T>(fn: () => T): T => this.write(call, fn);
        if (READS_OF_OTHER_TABLES.has(property)) return call;
        if (READS.has(property) || property === 'read' || property === 'readAhead')
          return (...args: unknown[]) => {
            this.flush();
            return call(...args);
          };
        return (...args: unknown[]) => {
          this.flush();
          try {
            return call(...args);
          } finally {
            this.nextIds.clear(); // it may have added rows
          }
        };
      },
    });
  }

  private keep(method: string, args: unknown[], call: (...args: unknown[]) => unknown): unknown {
    const table = ID_OF[method as keyof Store];
    const id = table ? this.nextId(table) : undefined;
    if (!this.kept.take({ method, args, result: id })) {
      this.flush();
      this.nextIds.clear();
      return call(...args);
    }
    if (method === 'insertTask') {
      const { directorId, responsibleId } = args[0] as TaskFields;
      this.keptParties.set(id!, { id: id!, directorId, responsibleId });
    }
    return id;
  }

  private nextId(table: string): number {
    const id =
      this.nextIds.get(table) ??
      (this.statement(`SELECT coalesce(max(id), 0) + 1 FROM ${table}`).pluck().get() as number);
    this.nextIds.set(table, id + 1);
    return id;
  }

  /**
   * A write (or a nested one, a savepoint) ends with its kept inserts written inside it - but for the
   * outermost one of a copy that leaves them (leaveUnreadAtEnd); when it fails, those made inside it are
   * forgotten with what it rolls back.
   */
  private write<T>(call: (...args: unknown[]) => unknown, fn: () => T): T {
    this.flush();
    return call(() => {
      this.depth++;
      try {
        const result = fn();
        if (this.depth > 1 || !this.leaveUnreadAtEnd) this.flush();
        return result;
      } catch (error) {
        this.kept.discard();
        this.keptParties.clear();
        throw error;
      } finally {
        this.depth--;
        this.nextIds.clear();
      }
    }) as T;
  }
}
