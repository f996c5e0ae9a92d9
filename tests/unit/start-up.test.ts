import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/cli/app.js';
import { DescriptorOutput } from '../../src/cli/output.js';
import { foldForSearch } from '../../src/core/search.js';

// Issue 22: what every `task` pays before its command runs.

const BUNDLE = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/task.js', import.meta.url));

/**
 * Runs the built `task ARGS` with stdout and stderr to pipes, and reports whether the process made
 * process.stdout / process.stderr and which of Node's own modules it loaded (a preloaded script watches).
 */
function watchedRun(args: readonly string[]): {
  status: number | null;
  stdout: string;
  made: string[];
  modules: string[];
} {
  const dir = mkdtempSync(join(tmpdir(), 'regula-start-up-'));
  try {
    const report = join(dir, 'report.json');
    const watcher = join(dir, 'watch.cjs');
    writeFileSync(
      watcher,
      `const fs = require('node:fs');
const made = [];
for (const name of ['stdout', 'stderr']) {
  const original = Object.getOwnPropertyDescriptor(process, name);
  Object.defineProperty(process, name, { configurable: true, enumerable: true, get() { made.push(name); return original.get.call(process); } });
}
process.on('exit', () => fs.writeFileSync(${JSON.stringify(report)}, JSON.stringify({ made, modules: process.moduleLoadList })));
`,
    );
    const env = {
      PATH: process.env.PATH,
      HOME: dir,
      TZ: 'UTC',
      REGULA_DB: join(dir, 'task.db'),
      REGULA_CACHE_DIR: join(dir, 'cache'),
      REGULA_USER: 'anna',
    };
    const run = spawnSync(process.execPath, ['-r', watcher, BIN, ...args], {
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const { made, modules } = JSON.parse(readFileSync(report, 'utf8')) as {
      made: string[];
      modules: string[];
    };
    return { status: run.status, stdout: run.stdout, made, modules };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A stream that is not a terminal, like a pipe. */
const pipe = () =>
  new Writable({ write: (_chunk, _encoding, done) => done() }) as unknown as NodeJS.WriteStream;

describe('start-up', () => {
  it('the bundle is ASCII, so bin/task.js reads it as latin1 instead of decoding UTF-8', () => {
    expect(existsSync(BUNDLE), 'dist/main.js is missing: run npm run build').toBe(true);
    const bytes = readFileSync(BUNDLE);
    const first = bytes.findIndex((byte) => byte > 0x7f);
    expect(first, `non-ASCII near: ${bytes.subarray(Math.max(0, first - 60), first + 10)}`).toBe(-1);
  });

  it('ё and е are one letter in search, written as escapes in the source', () => {
    expect(foldForSearch('Ёлка ёж ЕЛЬ')).toBe('елка еж ель');
  });

  it('an App makes process.stdin only when a command needs it (not for output through a pipe)', () => {
    const original = Object.getOwnPropertyDescriptor(process, 'stdin');
    expect(original?.configurable).toBe(true);
    let made = 0;
    Object.defineProperty(process, 'stdin', {
      configurable: true,
      enumerable: true,
      get() {
        made++;
        return original?.get?.call(process);
      },
    });
    try {
      const app = new App({}, pipe(), pipe());
      expect(app.interactive({ optsWithGlobals: () => ({}) } as never)).toBe(false);
      expect(made).toBe(0);
    } finally {
      Object.defineProperty(process, 'stdin', original as PropertyDescriptor);
    }
  });

  it('task status through a pipe writes by descriptor: process.stdout/stderr and node:tty, net and stream are never loaded', () => {
    expect(existsSync(BUNDLE), 'dist/main.js is missing: run npm run build').toBe(true);
    const run = watchedRun(['status']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('No timer is running. Today: 0m tracked.\n');
    expect(run.made).toEqual([]);
    const loaded = run.modules.filter((name) =>
      /^NativeModule (tty|net|stream|internal\/streams\/(readable|writable|duplex))$/.test(name),
    );
    expect(loaded).toEqual([]);
  });

  it('an error goes to stderr by descriptor too, with its exit code', () => {
    const run = watchedRun(['start', '99']);
    expect(run.status).toBe(4);
    expect(run.made).toEqual([]);
  });
});

describe('DescriptorOutput', () => {
  const temporary = () => mkdtempSync(join(tmpdir(), 'regula-output-'));

  it('writes text to a file descriptor as it comes, and a file is not a terminal', () => {
    const dir = temporary();
    const file = join(dir, 'out.txt');
    const fd = openSync(file, 'w');
    try {
      const output = new DescriptorOutput(
        fd,
        () => process.stdout,
        () => {},
      );
      output.write('Ёлка ✅\n');
      output.write('');
      output.write('second line\n');
      expect(readFileSync(file, 'utf8')).toBe('Ёлка ✅\nsecond line\n');
      expect(output.isTTY).toBe(false);
      expect(output.columns).toBeUndefined();
    } finally {
      closeSync(fd);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('/dev/null is a character device but not a terminal', () => {
    const fd = openSync('/dev/null', 'w');
    try {
      expect(
        new DescriptorOutput(
          fd,
          () => process.stdout,
          () => {},
        ).isTTY,
      ).toBe(false);
    } finally {
      closeSync(fd);
    }
  });

  it('a closed descriptor swallows the output, as Node does for a closed stdout', () => {
    const dir = temporary();
    const fd = openSync(join(dir, 'out.txt'), 'w');
    closeSync(fd);
    try {
      const output = new DescriptorOutput(
        fd,
        () => process.stdout,
        () => {},
      );
      expect(() => output.write('lost\n')).not.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
