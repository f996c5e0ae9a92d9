import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { StorageError } from '../core/errors.js';
import { nativeBinding } from './driver.js';
import { RESTORE_ADVICE } from './errors.js';

/**
 * The SQLite application id of a regula database ("RGLA"), written in the header of every database this
 * program creates or upgrades, so a file is known as ours before anything is changed in it.
 */
export const REGULA_APPLICATION_ID = 0x52474c41;

/** What a file on disk is, found by reading it only (no journal, no WAL index, no lock). */
export type FileIdentity =
  | { kind: 'regula'; schemaVersion: number }
  | { kind: 'empty' }
  | { kind: 'not-sqlite' }
  | { kind: 'foreign'; reason: string }
  | { kind: 'damaged'; reason: string };

const SQLITE_MAGIC = 'SQLite format 3\0';
const HEADER_BYTES = 100;

interface Header {
  size: number;
  bytes: Buffer;
}

function readHeader(path: string): Header {
  const size = statSync(path).size;
  const bytes = Buffer.alloc(Math.min(size, HEADER_BYTES));
  const fd = openSync(path, 'r');
  try {
    readSync(fd, bytes, 0, bytes.length, 0);
  } finally {
    closeSync(fd);
  }
  return { size, bytes };
}

/**
 * Reads what a file is without changing it or creating anything beside it: the header first (the
 * application id says "regula" at once), then - for a file without one (made by an older regula, or by
 * another program) - its tables, from a copy in memory.
 */
export function identifyFile(path: string): FileIdentity {
  const header = readHeader(path);
  if (header.size === 0) return { kind: 'empty' };
  if (header.bytes.length < HEADER_BYTES || header.bytes.toString('latin1', 0, 16) !== SQLITE_MAGIC)
    return { kind: 'not-sqlite' };
  const applicationId = header.bytes.readUInt32BE(68);
  if (applicationId === REGULA_APPLICATION_ID)
    return { kind: 'regula', schemaVersion: header.bytes.readUInt32BE(60) };
  if (applicationId !== 0)
    return { kind: 'foreign', reason: `application id 0x${applicationId.toString(16)}` };
  return identifyByTables(path);
}

/** regula's first migration made these; schema_migrations names it (every regula database has it). */
const REGULA_TABLES = ['schema_migrations', 'users', 'tasks', 'time_entries'];

function identifyByTables(path: string): FileIdentity {
  let db: Database.Database | undefined;
  try {
    db = openSnapshot(path);
    const tables = new Set(
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
        (t) => t.name,
      ),
    );
    if (!REGULA_TABLES.every((t) => tables.has(t))) {
      return {
        kind: 'foreign',
        reason: tables.size === 0 ? 'an empty SQLite database' : 'an SQLite database without regula tables',
      };
    }
    const first = db.prepare('SELECT name FROM schema_migrations WHERE version = 1').get() as
      | { name: string }
      | undefined;
    if (first?.name !== 'initial')
      return { kind: 'foreign', reason: 'an SQLite database with other tables of the same names' };
    return { kind: 'regula', schemaVersion: db.pragma('user_version', { simple: true }) as number };
  } catch (error) {
    return { kind: 'damaged', reason: error instanceof Error ? error.message : String(error) };
  } finally {
    db?.close();
  }
}

/**
 * A read-only view of the file that touches nothing on disk: when no -wal is beside it, everything
 * committed is in the file itself, read into memory (marked rollback-journal, which SQLite needs for an
 * in-memory image). With a -wal present (someone has it open, or crashed), SQLite reads through the
 * existing -wal and -shm read-only and never creates them (readonly_shm).
 */
export function openSnapshot(path: string): Database.Database {
  const options = nativeBinding();
  if (!existsSync(`${path}-wal`)) {
    const image = readFileSync(path);
    if (image.length >= HEADER_BYTES) {
      image[18] = 1;
      image[19] = 1;
    }
    return new Database(image, { readonly: true, ...options });
  }
  return new Database(`file:${encodeUriPath(path)}?mode=ro&readonly_shm=1`, { readonly: true, ...options });
}

/** SQLite URIs read %, ? and # specially; everything else passes as is. */
function encodeUriPath(path: string): string {
  return path.replace(/[%?#]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The one line for a file that is not a usable regula database; it was never changed. */
export function refusal(path: string, identity: Exclude<FileIdentity, { kind: 'regula' }>): StorageError {
  const untouched = `it was left untouched - ${RESTORE_ADVICE}`;
  switch (identity.kind) {
    case 'empty':
      return new StorageError(
        `${path} is not a usable regula database (an empty file, 0 bytes); ${untouched}, or delete it to start a new database there`,
      );
    case 'not-sqlite':
      return new StorageError(`${path} is not a usable regula database (not an SQLite file); ${untouched}`);
    case 'foreign':
      return new StorageError(
        `${path} is not a usable regula database (${identity.reason}: it belongs to another program); ${untouched}`,
      );
    case 'damaged':
      return new StorageError(`${path} is not a usable regula database (${identity.reason}); ${untouched}`);
  }
}
