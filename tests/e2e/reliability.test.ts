import Database from 'better-sqlite3';
import { execa } from 'execa';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, Sandbox } from './helpers.js';

let sb: Sandbox;

/**
 * Each group says how its commands run. Where the behaviour is the process's own (several at once, a
 * kill, file permissions, the exit of the real binary) the test starts it (`sb.spawn`, or a sandbox
 * without `inProcess`); the steps that only set the scene or read it back run in process (issue 19).
 */
function sandboxes(options: { inProcess?: boolean }): void {
  beforeEach(() => {
    sb = new Sandbox(options);
  });
  afterEach(() => sb.remove());
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const isRoot = process.getuid?.() === 0;

/** Runs the binary as an unprivileged user, so file permissions apply even when the tests run as root. */
async function runUnprivileged(args: string[], env: Record<string, string | undefined>) {
  if (!isRoot) return execa('node', [BIN, ...args], { env, reject: false });
  return execa('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'node', BIN, ...args], {
    env,
    reject: false,
  });
}

describe('concurrency', () => {
  sandboxes({ inProcess: true });

  it('8 processes x 25 mixed writes for 3 users: every write once, one timer per person, no overlaps, full history', async () => {
    await sb.ok(['user', 'add', 'bob']);
    await sb.ok(['user', 'add', 'carol']);
    const worker = fileURLToPath(new URL('./stress-worker.mjs', import.meta.url));
    const env = sb.env();
    const outputs = await Promise.all(
      Array.from({ length: 8 }, (_, w) =>
        execa('node', [worker, String(w), 'alice', 'bob', 'carol'], { env }),
      ),
    );
    const results = outputs.flatMap(
      (o) =>
        JSON.parse(String(o.stdout)) as {
          user: string;
          args: string[];
          code: number;
          stderr: string;
          stdout: string;
        }[],
    );
    expect(results).toHaveLength(200);
    expect(results.filter((r) => r.code !== 0).map((r) => `${r.args.join(' ')}: ${r.stderr}`)).toEqual([]);

    const added = results.filter((r) => r.args[0] === 'add').map((r) => r.args[1]);
    expect(
      sb.sql("SELECT title FROM tasks WHERE title LIKE 'Stress:%' ORDER BY title").map((r: any) => r.title),
    ).toEqual([...added].sort());
    const comments = results.filter((r) => r.args[0] === 'comment').map((r) => r.args[2]);
    expect(
      sb.sql("SELECT body FROM comments WHERE kind = 'comment' ORDER BY body").map((r: any) => r.body),
    ).toEqual([...comments].sort());
    const manual = results.filter((r) => r.args[0] === 'time').map((r) => r.args[7]);
    expect(
      sb
        .sql("SELECT comment FROM time_entries WHERE source = 'manual' ORDER BY comment")
        .map((r: any) => r.comment),
    ).toEqual([...manual].sort());
    const starts = results.filter((r) => r.args[0] === 'start' && !JSON.parse(r.stdout).alreadyRunning);
    expect(sb.sql("SELECT count(*) AS n FROM time_entries WHERE source = 'timer'")).toEqual([
      { n: starts.length },
    ]);

    expect(
      sb.sql(
        'SELECT user_id, count(*) AS n FROM time_entries WHERE end_at IS NULL GROUP BY user_id HAVING n > 1',
      ),
    ).toEqual([]);
    const overlaps =
      sb.sql(`SELECT a.id, b.id FROM time_entries a JOIN time_entries b ON a.id < b.id AND a.user_id = b.user_id
      AND a.start_at < coalesce(b.end_at, 9e15) AND b.start_at < coalesce(a.end_at, 9e15)`);
    expect(overlaps).toEqual([]);
    expect(
      sb.sql(
        "SELECT count(*) AS n FROM tasks t WHERE (SELECT count(*) FROM history h WHERE h.task_id = t.id AND h.field = 'created') <> 1",
      ),
    ).toEqual([{ n: 0 }]);
    const startsWithoutHistory =
      sb.sql(`SELECT e.id FROM time_entries e WHERE e.source = 'timer' AND NOT EXISTS (
      SELECT 1 FROM history h WHERE h.task_id = e.task_id AND h.field = 'status' AND h.new_value = 'in_progress' AND h.at = e.start_at)`);
    expect(startsWithoutHistory).toEqual([]);
    expect(sb.sql("SELECT count(*) AS n FROM time_entry_changes WHERE comment LIKE 'stress%'")).toEqual([
      { n: manual.length },
    ]);
    expect(sb.sql('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  });

  it('batches from four terminals at once (task 1-20 modify +tag): each applies to every task once, none is lost', async () => {
    for (let i = 1; i <= 20; i++) await sb.ok(['add', `Batch: task ${i}`, '--plan', '5m']);
    const tags = ['north', 'south', 'east', 'west'];
    const runs = await Promise.all(tags.map((tag) => sb.spawn(['1-20', 'modify', `+${tag}`])));
    expect(runs.map((r) => r.exitCode)).toEqual([0, 0, 0, 0]);
    const tagged = sb.sql<{ task_id: number; n: number }>(
      'SELECT task_id, count(*) AS n FROM task_tags GROUP BY task_id ORDER BY task_id',
    );
    expect(tagged).toEqual(Array.from({ length: 20 }, (_, i) => ({ task_id: i + 1, n: 4 })));
    expect(sb.sql("SELECT count(*) AS n FROM history WHERE field = 'tags'")).toEqual([{ n: 80 }]);
  });

  it('a command that cannot get the lock in time exits 5 and writes nothing', async () => {
    await sb.ok(['add', 'Sales: Call Ivan']);
    const before = sb.dump();
    const holder = new Database(sb.db);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const result = await sb.spawn(['add', 'Sales: Blocked'], { env: { REGULA_BUSY_TIMEOUT_MS: '300' } });
      expect(result.exitCode).toBe(5);
      expect(result.stderr).toMatch(
        /^task: the database .* is busy \(another task command holds the lock\); nothing was written, try again$/,
      );
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(sb.dump()).toBe(before);
    expect((await sb.run(['add', 'Sales: Not blocked'])).exitCode).toBe(0);
  });

  it('settings changed from several terminals at once all stay; a lock left by a dead process is taken over', async () => {
    await sb.ok(['list']);
    const config = join(sb.dir, 'config', 'regula', 'config.json');
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => sb.spawn(['context', 'define', `c${i}`, `project:P${i}`])),
    );
    expect(results.map((r) => r.exitCode)).toEqual(Array(8).fill(0));
    expect((await sb.json<any[]>(['context', 'list'])).map((c) => c.name).sort()).toEqual([
      'c0',
      'c1',
      'c2',
      'c3',
      'c4',
      'c5',
      'c6',
      'c7',
    ]);
    writeFileSync(`${config}.lock`, '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${config}.lock`, old, old);
    expect((await sb.spawn(['config', 'set', 'autoStartDay', 'false'])).exitCode).toBe(0);
    expect(await sb.json(['config', 'get', 'autoStartDay'])).toEqual({ autoStartDay: false });
    expect(existsSync(`${config}.lock`)).toBe(false);
  });
});

describe('crash safety', () => {
  sandboxes({});

  /** Size of the database's -wal file now (0 when there is none). */
  const walSize = (db: string) => statSync(`${db}-wal`, { throwIfNoEntry: false })?.size ?? 0;

  /** A WAL header (32 bytes) and eight frames of 4 KiB pages (24-byte frame header each): pages are being written. */
  const WRITING_PAGES = 32 + 8 * (24 + 4096);

  /**
   * Starts `args` and kills it with SIGKILL the moment its -wal holds pages it is writing (grown past its
   * size at the start by a few frames) - inside the write, as a real crash would hit it. Returns whether
   * the kill landed while the WAL was growing.
   */
  async function killWhileWalGrows(
    box: Sandbox,
    args: string[],
  ): Promise<{ killedInWrite: boolean; walAtKill: number }> {
    const before = walSize(box.db);
    const child = execa('node', [BIN, ...args], { env: box.env(), reject: false });
    let exited = false;
    void child.then(() => (exited = true));
    let walAtKill = before;
    while (!exited) {
      const now = walSize(box.db);
      if (now >= before + WRITING_PAGES) {
        child.kill('SIGKILL');
        walAtKill = now;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const result = await child;
    return { killedInWrite: result.signal === 'SIGKILL' && walAtKill > before, walAtKill };
  }

  it('kill -9 while the WAL of a 5,000-task import is growing: the file opens, is intact, and holds all or nothing', async () => {
    const records = Array.from({ length: 5000 }, (_, i) => ({
      uuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      description: `Bulk: Imported task number ${i} with a few words to index`,
      status: 'pending',
      entry: '20261101T090000Z',
      project: 'Bulk',
      tags: ['bulk'],
      annotations: [{ entry: '20261101T090000Z', description: `note ${i}` }],
    }));
    const file = join(sb.dir, 'bulk.json');
    writeFileSync(file, JSON.stringify(records));
    const counts = (box: Sandbox) =>
      box.sql<{ tasks: number; comments: number; tagged: number }>(
        'SELECT (SELECT count(*) FROM tasks) AS tasks, (SELECT count(*) FROM comments) AS comments, (SELECT count(*) FROM task_tags) AS tagged',
      )[0];

    // A kill can miss the write (the WAL grows only while the import writes); try again on a fresh database.
    let killedInWrite = 0;
    for (let attempt = 0; attempt < 5 && killedInWrite === 0; attempt++) {
      const box = attempt === 0 ? sb : new Sandbox();
      try {
        await box.ok(['list']);
        const kill = await killWhileWalGrows(box, ['import', file, '--from', 'taskwarrior']);
        if (kill.killedInWrite) killedInWrite++;
        const db = new Database(box.db);
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        db.close();
        // Killed inside the write: nothing is there; killed just after the commit: everything is. Never a part.
        const after = counts(box);
        expect([
          { tasks: 0, comments: 0, tagged: 0 },
          { tasks: 5000, comments: 5000, tagged: 5000 },
        ]).toContainEqual(after);
        expect((await box.run(['doctor'])).exitCode).toBe(0);
        await box.ok(['import', file, '--from', 'taskwarrior']);
        expect(counts(box)).toEqual({ tasks: 5000, comments: 5000, tagged: 5000 });
      } finally {
        if (box !== sb) box.remove();
      }
    }
    expect(killedInWrite, 'no kill landed while the WAL was growing').toBe(1);
  });
});

describe('damaged or wrong files', () => {
  sandboxes({ inProcess: true });

  it('a truncated database: exit 5, one line, file untouched', async () => {
    for (let i = 0; i < 30; i++)
      await sb.ok(['add', `Sales: Task ${i} ${'x'.repeat(200)}`, '--description', 'y'.repeat(2000)]);
    const db = new Database(sb.db);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
    db.close();
    truncateSync(sb.db, Math.floor(statSync(sb.db).size / 2));
    const hash = sha(sb.db);
    const result = await sb.spawn(['list', '--all']);
    expect(result.exitCode).toBe(5);
    expect(result.stderr.split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/is not a usable regula database .* left untouched - restore a backup/);
    expect(sha(sb.db)).toBe(hash);
  });

  it('not a database: exit 5 and never modified', async () => {
    writeFileSync(sb.db, 'name,deadline\nCall Ivan,today\n');
    const hash = sha(sb.db);
    for (const args of [['list'], ['add', 'Sales: x']]) {
      const result = await sb.spawn(args);
      expect(result.exitCode).toBe(5);
      expect(result.stderr).toMatch(/is not a usable regula database/);
    }
    expect(sha(sb.db)).toBe(hash);
  });

  it('a read-only file: reading works, writing exits 5 with a clear line, the file unchanged', async () => {
    await sb.ok(['add', 'Sales: Call Ivan']);
    const db = new Database(sb.db);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    chmodSync(sb.dir, 0o777); // the folder stays writable (SQLite keeps its WAL index there); the file is read-only
    chmodSync(sb.db, 0o444);
    const hash = sha(sb.db);
    const env = { ...sb.env(), HOME: sb.dir };
    const read = await runUnprivileged(['list', '--json'], env);
    expect(read.exitCode, String(read.stderr)).toBe(0);
    const write = await runUnprivileged(['add', 'Sales: Another'], env);
    expect(write.exitCode).toBe(5);
    expect(String(write.stderr)).toMatch(/read-only|cannot open/);
    expect(String(write.stderr).split('\n')).toHaveLength(1);
    expect(sha(sb.db)).toBe(hash);
  });

  it('a read-only folder for a new database: exit 5, nothing created', async () => {
    const folder = join(sb.dir, 'locked');
    mkdirSync(folder);
    chmodSync(sb.dir, 0o755);
    chmodSync(folder, 0o555);
    const result = await runUnprivileged(['add', 'Sales: x'], {
      ...sb.env(),
      REGULA_DB: join(folder, 'r.db'),
      HOME: sb.dir,
    });
    expect(result.exitCode).toBe(5);
    expect(String(result.stderr)).toMatch(
      /^task: cannot open the database .* check that the folder exists and is writable$/,
    );
    expect(existsSync(join(folder, 'r.db'))).toBe(false);
  });

  it('a missing parent folder or a folder given as the database: exit 2', async () => {
    const missing = await sb.spawn(['list'], { env: { REGULA_DB: join(sb.dir, 'nope', 'r.db') } });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/the folder .*nope does not exist; create it or choose another --db path/);
    const folder = await sb.spawn(['list'], { env: { REGULA_DB: sb.dir } });
    expect(folder.exitCode).toBe(2);
    expect(folder.stderr).toMatch(/is a folder, not a database file/);
  });
});

describe('backup and doctor', () => {
  sandboxes({});

  it('backup makes a consistent copy while another process writes', async () => {
    await sb.ok(['add', 'Sales: Call Ivan']);
    const writer = Promise.all(
      Array.from({ length: 5 }, (_, i) => sb.run(['add', `Sales: Concurrent ${i}`])),
    );
    const backup = await sb.json(['backup', join(sb.dir, 'copy.db')]);
    await writer;
    expect(backup.integrity).toBe('ok');
    const copy = new Database(join(sb.dir, 'copy.db'), { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((copy.prepare('SELECT count(*) AS n FROM tasks').get() as { n: number }).n).toBeGreaterThanOrEqual(
      1,
    );
    copy.close();
    expect((await sb.run(['backup', join(sb.dir, 'copy.db')])).exitCode).toBe(2);
  });

  it('doctor finds a timer left running and R2 time, stops the timer at a chosen time, and reports as JSON', async () => {
    await sb.ok(['user', 'add', 'bob']);
    await sb.ok(['add', 'Sales: Call Ivan', '--plan', '1h']);
    await sb.ok(['start', '1'], { now: '2026-11-26T09:00' });
    const db = new Database(sb.db);
    const insert = db.prepare(
      "INSERT INTO time_entries (task_id, user_id, start_at, end_at, source, comment, created_at, updated_at) VALUES (1, ?, ?, ?, 'manual', 'x', 0, 0)",
    );
    insert.run(2, Date.parse('2026-11-20T09:00:00Z'), Date.parse('2026-11-20T10:00:00Z'));
    // Written past the program: alice's time counted twice (entry 4 inside entry 3), and an empty entry inside it, which holds no time.
    insert.run(1, Date.parse('2026-11-19T09:00:00Z'), Date.parse('2026-11-19T12:00:00Z'));
    insert.run(1, Date.parse('2026-11-19T10:00:00Z'), Date.parse('2026-11-19T10:30:00Z'));
    insert.run(1, Date.parse('2026-11-19T11:00:00Z'), Date.parse('2026-11-19T11:00:00Z'));
    db.close();
    const sick = await sb.run(['doctor', '--json'], { now: '2026-11-27T09:00' });
    expect(sick.exitCode).toBe(5);
    const findings = JSON.parse(String(sick.stdout)).findings;
    expect(findings.map((f: any) => f.check)).toEqual(['long timers', 'R2', 'overlaps']);
    expect(findings[2].message).toBe(
      "alice's entry 4 overlaps entry 3: time counted twice; correct one of them with task time edit",
    );
    await sb.run(['doctor', '--stop-timers-at', '2026-11-26 18:00'], { now: '2026-11-27T09:00' });
    expect(sb.sql('SELECT end_at FROM time_entries WHERE id = 1')).toEqual([
      { end_at: Date.parse('2026-11-26T18:00:00Z') },
    ]);
    const tooEarly = await sb.run(['start', '1'], { now: '2026-11-27T10:00' });
    expect(tooEarly.exitCode).toBe(0);
  });
});

describe('hostile input is stored exactly and rendered safely', () => {
  sandboxes({ inProcess: true });

  const hostile = [
    `Robert'); DROP TABLE tasks;-- "quoted"`,
    'red \u001b[31mALERT\u001b[0m \u0007bell',
    '=HYPERLINK("http://evil")',
    '+1+1',
    '-2',
    '@SUM(A1)',
    'שלום עולם - RTL text 🎉 emoji',
    '<script>alert(1)</script> & <b>',
  ];

  it('through the command line: every title round-trips and every format neutralises it', async () => {
    // Titles exactly as typed (no project prefix: R6 only warns), so formula prefixes start the cell.
    for (const text of hostile)
      await sb.ok(['add', '--deadline', 'today', '--plan', '5m', `--description=${text}`, '--', text]);
    const stored = sb.sql<{ text: string; description: string }>(
      'SELECT text, description FROM tasks ORDER BY id',
    );
    expect(stored.map((r) => r.text)).toEqual(hostile);
    expect(stored.map((r) => r.description)).toEqual(hostile);
    expect(sb.sql("SELECT count(*) AS n FROM sqlite_master WHERE name = 'tasks'")).toEqual([{ n: 1 }]);

    const table = String((await sb.run(['list'], { env: { FORCE_COLOR: '0' } })).stdout);
    expect(table).not.toContain('\u001b');
    expect(table).toContain('\\u001b[31mALERT');
    const show = String((await sb.run(['show', '2'])).stdout);
    expect(show).not.toMatch(/\u001b|\u0007/);
    const md = String((await sb.run(['plan', '--format', 'md'])).stdout);
    expect(md).not.toMatch(/\u001b|<script>/);
    expect(md).toContain('\\<script\\>');
    const html = String((await sb.run(['report', '--format', 'html'])).stdout);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;');
    const csv = String((await sb.run(['export', '--format', 'csv'])).stdout);
    for (const prefix of ['=HYPERLINK', '+1+1', '-2', '@SUM']) expect(csv).toContain(`'${prefix}`);
    const ics = String((await sb.run(['export', '--format', 'ics'])).stdout);
    expect(ics).not.toMatch(/\u001b|\u0007/);
    expect(ics).toContain('SUMMARY:Robert\')\\; DROP TABLE tasks\\;-- "quoted"');
  });

  it('no command writes an escape sequence from a title, a comment or a result to the terminal', async () => {
    const evil = 'Ops: red \u001b[31mALERT\u001b[0m \u0007bell \u202eevil';
    const outputs: string[] = [];
    const run = async (args: string[], now = '2026-11-27T09:00') => {
      const result = await sb.run(args, { now });
      expect(result.exitCode, `task ${args.join(' ')}: ${result.stderr}`).toBe(0);
      outputs.push(`${result.stdout}\n${result.stderr}`);
    };
    await sb.ok(['user', 'add', 'bob', '--manager', 'alice']);
    await run(['add', evil, '--plan', '1h', '--deadline', 'today', '--description', evil]);
    await run(['add', evil, '--plan', '10m', '--responsible', 'bob', '--accept']);
    await run(['template', 'add', evil, '--every', 'day', '--plan', '5m']);
    await run(['template', 'list']);
    await run(['template', 'run']);
    await run(['day', 'start'], '2026-11-27T08:00');
    await run(['start', '1']);
    await run(['status'], '2026-11-27T09:05');
    await run(['pause'], '2026-11-27T09:06');
    await run(['start', '1'], '2026-11-27T09:06');
    await run(['cancel', '--comment', evil], '2026-11-27T09:07');
    await run(['start', '1'], '2026-11-27T09:07');
    await run(['comment', '1', evil]);
    await run(['time', 'add', '1', '5m', '--at', '07:00', '--comment', evil]);
    for (const view of [
      ['list'],
      ['today'],
      ['week'],
      ['search', 'ALERT'],
      ['show', '1'],
      ['history', '1'],
      ['time', 'list'],
      ['plan', '--format', 'table'],
      ['report', '--format', 'table'],
      ['projects'],
    ])
      await run(view, '2026-11-27T09:10');
    await run(['pause', '--at', '09:11', '--comment', evil], '2026-11-27T09:12');
    await run(['start', '1', '--at', '09:12', '--comment', evil], '2026-11-27T09:13');
    await run(['status', '--team'], '2026-11-27T09:13');
    await run(['context', 'define', 'evil', '+red\u001b[31mX\u0007']);
    for (const view of [
      ['context', 'list'],
      ['context', 'evil'],
      ['context', 'show'],
      ['list'],
      ['config', 'list'],
      ['config', 'get', 'contexts'],
      ['context', 'none'],
    ])
      await run(view, '2026-11-27T09:13');
    await run(['day', 'end'], '2026-11-27T09:20');
    await run(['done', '1', '--result', evil], '2026-11-27T09:21');
    const bobs = { user: 'bob', now: '2026-11-27T09:22' };
    outputs.push(
      String((await sb.ok(['inbox'], bobs)).stdout),
      String((await sb.ok(['done', '2', '--result', evil], bobs)).stdout),
    );
    await run(['review'], '2026-11-27T09:23');
    await run(['report', '--team', '--format', 'table'], '2026-11-27T09:24');
    await run(['stec', evil]);
    await run(['stec']);
    await run(['delete', '3']);
    await run(['restore', '3']);
    await run(['add', 'no project \u001b[2J', '--plan', '5m']); // the R6 warning quotes the title
    for (const args of [
      ['start', 'nothing \u001b[2J like this'],
      ['strat\u001b[2J'],
      ['list', '--colour\u001b[2J'],
    ]) {
      const refused = await sb.run(args);
      expect(refused.exitCode).toBeGreaterThan(0);
      outputs.push(String(refused.stderr));
    }
    // Issue 21: the CSV of export, report and plan carries the title, comments, project and tags too.
    await run(['modify', '1', '+red\u001b[2J\u202e']);
    for (const view of [
      ['export', '--format', 'csv'],
      ['export', '--format', 'csv', '--table', 'entries'],
      ['report', '--format', 'csv'],
      ['report', '--team', '--format', 'csv'],
      ['plan', '--format', 'csv'],
      ['export', '--format', 'ics'],
      ['export', '--format', 'taskwarrior'],
      ['list', '--json'],
    ])
      await run(view, '2026-11-27T09:25');
    for (const output of outputs) expect(output).not.toMatch(/\u001b|\u0007|\u202e/);
    expect(outputs.join('\n')).toContain('\\u001b[31mALERT');
    expect(outputs.join('\n')).toContain('\\u202eevil');
  });

  it('100 KB of text and NUL characters (through an import) are kept exactly', async () => {
    // 100 KB (a command-line argument may hold at most 128 KiB): text, Cyrillic and emoji.
    const big = `${'Long text with emoji 🎉 '.repeat(3900)}Длинный текст`;
    expect(Buffer.byteLength(big)).toBeGreaterThan(100_000);
    await sb.ok(['add', 'Hostile: big', '--description', big]);
    expect(
      sb.sql<{ description: string }>('SELECT description FROM tasks WHERE id = 1')[0]!.description,
    ).toBe(big);
    expect(String((await sb.run(['show', '1'])).stdout)).toContain(big);
    const withNul = [
      {
        uuid: '11111111-1111-4111-8111-111111111111',
        description: 'Nul: before\u0000after',
        status: 'pending',
        entry: '20261101T090000Z',
      },
    ];
    const file = join(sb.dir, 'nul.json');
    writeFileSync(file, JSON.stringify(withNul));
    await sb.ok(['import', file, '--from', 'taskwarrior']);
    const db = new Database(sb.db, { readonly: true });
    expect((db.prepare('SELECT text FROM tasks WHERE id = 2').get() as { text: string }).text).toBe(
      'before\u0000after',
    );
    db.close();
    expect(String((await sb.run(['show', '2'])).stdout)).toContain('before\\u0000after');
  });
});

describe('clocks', () => {
  sandboxes({ inProcess: true });

  for (const [tz, springDay, fallDay] of [
    ['Europe/Berlin', '2026-03-29', '2026-10-25'],
    ['America/New_York', '2026-03-08', '2026-11-01'],
  ] as const) {
    it(`${tz}: a timer over a whole DST day counts 23 and 25 hours`, async () => {
      sb.tz = tz;
      await sb.ok(['add', 'Ops: Watch the migration', '--plan', '30h'], { now: `${springDay}T00:00` });
      await sb.ok(['start', '1'], { now: `${springDay}T00:00` });
      const nextDay = (d: string) =>
        new Date(Date.parse(`${d}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      await sb.ok(['pause'], { now: `${nextDay(springDay)}T00:00` });
      expect((await sb.json(['report', springDay])).totals.trackedMinutes).toBe(23 * 60);
      await sb.ok(['start', '1'], { now: `${fallDay}T00:00` });
      await sb.ok(['pause'], { now: `${nextDay(fallDay)}T00:00` });
      expect((await sb.json(['report', fallDay])).totals.trackedMinutes).toBe(25 * 60);
    });
  }

  it('a timer running across midnight is split between the two days', async () => {
    await sb.ok(['add', 'Ops: Night work', '--plan', '3h'], { now: '2026-11-27T22:00' });
    await sb.ok(['start', '1'], { now: '2026-11-27T23:00' });
    await sb.ok(['pause'], { now: '2026-11-28T01:30' });
    expect((await sb.json(['report', '2026-11-27'])).tasks[0].trackedMinutes).toBe(60);
    expect((await sb.json(['report', '2026-11-28'])).tasks[0].trackedMinutes).toBe(90);
  });

  it('a clock set back before the working day began: status and time gaps answer without invented idle time', async () => {
    await sb.ok(['day', 'start'], { now: '2026-11-27T10:00' });
    const status = await sb.run(['status', '--json'], { now: '2026-11-27T09:00' });
    expect(status.exitCode).toBe(0);
    expect(JSON.parse(String(status.stdout))).toMatchObject({
      running: null,
      day: 'working',
      idleSince: null,
    });
    expect((await sb.ok(['status'], { now: '2026-11-27T09:00' })).stdout).toBe(
      'No timer is running. Today: 0m tracked.',
    );
    expect(await sb.json(['time', 'gaps'], { now: '2026-11-27T09:00' })).toMatchObject({
      gaps: [],
      totalMinutes: 0,
    });
  });

  it('an entry whose end is before its start is refused', async () => {
    await sb.ok(['add', 'Ops: x', '--plan', '1h']);
    await sb.ok(['time', 'add', '1', '30m', '--at', '08:00', '--comment', 'c']);
    const result = await sb.run([
      'time',
      'edit',
      '1',
      '--start',
      '08:30',
      '--end',
      '08:00',
      '--comment',
      'c',
    ]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe('task: the entry must end after it starts');
    const unchanged = [
      { start_at: Date.parse('2026-11-27T08:00:00Z'), end_at: Date.parse('2026-11-27T08:30:00Z') },
    ];
    expect(sb.sql('SELECT start_at, end_at FROM time_entries')).toEqual(unchanged);
    // The table's own CHECK (end_at >= start_at) refuses the same change made past the program.
    const db = new Database(sb.db);
    try {
      expect(() => db.prepare('UPDATE time_entries SET end_at = start_at - 1').run()).toThrow(
        /CHECK constraint failed/,
      );
    } finally {
      db.close();
    }
    expect(sb.sql('SELECT start_at, end_at FROM time_entries')).toEqual(unchanged);
  });

  it('REGULA_NOW with an offset is the same instant in any TZ; days follow TZ', async () => {
    await sb.ok(['add', 'Ops: x', '--plan', '1h', '--deadline', 'today'], { now: '2026-11-27T23:30:00Z' });
    const utc = await sb.json(['list'], { now: '2026-11-27T23:30:00Z' });
    sb.tz = 'Asia/Tokyo';
    const tokyo = await sb.json(['list'], { now: '2026-11-27T23:30:00Z' });
    expect(utc[0].deadline).toBe(tokyo[0].deadline);
    const status = await sb.json(['status'], { now: '2026-11-28T08:30:00+09:00' });
    expect(status.todayMinutes).toBe(0);
    expect((await sb.json(['plan'], { now: '2026-11-28T08:30:00+09:00' })).day).toBe('2026-11-28');
  });
});

describe('upgrades', () => {
  sandboxes({ inProcess: true });

  it('a database made by schema version 1 is upgraded with every row intact', async () => {
    copyFileSync(fileURLToPath(new URL('../fixtures/schema-v1.db', import.meta.url)), sb.db);
    const v1 = new Database(sb.db, { readonly: true });
    const v1Tables = (
      v1.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
    ).map((t) => t.name);
    const rowsOf = (db: Database.Database, table: string) =>
      db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[];
    const sorted = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r)).sort();
    const before = Object.fromEntries(v1Tables.map((t) => [t, rowsOf(v1, t)]));
    expect(v1.pragma('user_version', { simple: true })).toBe(1);
    v1.close();

    const list = await sb.json<any[]>(['list', '--all'], { user: 'ivan' });
    expect(list.map((t) => t.title)).toEqual(
      expect.arrayContaining(['Sales: Call client Ivan Petrov', 'Продажи: (Part 2) Подготовить договор']),
    );
    const db = new Database(sb.db, { readonly: true });
    // R15 (migration 0013): the compound task's title is rewritten to the method's form, with a history row.
    const rewritten = { title: 'General (Sales): Win the Petrov account', internal_project: 1 };
    before.tasks = before.tasks!.map((row) => (row.kind === 'general' ? { ...row, ...rewritten } : row));
    for (const table of v1Tables) {
      // Later migrations may add columns; every version-1 column of every row is still there, unchanged.
      const columns = Object.keys(before[table]![0] ?? {});
      const now = rowsOf(db, table).map((row) => Object.fromEntries(columns.map((c) => [c, row[c]])));
      if (table === 'schema_migrations' || table === 'history')
        expect(sorted(now), table).toEqual(expect.arrayContaining(sorted(before[table]!)));
      else expect(sorted(now), table).toEqual(sorted(before[table]!));
    }
    expect(
      db
        .prepare(
          "SELECT task_id, field, old_value, new_value, note FROM history WHERE note LIKE '%migration 0013%'",
        )
        .all(),
    ).toEqual([
      {
        task_id: 1,
        field: 'title',
        old_value: 'Sales: General: Win the Petrov account',
        new_value: rewritten.title,
        note: "R15: compound-task title rewritten to the method's form (migration 0013)",
      },
    ]);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThan(1);
    db.close();
    expect((await sb.json<any[]>(['search', 'договор'], { user: 'ivan' })).map((h) => h.id)).toEqual([3]);
    expect((await sb.json(['show', '2'], { user: 'ivan' })).result).toMatchObject({
      result: 'He agreed to meet on Monday',
      links: ['https://crm/deal/42'],
    });
  });
});
