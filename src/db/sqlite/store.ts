import { type Reads, type ReadsAhead, whenAsked } from '../../core/read-ahead.js';
import type { ScratchCopy, Store } from '../../core/store.js';
import { recordWrites, replayWrites, type RecordedWrites } from '../plan-copy.js';
import { scratchDatabase } from '../scratch.js';
import { type ReplayTables, SqliteBulkReplay, tablesOfCopy } from './bulk-replay.js';
import { SqliteDump } from './dump.js';
import { WriteBehind } from './write-behind.js';

/** The page cache (negative: KiB) of an import's plan copy and of the write that applies it: 64 MB at most. */
const PLAN_CACHE_KIB = -65_536;

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

  /** Each read when it is asked for: a read is a call into this process, nothing to wait for. */
  readAhead<R extends Reads>(reads: R): ReadsAhead<R> {
    return whenAsked(reads);
  }

  scratchCopy(purpose: 'apply' | 'dry-run' = 'apply'): ScratchCopy {
    const { image, version } = this.read(() =>
      this.guard(() => {
        // The first read fixes the snapshot; its data_version is the one the copy is compared with.
        this.sql('SELECT 1 FROM meta LIMIT 1').get();
        return { version: this.dataVersion(), image: this.db.serialize() };
      }),
    );
    const copy = new SqliteStore(scratchDatabase(image), this.path);
    copy.db.pragma(`cache_size = ${PLAN_CACHE_KIB}`);
    // The copy's search index waits as the real write's does (fillingSearchIndexAfter), so the planned
    // writes change the same rows on both.
    copy.sql("INSERT INTO meta (key, value) VALUES ('search_index_deferred', '1')").run();
    const tables = tablesOfCopy((text) => copy.sql(text));
    const kept = new WriteBehind((text) => copy.sql(text), purpose === 'apply');
    const { store, writes } = recordWrites(kept.wrap(copy), {
      changes: () => copy.totalChanges(),
      pending: () => kept.pending(),
    });
    return { store, discard: () => copy.close(), apply: () => this.applyWrites(writes, version, tables) };
  }

  /**
   * The writes planned on a copy, replayed in one write transaction - unless another connection
   * committed since the copy was taken (SQLite's data_version moved): then false, nothing written.
   */
  private applyWrites(writes: RecordedWrites, version: number, tables: ReplayTables): boolean {
    // A bulk write touches many pages: held in memory until the commit instead of spilled to the -wal and
    // read back (SQLite's default cache is 2 MB), which keeps the write transaction short.
    const cacheSize = this.db.pragma('cache_size', { simple: true }) as number;
    this.db.pragma(`cache_size = ${PLAN_CACHE_KIB}`);
    try {
      return this.write(() => {
        if (this.dataVersion() !== version) return false;
        this.fillingSearchIndexAfter(() =>
          replayWrites(
            this,
            writes,
            () => this.totalChanges(),
            new SqliteBulkReplay((text) => this.sql(text), tables),
          ),
        );
        return true;
      });
    } finally {
      this.db.pragma(`cache_size = ${cacheSize}`);
    }
  }

  dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  private totalChanges(): number {
    return this.sql('SELECT total_changes()').pluck().get() as number;
  }

  instanceId(): string {
    return (this.sql("SELECT value FROM meta WHERE key = 'instance_id'").get() as { value: string }).value;
  }
}
