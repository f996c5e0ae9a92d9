import { StorageError } from '../../../core/errors.js';
import { type Reads, type ReadsAhead, whenAsked } from '../../../core/read-ahead.js';
import type { ScratchCopy, Store } from '../../../core/store.js';
import { PgDump } from './dump.js';

/**
 * The one lock every write of regula takes on a server (a transaction-level advisory lock, any number the
 * same for every regula; the set-up lock of migrations.ts is another): writes take turns, as SQLite's
 * BEGIN IMMEDIATE makes them, so what a rule read inside a write (is a timer running, how many parts has
 * this task, is every step closed) is still true when the write commits. Reads never wait for it.
 */
const WRITE_LOCK = 7_351_224;

/**
 * The PostgreSQL implementation of core's Store port (the team server, issue 23): the parts (base.ts ->
 * people -> templates -> tasks -> comments -> history -> time -> tracked -> reports -> days -> search ->
 * dump) composed, and the transactions around them. It passes the same contract suite as the SQLite store
 * (tests/contract/postgres.test.ts).
 */
export class PostgresStore extends PgDump implements Store {
  /**
   * READ COMMITTED behind the write lock: each statement sees everything committed before it, and no other
   * regula write commits until this one ends (two `task start` at once: the second waits, then sees the
   * first's timer and pauses it, R21). Other clients (psql) do not take the lock; what they may do is
   * held by the schema itself (row-level security, guards, the one-running-timer index).
   */
  write<T>(fn: () => T): T {
    // A read's snapshot is READ ONLY and cannot become a write (nor take the write lock and still see
    // what writes committed before it): the write is made on its own, and the read goes on after it in
    // a new snapshot that sees it - as on SQLite, where what a read reads after a write inside it sees it.
    if (this.db.inReadOnly) return this.db.outsideRead(() => this.write(fn));
    if (this.db.inTransaction) return this.db.transaction(fn);
    try {
      return this.db.transaction(() => {
        this.lockWrites();
        return fn();
      }, 'write');
    } catch (error) {
      this.closeIdGaps();
      throw error;
    }
  }

  /**
   * After a write was rolled back (a rule refused it half-way): the ids it drew from the sequences are not
   * given back by PostgreSQL, so they are set back to the largest committed - behind the write lock, so no
   * other regula write is half-way - and the next record has the number a file would give it (0008).
   */
  private closeIdGaps(): void {
    try {
      this.db.transaction(() => {
        this.lockWrites();
        this.rows('SELECT regula.align_ids()');
      }, 'write');
    } catch {
      // The connection may be gone: the error that ended the write is the one to report.
    }
  }

  /**
   * One consistent snapshot (REPEATABLE READ, READ ONLY); inside a write it joins the write. A write
   * called inside it ends the snapshot first (write above).
   */
  read<T>(fn: () => T): T {
    return this.db.transaction(fn, 'read');
  }

  /**
   * Inside a read, the first queries of each read are sent at once (libpq's pipeline): the server works on
   * them while the program goes on, and each read finds its answers waiting when it is asked for. A query
   * that depends on an earlier answer is asked then. Outside a read nothing is sent ahead.
   */
  readAhead<R extends Reads>(reads: R): ReadsAhead<R> {
    if (this.db.inReadOnly) {
      const queries = Object.values(reads).flatMap((read) => this.db.firstQueriesOf(read));
      this.db.sendAhead(queries);
    }
    return whenAsked(reads);
  }

  /**
   * The import's plan copy. PostgreSQL cannot copy a database into memory as SQLite does, so the plan is
   * made on this store inside a write transaction (a savepoint when one is open): `apply` commits what
   * the plan wrote - no one else wrote meanwhile (the write lock is held), so it always applies - and
   * `discard` rolls back whatever was not applied (a dry run, a refused plan). Unlike SQLite the plan
   * holds the write lock while it runs: other writers wait for the import, readers do not.
   */
  scratchCopy(): ScratchCopy {
    const nested = this.db.inTransaction;
    const open = this.db.begin('write');
    let settled = false;
    try {
      if (!nested) this.lockWrites();
    } catch (error) {
      open.rollback();
      throw error;
    }
    return {
      store: this,
      apply: () => {
        if (settled) return false;
        settled = true;
        open.commit();
        return true;
      },
      discard: () => {
        if (settled) return;
        settled = true;
        open.rollback();
        if (!nested) this.closeIdGaps();
      },
    };
  }

  /** The search index (migration 0007) is kept by expression indexes the server maintains: nothing to defer. */
  fillingSearchIndexAfter<T>(fn: () => T): T {
    return fn();
  }

  instanceId(): string {
    const row = this.row<{ value: string }>("SELECT value FROM meta WHERE key = 'instance_id'");
    if (!row) throw new StorageError(`the regula database on ${this.where} has no instance id (regula.meta)`);
    return row.value;
  }

  /**
   * The server's next transaction id (as of this transaction's snapshot): it moves whenever a transaction
   * that writes has begun since - another connection's commit moves it (so may a rollback; a plan that
   * compares it then only plans again). The import's plan on PostgreSQL does not need it (scratchCopy).
   */
  dataVersion(): number {
    const row = this.row<{ version: string }>(
      'SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS version',
    );
    return Number(row?.version ?? 0);
  }

  private lockWrites(): void {
    this.rows('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
  }
}
