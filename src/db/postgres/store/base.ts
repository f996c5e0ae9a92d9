import { StorageError } from '../../../core/errors.js';
import type { PgConnection, SqlValue } from '../connection.js';
import type { SentQuery } from '../pipeline.js';

/** A part of the team-server store not written yet: a storage error naming it (never a silent no-op). */
export function notYet(method: string): StorageError {
  return new StorageError(`the team server store cannot do ${method} yet`);
}

/**
 * The connection every part of the PostgreSQL store shares (the team server, issue 23). Its schema is
 * src/db/postgres/migrations (the SQLite schema's tables and columns; instants as epoch-ms bigint, flags
 * as boolean); the connection's search_path is `regula`, so SQL names tables without the schema.
 * pg-native hands bigint (int8) and numeric values over as text: read them with `num`/`numOrNull`.
 */
export abstract class PgBase {
  constructor(
    readonly db: PgConnection,
    protected readonly where: string,
  ) {}

  protected rows<Row = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Row[] {
    return this.db.query<Row>(sql, params);
  }

  protected row<Row = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Row | undefined {
    return this.db.query<Row>(sql, params)[0];
  }

  /** Queries that do not depend on each other, sent together (connection.ts queryAll): their rows, in order. */
  protected rowsAll(queries: readonly SentQuery[]): Record<string, unknown>[][] {
    return this.db.queryAll(queries) as Record<string, unknown>[][];
  }

  close(): void {
    this.db.close();
  }
}

/** A bigint/numeric column as a number (pg-native returns them as text). */
export function num(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

export function numOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : num(value);
}

/** An instant column (epoch ms) as a Date. */
export function instant(value: unknown): Date {
  return new Date(num(value));
}

export function instantOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : new Date(num(value));
}
