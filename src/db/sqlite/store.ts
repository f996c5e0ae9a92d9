import type { Store } from '../../core/store.js';
import { scratchDatabase } from '../scratch.js';
import { SqliteDump } from './dump.js';

/** The SQLite implementation of core's Store port: the parts (base.ts -> people -> templates -> tasks -> comments -> history -> time -> tracked -> reports -> days -> search -> dump) composed, and the transactions around them. */
export class SqliteStore extends SqliteDump implements Store {
  write<T>(fn: () => T): T {
    if (this.db.inTransaction) return this.db.transaction(fn)();
    return this.guard(() => this.db.transaction(fn).immediate());
  }

  read<T>(fn: () => T): T {
    if (this.db.inTransaction) return fn();
    return this.guard(() => this.db.transaction(fn).deferred());
  }

  scratchCopy(): { store: Store; discard(): void } {
    const image = this.read(() => this.guard(() => this.db.serialize()));
    const copy = new SqliteStore(scratchDatabase(image), this.path);
    return { store: copy, discard: () => copy.close() };
  }

  instanceId(): string {
    return (this.sql("SELECT value FROM meta WHERE key = 'instance_id'").get() as { value: string }).value;
  }
}
