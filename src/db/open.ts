import Database from 'better-sqlite3';
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  linkSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { StorageError, UsageError } from '../core/errors.js';
import { nativeBinding } from './driver.js';
import { RESTORE_ADVICE, translateFileError, translateStorageError } from './errors.js';
import { identifyFile, openSnapshot, refusal } from './identify.js';
import { assertNotNewer, latestSchemaVersion, migrate } from './migrations.js';

export interface OpenOptions {
  /** Create missing parent folders (only for the default location; an explicit path must exist). */
  createParent: boolean;
  /** How long a command waits for another one's lock before giving up (ms). */
  busyTimeoutMs?: number;
}

/**
 * Opens and migrates the database; every failure is a one-line error. A file is identified as regula's
 * before anything is written to it or created beside it (no WAL switch, no migration, no -shm); a new
 * database is only ever created where no file exists. A file this person cannot write is read from a
 * snapshot that creates nothing on disk (writes then fail with "read-only").
 */
export function openDatabase(path: string, options: OpenOptions): Database.Database {
  if (path === ':memory:') return openWritable(path, options);
  checkPath(path, options.createParent);
  if (!existsSync(path)) createDatabase(path);
  const identity = identifyFile(path);
  if (identity.kind !== 'regula') throw refusal(path, identity);
  assertNotNewer(identity.schemaVersion, latestSchemaVersion(), path);
  return canWrite(path) ? openWritable(path, options) : openReadOnly(path);
}

function openWritable(path: string, options: OpenOptions): Database.Database {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, {
      timeout: options.busyTimeoutMs ?? 10_000,
      fileMustExist: path !== ':memory:',
      ...nativeBinding(),
    });
    db.pragma('foreign_keys = ON');
    // Refused before the first write: a newer program's file keeps its journal mode and every byte.
    assertNotNewer(db.pragma('user_version', { simple: true }) as number, latestSchemaVersion(), path);
    if (path !== ':memory:') enableWal(db);
    db.pragma('synchronous = FULL');
    migrate(db, path);
    return db;
  } catch (error) {
    db?.close();
    throw translateStorageError(error, path);
  }
}

function openReadOnly(path: string): Database.Database {
  let db: Database.Database | undefined;
  try {
    db = openSnapshot(path);
    const version = db.pragma('user_version', { simple: true }) as number;
    assertNotNewer(version, latestSchemaVersion(), path);
    if (version < latestSchemaVersion()) {
      throw new StorageError(
        `the database ${path} needs an upgrade (schema ${version} to ${latestSchemaVersion()}) but you cannot write it; run any task command once as its owner, or use another --db`,
      );
    }
    return db;
  } catch (error) {
    db?.close();
    throw translateStorageError(error, path);
  }
}

/**
 * Writing needs the file and its folder (SQLite keeps -wal and -shm there). Without both, reading goes
 * through a snapshot: SQLite would otherwise create -wal/-shm owned by this reader, which then block the
 * owner's writes.
 */
function canWrite(path: string): boolean {
  try {
    accessSync(path, constants.R_OK | constants.W_OK);
    accessSync(dirname(path), constants.W_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** WAL lets readers work while one process writes; switching needs a moment alone with the file. */
function enableWal(db: Database.Database): void {
  const mode = db.pragma('journal_mode', { simple: true });
  if (mode !== 'wal') db.pragma('journal_mode = WAL');
}

/**
 * A new database is built whole under a temporary name (owner-only, 0600) and linked into place only if
 * no file has appeared there meanwhile: a killed first run leaves no empty or half-made file at the
 * path, and two first runs at once both end up with the same, complete database.
 */
function createDatabase(path: string): void {
  if (existsSync(`${path}-wal`)) {
    throw new StorageError(
      `${path} does not exist but ${path}-wal, left from a removed database, does; move ${path}-wal and ${path}-shm away, or ${RESTORE_ADVICE}`,
    );
  }
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.new`);
  try {
    closeSync(openSync(temporary, 'wx', 0o600));
    const db = new Database(temporary, { ...nativeBinding() });
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      migrate(db, path);
    } finally {
      db.close();
    }
    placeNewFile(temporary, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new StorageError(
        `cannot open the database ${path} (no new file can be made in ${dirname(path)}); check that the folder exists and is writable`,
      );
    }
    throw translateFileError(error, path);
  } finally {
    removeWithCompanions(temporary);
  }
}

/** Links a finished file to `path` unless a file is already there (then that one is used). */
export function placeNewFile(temporary: string, path: string): 'placed' | 'exists' {
  try {
    linkSync(temporary, path);
    return 'placed';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return 'exists';
    // A file system without hard links: rename, after looking once more.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw error;
    if (existsSync(path)) return 'exists';
    renameSync(temporary, path);
    return 'placed';
  }
}

/** A database file and the journal, WAL and WAL index SQLite may have made beside it. */
export function removeWithCompanions(path: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}

export function checkPath(path: string, createParent: boolean): void {
  if (existsSync(path)) {
    const stat = statSync(path);
    if (stat.isDirectory())
      throw new UsageError(
        `${path} is a folder, not a database file; pass a file path with --db or REGULA_DB`,
      );
    if (!stat.isFile())
      throw new UsageError(
        `${path} is not a regular file (a device, pipe or socket); pass the path of a database file with --db or REGULA_DB`,
      );
  }
  const parent = dirname(path);
  if (existsSync(parent)) {
    if (!statSync(parent).isDirectory())
      throw new UsageError(`${parent} is not a folder; choose another --db path`);
    return;
  }
  if (!createParent)
    throw new UsageError(`the folder ${parent} does not exist; create it or choose another --db path`);
  mkdirSync(parent, { recursive: true, mode: 0o700 });
}
