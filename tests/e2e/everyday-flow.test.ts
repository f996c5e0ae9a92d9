import { execa } from 'execa';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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

describe('task export --format taskwarrior keeps the planned time (issue 20)', () => {
  it('writes it as an estimate duration UDA that our import reads back, through a real Taskwarrior when installed', async () => {
    await sb.ok(['add', 'Sales: Draft the offer', '--plan', '1h30m', '--deadline', '2026-12-03']);
    await sb.ok(['add', 'Ops: No plan yet']);
    const exported = await sb.json<any[]>(['export', '--format', 'taskwarrior']);
    expect(exported.map((t) => t.estimate)).toEqual(['PT1H30M', undefined]);

    let file = join(sb.dir, 'regula-to-taskwarrior.json');
    writeFileSync(file, JSON.stringify(exported));
    const taskwarrior = await execa('/usr/bin/task', ['--version'], { reject: false }).catch(() => null);
    if (taskwarrior && taskwarrior.exitCode === 0 && /^2\./.test(String(taskwarrior.stdout))) {
      const data = join(sb.dir, 'tw');
      mkdirSync(data);
      writeFileSync(join(sb.dir, 'taskrc'), `data.location=${data}\nconfirmation=off\nverbose=nothing\nuda.estimate.type=duration\n`);
      const env = { TASKRC: join(sb.dir, 'taskrc'), TASKDATA: data, TZ: 'UTC' };
      expect((await execa('/usr/bin/task', ['import', file], { env, reject: false })).exitCode).toBe(0);
      file = join(sb.dir, 'taskwarrior-export.json');
      writeFileSync(file, String((await execa('/usr/bin/task', ['export'], { env })).stdout));
    } else {
      console.warn('SKIPPED: Taskwarrior is not installed; the estimate went round through the file only');
    }
    const fresh = new Sandbox();
    try {
      await fresh.ok(['import', file, '--from', 'taskwarrior']);
      const tasks = await fresh.json<any[]>(['list', '--all']);
      expect(tasks.map((t) => [t.title, t.plannedMinutes]).sort()).toEqual([
        ['Ops: No plan yet', null],
        ['Sales: Draft the offer', 90],
      ]);
    } finally {
      fresh.remove();
    }
  });
});
