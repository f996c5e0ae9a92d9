// A real PostgreSQL for the team-server tests (issue 23): REGULA_TEST_PG_URL names a superuser URL of a
// server to use (scripts/pg-test-cluster.sh start prints one; .ci/run starts its own). Without it the
// tests are skipped, visibly; with REGULA_REQUIRE_PG=1 (set by .ci/run) a missing server is a failure.
import { execa } from 'execa';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { it } from 'vitest';

export const BIN = fileURLToPath(new URL('../../bin/task.js', import.meta.url));
export const SERVER_URL = process.env.REGULA_TEST_PG_URL?.trim() || undefined;
export const SKIP_REASON =
  'no PostgreSQL server: set REGULA_TEST_PG_URL (scripts/pg-test-cluster.sh start prints one) to run the team-server tests';

/** When there is no server: one visible skipped test saying why, or a failure where a server is required. */
export function noServerNotice(what = 'tests/pg'): void {
  if (process.env.REGULA_REQUIRE_PG === '1') {
    it('PostgreSQL is required here (REGULA_REQUIRE_PG=1) but REGULA_TEST_PG_URL is not set', () => {
      throw new Error(SKIP_REASON);
    });
  } else {
    console.warn(`${what} skipped: ${SKIP_REASON}`);
    it.skip(`skipped: ${SKIP_REASON}`, () => {});
  }
}

export interface Psql {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** A database of its own for one test file, and login names no other file uses (roles are cluster-wide). */
export class TestServer {
  readonly suffix = randomBytes(4).toString('hex');
  readonly database = `regula_test_${this.suffix}`;
  private readonly logins: string[] = [];

  constructor(private readonly adminUrl: string) {}

  /** The URL of this file's database, as `user` (default: the administrator of the given URL). */
  url(user?: string): string {
    const url = new URL(this.adminUrl);
    url.pathname = `/${this.database}`;
    if (user !== undefined) {
      url.username = user;
      url.password = '';
    }
    return url.toString();
  }

  /** A person's login name in this file: `anna` becomes `anna_<suffix>`. */
  login(name: string): string {
    return `${name}_${this.suffix}`;
  }

  async create(): Promise<void> {
    await this.psqlAt(this.adminUrl, `CREATE DATABASE ${this.database}`);
  }

  remember(login: string): void {
    this.logins.push(login);
  }

  async drop(): Promise<void> {
    await this.psqlAt(this.adminUrl, `DROP DATABASE IF EXISTS ${this.database} WITH (FORCE)`);
    for (const login of this.logins) await this.psqlAt(this.adminUrl, `DROP ROLE IF EXISTS "${login}"`);
  }

  /** Runs the real `task` binary against this database. */
  task(args: string[], env: Record<string, string> = {}) {
    return execa('node', [BIN, ...args], {
      reject: false,
      stripFinalNewline: true,
      env: {
        REGULA_NOW: '2026-11-27T09:00',
        TZ: 'UTC',
        NO_COLOR: '1',
        REGULA_CACHE_DIR: join(tmpdir(), 'regula-test-v8cache'),
        ...env,
      },
    });
  }

  /** SQL through the real psql client, as `user` (the administrator by default); stops at the first error. */
  psql(sql: string, user?: string): Promise<Psql> {
    return this.psqlAt(this.url(user), sql);
  }

  /** One value (or several, |-separated) of a query run as `user`; fails the test on an error. */
  async value(sql: string, user?: string): Promise<string> {
    const result = await this.psql(sql, user);
    if (result.exitCode !== 0) throw new Error(`psql as ${user ?? 'admin'} failed: ${result.stderr}\n${sql}`);
    return result.stdout;
  }

  private async psqlAt(url: string, sql: string): Promise<Psql> {
    const result = await execa(
      'psql',
      [url, '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', 'SET search_path = regula', '-c', sql],
      { reject: false, stripFinalNewline: true },
    );
    return { exitCode: result.exitCode ?? 1, stdout: String(result.stdout), stderr: String(result.stderr) };
  }
}
