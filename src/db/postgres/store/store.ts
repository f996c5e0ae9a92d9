import type { ScratchCopy, Store } from '../../../core/store.js';
import { notYet } from './base.js';
import { PgDump } from './dump.js';

/**
 * The PostgreSQL implementation of core's Store port (the team server, issue 23): the parts (base.ts ->
 * people -> templates -> tasks -> comments -> history -> time -> tracked -> reports -> days -> search ->
 * dump) composed, and the transactions around them. It passes the same contract suite as the SQLite store
 * (tests/contract/postgres.test.ts).
 */
export class PostgresStore extends PgDump implements Store {
  write<T>(fn: () => T): T {
    return this.db.transaction(fn);
  }

  read<T>(fn: () => T): T {
    return this.db.transaction(fn);
  }

  scratchCopy(): ScratchCopy {
    throw notYet('scratchCopy');
  }

  fillingSearchIndexAfter<T>(fn: () => T): T {
    return fn();
  }

  instanceId(): string {
    const row = this.row<{ value: string }>("SELECT value FROM meta WHERE key = 'instance_id'");
    if (!row) throw notYet('instanceId');
    return row.value;
  }

  dataVersion(): number {
    throw notYet('dataVersion');
  }
}
