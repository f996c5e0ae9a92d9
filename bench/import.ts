/**
 * bench/import.ts - a Timewarrior history of 50,000 intervals (40 tags, in 20 pairs; 40 minutes each, one
 * an hour) imported into a new database by `task import`, as a person runs it (issue 21). Prints per run
 * the wall time, the CPU time of the process (user + system, from /usr/bin/time when installed) and how
 * much of the run the database's write lock was held: a second connection tries to take it (BEGIN
 * IMMEDIATE, no waiting) every 5 ms while the import runs, and counts the tries that found it taken.
 *
 *   npm run build && npx tsx bench/import.ts [--intervals 50000] [--runs 3] [--cpu-prof DIR]
 *
 * --cpu-prof writes a V8 CPU profile of each run into DIR (open it in Chrome DevTools, or summarise it).
 * Not part of npm test: it measures this machine, and no test may depend on a machine's speed.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    intervals: { type: 'string', default: '50000' },
    runs: { type: 'string', default: '3' },
    'cpu-prof': { type: 'string' },
  },
});
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'task.js');
if (!existsSync(join(root, 'dist', 'main.js'))) throw new Error('run npm run build first');
const work = mkdtempSync(join(tmpdir(), 'regula-import-bench-'));

/** Timewarrior's compact UTC form, 20260105T083000Z. */
const compact = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

function history(n: number): string {
  const intervals = [];
  let start = Date.UTC(2021, 0, 1, 8);
  for (let i = 0; i < n; i++) {
    const pair = i % 20;
    intervals.push({
      id: n - i,
      start: compact(start),
      end: compact(start + 40 * 60_000),
      tags: [`tag${pair * 2}`, `tag${pair * 2 + 1}`],
    });
    start += 3_600_000;
  }
  return JSON.stringify(intervals);
}

interface Run {
  wallMs: number;
  cpuMs: number | null;
  probes: number;
  locked: number;
  output: string;
}

/** One import into a fresh database, probed for its write lock while it runs. */
async function importOnce(file: string, round: number): Promise<Run> {
  const db = join(work, `run-${round}.db`);
  const timeFile = join(work, `time-${round}.txt`);
  const timed = existsSync('/usr/bin/time');
  const node = [
    ...(values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] : []),
    bin,
    '--db',
    db,
    'import',
    file,
  ];
  const [command, args] = timed
    ? ['/usr/bin/time', ['-f', '%U %S', '-o', timeFile, process.execPath, ...node]]
    : [process.execPath, node];
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: work,
    TZ: 'UTC',
    REGULA_NOW: '2026-11-27T10:00',
    REGULA_USER: 'ann',
  };
  const started = process.hrtime.bigint();
  const child = spawn(command as string, args as string[], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += String(chunk)));
  child.stderr.on('data', (chunk) => (output += String(chunk)));
  let probes = 0;
  let locked = 0;
  let probe: Database.Database | undefined;
  const timer = setInterval(() => {
    try {
      probe ??= existsSync(db) ? new Database(db, { timeout: 0, fileMustExist: true }) : undefined;
      if (!probe) return;
      probes++;
      probe.exec('BEGIN IMMEDIATE');
      probe.exec('ROLLBACK');
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_BUSY') locked++;
      else probes--; // the file is still being made: not a question about the lock
    }
  }, 5);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  clearInterval(timer);
  probe?.close();
  if (code !== 0) throw new Error(`task import exited ${code}: ${output}`);
  const cpu = timed ? readFileSync(timeFile, 'utf8').trim().split(/\s+/).map(Number) : null;
  return {
    wallMs,
    cpuMs: cpu ? Math.round((cpu[0]! + cpu[1]!) * 1000) : null,
    probes,
    locked,
    output: output.trim(),
  };
}

const n = Number(values.intervals);
const file = join(work, 'timew-export.json');
writeFileSync(file, history(n));
console.log(
  `${n} Timewarrior intervals (40 tags in pairs) into a new database, ${values.runs} runs; load average ${(
    await import('node:os')
  )
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
try {
  for (let round = 1; round <= Number(values.runs); round++) {
    const run = await importOnce(file, round);
    const share = run.probes ? `${Math.round((100 * run.locked) / run.probes)} %` : '-';
    console.log(
      `run ${round}: ${(run.wallMs / 1000).toFixed(2)} s wall, ${run.cpuMs === null ? '-' : `${(run.cpuMs / 1000).toFixed(2)} s CPU`}, write lock held in ${run.locked} of ${run.probes} probes (${share}) - ${run.output.split('\n')[0]}`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
