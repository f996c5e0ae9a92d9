import Database from 'better-sqlite3';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { translateStorageError } from './errors.js';
import { migrate } from './migrations.js';

export interface OpenOptions {
  /** Create missing parent folders (only for the default location; an explicit path must exist). */
  createParent: boolean;
  /** How long a command waits for another one's lock before giving up (ms). */
  busyTimeoutMs?: number;
}

/** Opens (creating on first use) and migrates the database; every failure is a one-line error. */
export function openDatabase(path: string, options: OpenOptions): Database.Database {
  if (path !== ':memory:') checkPath(path, options.createParent);
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { timeout: options.busyTimeoutMs ?? 10_000, ...nativeBinding() });
    db.pragma('foreign_keys = ON');
    if (path !== ':memory:') enableWal(db);
    db.pragma('synchronous = FULL');
    migrate(db, path);
    return db;
  } catch (error) {
    db?.close();
    throw translateStorageError(error, path);
  }
}

/**
 * The addon's path, found once: better-sqlite3 otherwise searches a dozen places for it on every open,
 * which every `task` invocation would pay for.
 */
function nativeBinding(): { nativeBinding?: string } {
  try {
    const require = createRequire(__filename);
    const addon = join(dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
    return existsSync(addon) ? { nativeBinding: addon } : {};
  } catch {
    return {};
  }
}

/** WAL lets readers work while one process writes; switching needs a moment alone with the file. */
function enableWal(db: Database.Database): void {
  const mode = db.pragma('journal_mode', { simple: true });
  if (mode !== 'wal') db.pragma('journal_mode = WAL');
}

function checkPath(path: string, createParent: boolean): void {
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new UsageError(`${path} is a folder, not a database file; pass a file path with --db or REGULA_DB`);
  }
  const parent = dirname(path);
  if (existsSync(parent)) {
    if (!statSync(parent).isDirectory()) throw new UsageError(`${parent} is not a folder; choose another --db path`);
    return;
  }
  if (!createParent) throw new UsageError(`the folder ${parent} does not exist; create it or choose another --db path`);
  mkdirSync(parent, { recursive: true });
}
