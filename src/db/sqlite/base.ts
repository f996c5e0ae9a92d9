import type Database from 'better-sqlite3';
import { translateStorageError } from '../errors.js';

/** The connection every part of the SQLite store shares: prepared statements (once per connection), storage errors in words a person can act on. */
export abstract class SqliteBase {
  protected readonly statements = new Map<string, Database.Statement>();

  constructor(
    readonly db: Database.Database,
    protected readonly path: string,
  ) {}

  protected sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  protected guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      throw translateStorageError(error, this.path);
    }
  }

  close(): void {
    this.db.close();
  }

  /** The longest finished entry (kept by triggers, migration 0008): how far before a period an overlapping entry can start. */
  protected longestEntryMs(): number {
    return (
      (this.sql('SELECT longest_ms FROM time_entry_bounds WHERE id = 1').pluck().get() as
        | number
        | undefined) ?? 0
    );
  }
}
