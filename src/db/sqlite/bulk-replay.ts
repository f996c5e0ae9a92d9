import type Database from 'better-sqlite3';
import type { Store } from '../../core/store.js';
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

/** The rows of one table kept for one multi-row INSERT per ROWS_PER_STATEMENT rows. */
class PendingRows {
  private rows: unknown[][] = [];
  private readonly texts: string[] = [];

  constructor(
    private readonly shape: InsertShape<never>,
    /** The id the call returned on the copy is written with the row: the same row gets the same id. */
    private readonly withId: boolean,
    private readonly statement: (sql: string) => Database.Statement,
  ) {}

  add(row: unknown[]): void {
    this.rows.push(row);
  }

  discard(): void {
    this.rows = [];
  }

  flush(): void {
    const { rows } = this;
    this.rows = [];
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

/**
 * An import's planned inserts replayed many rows per statement (issue 22: every row was written twice,
 * one statement each). Only inserts whose rows do not depend on what else the replay writes are taken;
 * they are written table by table in an order where every row's foreign keys point at rows written
 * before it (tasks, tags, comments, history, time entries - whose triggers update their task - and
 * import ids), and within a table in the order they were planned, so rows that get their id from SQLite
 * get the same one. Everything else flushes what was taken and is replayed alone (plan-copy.ts).
 */
export class SqliteBulkReplay implements BulkWriter {
  private readonly tasks: PendingRows;
  private readonly comments: PendingRows;
  private readonly history: PendingRows;
  private readonly entries: PendingRows;
  private readonly externals: PendingRows;
  /** setTags: the tasks whose tags are replaced, their tags as [task id, name] pairs. */
  private tagged = new Set<number>();
  private tagPairs: [number, string][] = [];
  /** The calls taken since the last flush: the last ones made, none of them written yet. */
  private taken = 0;

  constructor(private readonly statement: (sql: string) => Database.Statement) {
    this.tasks = new PendingRows(TASK_ROW as InsertShape<never>, true, statement);
    this.comments = new PendingRows(COMMENT_ROW as InsertShape<never>, true, statement);
    this.history = new PendingRows(HISTORY_ROW as InsertShape<never>, false, statement);
    this.entries = new PendingRows(ENTRY_ROW as InsertShape<never>, true, statement);
    this.externals = new PendingRows(EXTERNAL_ROW as InsertShape<never>, false, statement);
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

  private takeCall({ method, args, result }: RecordedCall): boolean {
    switch (method) {
      case 'insertTask':
        this.tasks.add([result, ...TASK_ROW.values(...(args as Args<'insertTask'>))]);
        return true;
      case 'insertComment':
        this.comments.add([result, ...COMMENT_ROW.values(...(args as Args<'insertComment'>))]);
        return true;
      case 'insertHistory':
        for (const entry of (args as Args<'insertHistory'>)[0]) this.history.add(HISTORY_ROW.values(entry));
        return true;
      case 'insertEntry':
        this.entries.add([result, ...ENTRY_ROW.values(...(args as Args<'insertEntry'>))]);
        return true;
      case 'setExternal':
        this.externals.add(EXTERNAL_ROW.values(...(args as Args<'setExternal'>)));
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
    this.tasks.flush();
    this.flushTags();
    this.comments.flush();
    this.history.flush();
    this.entries.flush();
    this.externals.flush();
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
