import type Database from 'better-sqlite3';
import { StorageError } from '../core/errors.js';
import { REGULA_APPLICATION_ID } from './identify.js';
import { EMBEDDED_MIGRATIONS } from './migrations-embedded.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The numbered migrations shipped with this program, in order (src/db/migrations/NNNN-name.sql). */
export function listMigrations(): readonly Migration[] {
  return EMBEDDED_MIGRATIONS;
}

export function latestSchemaVersion(): number {
  return EMBEDDED_MIGRATIONS.at(-1)?.version ?? 0;
}

/**
 * Brings the schema up to date: every pending migration runs in one IMMEDIATE transaction with the
 * version re-read inside it, so two processes opening a new file at once apply each migration once.
 * A database from a newer program is refused rather than guessed at.
 */
export function migrate(db: Database.Database, path: string, upTo: number = latestSchemaVersion()): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  assertNotNewer(current, upTo, path);
  if (current === upTo) {
    stampApplicationId(db);
    return current;
  }
  const apply = db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    assertNotNewer(version, upTo, path);
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const migration of listMigrations()) {
      if (migration.version <= version || migration.version > upTo) continue;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, Date.now());
      db.pragma(`user_version = ${migration.version}`);
    }
    stampApplicationId(db);
  });
  apply.immediate();
  return db.pragma('user_version', { simple: true }) as number;
}

/** Marks the file as regula's (databases made before the mark get it on their next open). */
function stampApplicationId(db: Database.Database): void {
  if (db.pragma('application_id', { simple: true }) !== REGULA_APPLICATION_ID)
    db.pragma(`application_id = ${REGULA_APPLICATION_ID}`);
}

export function assertNotNewer(version: number, known: number, path: string): void {
  if (version > known) {
    throw new StorageError(
      `the database ${path} has schema version ${version}, newer than this program knows (${known}); upgrade regula (npm install) before using this file`,
    );
  }
}
