import { execa } from 'execa';
import { mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, Sandbox } from './helpers.js';

let sb: Sandbox;
beforeEach(() => {
  sb = new Sandbox();
});
afterEach(() => sb.remove());

describe('the V8 code cache of bin/task.js (issue 20)', () => {
  it('keeps one cache per build of this copy: a new build removes the old build\'s cache, other copies\' stay', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'regula-cache-'));
    try {
      const run = () => sb.ok(['list'], { env: { REGULA_CACHE_DIR: cacheDir } });
      await run();
      const [current, ...more] = readdirSync(cacheDir);
      expect(more).toEqual([]);
      // What an earlier build of this copy left: same copy prefix, another build key.
      const copyPrefix = /^main-[0-9a-f]{8}-/.exec(current!)![0];
      renameSync(join(cacheDir, current!), join(cacheDir, `${copyPrefix}v20.0.0-1-1.v8cache`));
      writeFileSync(join(cacheDir, 'main-v20.0.0-300000-1700000000000.v8cache'), 'old naming, one per build');
      writeFileSync(join(cacheDir, 'main-0badc0de-v20.0.0-1-1.v8cache'), 'another checkout');
      await run();
      expect(readdirSync(cacheDir).sort()).toEqual([current, 'main-0badc0de-v20.0.0-1-1.v8cache'].sort());
      await run();
      expect(readdirSync(cacheDir)).toHaveLength(2);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});
