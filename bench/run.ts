/**
 * bench/run.ts - times regula's commands as fresh processes (as a person runs them), side by side with
 * `node -e ''` in the same run, and - where installed - Taskwarrior and Timewarrior on the same data.
 *
 *   npm run bench                 (scale 1: 50 people, 20,000 tasks, ~260,000 time entries)
 *   npx tsx bench/run.ts --scale 0.1 --runs 7 --warmup 2 [--no-compare]
 *
 * Prints a Markdown table: median and spread (min-max) in ms, the ratio to `node -e ''`, peak RSS. Each
 * run of a command is paired with a run of `node -e ''` just before it, and the ratio is taken against
 * the median of those paired runs: a machine whose speed drifts during the benchmark (a shared VM) then
 * shifts both sides alike.
 * Needs `npm run build` first (it runs bin/task.js). Data go to a temporary folder, removed afterwards.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    runs: { type: 'string', default: '7' },
    warmup: { type: 'string', default: '2' },
    'no-compare': { type: 'boolean', default: false },
  },
});
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'task.js');
if (!existsSync(join(root, 'dist', 'main.js'))) throw new Error('run npm run build first');
const runs = Number(values.runs);
const warmup = Number(values.warmup);
const work = mkdtempSync(join(tmpdir(), 'regula-bench-'));
const NOW = '2026-11-27T21:00'; // after the generated working day's last entry
const baseEnv = { ...process.env, TZ: 'UTC', REGULA_NOW: NOW, NO_COLOR: '1', COLUMNS: '120', XDG_CACHE_HOME: join(work, 'cache') };

function generate(name: string, args: string[]): string {
  const db = join(work, name);
  const out = execFileSync('npx', ['tsx', join(root, 'bench', 'generate.ts'), '--db', db, ...args], { env: { ...process.env, TZ: 'UTC' }, encoding: 'utf8' });
  process.stderr.write(out);
  return db;
}

interface Measure {
  label: string;
  median: number;
  /** Median of the `node -e ''` runs paired with this command's runs. */
  nodeMedian: number;
  min: number;
  max: number;
  rssMb: number | null;
}

function timeOnce(command: string, args: string[], env: NodeJS.ProcessEnv): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

function peakRss(command: string, args: string[], env: NodeJS.ProcessEnv): number | null {
  if (!existsSync('/usr/bin/time')) return null;
  const result = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const kb = Number(String(result.stderr).trim().split('\n').at(-1));
  return Number.isFinite(kb) ? Math.round(kb / 1024) : null;
}

const median = (sorted: number[]) => sorted[Math.floor(sorted.length / 2)]!;

interface Run {
  label: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

/**
 * Times several commands in rounds: each round runs `node -e ''` and then every command once, so all of
 * them see the same moments of a machine whose speed drifts. Returns one Measure per command and, per
 * command, the median of its per-round ratio to the first command.
 */
function measureRounds(commands: Run[]): { measures: Measure[]; ratioToFirst: number[] } {
  for (let i = 0; i < warmup; i++) for (const c of commands) timeOnce(c.command, c.args, c.env);
  const node: number[] = [];
  const times = commands.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    node.push(timeOnce('node', ['-e', ''], baseEnv));
    commands.forEach((c, k) => times[k]!.push(timeOnce(c.command, c.args, c.env)));
  }
  const ratioToFirst = times.map((series) => median(series.map((ms, i) => ms / times[0]![i]!).sort((a, b) => a - b)));
  const nodeMedian = median([...node].sort((a, b) => a - b));
  const measures = commands.map((c, k) => {
    const sorted = [...times[k]!].sort((a, b) => a - b);
    return { label: c.label, median: median(sorted), nodeMedian, min: sorted[0]!, max: sorted.at(-1)!, rssMb: peakRss(c.command, c.args, c.env) };
  });
  return { measures, ratioToFirst };
}

function measure(label: string, command: string, args: string[], env: NodeJS.ProcessEnv): Measure {
  return measureRounds([{ label, command, args, env }]).measures[0]!;
}

const task = (label: string, db: string, user: string, ...args: string[]) => measure(label, 'node', [bin, ...args], { ...baseEnv, REGULA_DB: db, REGULA_USER: user });

// --- regula on the generated team
const scale = values.scale;
const db = generate('team.db', ['--scale', scale]);
const copy = join(work, 'bench.db');
copyFileSync(db, copy);
spawnSync('node', [bin, 'status'], { env: { ...baseEnv, REGULA_DB: copy, REGULA_USER: 'user10' } }); // warm the code cache
const employee = 'user10';
const fullHistory = ['report', '--everyone', '--from', '2025-11-28', '--to', '2026-11-27'];
const lead = 'lead2';
const results: Measure[] = [measure("node -e ''", 'node', ['-e', ''], baseEnv)];
const first = spawnSync('node', [bin, 'list', '--json'], { env: { ...baseEnv, REGULA_DB: copy, REGULA_USER: employee }, encoding: 'utf8' });
const someTask = (JSON.parse(first.stdout) as { id: number; kind: string }[]).find((t) => t.kind === 'ordinary')?.id ?? 1;
const compound = String(
  execFileSync('node', ['-e', `const D=require('better-sqlite3');const d=new D(${JSON.stringify(copy)},{readonly:true});process.stdout.write(String(d.prepare("SELECT parent_id FROM tasks WHERE parent_id IS NOT NULL GROUP BY parent_id ORDER BY count(*) DESC LIMIT 1").pluck().get()))`], { cwd: root }),
);
results.push(
  task('status', copy, employee, 'status'),
  task('start (pauses the running one)', copy, employee, 'start', String(someTask)),
  task('pause', copy, employee, 'pause'),
  task('add', copy, employee, 'add', 'Bench: Call the supplier', '--plan', '15m'),
  task('list (your open tasks)', copy, employee, 'list'),
  task(`list --all (${Math.round(Number(scale) * 20000)} tasks)`, copy, employee, 'list', '--all'),
  task('today', copy, employee, 'today'),
  task('search prepar', copy, employee, 'search', 'prepar'),
  task(`show (compound task ${compound})`, copy, employee, 'show', compound),
  task('plan', copy, employee, 'plan'),
  task('report (a day)', copy, employee, 'report'),
  task('report --month', copy, employee, 'report', '--month'),
  task('report a year, one person', copy, employee, 'report', '--from', '2025-11-28', '--to', '2026-11-27'),
  task('report a year, everyone (full history)', copy, 'lead1', ...fullHistory),
  task('report --team (a day, 10 people)', copy, lead, 'report', '--team'),
  task('report --team --month (10 people)', copy, lead, 'report', '--team', '--month'),
  task('export --format json', copy, 'lead1', 'export', '--format', 'json'),
);

// --- the same data, side by side with Taskwarrior and Timewarrior (temporary data folders only)
const has = (cmd: string, flag: string) => spawnSync(cmd, [flag], { encoding: 'utf8' }).status === 0;
const comparisons: string[] = [];
if (!values['no-compare'] && has('task', '--version') && String(spawnSync('task', ['--version'], { encoding: 'utf8' }).stdout).startsWith('2.')) {
  const tasks10k = generate('tasks-10k.db', ['--tasks', '10000', '--people', '50']);
  const exported = JSON.parse(execFileSync('node', [bin, 'export', '--format', 'taskwarrior'], { env: { ...baseEnv, REGULA_DB: tasks10k, REGULA_USER: 'lead1' }, encoding: 'utf8', maxBuffer: 1 << 30 }));
  for (const t of exported) {
    t.status = 'pending';
    delete t.end;
  }
  const twData = join(work, 'tw');
  mkdirSync(twData);
  writeFileSync(join(work, 'taskrc'), `data.location=${twData}\nconfirmation=off\nverbose=nothing\n`);
  writeFileSync(join(work, 'tw.json'), JSON.stringify(exported));
  const twEnv = { ...process.env, TASKRC: join(work, 'taskrc'), TASKDATA: twData };
  execFileSync('task', ['import', join(work, 'tw.json')], { env: twEnv, stdio: 'ignore' });
  const regula = (label: string, ...args: string[]): Run => ({ label, command: 'node', args: [bin, ...args], env: { ...baseEnv, REGULA_DB: tasks10k, REGULA_USER: 'lead1' } });
  const list = measureRounds([
    { label: 'Taskwarrior task list (10,000 pending)', command: 'task', args: ['list'], env: twEnv },
    regula('regula list --all (10,000 tasks)', 'list', '--all'),
  ]);
  const add = measureRounds([{ label: 'Taskwarrior task add', command: 'task', args: ['add', 'Bench one more'], env: twEnv }, regula('regula add', 'add', 'Bench: one more')]);
  results.push(...list.measures, ...add.measures);
  comparisons.push(
    `list: regula/Taskwarrior = ${list.ratioToFirst[1]!.toFixed(2)} (median of per-round ratios; target <= 0.3)`,
    `add: regula/Taskwarrior = ${add.ratioToFirst[1]!.toFixed(2)}`,
  );
}
if (!values['no-compare'] && has('timew', '--version')) {
  // 50,000 intervals of the generated team, written in Timewarrior's own data-file format.
  const rows = execFileSync('node', ['-e', `const D=require('better-sqlite3');const d=new D(${JSON.stringify(copy)},{readonly:true});for(const r of d.prepare('SELECT start_at,end_at,task_id FROM time_entries WHERE end_at IS NOT NULL ORDER BY start_at LIMIT 50000').raw().iterate())process.stdout.write(r.join(' ')+'\\n')`], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 })
    .trim()
    .split('\n');
  const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const timewDb = join(work, 'timew');
  mkdirSync(join(timewDb, 'data'), { recursive: true });
  writeFileSync(join(timewDb, 'timewarrior.cfg'), '');
  const byMonth = new Map<string, string[]>();
  for (const row of rows) {
    const [start, end, taskId] = row.split(' ').map(Number) as [number, number, number];
    const month = new Date(start).toISOString().slice(0, 7);
    byMonth.set(month, [...(byMonth.get(month) ?? []), `inc ${stamp(start)} - ${stamp(end)} # task${taskId}`]);
  }
  for (const [month, lines] of byMonth) writeFileSync(join(timewDb, 'data', `${month}.data`), `${lines.join('\n')}\n`);
  const summary = measureRounds([
    { label: 'Timewarrior timew summary :all (50,000 intervals)', command: 'timew', args: ['summary', ':all'], env: { ...process.env, TIMEWARRIORDB: timewDb } },
    { label: 'regula report a year, everyone (again, beside timew)', command: 'node', args: [bin, ...fullHistory], env: { ...baseEnv, REGULA_DB: copy, REGULA_USER: 'lead1' } },
  ]);
  results.push(...summary.measures);
  comparisons.push(
    `full-history report (all ${Math.round(Number(scale) * 261)},000 entries of the generated year) / timew summary :all (50,000): ${summary.ratioToFirst[1]!.toFixed(2)} (median of per-round ratios; target <= 0.1)`,
  );
}

console.log(`\n${new Date().toISOString().slice(0, 10)}, scale ${scale}, ${runs} runs after ${warmup} warm-up, node ${process.version}\n`);
console.log("| command | median ms | min-max ms | paired node -e '' ms | x node -e '' | peak RSS MB |");
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const r of results) console.log(`| ${r.label} | ${r.median.toFixed(0)} | ${r.min.toFixed(0)}-${r.max.toFixed(0)} | ${r.nodeMedian.toFixed(0)} | ${(r.median / r.nodeMedian).toFixed(2)} | ${r.rssMb ?? '-'} |`);
for (const line of comparisons) console.log(`\n${line}`);
rmSync(work, { recursive: true, force: true });
