// Issue 23: the team server killed in the middle of a command. A cluster of this file's own (never the
// shared one): a write waits for regula's write lock, held by another session, when the server is stopped
// with `pg_ctl stop -m immediate` (as a crash or a pulled plug). The command ends with exit 5 and one clear
// line; after a restart nothing of it is on the server.
import { execa } from 'execa';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noServerNotice, SERVER_URL, TestServer } from './server.js';

const SCRIPT = fileURLToPath(new URL('../../scripts/pg-test-cluster.sh', import.meta.url));
/** The advisory lock every regula write takes (src/db/postgres/store/store.ts WRITE_LOCK). */
const WRITE_LOCK = 7_351_224;

/** pg_ctl on this file's own cluster, as the cluster's owner (the script's own rule: postgres when root). */
async function pgCtl(url: string, action: 'stop -m immediate' | 'start'): Promise<void> {
  const port = new URL(url).port;
  const dir = readFileSync(join(process.env.TMPDIR ?? tmpdir(), `regula-pg-${port}.dir`), 'utf8').trim();
  const bin = (
    await execa('sh', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1'])
  ).stdout.trim();
  const options = `-o "-p ${port} -k '${dir}/socket' -c listen_addresses=127.0.0.1 -c fsync=off" -l '${dir}/log'`;
  const command = `${bin}/pg_ctl -D '${dir}/data' ${action === 'start' ? `${options} -w -t 60 start` : '-m immediate -w stop'} >/dev/null`;
  if (process.getuid?.() === 0) await execa('su', ['postgres', '-s', '/bin/sh', '-c', command]);
  else await execa('sh', ['-c', command]);
}

// Only where PostgreSQL is installed for the tests (the shared server's URL says so).
if (SERVER_URL === undefined) noServerNotice();
else
  describe('the team server killed mid-command', () => {
    let ownUrl = '';
    let server: TestServer;
    let anna = '';

    beforeAll(async () => {
      ownUrl = (await execa(SCRIPT, ['start'])).stdout.trim();
      server = new TestServer(ownUrl);
      anna = server.login('anna');
      await server.create();
      const admin = { REGULA_DB: server.url() };
      for (const args of [
        ['server', 'init'],
        ['server', 'user', 'add', anna],
      ]) {
        const result = await server.task(args, admin);
        expect(result.exitCode, result.stderr).toBe(0);
      }
    }, 180_000);
    afterAll(async () => {
      if (ownUrl !== '') await execa(SCRIPT, ['stop', ownUrl], { reject: false });
    });

    it('a write in flight when the server stops: exit 5, one line, and nothing of it after the restart', async () => {
      const before = await server.task(['add', 'Ops: Before the crash', '--plan', '30m'], {
        REGULA_DB: server.url(anna),
      });
      expect(before.exitCode, before.stderr).toBe(0);

      // Another session holds the write lock: the command's transaction waits for it, its task not yet committed.
      const holder = execa(
        'psql',
        [server.url(), '-X', '-q', '-c', `SELECT pg_advisory_lock(${WRITE_LOCK}), pg_sleep(600)`],
        {
          reject: false,
        },
      );
      await waitFor(
        async () =>
          (await server.value(`SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted`)) ===
          '1',
      );
      const inFlight = server.task(['add', 'Ops: Lost in the crash', '--plan', '30m'], {
        REGULA_DB: server.url(anna),
      });
      await waitFor(
        async () =>
          (await server.value(
            `SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`,
          )) === '1',
      );
      await pgCtl(ownUrl, 'stop -m immediate');
      const result = await inFlight;
      await holder;

      expect(result.exitCode).toBe(5);
      expect(result.stderr).toMatch(
        /^task: lost the connection to the PostgreSQL server .*rolled back what was not committed/,
      );
      expect(result.stderr.split('\n')).toHaveLength(1);
      expect(result.stdout).toBe('');

      await pgCtl(ownUrl, 'start');
      expect(await server.value("SELECT string_agg(title, '|' ORDER BY id) FROM tasks")).toBe(
        'Ops: Before the crash',
      );
      expect(await server.value('SELECT count(*) FROM history WHERE task_id <> 1')).toBe('0');
      const after = await server.task(['list'], { REGULA_DB: server.url(anna) });
      expect(after.exitCode, after.stderr).toBe(0);
      expect(after.stdout).toContain('Before the crash');
      expect(after.stdout).not.toContain('Lost in the crash');
    }, 180_000);
  });

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('waited a minute for the server');
}
