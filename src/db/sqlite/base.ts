import type Database from 'better-sqlite3';
import { translateStorageError } from '../errors.js';

/** The connection every part of the SQLite store shares: prepared statements (once per connection), storage errors in words a person can act on. */
export abstract class SqliteBase {
  protected readonly statements = new Map<string, Database.Statement>();

  constructor(
    readonly db: Database.Database,
    protected readonly path: string,
  ) {
    registerNameFold(db);
  }

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

/**
 * R9: tag names compare in any letter case, in any alphabet - `+Офис` is `+офис`, as on the team server
 * (lower() by Unicode) and in core (normaliseTags). SQLite's NOCASE and lower() fold ASCII only, so the
 * store's tag SQL compares `regula_fold(name)`, JavaScript's toLowerCase, registered on each connection
 * (used in queries only: no index or view needs it, so other tools still open the file).
 */
export function registerNameFold(db: Database.Database): void {
  db.function('regula_fold', { deterministic: true }, (name: unknown) =>
    typeof name === 'string' ? name.toLowerCase() : null,
  );
}
