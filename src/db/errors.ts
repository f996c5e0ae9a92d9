import { RegulaError, StorageError } from '../core/errors.js';

interface SqliteLikeError {
  code: string;
  message: string;
}

function isSqliteError(error: unknown): error is SqliteLikeError {
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('SQLITE_');
}

/** Turns a driver error into a StorageError with a message a person can act on; others pass through. */
export function translateStorageError(error: unknown, path: string): unknown {
  if (error instanceof RegulaError || !isSqliteError(error)) return error;
  const code = error.code;
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code.startsWith('SQLITE_LOCKED')) {
    return new StorageError(`the database ${path} is busy (another task command holds the lock); nothing was written, try again`);
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return new StorageError(`the database ${path} is read-only; nothing was written - check the file's and folder's permissions or use another --db`);
  }
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new StorageError(`${path} is not a usable regula database (${error.message}); it was left untouched - restore a backup or point --db at another file`);
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return new StorageError(`cannot open the database ${path} (${error.message}); check that the folder exists and is writable`);
  }
  if (code === 'SQLITE_FULL') return new StorageError(`the disk holding ${path} is full; nothing was written`);
  if (code.startsWith('SQLITE_IOERR')) return new StorageError(`input/output error on ${path} (${error.message}); nothing was written`);
  return error;
}
