import Database from 'better-sqlite3';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from '../support/scratch.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomically } from '../../src/cli/atomic-write.js';
import { StorageError } from '../../src/core/errors.js';
import { translateFileError, translateStorageError } from '../../src/db/errors.js';
import { identifyFile, REGULA_APPLICATION_ID } from '../../src/db/identify.js';
import { openDatabase } from '../../src/db/open.js';

let dir: string;
beforeEach(() => {
  dir = scratchDir('regula-files-');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const errno = (code: string) => Object.assign(new Error(`${code}: something`), { code });

describe('identifyFile reads what a file is without changing it', () => {
  it('knows regula by its application id, older regula by its tables, and everything else as not ours', () => {
    const ours = join(dir, 'ours.db');
    openDatabase(ours, { createParent: false }).close();
    expect(identifyFile(ours)).toMatchObject({ kind: 'regula' });

    const older = join(dir, 'older.db');
    const db = new Database(older);
    db.exec(
      "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT); INSERT INTO schema_migrations VALUES (1, 'initial')",
    );
    db.exec(
      'CREATE TABLE users (id INTEGER); CREATE TABLE tasks (id INTEGER); CREATE TABLE time_entries (id INTEGER); PRAGMA user_version = 3',
    );
    db.close();
    expect(identifyFile(older)).toEqual({ kind: 'regula', schemaVersion: 3 });

    const foreign = join(dir, 'foreign.db');
    const other = new Database(foreign);
    other.pragma('application_id = 7');
    other.close();
    expect(identifyFile(foreign)).toMatchObject({ kind: 'foreign' });

    const lookalike = join(dir, 'lookalike.db');
    const same = new Database(lookalike);
    same.exec('CREATE TABLE tasks (id INTEGER)');
    same.close();
    expect(identifyFile(lookalike)).toMatchObject({ kind: 'foreign' });

    writeFileSync(join(dir, 'empty.db'), '');
    expect(identifyFile(join(dir, 'empty.db'))).toEqual({ kind: 'empty' });
    writeFileSync(join(dir, 'text.db'), 'SQLite format 3');
    expect(identifyFile(join(dir, 'text.db'))).toEqual({ kind: 'not-sqlite' });
    expect(readdirSync(dir).filter((f) => /-(wal|shm|journal)$/.test(f))).toEqual([]);
  });

  it('a new database carries the application id and is readable by its owner only', () => {
    const path = join(dir, 'new.db');
    const db = openDatabase(path, { createParent: false });
    expect(db.pragma('application_id', { simple: true })).toBe(REGULA_APPLICATION_ID);
    db.close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});

describe('file errors become one line a person can act on', () => {
  it('a full disk says "disk full", for files and for SQLite', () => {
    for (const error of [
      translateFileError(errno('ENOSPC'), '/x/config.json'),
      translateStorageError(
        Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }),
        '/x/r.db',
      ),
    ]) {
      expect(error).toBeInstanceOf(StorageError);
      expect((error as Error).message).toMatch(/^disk full: /);
    }
    expect((translateFileError(errno('EACCES'), '/x/b.db') as Error).message).toBe(
      "cannot write /x/b.db: permission denied; nothing was written - check the folder's permissions or choose another path",
    );
  });

  it('writeFileAtomically leaves no temporary file behind when the disk fills up', () => {
    const path = join(dir, 'config.json');
    const fillsUp = (file: string, text: string) => {
      writeFileSync(file, text.slice(0, 3));
      throw errno('ENOSPC');
    };
    expect(() => writeFileAtomically(path, '{"autoStartDay": false}\n', fillsUp)).toThrow(
      /^disk full: no space left for .*config\.json; nothing was written/,
    );
    expect(readdirSync(dir)).toEqual([]);
    writeFileAtomically(path, '{}\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(existsSync(`${path}.${process.pid}.tmp`)).toBe(false);
  });
});
