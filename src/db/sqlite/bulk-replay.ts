import type Database from 'better-sqlite3';
import type { Store } from '../../core/store.js';
import type { NewHistoryEntry } from '../../core/types.js';
import type { BulkWriter, RecordedCall } from '../plan-copy.js';
import {
  COMMENT_ROW,
  ENTRY_ROW,
  EXTERNAL_ROW,
  HISTORY_ROW,
  type InsertShape,
  insertSql,
  TASK_ROW,
} from './insert-rows.js';
import { INSERT_TAG_NAMES, INSERT_TASK_TAGS } from './tasks.js';

/**
 * Rows per INSERT statement. Each statement opens a cursor on the table and on every index (nine on
 * tasks) and checks its foreign keys once: 64 rows a statement write 10,000 tasks about three times
 * faster than one each, and stay well under SQLite's limit of bound values (32,766).
 */
const ROWS_PER_STATEMENT = 64;

/**
 * Instrumentation for tests: from how many rows of one table a replay onto the database drops that
 * table's plain indexes and builds them again after its insert (SqliteBulkReplay's `rebuildIndexes`).
 */
export const bulkReplayTuning = { rebuildIndexesFrom: 2_000 };

/** The order a table's kept rows are written in, when it is not the order they were planned in. */
type RowOrder = (a: readonly unknown[], b: readonly unknown[]) => number;

/**
 * Import ids by their primary key (source, entity, external id): external_ids is a WITHOUT ROWID table,
 * so its rows live in key order and nothing else tells them apart. Written in the order planned, a
 * Taskwarrior file's random uuids split pages all over the b-tree (10,000 tasks with 11,635 annotations:
 * 0.8 s of the apply's CPU, ~0.4 s sorted). A sort is stable: a key planned twice (an upsert) still ends
 * with its last row, and the table holds the same rows either way.
 */
const BY_IMPORT_KEY: RowOrder = (a, b) =>
  compareText(a[0] as string, b[0] as string) ||
  compareText(a[1] as string, b[1] as string) ||
  compareText(a[2] as string, b[2] as string);

function compareText(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

/**
 * The rows of one table kept for one multi-row INSERT per ROWS_PER_STATEMENT rows: what each row is made
 * from (a recorded call, a history entry), its column values made only when it is written - a plan's copy
 * leaves most of its kept inserts unwritten (the apply writes them), so it never makes their values.
 */
class PendingRows<S> {
  private sources: S[] = [];
  private readonly texts: string[] = [];

  constructor(
    private readonly shape: InsertShape<never>,
    /** A row's values, the id the call returned on the copy first when the table has one (the same row gets the same id). */
    private readonly rowOf: (source: S) => unknown[],
    private readonly withId: boolean,
    private readonly statement: (sql: string) => Database.Statement,
    /** Only for a table whose rows have no id a write order could change. */
    private readonly order?: RowOrder,
  ) {}

  get table(): string {
    return this.shape.table;
  }

  /** How many rows are kept. */
  get size(): number {
    return this.sources.length;
  }

  add(source: S): void {
    this.sources.push(source);
  }

  discard(): void {
    this.sources = [];
  }

  flush(): void {
    const { sources } = this;
    this.sources = [];
    const rows = sources.map(this.rowOf);
    if (this.order && rows.length > 1) rows.sort(this.order);
    for (let at = 0; at < rows.length; at += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(at, at + ROWS_PER_STATEMENT);
      this.statement(this.sqlFor(chunk.length)).run(chunk.flat());
    }
  }

  /** The statement's text for n rows, made once per size. */
  private sqlFor(rows: number): string {
    let text = this.texts[rows];
    if (text === undefined) {
      text = insertSql(this.shape, rows, this.withId);
      this.texts[rows] = text;
    }
    return text;
  }
}

type Args<M extends keyof Store> = Parameters<Store[M]>;

/** The rows of the calls a replay takes: the id first where the table has one. */
const taskRow = ({ args, result }: RecordedCall) => [
  result,
  ...TASK_ROW.values(...(args as Args<'insertTask'>)),
];
const commentRow = ({ args, result }: RecordedCall) => [
  result,
  ...COMMENT_ROW.values(...(args as Args<'insertComment'>)),
];
const entryRow = ({ args, result }: RecordedCall) => [
  result,
  ...ENTRY_ROW.values(...(args as Args<'insertEntry'>)),
];
const externalRow = ({ args }: RecordedCall) => EXTERNAL_ROW.values(...(args as Args<'setExternal'>));

/** A table's indexes made by CREATE INDEX that are not unique, with the statement that made each, in the order they were made. */
const PLAIN_INDEXES = `SELECT m.name, m.sql FROM sqlite_master m JOIN pragma_index_list(?) l ON l.name = m.name
  WHERE m.type = 'index' AND l."unique" = 0 AND l.origin = 'c' AND m.sql IS NOT NULL ORDER BY m.rowid`;

/** How large each table a replay writes is (about: its largest id; the import ids, counted). */
const TABLE_SIZES = `SELECT (SELECT coalesce(max(id), 0) FROM tasks), (SELECT coalesce(max(id), 0) FROM comments),
  (SELECT coalesce(max(id), 0) FROM history), (SELECT coalesce(max(id), 0) FROM time_entries), (SELECT count(*) FROM external_ids)`;

/** What a replay onto the database knows of the tables it writes, answered by the plan's copy (no lookup on the database inside the write: issue 21). */
export interface ReplayTables {
  /** About how many rows the table held when the copy was taken. */
  held(table: string): number;
  plainIndexes(table: string): { name: string; sql: string }[];
}

/**
 * The tables of a copy as they are when it is taken, before a plan writes to it - call it then. The
 * copy's schema is the database's (a plan changes no schema), so its indexes are read when asked.
 */
export function tablesOfCopy(statement: (sql: string) => Database.Statement): ReplayTables {
  const sizes = statement(TABLE_SIZES).raw().get() as number[];
  const held = new Map(
    ['tasks', 'comments', 'history', 'time_entries', 'external_ids'].map((t, i) => [t, sizes[i]!]),
  );
  return {
    held: (table) => held.get(table) ?? 0,
    plainIndexes: (table) => statement(PLAIN_INDEXES).all(table) as { name: string; sql: string }[],
  };
}

/**
 * An import's planned inserts replayed many rows per statement (issue 22: every row was written twice,
 * one statement each). Only inserts whose rows do not depend on what else the replay writes are taken;
 * they are written table by table in an order where every row's foreign keys point at rows written
 * before it (tasks, tags, comments, history, time entries - whose triggers update their task - and
 * import ids), and within a table in the order they were planned, so rows that get their id from SQLite
 * get the same one. Everything else flushes what was taken and is replayed alone (plan-copy.ts).
 */
export class SqliteBulkReplay implements BulkWriter {
  private readonly tasks: PendingRows<RecordedCall>;
  private readonly comments: PendingRows<RecordedCall>;
  private readonly history: PendingRows<NewHistoryEntry>;
  private readonly entries: PendingRows<RecordedCall>;
  private readonly externals: PendingRows<RecordedCall>;
  /** setTags: the tasks whose tags are replaced, their tags as [task id, name] pairs. */
  private tagged = new Set<number>();
  private tagPairs: [number, string][] = [];
  /** The calls taken since the last flush: the last ones made, none of them written yet. */
  private taken = 0;

  constructor(
    private readonly statement: (sql: string) => Database.Statement,
    /**
     * Given on the database an import is applied to (not on its plan's copy): a table that gets at least
     * bulkReplayTuning.rebuildIndexesFrom rows, and no fewer than it held, has its plain indexes (not the
     * unique ones, which must refuse a row as it comes) dropped before the insert and made again after
     * it, inside the same transaction - one sort per index instead of a b-tree insert per row and index
     * (issue 22: 10,000 tasks with their comments, history and import ids: ~0.5 s of CPU instead of ~0.8).
     */
    private readonly rebuildIndexes?: ReplayTables,
  ) {
    const rows = <S>(
      shape: InsertShape<never>,
      rowOf: (source: S) => unknown[],
      withId: boolean,
      order?: RowOrder,
    ) => new PendingRows<S>(shape, rowOf, withId, statement, order);
    this.tasks = rows(TASK_ROW as InsertShape<never>, taskRow, true);
    this.comments = rows(COMMENT_ROW as InsertShape<never>, commentRow, true);
    this.history = rows(HISTORY_ROW as InsertShape<never>, HISTORY_ROW.values, false);
    this.entries = rows(ENTRY_ROW as InsertShape<never>, entryRow, true);
    this.externals = rows(EXTERNAL_ROW as InsertShape<never>, externalRow, false, BY_IMPORT_KEY);
  }

  take(call: RecordedCall): boolean {
    const taken = this.takeCall(call);
    if (taken) this.taken++;
    return taken;
  }

  /** How many calls were taken and not written yet. */
  pending(): number {
    return this.taken;
  }

  private takeCall(call: RecordedCall): boolean {
    const { method, args } = call;
    switch (method) {
      case 'insertTask':
        this.tasks.add(call);
        return true;
      case 'insertComment':
        this.comments.add(call);
        return true;
      case 'insertHistory':
        for (const entry of (args as Args<'insertHistory'>)[0]) this.history.add(entry);
        return true;
      case 'insertEntry':
        this.entries.add(call);
        return true;
      case 'setExternal':
        this.externals.add(call);
        return true;
      case 'setTags':
        return this.takeTags(...(args as Args<'setTags'>));
      default:
        return false;
    }
  }

  /** A task's tags are replaced once per flush: a second setTags of the same task writes the first before it. */
  private takeTags(taskId: number, tags: readonly string[]): boolean {
    if (this.tagged.has(taskId)) this.flush();
    this.tagged.add(taskId);
    for (const name of tags) this.tagPairs.push([taskId, name]);
    return true;
  }

  flush(): void {
    this.taken = 0;
    this.flushRows(this.tasks);
    this.flushTags();
    this.flushRows(this.comments);
    this.flushRows(this.history);
    this.flushRows(this.entries);
    this.flushRows(this.externals);
  }

  private flushRows<S>(rows: PendingRows<S>): void {
    const tables = this.rebuildIndexes;
    if (!tables || rows.size < bulkReplayTuning.rebuildIndexesFrom || rows.size < tables.held(rows.table))
      return rows.flush();
    const indexes = tables.plainIndexes(rows.table);
    for (const { name } of indexes) this.statement(`DROP INDEX "${name}"`).run();
    rows.flush();
    for (const { sql } of indexes) this.statement(sql).run();
  }

  /** Forgets every call kept (a plan's savepoint rolled back the work that made them). */
  discard(): void {
    for (const rows of [this.tasks, this.comments, this.history, this.entries, this.externals])
      rows.discard();
    this.taken = 0;
    this.tagged = new Set();
    this.tagPairs = [];
  }

  private flushTags(): void {
    if (this.tagged.size === 0) return;
    const tagged = [...this.tagged];
    const pairs = this.tagPairs;
    this.tagged = new Set();
    this.tagPairs = [];
    this.statement('DELETE FROM task_tags WHERE task_id IN (SELECT value FROM json_each(?))').run(
      JSON.stringify(tagged),
    );
    if (pairs.length === 0) return;
    this.statement(INSERT_TAG_NAMES).run(JSON.stringify(pairs.map(([, name]) => name)));
    this.statement(INSERT_TASK_TAGS).run(JSON.stringify(pairs));
  }
}
