import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, lstatSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { NotFoundError, StorageError, UsageError } from '../core/errors.js';
import { nativeBinding } from './driver.js';
import { translateFileError, translateStorageError } from './errors.js';
import { identifyFile, openSnapshot } from './identify.js';
import { assertNotNewer, latestSchemaVersion } from './migrations.js';
import { checkPath, openDatabase, placeNewFile, removeWithCompanions } from './open.js';

export interface CheckedCopy {
  path: string;
  tasks: number;
}

/** Where the database restore-backup replaced is kept (with its -wal/-shm, if it had them). */
export function replacedPath(target: string): string {
  return `${target}.before-restore`;
}

/**
 * A backup is written to a temporary name beside its target (owner-only, 0600), checked (integrity, a
 * single self-contained file in rollback-journal mode) and only then renamed into place: a killed backup
 * leaves no empty or half-written file at the path. A symbolic link at the path is refused, dangling or
 * not - the copy is never written somewhere other than the named path.
 */
export async function writeBackup(
  db: Database.Database,
  target: string,
  options: { force: boolean },
): Promise<CheckedCopy> {
  checkBackupTarget(target, options.force);
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    closeSync(openSync(temporary, 'wx', 0o600));
    await db.backup(temporary);
    const tasks = checkCopy(temporary, `the backup ${target}`);
    renameSync(temporary, target);
    return { path: target, tasks };
  } catch (error) {
    throw translateFileError(error, target);
  } finally {
    removeWithCompanions(temporary);
  }
}

function checkBackupTarget(target: string, force: boolean): void {
  const stat = lstatOrUndefined(target);
  if (stat?.isSymbolicLink()) {
    throw new UsageError(
      `${target} is a symbolic link; a backup is never written through a link - give the real path of the backup file`,
    );
  }
  if (stat?.isDirectory())
    throw new UsageError(
      `${target} is a folder; give the path of the backup file, e.g. ${join(target, 'regula-backup.db')}`,
    );
  if (stat && !stat.isFile())
    throw new UsageError(`${target} is not a regular file; give the path of the backup file`);
  if (stat && !force) throw new UsageError(`${target} exists; pass --force to overwrite it`);
  const parent = dirname(target);
  if (!existsSync(parent) || !statSync(parent).isDirectory()) {
    throw new UsageError(`the folder ${parent} does not exist; create it or choose another backup path`);
  }
}

function lstatOrUndefined(path: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Makes a fresh copy one self-contained file (rollback-journal mode, no -wal beside it) and checks it;
 * returns its number of tasks. `what` names the copy in the refusal.
 */
function checkCopy(path: string, what: string): number {
  const copy = new Database(path, { fileMustExist: true, ...nativeBinding() });
  try {
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok')
      throw new StorageError(
        `${what} failed its integrity check (${String(check)}); nothing was changed - choose another backup`,
      );
    return (copy.prepare('SELECT count(*) AS n FROM tasks').get() as { n: number }).n;
  } finally {
    copy.close();
  }
}

export interface RestoreResult {
  path: string;
  tasks: number;
  /** Where the database that was replaced now is (absent when there was none). */
  replaced?: string;
}

/**
 * Puts a backup in place of the database at `target`, safely even with a -wal left by a crash beside it.
 * The backup is checked first (a regula database, not newer than this program, integrity ok) through a
 * copy beside the target. A target SQLite can open is then rewritten through SQLite's backup API: one
 * write transaction under the database's write lock, so the target's own -wal is recovered, not replayed
 * over the copy, and a command running meanwhile either finishes before or sees the restored data (a
 * command holding the lock longer than the busy timeout makes restore refuse, nothing changed). A
 * damaged or empty target, with any -wal/-shm/-journal beside it, is moved aside and the checked copy
 * linked into place. Either way the replaced database is kept as TARGET.before-restore. Nothing is replaced
 * until `authorize` accepted the person restoring (R38: an administrator, where the database says who is).
 */
/** A person of a database as a restore asks about them: who may put a backup in its place (R38). */
export interface Person {
  name: string;
  role: string;
}

/**
 * Asked before anything is replaced, with the people of the database being replaced - or, where none can
 * be read (no file, a damaged one), of the backup; it throws to refuse.
 */
export type RestoreAuthorization = (people: readonly Person[], whose: 'database' | 'backup') => void;

export async function restoreBackup(
  source: string,
  target: string,
  options: { busyTimeoutMs: number; createParent: boolean; authorize: RestoreAuthorization },
): Promise<RestoreResult> {
  checkBackupSource(source);
  checkPath(target, options.createParent);
  const existing = existsSync(target) ? identifyFile(target) : undefined;
  if (existing?.kind === 'foreign') {
    throw new StorageError(
      `${target} is not regula's (${existing.reason}); nothing was changed - point --db at the regula database to restore`,
    );
  }
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.restore`);
  try {
    closeSync(openSync(temporary, 'wx', 0o600));
    await copyFrom(source, temporary);
    try {
      checkCopy(temporary, `the backup ${source}`);
    } catch (error) {
      throw unusableBackup(error, source);
    }
    const current = existing?.kind === 'regula' ? peopleOf(target) : undefined;
    if (current) options.authorize(current, 'database');
    else options.authorize(peopleOf(temporary) ?? [], 'backup');
    if (existing) chmodSync(temporary, statSync(target).mode & 0o777);
    const replaced =
      existing?.kind === 'regula'
        ? await restoreInPlace(temporary, target, options.busyTimeoutMs)
        : undefined;
    const result = replaced ?? replaceFile(temporary, target);
    const tasks = countAfterRestore(target);
    return { path: target, tasks, ...(result.replaced ? { replaced: result.replaced } : {}) };
  } catch (error) {
    throw translateFileError(error, target);
  } finally {
    removeWithCompanions(temporary);
  }
}

/** The people of a regula database, read from a snapshot (the file is never changed); undefined when it cannot be read. */
function peopleOf(path: string): Person[] | undefined {
  // A snapshot first (nothing made beside the file); where that cannot be had - an empty -wal left by a
  // reader, without the -shm a read-only snapshot needs - a read-only connection, as any reader opens it.
  const opens = [
    () => openSnapshot(path),
    () => new Database(path, { readonly: true, fileMustExist: true, ...nativeBinding() }),
  ];
  for (const open of opens) {
    let db: Database.Database | undefined;
    try {
      db = open();
      return db.prepare('SELECT name, role FROM users ORDER BY id').all() as Person[];
    } catch {
      // not readable this way: the next one, or none
    } finally {
      db?.close();
    }
  }
  return undefined;
}

function checkBackupSource(source: string): void {
  const stat = lstatOrUndefined(source);
  if (!stat)
    throw new NotFoundError(`no backup file ${source}; give the path of a file written by task backup`);
  if (!statSync(source).isFile())
    throw new UsageError(`${source} is not a file; give the path of a file written by task backup`);
  const identity = identifyFile(source);
  if (identity.kind !== 'regula') {
    const why =
      identity.kind === 'empty'
        ? 'an empty file'
        : identity.kind === 'not-sqlite'
          ? 'not an SQLite file'
          : identity.reason;
    throw new StorageError(
      `the backup ${source} is not a usable regula database (${why}); nothing was changed - choose another backup`,
    );
  }
  assertNotNewer(identity.schemaVersion, latestSchemaVersion(), source);
}

/** Copies through SQLite from a read-only snapshot of the backup, which is never changed. */
async function copyFrom(source: string, destination: string): Promise<void> {
  let db: Database.Database | undefined;
  try {
    db = openSnapshot(source);
    assertNotNewer(db.pragma('user_version', { simple: true }) as number, latestSchemaVersion(), source);
    await db.backup(destination);
  } catch (error) {
    throw unusableBackup(error, source);
  } finally {
    db?.close();
  }
}

/** A backup SQLite cannot read whole is named as the backup, and nothing was changed. */
function unusableBackup(error: unknown, source: string): unknown {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'))) {
    return new StorageError(
      `the backup ${source} is not a usable regula database (${(error as Error).message}); nothing was changed - choose another backup`,
    );
  }
  return translateStorageError(error, source);
}

/**
 * The checked copy is written into the live target in one transaction. Returns undefined when SQLite
 * cannot use the target (damaged): then the file is replaced instead.
 */
async function restoreInPlace(
  checked: string,
  target: string,
  busyTimeoutMs: number,
): Promise<{ replaced: string } | undefined> {
  const replaced = replacedPath(target);
  let current: Database.Database | undefined;
  try {
    current = new Database(target, { fileMustExist: true, timeout: busyTimeoutMs, ...nativeBinding() });
    await writeBackup(current, replaced, { force: true });
  } catch (error) {
    if (isUnusable(error)) return undefined;
    throw translateStorageError(error, target);
  } finally {
    current?.close();
  }
  await copyInto(checked, target, busyTimeoutMs);
  return { replaced };
}

function isUnusable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')))
    return true;
  return (
    error instanceof StorageError &&
    /integrity check|not a usable regula database|malformed|not a database/.test(error.message)
  );
}

/**
 * SQLite's backup API into the target, all pages in one transaction. Its first step takes the target's
 * write lock; when another command holds it, the step does nothing and reports no pages (a real copy has
 * at least one), and it is tried again until the busy timeout.
 */
async function copyInto(checked: string, target: string, busyTimeoutMs: number): Promise<void> {
  const source = new Database(checked, { readonly: true, fileMustExist: true, ...nativeBinding() });
  const deadline = Date.now() + busyTimeoutMs;
  try {
    for (;;) {
      const progress = await source.backup(target, { progress: () => 0x7fffffff });
      if (progress.totalPages > 0) return;
      if (Date.now() > deadline) {
        throw new StorageError(
          `the database ${target} is busy (another task command holds the lock); nothing was restored, try again`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } catch (error) {
    throw translateStorageError(error, target);
  } finally {
    source.close();
  }
}

/** A damaged, empty or missing target: moved aside with its companions, the checked copy linked in. */
function replaceFile(checked: string, target: string): { replaced?: string } {
  const replaced = replacedPath(target);
  let moved = false;
  for (const suffix of ['', '-journal', '-wal', '-shm']) {
    rmSync(`${replaced}${suffix}`, { force: true });
    if (existsSync(`${target}${suffix}`)) {
      renameSync(`${target}${suffix}`, `${replaced}${suffix}`);
      moved = true;
    }
  }
  if (placeNewFile(checked, target) === 'exists') {
    throw new StorageError(
      `a new database appeared at ${target} while the backup was being restored; nothing was replaced - run restore-backup again`,
    );
  }
  return moved ? { replaced } : {};
}

function countAfterRestore(target: string): number {
  const db = openDatabase(target, { createParent: false });
  try {
    return (db.prepare('SELECT count(*) AS n FROM tasks').get() as { n: number }).n;
  } finally {
    db.close();
  }
}
