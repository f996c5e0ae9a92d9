import Database from 'better-sqlite3';
import { execa, type Result } from 'execa';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInProcess } from '../support/cli.js';

export const BIN = fileURLToPath(new URL('../../bin/task.js', import.meta.url));

export interface RunOptions {
  now?: string;
  user?: string;
  env?: Record<string, string | undefined>;
  input?: string;
}

/** The command for an error message, long arguments cut. */
function describe(args: string[]): string {
  return args.map((a) => (a.length > 80 ? `${a.slice(0, 77)}...` : a)).join(' ');
}

/** What one run of the binary gives: text stdout and stderr (the options below fix their type). */
export type RunResult = Result<{ reject: false; stripFinalNewline: true; input: string }>;

/** A temporary home for one test: its own database, config and data folders, a fixed clock. */
export class Sandbox {
  /**
   * In process, `run` calls the program's main() here instead of starting `node bin/task.js`: the same
   * parsing, rules, storage and output in a fraction of the time. Files that test the rules through the
   * command line use it; the binary itself is started by the other files (and by `spawn`).
   */
  constructor(readonly options: { inProcess?: boolean } = {}) {}

  readonly dir = mkdtempSync(join(tmpdir(), 'regula-test-'));
  readonly db = join(this.dir, 'regula.db');
  now = '2026-11-27T09:00';
  user = 'alice';
  tz = 'UTC';

  env(options: RunOptions = {}): Record<string, string | undefined> {
    return {
      REGULA_DB: this.db,
      REGULA_NOW: options.now ?? this.now,
      REGULA_USER: options.user ?? this.user,
      REGULA_CONFIG: join(this.dir, 'config', 'regula', 'config.json'),
      XDG_CONFIG_HOME: join(this.dir, 'config'),
      XDG_DATA_HOME: join(this.dir, 'data'),
      TZ: this.tz,
      NO_COLOR: '1',
      FORCE_COLOR: undefined,
      REGULA_DEBUG: undefined,
      COLUMNS: '100',
      // One V8 code cache for the whole test run, outside the user's home.
      REGULA_CACHE_DIR: join(tmpdir(), 'regula-test-v8cache'),
      ...options.env,
    };
  }

  /** Runs the real `task` binary; never throws on a non-zero exit. */
  run(args: string[], options: RunOptions = {}): Promise<RunResult> {
    if (this.options.inProcess)
      return runInProcess(args, this.env(options), options.input ?? '') as Promise<RunResult>;
    return this.spawn(args, options);
  }

  /** Starts the real binary, also in an in-process sandbox (for what needs a process: concurrency, signals). */
  spawn(args: string[], options: RunOptions = {}): Promise<RunResult> {
    return execa('node', [BIN, ...args], {
      env: this.env(options),
      reject: false,
      input: options.input ?? '',
      stripFinalNewline: true,
    });
  }

  /** Runs and parses stdout as JSON (adds --json), failing loudly on a non-zero exit. */
  async json<T = any>(args: string[], options: RunOptions = {}): Promise<T> {
    const result = await this.run([...args, '--json'], options);
    if (result.exitCode !== 0)
      throw new Error(`task ${describe(args)} exited ${result.exitCode}: ${result.stderr}`);
    return JSON.parse(String(result.stdout)) as T;
  }

  /** Runs and expects exit 0. */
  async ok(args: string[], options: RunOptions = {}): Promise<RunResult> {
    const result = await this.run(args, options);
    if (result.exitCode !== 0)
      throw new Error(`task ${describe(args)} exited ${result.exitCode}: ${result.stderr}`);
    return result;
  }

  /** Every row of every table, to prove a refused command changed nothing. */
  dump(): string {
    const db = new Database(this.db, { readonly: true });
    try {
      const tables = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .all() as { name: string }[];
      return JSON.stringify(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all()]));
    } finally {
      db.close();
    }
  }

  sql<T = Record<string, unknown>>(query: string, ...params: unknown[]): T[] {
    const db = new Database(this.db, { readonly: true });
    try {
      return db.prepare(query).all(...params) as T[];
    } finally {
      db.close();
    }
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
