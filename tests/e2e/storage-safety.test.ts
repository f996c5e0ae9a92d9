import Database from 'better-sqlite3';
import { execa } from 'execa';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, Sandbox } from './helpers.js';

let sb: Sandbox;
beforeEach(() => {
  sb = new Sandbox();
});
afterEach(() => sb.remove());

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const isRoot = process.getuid?.() === 0;
const V1_FIXTURE = fileURLToPath(new URL('../fixtures/schema-v1.db', import.meta.url));
const mode = (path: string) => statSync(path).mode & 0o777;
/** What SQLite may make beside a database when it opens it. */
const companions = (path: string) => ['-journal', '-wal', '-shm'].filter((s) => existsSync(`${path}${s}`));

/** Runs the binary as another (unprivileged) user, so permissions apply although the tests run as root. */
function runAs(uid: number, args: string[], env: Record<string, string | undefined>) {
  return execa('setpriv', [`--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', 'node', BIN, ...args], {
    env: { ...env, HOME: '/nonexistent' },
    reject: false,
  });
}

/** A database left by a process killed while writing: its -wal and -shm are still beside it. */
async function crashWhileWriting(db: string, comments: number): Promise<void> {
  const script = `
    const Database = require(${JSON.stringify(createRequire(import.meta.url).resolve('better-sqlite3'))});
    const db = new Database(${JSON.stringify(db)});
    db.pragma('wal_autocheckpoint = 0');
    const insert = db.prepare("INSERT INTO comments (task_id, author_id, kind, body, created_at) VALUES (1, 1, 'comment', ?, 0)");
    for (let i = 0; i < ${comments}; i++) insert.run('written before the crash ' + i);
    process.kill(process.pid, 'SIGKILL');`;
  const child = await execa('node', ['-e', script], { reject: false });
  expect(child.signal).toBe('SIGKILL');
  expect(companions(db)).toEqual(['-wal', '-shm']);
}

describe('files that are not ours, or not whole, are refused and never modified', () => {
  it.each([
    [
      "another application's SQLite database",
      (path: string) => {
        const db = new Database(path);
        db.pragma('application_id = 1234');
        db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)');
        db.close();
      },
    ],
    [
      'an SQLite database with its own tasks table',
      (path: string) => {
        const db = new Database(path);
        db.exec(
          "CREATE TABLE tasks (id INTEGER PRIMARY KEY, title TEXT); INSERT INTO tasks (title) VALUES ('theirs')",
        );
        db.close();
      },
    ],
    [
      'an empty SQLite database',
      (path: string) => {
        const db = new Database(path);
        db.exec('VACUUM');
        db.close();
      },
    ],
    ['a 1-byte file', (path: string) => writeFileSync(path, 'x')],
    ['a 0-byte file', (path: string) => writeFileSync(path, '')],
  ])('%s: exit 5, one line naming restore-backup, the file and its folder unchanged', async (_name, make) => {
    make(sb.db);
    const hash = sha(sb.db);
    for (const args of [['list'], ['add', 'Sales: Call Ivan']]) {
      const result = await sb.run(args);
      expect(result.exitCode, String(result.stderr)).toBe(5);
      expect(String(result.stderr).split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(
        /^task: .* is not a usable regula database \(.*\); it was left untouched - restore a backup with task restore-backup FILE/,
      );
    }
    expect(sha(sb.db)).toBe(hash);
    expect(companions(sb.db)).toEqual([]);
  });

  it("a newer program's database in rollback-journal mode: exit 5 before any write, every byte and the journal mode kept", async () => {
    copyFileSync(V1_FIXTURE, sb.db);
    const setup = new Database(sb.db);
    setup.pragma('user_version = 999');
    setup.close();
    const hash = sha(sb.db);
    const result = await sb.run(['add', 'Sales: Call Ivan']);
    expect(result.exitCode).toBe(5);
    expect(result.stderr).toMatch(/schema version 999, newer than this program knows/);
    expect(sha(sb.db)).toBe(hash);
    expect(companions(sb.db)).toEqual([]);
  });

  it("a database made by an older regula (schema 1, no application id) opens, upgrades and is marked as regula's", async () => {
    copyFileSync(V1_FIXTURE, sb.db);
    await sb.ok(['list', '--all'], { user: 'ivan' });
    const db = new Database(sb.db, { readonly: true });
    expect(db.pragma('application_id', { simple: true })).toBe(0x52474c41);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThan(1);
    db.close();
  });

  it('--db /dev/null is a usage error and creates nothing beside it', async () => {
    const result = await sb.run(['list'], { env: { REGULA_DB: '/dev/null' } });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^task: \/dev\/null is not a regular file/);
    expect(existsSync('/dev/null-journal')).toBe(false);
    expect(existsSync('/dev/null-wal')).toBe(false);
  });

  it('a new database is created readable by its owner only, and four first runs at once share one whole database', async () => {
    const runs = await Promise.all([1, 2, 3, 4].map((i) => sb.run(['add', `Sales: First ${i}`])));
    expect(runs.map((r) => r.exitCode)).toEqual([0, 0, 0, 0]);
    expect(sb.sql('SELECT count(*) AS n FROM tasks')).toEqual([{ n: 4 }]);
    expect(mode(sb.db)).toBe(0o600);
    expect(readdirSync(sb.dir).filter((f) => f.includes('.new'))).toEqual([]);
  });
});

describe.skipIf(!isRoot)('people with read access only', () => {
  const OWNER = 65534;
  const READER = 65533;

  it('a reader who cannot write the database creates no -wal/-shm, reads, and the owner keeps writing', async () => {
    const shared = join(sb.dir, 'shared');
    mkdirSync(shared);
    chmodSync(sb.dir, 0o755);
    chmodSync(shared, 0o777);
    const env = { ...sb.env(), REGULA_DB: join(shared, 'team.db') };
    expect((await runAs(OWNER, ['add', 'Sales: Call Ivan'], env)).exitCode).toBe(0);
    chmodSync(join(shared, 'team.db'), 0o644);
    const read = await runAs(READER, ['list', '--json'], env);
    expect(read.exitCode, String(read.stderr)).toBe(0);
    expect(JSON.parse(String(read.stdout)).map((t: { title: string }) => t.title)).toEqual([
      'Sales: Call Ivan',
    ]);
    expect(companions(join(shared, 'team.db'))).toEqual([]);
    const write = await runAs(READER, ['add', 'Sales: Not mine'], env);
    expect(write.exitCode).toBe(5);
    expect(String(write.stderr)).toMatch(/is read-only; nothing was written/);
    const owner = await runAs(OWNER, ['add', 'Sales: Still mine'], env);
    expect(owner.exitCode, String(owner.stderr)).toBe(0);
  });

  it('reads work in a read-only folder; writes there exit 5 with one line', async () => {
    const folder = join(sb.dir, 'archive');
    mkdirSync(folder);
    chmodSync(sb.dir, 0o755);
    const env = { ...sb.env(), REGULA_DB: join(folder, 'r.db') };
    await sb.ok(['add', 'Sales: Call Ivan'], { env: { REGULA_DB: join(folder, 'r.db') } });
    chownSync(join(folder, 'r.db'), OWNER, OWNER);
    chmodSync(folder, 0o555);
    const read = await runAs(OWNER, ['list', '--json'], env);
    expect(read.exitCode, String(read.stderr)).toBe(0);
    const write = await runAs(OWNER, ['add', 'Sales: Another'], env);
    expect(write.exitCode).toBe(5);
    expect(String(write.stderr).split('\n')).toHaveLength(1);
    expect(readdirSync(folder)).toEqual(['r.db']);
  });
});

describe('backup', () => {
  it('writes a checked, self-contained copy readable by its owner only, through a temporary name', async () => {
    await sb.ok(['add', 'Sales: Call Ivan']);
    chmodSync(sb.db, 0o644);
    const target = join(sb.dir, 'copy.db');
    const made = await sb.json(['backup', target]);
    expect(made).toEqual({ path: target, tasks: 1, integrity: 'ok' });
    expect(mode(target)).toBe(0o600);
    expect(companions(target)).toEqual([]);
    const copy = new Database(target, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    copy.close();
    expect(readdirSync(sb.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a symbolic link at the path, dangling or not, and writes nothing through it', async () => {
    await sb.ok(['add', 'Sales: Call Ivan']);
    const victim = join(sb.dir, 'victim');
    mkdirSync(victim);
    const dangling = join(sb.dir, 'b.db');
    symlinkSync(join(victim, 'x.db'), dangling);
    const result = await sb.run(['backup', dangling]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(
      /^task: .*b\.db is a symbolic link; a backup is never written through a link/,
    );
    expect(existsSync(join(victim, 'x.db'))).toBe(false);

    writeFileSync(join(victim, 'kept.txt'), 'mine');
    const pointing = join(sb.dir, 'c.db');
    symlinkSync(join(victim, 'kept.txt'), pointing);
    expect((await sb.run(['backup', pointing, '--force'])).exitCode).toBe(2);
    expect(readFileSync(join(victim, 'kept.txt'), 'utf8')).toBe('mine');
  });

  it('a missing folder is one clear line with exit 2, not an unexpected error', async () => {
    await sb.ok(['list']);
    const result = await sb.run(['backup', '/nonexistent/dir/b.db']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      'task: the folder /nonexistent/dir does not exist; create it or choose another backup path',
    );
  });
});

describe('restore-backup', () => {
  // The scene (tasks, a backup, more tasks) is made in process (issue 19); every restore-backup is the
  // real binary.
  beforeEach(() => {
    sb.remove();
    sb = new Sandbox({ inProcess: true });
  });

  /** A database with three tasks, its backup, then two more tasks. */
  async function databaseWithBackup(): Promise<string> {
    for (const title of ['Sales: One', 'Sales: Two', 'Sales: Three']) await sb.ok(['add', title]);
    const backup = join(sb.dir, 'backup.db');
    await sb.ok(['backup', backup]);
    for (const title of ['Sales: Four', 'Sales: Five']) await sb.ok(['add', title]);
    return backup;
  }

  const titles = async () =>
    (await sb.json<{ title: string }[]>(['list', '--all'])).map((t) => t.title).sort();

  it('restores safely with a -wal and -shm left by a crash beside the database; the replaced database is kept', async () => {
    const backup = await databaseWithBackup();
    await crashWhileWriting(sb.db, 200);
    const backupHash = sha(backup);
    const result = await sb.spawn(['restore-backup', backup]);
    expect(result.exitCode, String(result.stderr)).toBe(0);
    expect(result.stdout).toBe(
      `Restored ${backup} to ${sb.db} (3 tasks, integrity ok); the database it replaced is kept as ${sb.db}.before-restore.`,
    );
    expect(sha(backup)).toBe(backupHash);
    expect(await titles()).toEqual(['Sales: One', 'Sales: Three', 'Sales: Two']);
    expect(sb.sql('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect(sb.sql("SELECT count(*) AS n FROM comments WHERE body LIKE 'written before the crash%'")).toEqual([
      { n: 0 },
    ]);
    await sb.ok(['add', 'Sales: After the restore']);
    const kept = new Database(`${sb.db}.before-restore`, { readonly: true });
    expect(
      kept.prepare("SELECT count(*) AS n FROM comments WHERE body LIKE 'written before the crash%'").get(),
    ).toEqual({ n: 200 });
    expect(kept.prepare('SELECT count(*) AS n FROM tasks').get()).toEqual({ n: 5 });
    kept.close();
  });

  it("a backup made the old way (WAL mode) restored over a database with a stale -wal: the backup's data, intact", async () => {
    const backup = await databaseWithBackup();
    const old = join(sb.dir, 'old-style.db');
    const source = new Database(backup);
    source.pragma('journal_mode = WAL');
    await source.backup(old);
    source.close();
    await crashWhileWriting(sb.db, 50);
    expect((await sb.spawn(['restore-backup', old])).exitCode).toBe(0);
    expect(await titles()).toEqual(['Sales: One', 'Sales: Three', 'Sales: Two']);
    expect(sb.sql('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  });

  it('while another command holds the write lock: exit 5, nothing changed', async () => {
    const backup = await databaseWithBackup();
    const before = sb.dump();
    const holder = new Database(sb.db);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const result = await sb.spawn(['restore-backup', backup], { env: { REGULA_BUSY_TIMEOUT_MS: '300' } });
      expect(result.exitCode).toBe(5);
      expect(result.stderr).toMatch(
        /is busy \(another task command holds the lock\); nothing was restored, try again$/,
      );
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(sb.dump()).toBe(before);
  });

  it('a damaged or empty database (with its -wal) is moved aside and replaced', async () => {
    const backup = await databaseWithBackup();
    await crashWhileWriting(sb.db, 10);
    writeFileSync(sb.db, 'x');
    const result = await sb.spawn(['restore-backup', backup]);
    expect(result.exitCode, String(result.stderr)).toBe(0);
    expect(await titles()).toEqual(['Sales: One', 'Sales: Three', 'Sales: Two']);
    expect(readFileSync(`${sb.db}.before-restore`, 'utf8')).toBe('x');
    expect(existsSync(`${sb.db}.before-restore-wal`)).toBe(true);
  });

  it('where no database exists yet, the backup becomes it', async () => {
    const backup = await databaseWithBackup();
    const fresh = join(sb.dir, 'fresh.db');
    const restored = await sb.spawn(['restore-backup', backup, '--json'], { env: { REGULA_DB: fresh } });
    expect(restored.exitCode, String(restored.stderr)).toBe(0);
    expect(JSON.parse(String(restored.stdout))).toEqual({
      path: fresh,
      from: backup,
      tasks: 3,
      replaced: null,
    });
    expect(mode(fresh)).toBe(0o600);
  });

  it("R38: only an administrator restores, as themselves; where the database cannot be read, the backup's administrators", async () => {
    await sb.ok(['user', 'add', 'bob']);
    const backup = await databaseWithBackup();
    const before = sb.dump();
    const employee = await sb.spawn(['restore-backup', backup], { user: 'bob' });
    expect(employee.exitCode).toBe(3);
    expect(employee.stderr).toBe(
      'task: R38: only an administrator of the database restores a backup, and bob is not one; ask alice',
    );
    const lent = await sb.spawn(['--as', 'alice', 'restore-backup', backup], { user: 'bob' });
    expect(lent.exitCode).toBe(3);
    expect(lent.stderr).toBe(
      'task: R38: restore-backup is done as yourself (bob), not --as alice: a restore replaces the history that would record the switch',
    );
    expect(sb.dump()).toBe(before);
    expect(existsSync(`${sb.db}.before-restore`)).toBe(false);
    // A damaged database names nobody: the backup's administrators decide.
    writeFileSync(sb.db, 'x');
    const damaged = await sb.spawn(['restore-backup', backup], { user: 'bob' });
    expect(damaged.exitCode).toBe(3);
    expect(damaged.stderr).toMatch(
      /^task: R38: only an administrator of the backup \(the database cannot be read\) restores a backup, and bob is not one; ask alice$/,
    );
    expect(readFileSync(sb.db, 'utf8')).toBe('x');
    expect((await sb.spawn(['restore-backup', backup])).exitCode).toBe(0);
    expect(await titles()).toEqual(['Sales: One', 'Sales: Three', 'Sales: Two']);
  });

  it('a backup that is not a whole regula database is refused; the database is unchanged', async () => {
    const backup = await databaseWithBackup();
    const before = sb.dump();
    const truncated = join(sb.dir, 'truncated.db');
    writeFileSync(truncated, readFileSync(backup).subarray(0, 8192));
    const notOurs = join(sb.dir, 'other.db');
    const other = new Database(notOurs);
    other.exec('CREATE TABLE tasks (id INTEGER PRIMARY KEY)');
    other.close();
    for (const bad of [truncated, notOurs]) {
      const result = await sb.spawn(['restore-backup', bad]);
      expect(result.exitCode, `${bad}: ${result.stderr}`).toBe(5);
      expect(result.stderr).toMatch(
        /^task: the backup .* (is not a usable regula database|failed its integrity check|malformed)/,
      );
    }
    expect((await sb.spawn(['restore-backup', join(sb.dir, 'missing.db')])).exitCode).toBe(4);
    expect(sb.dump()).toBe(before);
    expect(existsSync(`${sb.db}.before-restore`)).toBe(false);
  });
});

describe('settings', () => {
  it('the config file is created readable by its owner only', async () => {
    await sb.ok(['config', 'set', 'autoStartDay', 'false']);
    const config = join(sb.dir, 'config', 'regula', 'config.json');
    expect(mode(config)).toBe(0o600);
  });
});
