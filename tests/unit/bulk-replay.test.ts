import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { importTaskwarrior } from '../../src/core/interchange/taskwarrior.js';
import { importTimewarrior } from '../../src/core/interchange/timewarrior.js';
import { bulkReplayTuning, SqliteBulkReplay } from '../../src/db/sqlite/bulk-replay.js';
import type { SqliteStore } from '../../src/db/sqlite/store.js';
import * as schemas from '../../src/schemas/import.js';
import { parseRecords } from '../../src/schemas/validate.js';
import { CoreWorld } from '../support/core.js';

/**
 * Issue 22: an import's planned inserts are replayed many rows per statement. The database they leave
 * must be the one the call-by-call replay leaves, table by table and row by row - ids, tags matched
 * without regard to case, search index, running timer - over new records, a re-import that changes
 * some, and time.
 */

const worlds: CoreWorld[] = [];
const REBUILD_FROM = bulkReplayTuning.rebuildIndexesFrom;
afterEach(() => {
  bulkReplayTuning.rebuildIndexesFrom = REBUILD_FROM;
  vi.restoreAllMocks();
  for (const w of worlds.splice(0)) w.close();
});

function world(): CoreWorld {
  const w = new CoreWorld('2026-11-27T09:00:00');
  worlds.push(w);
  w.admin('ann');
  return w;
}

const uuid = (i: number) => `${String(i).padStart(8, '0')}-1111-4111-8111-111111111111`;

function taskRecords(changed: boolean) {
  return parseRecords(
    schemas.taskwarriorTaskSchema,
    [
      ...Array.from({ length: 150 }, (_, i) => ({
        uuid: uuid(i),
        description: changed && i % 10 === 0 ? `Ops: task ${i}, renamed` : `Ops: task ${i}`,
        status: i % 7 === 0 ? 'completed' : 'pending',
        entry: '20261101T090000Z',
        ...(i % 7 === 0 ? { end: '20261102T090000Z' } : {}),
        ...(i % 3 === 0 ? { project: i % 2 ? 'Sales' : 'Закупки' } : {}),
        tags: changed && i % 5 === 0 ? ['Work', 'moved'] : i % 2 ? ['work', `t${i % 4}`] : ['Work'],
        ...(i % 4 === 0
          ? {
              annotations: [
                { entry: '20261103T090000Z', description: `note ${i}` },
                ...(changed ? [{ entry: '20261104T090000Z', description: 'one more' }] : []),
              ],
            }
          : {}),
        ...(i > 0 && i % 9 === 0 ? { depends: [uuid(i - 1)] } : {}),
        ...(i === 5 ? { scheduled: '20261128T000000Z' } : {}),
      })),
      {
        uuid: uuid(900),
        description: 'Weekly sync',
        status: 'recurring',
        entry: '20261101T090000Z',
        due: '20261102T090000Z',
        recur: 'weekly',
      },
    ],
    { file: 'f.json', record: 'task' },
  );
}

const intervals = parseRecords(
  schemas.timewarriorIntervalSchema,
  [
    ...Array.from({ length: 200 }, (_, i) => {
      const start = new Date(Date.UTC(2026, 9, 1, 8) + i * 3_600_000);
      const at = (d: Date) =>
        d
          .toISOString()
          .replace(/[-:]/g, '')
          .replace(/\.\d{3}/, '');
      return {
        id: 201 - i,
        start: at(start),
        end: at(new Date(start.getTime() + 40 * 60_000)),
        tags: i % 3 === 0 ? ['Ops: task 1'] : [`w${i % 5}`, 'Work'],
      };
    }),
    { id: 1, start: '20261127T080000Z', tags: ['running'] },
  ],
  { file: 'f.json', record: 'interval' },
);

/** Every table's rows in key order (meta holds the database's random id, schema_migrations the clock time each was applied). */
function tables(w: CoreWorld): Record<string, unknown[]> {
  const { db } = w.raw as unknown as SqliteStore;
  const names = (
    db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('meta', 'schema_migrations') ORDER BY name",
      )
      .pluck()
      .all() as string[]
  ).filter((name) => !/_(data|idx|docsize|config|content)$/.test(name));
  const all: Record<string, unknown[]> = {};
  for (const name of names) all[name] = rows(db, name);
  return all;
}

function rows(db: Database.Database, table: string): unknown[] {
  const columns = db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[];
  const order = columns.length ? columns.map((_, i) => i + 1).join(', ') : 'rowid';
  const rowid = /_search$/.test(table) ? 'rowid, ' : '';
  return db.prepare(`SELECT ${rowid}* FROM "${table}" ORDER BY ${rowid}${order}`).raw().all();
}

function importAll(w: CoreWorld): unknown[] {
  const ctx = w.as('ann', { importing: true });
  const summaries = [
    importTaskwarrior(ctx, taskRecords(false), false),
    importTaskwarrior(ctx, taskRecords(true), false),
    importTimewarrior(ctx, intervals, false),
    importTimewarrior(ctx, intervals, false),
  ];
  return summaries;
}

describe('the replay of an import, many rows per statement', () => {
  it('leaves every table as the call-by-call replay does: new records, a changed re-import, time and a running timer', () => {
    const bulk = world();
    const single = world();
    const bulkSummaries = importAll(bulk);
    vi.spyOn(SqliteBulkReplay.prototype, 'take').mockReturnValue(false);
    const singleSummaries = importAll(single);

    expect(bulkSummaries).toEqual(singleSummaries);
    const [a, b] = [tables(bulk), tables(single)];
    expect(Object.keys(a)).toEqual(Object.keys(b));
    for (const name of Object.keys(a)) expect(a[name], name).toEqual(b[name]);
    // The work is there at all: tasks, their tags (Work and work are one tag), comments, entries.
    expect(a.tasks!.length).toBeGreaterThan(150);
    expect(a.tags!.map((row) => (row as unknown[])[1])).toEqual([
      'Work',
      't1',
      't3',
      'moved',
      'w1',
      'w2',
      'w4',
      'w0',
      'w3',
    ]);
    expect(a.comments!.length).toBeGreaterThan(38);
    expect(a.time_entries).toHaveLength(201);
    expect(a.task_search!.length).toBeGreaterThan(150);
    expect(a.task_links!.length).toBeGreaterThan(10);
  });

  it("drops a table's plain indexes for a bulk at least as large as the table and builds them again: the same rows, the same indexes", () => {
    bulkReplayTuning.rebuildIndexesFrom = 1;
    const rebuilt = world();
    const { db } = rebuilt.raw as unknown as SqliteStore;
    const schemaBefore = db.pragma('schema_version', { simple: true }) as number;
    const summaries = importAll(rebuilt);
    bulkReplayTuning.rebuildIndexesFrom = Number.MAX_SAFE_INTEGER;
    const kept = world();
    expect(summaries).toEqual(importAll(kept));

    // The indexes were dropped and made again (each DDL statement moves the schema's version)...
    expect(db.pragma('schema_version', { simple: true }) as number).toBeGreaterThan(schemaBefore);
    // ...and are the ones the migrations made, with the same rows in every table.
    const indexes = (w: CoreWorld) =>
      (w.raw as unknown as SqliteStore).db
        .prepare("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name")
        .all();
    expect(indexes(rebuilt)).toEqual(indexes(kept));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const [a, b] = [tables(rebuilt), tables(kept)];
    for (const name of Object.keys(b)) expect(a[name], name).toEqual(b[name]);
    // A query that reads through a rebuilt index answers as before.
    const byTask = (w: CoreWorld) =>
      (w.raw as unknown as SqliteStore).db
        .prepare(
          'SELECT id FROM comments INDEXED BY comments_by_task WHERE task_id = 1 ORDER BY created_at, id',
        )
        .pluck()
        .all();
    expect(byTask(rebuilt)).toEqual(byTask(kept));
  });

  it('keeps the indexes of a table that holds more rows than the bulk brings (a small import into a large database)', () => {
    bulkReplayTuning.rebuildIndexesFrom = 1;
    const w = world();
    const { db } = w.raw as unknown as SqliteStore;
    const ctx = w.as('ann', { importing: true });
    importTaskwarrior(ctx, taskRecords(false), false);
    const schemaBefore = db.pragma('schema_version', { simple: true }) as number;
    const one = parseRecords(
      schemas.taskwarriorTaskSchema,
      [{ uuid: uuid(5000), description: 'Ops: one more', status: 'pending', entry: '20261101T090000Z' }],
      { file: 'g.json', record: 'task' },
    );
    importTaskwarrior(ctx, one, false);
    expect(db.pragma('schema_version', { simple: true })).toBe(schemaBefore);
  });
});
