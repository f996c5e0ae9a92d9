import type Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { StorageError } from '../core/errors.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);
const FILE_NAME = /^(\d{4})-([a-z0-9-]+)\.sql$/;

/** The numbered migration files shipped with this program, in order (their text is read lazily). */
export function listMigrations(): { version: number; name: string; file: string }[] {
  return readdirSync(MIGRATIONS_DIR)
    .map((file) => ({ file, match: FILE_NAME.exec(file) }))
    .filter((entry) => entry.match !== null)
    .map(({ file, match }) => ({ version: Number(match![1]), name: match![2]!, file }))
    .sort((a, b) => a.version - b.version);
}

export function latestSchemaVersion(): number {
  return listMigrations().at(-1)?.version ?? 0;
}

function loadMigration(entry: { version: number; name: string; file: string }): Migration {
  return { version: entry.version, name: entry.name, sql: readFileSync(new URL(entry.file, MIGRATIONS_DIR), 'utf8') };
}

/**
 * Brings the schema up to date: every pending migration runs in one IMMEDIATE transaction with the
 * version re-read inside it, so two processes opening a new file at once apply each migration once.
 * A database from a newer program is refused rather than guessed at.
 */
export function migrate(db: Database.Database, path: string, upTo: number = latestSchemaVersion()): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  assertNotNewer(current, upTo, path);
  if (current === upTo) return current;
  const apply = db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    assertNotNewer(version, upTo, path);
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const entry of listMigrations()) {
      if (entry.version <= version || entry.version > upTo) continue;
      const migration = loadMigration(entry);
      db.exec(migration.sql);
      record.run(migration.version, migration.name, Date.now());
      db.pragma(`user_version = ${migration.version}`);
    }
  });
  apply.immediate();
  return db.pragma('user_version', { simple: true }) as number;
}

function assertNotNewer(version: number, known: number, path: string): void {
  if (version > known) {
    throw new StorageError(
      `the database ${path} has schema version ${version}, newer than this program knows (${known}); upgrade regula (npm install) before using this file`,
    );
  }
}
