import { type EntityKind, type EntitySet, INSTANT_FIELD, type TaskVisibility } from '../../../core/store.js';
import { PgSearch } from './search.js';
import { SqlParams } from './params.js';
import { visibleRowsSql } from './visible-sql.js';
import { KEY_ORDER_OF_TABLE, TABLE_OF_KIND } from '../../entity-tables.js';

/**
 * Columns a dump leaves out: what the store derives (a task's tracked total, kept by the time triggers) and
 * the server's own identity of a person (users.login: who logs in as whom is set on each server, never
 * carried in an export - so a dump's records are the SQLite store's, field for field).
 */
const NOT_DUMPED = new Set(['tasks.tracked_ms', 'users.login']);

/** Records fetched per round trip while a dump streams (a cursor in the read's snapshot). */
const DUMP_BATCH = 2000;
/** Records sent per INSERT while a dump loads. */
const LOAD_BATCH = 1000;

interface Column {
  name: string;
  type: string;
}

/** An epoch-milliseconds column as JavaScript's toISOString() writes it (null stays null), by integer arithmetic. */
function isoInstantSql(column: string): string {
  const millis = `((${column} % 1000 + 1000) % 1000)`;
  return `CASE WHEN ${column} IS NULL THEN NULL ELSE to_char(TIMESTAMP '1970-01-01' + ((${column} - ${millis}) / 1000) * INTERVAL '1 second', 'YYYY-MM-DD"T"HH24:MI:SS') || '.' || lpad(${millis}::text, 3, '0') || 'Z' END`;
}

/** A column's value in a dump record, as SQLite writes it: flags 0/1, JSON columns as their text, instants ISO. */
function dumpedValueSql({ name, type }: Column): string {
  const column = `"${name}"`;
  if (type === 'bigint' && INSTANT_FIELD.test(name)) return isoInstantSql(column);
  if (type === 'boolean') return `CASE WHEN ${column} THEN 1 WHEN NOT ${column} THEN 0 END`;
  if (type === 'json' || type === 'jsonb') return `${column}::text`;
  return column;
}

/** A value of a loaded record as JSON for json_to_recordset: instants as epoch ms, JSON columns as text. */
function loadedValue(value: unknown, column: Column): unknown {
  if (value instanceof Date) return value.getTime();
  if ((column.type === 'json' || column.type === 'jsonb') && value !== null && typeof value !== 'string')
    return JSON.stringify(value);
  return value;
}

/** A whole database as records of each kind (task export --format json) and back (task import into an empty server). */
export abstract class PgDump extends PgSearch {
  private readonly columnsOf = new Map<string, Column[]>();
  private cursors = 0;

  /**
   * Records of one kind in key order as JSON object texts - the same fields and values as SQLite's dump
   * (flags 0/1, JSON columns as text, instants ISO 8601 UTC with milliseconds), written by the server.
   * Inside a transaction they stream through a cursor, a batch per round trip.
   */
  *dumpEntities(kind: EntityKind, visibleTo?: TaskVisibility): IterableIterator<string> {
    const table = TABLE_OF_KIND[kind];
    const columns = this.tableColumns(table).filter((c) => !NOT_DUMPED.has(`${table}.${c.name}`));
    const params = new SqlParams();
    const where = visibleTo ? visibleRowsSql(table, visibleTo, params) : '';
    const object = `json_build_object(${columns.map((c) => `'${c.name}', ${dumpedValueSql(c)}`).join(', ')})::text`;
    const text = `SELECT ${object} AS record FROM ${table} ${where} ORDER BY ${KEY_ORDER_OF_TABLE[table] ?? 'id'}`;
    if (!this.db.inTransaction || params.values.length > 0) {
      // A cursor takes no parameters; a person's export is bounded by what they may see.
      for (const row of this.rows<{ record: string }>(text, params.values)) yield row.record;
      return;
    }
    this.cursors += 1;
    const cursor = `regula_dump_${this.cursors}`;
    this.rows(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${text}`);
    try {
      for (;;) {
        const batch = this.rows<{ record: string }>(`FETCH ${DUMP_BATCH} FROM ${cursor}`);
        for (const row of batch) yield row.record;
        if (batch.length < DUMP_BATCH) break;
      }
    } finally {
      this.rows(`CLOSE ${cursor}`);
    }
  }

  /**
   * Loads a dump into an empty server, every id kept, in the caller's transaction. References are checked
   * once everything is in (migration 0007 made the foreign keys deferrable): a manager or parent may come
   * after the row naming it. Each identity then continues past the largest id loaded.
   */
  loadEntities(sets: readonly EntitySet[]): void {
    this.rows('SET CONSTRAINTS ALL DEFERRED');
    const loaded = new Set<string>();
    for (const { kind, records } of sets) {
      const table = TABLE_OF_KIND[kind];
      if (table === undefined) throw new Error(`unknown kind of record ${String(kind)}`);
      if (table === 'meta') this.rows('DELETE FROM meta');
      for (let start = 0; start < records.length; start += LOAD_BATCH)
        this.insertRecords(table, records.slice(start, start + LOAD_BATCH));
      if (records.length > 0) loaded.add(table);
    }
    // A broken reference is refused here, inside the load, not at the commit.
    this.rows('SET CONSTRAINTS ALL IMMEDIATE');
    for (const table of loaded) this.continueIdentity(table);
  }

  private insertRecords(table: string, records: readonly Record<string, unknown>[]): void {
    if (records.length === 0) return;
    const known = new Map(this.tableColumns(table).map((c) => [c.name, c]));
    const names = [...new Set(records.flatMap((record) => Object.keys(record)))];
    const columns = names.map((name) => {
      // What a dump never holds is not taken from one either: a record naming a person's login would map
      // them to another's role (R38), a task's tracked total would be counted on top of its entries.
      const column =
        /^[a-z_]+$/.test(name) && !NOT_DUMPED.has(`${table}.${name}`) ? known.get(name) : undefined;
      if (!column) throw new Error(`bad column in ${table}: ${name}`);
      return column;
    });
    const rows = records.map((record) =>
      Object.fromEntries(columns.map((c) => [c.name, loadedValue(record[c.name] ?? null, c)])),
    );
    // JSON columns arrive as their text and are read back as JSON, exactly as written.
    const declared = columns.map(
      (c) => `"${c.name}" ${c.type === 'json' || c.type === 'jsonb' ? 'text' : c.type}`,
    );
    const selected = columns.map((c) =>
      c.type === 'json' || c.type === 'jsonb' ? `"${c.name}"::${c.type}` : `"${c.name}"`,
    );
    this.rows(
      `INSERT INTO ${table} (${columns.map((c) => `"${c.name}"`).join(', ')})
       SELECT ${selected.join(', ')} FROM json_to_recordset($1::json) AS r(${declared.join(', ')})`,
      [JSON.stringify(rows)],
    );
  }

  /** After a load the table's identity (if it has one) continues past its largest id. */
  private continueIdentity(table: string): void {
    if (!this.tableColumns(table).some((c) => c.name === 'id')) return;
    const [row] = this.rows<{ sequence: string | null }>(
      'SELECT pg_get_serial_sequence($1, $2) AS sequence',
      [`regula.${table}`, 'id'],
    );
    if (!row?.sequence) return;
    this.rows(`SELECT setval($1, coalesce((SELECT max(id) FROM ${table}), 0) + 1, false)`, [row.sequence]);
  }

  /** The table's columns in order, with their types (format_type: bigint, boolean, json, text, ...). */
  private tableColumns(table: string): Column[] {
    let columns = this.columnsOf.get(table);
    if (!columns) {
      columns = this.rows<Column>(
        `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
         WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
        [`regula.${table}`],
      );
      this.columnsOf.set(table, columns);
    }
    return columns;
  }
}
