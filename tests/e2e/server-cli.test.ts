// Issue 23: `task server` from the command line, where no server is needed to tell the outcome; the
// commands against a real PostgreSQL are in tests/pg.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Sandbox } from './helpers.js';

const PROBE = fileURLToPath(new URL('./pg-native-probe.cjs', import.meta.url));

/** pg-native is an optional dependency: a checkout installed without it (no libpq-dev) cannot reach a server. */
function pgNativeInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('pg-native');
    return true;
  } catch {
    return false;
  }
}
const NO_CLIENT =
  'skipped: the optional PostgreSQL client pg-native is not installed here (npm install pg-native libpq)';

describe('task server without a server', () => {
  let sandbox: Sandbox;
  afterEach(() => sandbox?.remove());

  it.skipIf(!pgNativeInstalled())(
    `a server that is not running: exit 5 and one line naming it${pgNativeInstalled() ? '' : ` (${NO_CLIENT})`}`,
    async () => {
      sandbox = new Sandbox();
      const result = await sandbox.run(['server', 'init', 'postgres://admin@127.0.0.1:1/regula']);
      expect(result.exitCode).toBe(5);
      expect(result.stderr).toMatch(
        /^task: cannot connect to the PostgreSQL server 127\.0\.0\.1:1\/regula: .*Connection refused; check that it runs/,
      );
      expect(result.stderr.split('\n')).toHaveLength(1);
    },
  );

  it('usage: a SQLite path or a non-URL where a server is needed, and a role that is not one (exit 2)', async () => {
    sandbox = new Sandbox();
    const file = await sandbox.run(['--db', join(sandbox.dir, 'team.db'), 'server', 'user', 'add', 'anna']);
    expect(file.exitCode).toBe(2);
    expect(file.stderr).toContain(
      'names a SQLite file; task server needs a PostgreSQL URL: --db postgres://HOST/DATABASE',
    );
    const notUrl = await sandbox.run(['server', 'init', 'db.example.com']);
    expect(notUrl.exitCode).toBe(2);
    expect(notUrl.stderr).toBe(
      'task: "db.example.com" is not a PostgreSQL URL; give one like postgres://admin@db.example.com:5432/regula',
    );
    const role = await sandbox.run(['server', 'user', 'add', 'anna', '--role', 'boss']);
    expect(role.exitCode).toBe(2);
    expect(role.stderr).toBe('task: --role: "boss" is not one of employee, manager, admin');
  });

  it('without the PostgreSQL client installed: exit 5 and how to install it', async () => {
    sandbox = new Sandbox();
    const result = await sandbox.run(['server', 'init', 'postgres://admin@127.0.0.1:1/regula'], {
      env: { NODE_OPTIONS: `--require ${PROBE}`, REGULA_TEST_HIDE_PG_NATIVE: '1' },
    });
    expect(result.exitCode).toBe(5);
    expect(result.stderr).toMatch(
      /^task: the PostgreSQL client is not installed \(.*\); install it next to regula with: npm install pg-native libpq/,
    );
  });

  it('a SQLite user never loads the PostgreSQL client', async () => {
    sandbox = new Sandbox();
    const log = join(sandbox.dir, 'modules.log');
    const env = { NODE_OPTIONS: `--require ${PROBE}`, REGULA_TEST_MODULE_LOG: log };
    for (const args of [['add', 'Sales: Call the client'], ['status'], ['list'], ['report']]) {
      const result = await sandbox.run(args, { env });
      expect(result.exitCode, result.stderr).toBe(0);
    }
    expect(existsSync(log) ? readFileSync(log, 'utf8') : '').toBe('');
    // The probe itself works: the server command does load it.
    await sandbox.run(['server', 'init', 'postgres://admin@127.0.0.1:1/regula'], { env });
    expect(readFileSync(log, 'utf8')).toContain('pg-native');
  });
});
