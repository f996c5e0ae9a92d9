import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from '../support/scratch.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/core/config.js';
import { DEFAULT_POLICY } from '../../src/core/policy.js';
import type { CoreContext } from '../../src/core/context.js';
import { gateStore } from '../../src/core/gate.js';
import { resolveActor } from '../../src/core/identity.js';
import { importHooks } from '../../src/core/interchange/summary.js';
import { importTaskwarrior } from '../../src/core/interchange/taskwarrior.js';
import { importTimewarrior } from '../../src/core/interchange/timewarrior.js';
import { openDatabase } from '../../src/db/open.js';
import { SqliteStore } from '../../src/db/sqlite/store.js';
import * as schemas from '../../src/schemas/import.js';
import { parseRecords } from '../../src/schemas/validate.js';

/**
 * Issue 21: "parse and check outside the lock; keep the write short". An import plans on a snapshot copy
 * (every lookup there) and takes the write lock only to check nothing changed and replay its writes.
 * Measured by what runs, not by the clock: the statements the database connection executes, and a
 * second connection that writes - without waiting (busy timeout 0) - while the import plans.
 */

const now = new Date('2026-11-27T09:00:00Z');
let dir: string;
let other: Database.Database;

beforeEach(() => {
  dir = scratchDir('regula-plan-');
});
afterEach(() => {
  other?.close();
  importHooks.planned = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** A file database; every statement it runs is logged with whether a transaction was open. */
function fileContext(): { ctx: CoreContext; path: string; log: { sql: string; inTransaction: boolean }[] } {
  const path = join(dir, 'team.db');
  const db = openDatabase(path, { createParent: false });
  const log: { sql: string; inTransaction: boolean }[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((source: string, ...rest: unknown[]) => {
    const statement = (prepare as (...a: unknown[]) => Database.Statement)(source, ...rest);
    for (const method of ['run', 'get', 'all', 'iterate'] as const) {
      const original = statement[method].bind(statement) as (...a: unknown[]) => unknown;
      (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        log.push({ sql: source.replace(/\s+/g, ' ').trim(), inTransaction: db.inTransaction });
        return original(...args);
      };
    }
    return statement;
  }) as typeof db.prepare;
  const raw = new SqliteStore(db, path);
  const actor = resolveActor(
    gateStore(raw, { actor: null, now, via: null, reason: null, importing: true }),
    'ann',
    now,
  );
  const store = gateStore(raw, { actor, now, via: null, reason: null, importing: true });
  return { ctx: { store, actor, now, config: DEFAULT_CONFIG, policy: DEFAULT_POLICY }, path, log };
}

const history = (n: number) =>
  parseRecords(
    schemas.timewarriorIntervalSchema,
    Array.from({ length: n }, (_, i) => {
      const start = new Date(Date.UTC(2026, 0, 1, 8) + i * 3_600_000);
      const at = (d: Date) =>
        d
          .toISOString()
          .replace(/[-:]/g, '')
          .replace(/\.\d{3}/, '');
      return {
        id: n - i,
        start: at(start),
        end: at(new Date(start.getTime() + 40 * 60_000)),
        tags: [`t${i % 8}`, `u${i % 8}`],
      };
    }),
    { file: 'f.json', record: 'interval' },
  );

/** A question about the data (the search index's one look at where the new rows begin is not one). */
const lookup = (sql: string) =>
  /^SELECT/i.test(sql) &&
  /external_ids|time_entries|FROM tasks/.test(sql) &&
  !/^SELECT \(SELECT coalesce\(max\(id\), 0\) FROM tasks\)/.test(sql);

describe('issue 21: an import plans outside the write lock and keeps the write short', () => {
  it('another connection writes, without waiting, while a 2,000-interval import plans; the import then plans again and both land', () => {
    const { ctx, path, log } = fileContext();
    other = new Database(path, { timeout: 0 });
    const attempts: number[] = [];
    importHooks.planned = (attempt) => {
      attempts.push(attempt);
      // No write lock is held while the import plans: this write would fail at once (SQLITE_BUSY) if it were.
      if (attempt === 1)
        other.prepare("INSERT INTO projects (name, created_at) VALUES ('Written meanwhile', 0)").run();
    };
    const from = log.length;
    const summary = importTimewarrior(ctx, history(2000), false);
    const ran = log.slice(from);
    expect(summary.created).toEqual({ tasks: 8, entries: 2000 });
    // The first plan was made on a copy that is no longer current: it was dropped, not written over the other's row.
    expect(attempts).toEqual([1, 2]);
    const check = new Database(path, { readonly: true });
    try {
      expect(
        check.prepare("SELECT count(*) FROM projects WHERE name = 'Written meanwhile'").pluck().get(),
      ).toBe(1);
      expect(check.prepare('SELECT count(*) FROM time_entries').pluck().get()).toBe(2000);
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      check.close();
    }
    // The database connection itself looked nothing up: every lookup ran on the copy; inside the write
    // it ran the planned writes (two rows per interval: the entry and its import id, one per task...) and
    // nothing else - many rows per statement (issue 22): 2,000 entries in 32 statements of up to 64 rows.
    expect(ran.filter((s) => lookup(s.sql))).toEqual([]);
    const inWrite = ran.filter((s) => s.inTransaction);
    const written = ran.filter((s) => /^(INSERT|UPDATE|DELETE)/i.test(s.sql));
    expect(written.filter((s) => !s.inTransaction)).toEqual([]);
    expect(written.filter((s) => /^INSERT INTO time_entries /.test(s.sql))).toHaveLength(32);
    expect(written.filter((s) => /^INSERT INTO external_ids /.test(s.sql)).length).toBeLessThanOrEqual(34);
    expect(written.length).toBeLessThan(100);
    expect(inWrite.filter((s) => /^SELECT/i.test(s.sql)).map((s) => s.sql)).toEqual(
      expect.arrayContaining(['SELECT total_changes()']),
    );
    expect(
      inWrite
        .filter(
          (s) =>
            /^SELECT/i.test(s.sql) &&
            !/total_changes|^SELECT 1 FROM meta|coalesce\(max\(id\), 0\)/.test(s.sql),
        )
        .map((s) => s.sql),
    ).toEqual([]);
  });

  it('a dry run plans the same and writes nothing; a re-import finds every interval on the copy and writes nothing', () => {
    const { ctx, log } = fileContext();
    expect(importTimewarrior(ctx, history(300), true).created).toEqual({ tasks: 8, entries: 300 });
    expect(ctx.store.countTasks()).toBe(0);
    importTimewarrior(ctx, history(300), false);
    const before = log.length;
    const again = importTimewarrior(ctx, history(300), false);
    expect(again.created).toEqual({});
    expect(again.skipped).toHaveLength(300);
    expect(
      log.slice(before).filter((s) => /^(INSERT|UPDATE|DELETE)/i.test(s.sql) && !/search/.test(s.sql)),
    ).toEqual([]);
  });

  it('the Taskwarrior importer plans the same way: its lookups run on the copy', () => {
    const { ctx, log } = fileContext();
    const records = parseRecords(
      schemas.taskwarriorTaskSchema,
      Array.from({ length: 200 }, (_, i) => ({
        uuid: `${String(i).padStart(8, '0')}-1111-4111-8111-111111111111`,
        description: `Ops: task ${i}`,
        status: 'pending',
        entry: '20261101T090000Z',
      })),
      { file: 'f.json', record: 'task' },
    );
    expect(importTaskwarrior(ctx, records, false).created).toEqual({ tasks: 200 });
    expect(log.filter((s) => lookup(s.sql))).toEqual([]);
    expect(ctx.store.countTasks()).toBe(200);
  });
});
