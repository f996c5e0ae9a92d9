import { type EntityKind, type EntitySet, INSTANT_FIELD, type TaskVisibility } from '../../core/store.js';
import { toColumn } from './rows.js';
import { SqliteSearch } from './search.js';
import { visibleRowsSql } from './task-sql.js';
import { KEY_ORDER_OF_TABLE, TABLE_OF_KIND } from '../entity-tables.js';

/** SQL writing an epoch-milliseconds column as JavaScript's toISOString() does (null stays null). */
export function isoInstantSql(column: string): string {
  const ms = `CAST(${column} AS INTEGER)`;
  const millis = `(((${ms} % 1000) + 1000) % 1000)`;
  return `CASE WHEN ${column} IS NULL THEN NULL ELSE strftime('%Y-%m-%dT%H:%M:%S', (${ms} - ${millis}) / 1000, 'unixepoch') || '.' || substr('00' || ${millis}, -3) || 'Z' END`;
}

/** A whole database as records of each kind (task export --format json) and back (task import into an empty database). */
export abstract class SqliteDump extends SqliteSearch {
  /**
   * Records of one kind in key order as JSON object texts, one at a time (exports stream; derived columns
   * left out). SQLite writes the JSON - instants as ISO 8601 UTC with milliseconds, by integer arithmetic -
   * so a million rows never pass through JavaScript objects.
   */
  *dumpEntities(kind: EntityKind, visibleTo?: TaskVisibility): IterableIterator<string> {
    const table = TABLE_OF_KIND[kind];
    const columns = (
      this.sql('SELECT name FROM pragma_table_info(?) ORDER BY cid').pluck().all(table) as string[]
    ).filter((column) => !(table === 'tasks' && column === 'tracked_ms'));
    const value = (column: string) =>
      INSTANT_FIELD.test(column) ? isoInstantSql(`"${column}"`) : `"${column}"`;
    const { where, params } = visibleTo ? visibleRowsSql(table, visibleTo) : { where: '', params: {} };
    const text = `SELECT json_object(${columns.map((column) => `'${column}', ${value(column)}`).join(', ')}) FROM ${table} ${where} ORDER BY ${KEY_ORDER_OF_TABLE[table] ?? 'rowid'}`;
    yield* this.sql(text).pluck().iterate(params) as IterableIterator<string>;
  }

  loadEntities(sets: readonly EntitySet[]): void {
    // Rows refer to each other (managers, parents, replies): the keys are checked at commit.
    this.db.pragma('defer_foreign_keys = ON');
    for (const { kind, records } of sets) {
      const table = TABLE_OF_KIND[kind];
      if (table === undefined) throw new Error(`unknown kind of record ${String(kind)}`);
      if (table === 'meta') this.sql('DELETE FROM meta').run();
      for (const record of records) {
        const columns = Object.keys(record);
        if (!columns.every((c) => /^[a-z_]+$/.test(c))) throw new Error(`bad column in ${table}`);
        const row = Object.fromEntries(columns.map((c) => [c, toColumn(record[c])]));
        this.sql(
          `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
        ).run(row);
      }
    }
  }
}
