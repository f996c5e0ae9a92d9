import { existsSync, readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/cli/app.js';
import { foldForSearch } from '../../src/core/search.js';

// Issue 22: what every `task` pays before its command runs.

const BUNDLE = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

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
});
