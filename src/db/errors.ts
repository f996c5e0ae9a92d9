import { RegulaError, StorageError } from '../core/errors.js';

/** How to put a backup in place of a file that cannot be used (named in every "not usable" message). */
export const RESTORE_ADVICE = 'restore a backup with task restore-backup FILE or point --db at another file';

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
    return new StorageError(
      `the database ${path} is busy (another task command holds the lock); nothing was written, try again`,
    );
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return new StorageError(
      `the database ${path} is read-only; nothing was written - check the file's and folder's permissions or use another --db`,
    );
  }
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new StorageError(
      `${path} is not a usable regula database (${error.message}); it was left untouched - ${RESTORE_ADVICE}`,
    );
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return new StorageError(
      `cannot open the database ${path} (${error.message}); check that the folder exists and is writable`,
    );
  }
  if (code === 'SQLITE_FULL')
    return new StorageError(
      `disk full: the disk holding ${path} has no space left; nothing was written - free some space and try again`,
    );
  if (code.startsWith('SQLITE_IOERR'))
    return new StorageError(
      `input/output error on ${path} (${error.message}); nothing was written - the disk may be full or failing`,
    );
  return error;
}

/** An error from the file system (Node's fs), with the errno code it carries. */
function errnoCode(error: unknown): string | undefined {
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined;
}

/**
 * Turns a file-system error met while writing `path` (a backup, the config, a new database) into one
 * line a person can act on; the caller has already removed what it had half-written.
 */
export function translateFileError(error: unknown, path: string): unknown {
  if (error instanceof RegulaError) return error;
  const code = errnoCode(error);
  if (code === undefined) return translateStorageError(error, path);
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return new StorageError(
      `disk full: no space left for ${path}; nothing was written - free some space and try again`,
    );
  if (code === 'EACCES' || code === 'EPERM')
    return new StorageError(
      `cannot write ${path}: permission denied; nothing was written - check the folder's permissions or choose another path`,
    );
  if (code === 'EROFS')
    return new StorageError(
      `cannot write ${path}: the file system is read-only; nothing was written - choose another path`,
    );
  if (code === 'ENOENT' || code === 'ENOTDIR')
    return new StorageError(
      `cannot write ${path}: the folder does not exist; nothing was written - create it or choose another path`,
    );
  if (code === 'EIO')
    return new StorageError(
      `input/output error writing ${path}; nothing was written - the disk may be failing`,
    );
  return new StorageError(`cannot write ${path} (${(error as Error).message}); nothing was written`);
}
