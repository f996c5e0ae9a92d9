/**
 * bench/run.ts - times regula's commands as fresh processes (as a person runs them) at 1x (10,000 tasks,
 * ~50,000 time entries) and 10x (100,000 tasks, ~500,000 entries) of one team's data, side by side with
 * the floor (`node -e ''`) and - where installed - Taskwarrior (`task`) and Timewarrior (`timew`) on the
 * same data, all in interleaved rounds.
 *
 *   npm run bench                                   (both scales; peers when installed)
 *   npx tsx bench/run.ts --scales 1 --runs 7 [--no-compare] [--data-dir /tmp/regula-bench-data]
 *   npx tsx bench/run.ts --scales 1,10 --runs 3 --runs-10x 3 --no-compare --only team   (one row)
 *
 * Honest by construction:
 * - every process runs in a clean environment (only PATH, HOME, TZ and the data location, as
 *   `env -i PATH=... HOME=...` gives): whatever this shell adds to every Node process (an extra CA
 *   certificate file, NODE_OPTIONS) is left out of both regula and the floor; the floor in this shell's
 *   own environment is printed beside it;
 * - writes are real transitions: `start` starts a task while another one runs (it pauses that one),
 *   `pause` stops a running timer (an untimed start comes before it), `done` closes a fresh task;
 * - each round runs the floor, regula and the peer once, in turn, so a machine whose speed drifts hits
 *   them alike; the ratios are medians of the per-round ratios.
 * Generated data are kept in --data-dir (made once per scale, about a minute at 10x) and copied for each
 * run. Needs `npm run build` first (it runs bin/task.js).
 */
import Database from 'better-sqlite3';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  closeSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { migrate } from '../src/db/migrations.js';

const { values } = parseArgs({
  options: {
    scales: { type: 'string', default: '1,10' },
    runs: { type: 'string', default: '7' },
    'runs-10x': { type: 'string', default: '5' },
    warmup: { type: 'string', default: '1' },
    'no-compare': { type: 'boolean', default: false },
    'data-dir': { type: 'string', default: join(tmpdir(), 'regula-bench-data') },
    /** Only the rows whose command contains this text (e.g. "team"); the imports and peak RSS are skipped then. */
    only: { type: 'string' },
  },
});
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'task.js');
if (!existsSync(join(root, 'dist', 'main.js'))) throw new Error('run npm run build first');
const warmup = Number(values.warmup);
const work = mkdtempSync(join(tmpdir(), 'regula-bench-'));
const PEOPLE = 50;
const WORKING_DAYS = 261; // a year of working days, as bench/generate.ts makes them
/** The environment every measured process gets: what `env -i PATH=... HOME=...` leaves, plus the time zone. */
const clean: NodeJS.ProcessEnv = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: process.env.HOME ?? work,
  TZ: 'UTC',
};

// --- data

interface Data {
  scale: number;
  tasks: number;
  entries: number;
  file: string;
}

/** The generated team at a scale, made once into --data-dir and reused by later runs. */
function dataAt(scale: number): Data {
  const tasks = 10_000 * scale;
  const entriesPerDay = Math.round((50_000 * scale) / (PEOPLE * WORKING_DAYS));
  mkdirSync(values['data-dir'], { recursive: true });
  const file = join(values['data-dir'], `team-${tasks}-${entriesPerDay}.db`);
  if (!existsSync(file)) {
    const args = [
      join(root, 'bench', 'generate.ts'),
      '--db',
      `${file}.tmp`,
      '--tasks',
      String(tasks),
      '--entries-per-day',
      String(entriesPerDay),
      '--people',
      String(PEOPLE),
    ];
    process.stderr.write(
      execFileSync('npx', ['tsx', ...args], { env: { ...process.env, TZ: 'UTC' }, encoding: 'utf8' }),
    );
    copyFileSync(`${file}.tmp`, file);
    rmSync(`${file}.tmp`);
  }
  const db = new Database(file, { readonly: true });
  const entries = db.prepare('SELECT count(*) FROM time_entries').pluck().get() as number;
  db.close();
  return { scale, tasks, entries, file };
}

// --- timing

interface Step {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Exit statuses that are answers, not failures (`timew` with nothing tracked exits 1). */
  statuses?: number[];
}

/** One side of a row: what is timed, and what has to happen (untimed) before each timed run. */
interface Side {
  label: string;
  step: (round: number) => Step;
  before?: (round: number) => void;
}

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const timeFile = join(work, 'rusage');

/**
 * Runs a step; wall-clock milliseconds, and - through /usr/bin/time, when there - the CPU milliseconds
 * (user + system, 10 ms resolution) the process used: on a machine shared with other work the CPU time
 * moves far less than the wall clock.
 */
function run(
  step: Step,
  stdout: 'ignore' | 'pipe' = 'ignore',
): { ms: number; cpuMs: number | null; out: string } {
  const [command, args] = TIME
    ? [TIME, ['-f', '%U %S', '-o', timeFile, step.command, ...step.args]]
    : [step.command, step.args];
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    env: step.env,
    stdio: ['ignore', stdout, 'pipe'],
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (!(step.statuses ?? [0]).includes(result.status ?? -1))
    throw new Error(`${step.command} ${step.args.join(' ')} exited ${result.status}: ${result.stderr}`);
  const cpu = TIME ? readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number) : null;
  return { ms, cpuMs: cpu ? (cpu[0]! + cpu[1]!) * 1000 : null, out: result.stdout ?? '' };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

interface Timings {
  wall: number[];
  cpu: number[];
}

/** Times the sides in interleaved rounds; returns each side's per-round wall and CPU milliseconds. */
function rounds(sides: Side[], runs: number): Timings[] {
  const times = sides.map((): Timings => ({ wall: [], cpu: [] }));
  for (let round = 0; round < warmup + runs; round++) {
    sides.forEach((side, k) => {
      side.before?.(round);
      const { ms, cpuMs } = run(side.step(round));
      if (round < warmup) return;
      times[k]!.wall.push(ms);
      if (cpuMs !== null) times[k]!.cpu.push(cpuMs);
    });
  }
  return times;
}

/** The median of per-round ratios a/b (a zero CPU reading - under 10 ms - is left out). */
function ratio(a: number[], b: number[]): number | null {
  const ratios = a.map((x, i) => x / b[i]!).filter((r) => Number.isFinite(r) && r > 0);
  return ratios.length ? median(ratios) : null;
}

function peakRssMb(step: Step): number | null {
  if (!existsSync('/usr/bin/time')) return null;
  const result = spawnSync('/usr/bin/time', ['-f', '%M', step.command, ...step.args], {
    env: step.env,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  const kb = Number(result.stderr.trim().split('\n').at(-1));
  return Number.isFinite(kb) ? Math.round(kb / 1024) : null;
}

// --- the peers, run by path (regula's own command is also called task)

function isElf(file: string): boolean {
  try {
    const fd = openSync(file, 'r');
    const head = Buffer.alloc(4);
    readSync(fd, head, 0, 4, 0);
    closeSync(fd);
    return head.toString('latin1') === '\x7fELF';
  } catch {
    return false;
  }
}

function peerPath(name: string): string | null {
  if (values['no-compare']) return null;
  for (const dir of (process.env.PATH ?? '').split(delimiter))
    if (dir && isElf(join(dir, name))) return join(dir, name);
  return null;
}
const taskwarrior = peerPath('task');
const timewarrior = peerPath('timew');

// --- one scale

interface Row {
  command: string;
  regulaMs: number;
  regulaCpuMs: number | null;
  peer: string;
  peerMs: number | null;
  peerCpuMs: number | null;
  floorMs: number;
  floorCpuMs: number | null;
  xFloor: number;
  xFloorCpu: number | null;
  xPeer: number | null;
  xPeerCpu: number | null;
}

interface ScaleResult {
  data: Data;
  rows: Row[];
  floorHereMs: number;
  rss: string[];
  imports: string[];
}

function measureScale(data: Data): ScaleResult {
  const runs = data.scale >= 10 ? Number(values['runs-10x']) : Number(values.runs);
  const dir = join(work, `x${data.scale}`);
  mkdirSync(dir);
  const db = join(dir, 'team.db');
  copyFileSync(data.file, db);
  // Brought to this build's schema (and its application id) before anything else opens it: data generated
  // by an older build is otherwise identified by its tables, and a read-only reader's -wal beside it
  // stops that; the migration's time is not measured either. A writer's close leaves no -wal behind.
  const upgrade = new Database(db);
  migrate(upgrade, db);
  upgrade.close();
  // Every regula process gets its own minute, later than the generated day's last entry, so timers
  // start and stop in order and the day's totals grow as they would.
  const reader = new Database(db, { readonly: true });
  const last = reader
    .prepare('SELECT max(coalesce(end_at, start_at)) FROM time_entries')
    .pluck()
    .get() as number;
  reader.close();
  const clock = Math.ceil(last / 60_000) * 60_000;
  let minute = 0;
  const now = () => new Date(clock + ++minute * 60_000).toISOString().slice(0, 16);
  const cache = join(dir, 'cache');
  const regulaEnv = (user: string): NodeJS.ProcessEnv => ({
    ...clean,
    REGULA_DB: db,
    REGULA_USER: user,
    REGULA_NOW: now(),
    NO_COLOR: '1',
    COLUMNS: '120',
    XDG_CACHE_HOME: cache,
  });
  const regula =
    (user: string, ...args: string[]) =>
    (): Step => ({ command: 'node', args: [bin, ...args], env: regulaEnv(user) });
  const floor: Side = {
    label: "node -e ''",
    step: () => ({ command: 'node', args: ['-e', ''], env: clean }),
  };
  const floorHere = median(
    rounds(
      [{ label: 'here', step: () => ({ command: 'node', args: ['-e', ''], env: process.env }) }],
      runs,
    )[0]!.wall,
  );

  const read = new Database(db, { readonly: true });
  const employee = 'user10';
  const own = read
    .prepare(
      "SELECT id FROM tasks WHERE responsible_id = 10 AND kind = 'ordinary' AND status IN ('new', 'pending', 'in_progress') AND deleted_at IS NULL ORDER BY id LIMIT 2",
    )
    .pluck()
    .all() as number[];
  // The person's compound task with the most subtasks (R4: they see their own tasks).
  const compound =
    (read
      .prepare(
        'SELECT t.parent_id FROM tasks t JOIN tasks p ON p.id = t.parent_id WHERE p.responsible_id = 10 GROUP BY t.parent_id ORDER BY count(*) DESC LIMIT 1',
      )
      .pluck()
      .get() as number | undefined) ?? own[0]!;
  const team = read
    .prepare("SELECT name FROM users WHERE name <> 'lead1' ORDER BY id")
    .pluck()
    .all() as string[];
  read.close();
  run({ command: 'node', args: [bin, 'status'], env: regulaEnv(employee) }); // the V8 code cache

  // Taskwarrior: the same tasks, all pending (its list shows pending ones); Timewarrior: the same entries.
  let tw: NodeJS.ProcessEnv | null = null;
  let timew: NodeJS.ProcessEnv | null = null;
  const imports: string[] = [];
  const exported = join(dir, 'taskwarrior.json');
  writeFileSync(
    exported,
    run(
      { command: 'node', args: [bin, 'export', '--format', 'taskwarrior'], env: regulaEnv('lead1') },
      'pipe',
    ).out,
  );
  if (taskwarrior) {
    const tasks = JSON.parse(readFileSync(exported, 'utf8')) as Record<string, unknown>[];
    for (const t of tasks) {
      t.status = 'pending';
      delete t.end;
    }
    writeFileSync(join(dir, 'tw-pending.json'), JSON.stringify(tasks));
    mkdirSync(join(dir, 'taskdata'));
    writeFileSync(
      join(dir, 'taskrc'),
      `data.location=${join(dir, 'taskdata')}\nconfirmation=off\nverbose=nothing\nhooks=off\ngc=on\n`,
    );
    tw = { ...clean, TASKRC: join(dir, 'taskrc'), TASKDATA: join(dir, 'taskdata') };
    const { ms } = run({ command: taskwarrior, args: ['import', join(dir, 'tw-pending.json')], env: tw });
    imports.push(
      `Taskwarrior \`task import\` of ${tasks.length} tasks: ${Math.round(ms)} ms (${Math.round(tasks.length / (ms / 1000))} tasks/s)`,
    );
  } else imports.push('Taskwarrior: not installed - skipped (apt-get install taskwarrior)');
  if (data.scale === 1 && values.only === undefined) {
    // Once, at 1x: a rate, not a growth.
    const importDb = join(dir, 'import.db');
    const tasks = (JSON.parse(readFileSync(exported, 'utf8')) as unknown[]).length;
    const { ms } = run(
      {
        command: 'node',
        args: [bin, '--as', 'lead1', 'import', '--from', 'taskwarrior', exported],
        env: { ...regulaEnv('lead1'), REGULA_DB: importDb },
      },
      'pipe',
    );
    imports.unshift(
      `regula \`import --from taskwarrior\` of the same ${tasks} tasks into a new database: ${Math.round(ms)} ms (${Math.round(tasks / (ms / 1000))} tasks/s)`,
    );
  }
  if (timewarrior) {
    timew = { ...clean, TIMEWARRIORDB: join(dir, 'timew') };
    mkdirSync(join(dir, 'timew', 'data'), { recursive: true });
    writeFileSync(join(dir, 'timew', 'timewarrior.cfg'), 'verbose = off\n');
    const stamp = (ms: number) =>
      new Date(ms)
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, '');
    const byMonth = new Map<string, string[]>();
    const source = new Database(db, { readonly: true });
    for (const [start, end, taskId] of source
      .prepare(
        'SELECT start_at, end_at, task_id FROM time_entries WHERE end_at IS NOT NULL ORDER BY start_at',
      )
      .raw()
      .iterate() as Iterable<[number, number, number]>) {
      const month = new Date(start).toISOString().slice(0, 7);
      const lines = byMonth.get(month) ?? [];
      lines.push(`inc ${stamp(start)} - ${stamp(end)} # task${taskId}`);
      byMonth.set(month, lines);
    }
    source.close();
    for (const [month, lines] of byMonth)
      writeFileSync(join(dir, 'timew', 'data', `${month}.data`), `${lines.join('\n')}\n`);
  }
  // Timewarrior gets every finished entry of the team as its intervals: the same history regula holds.

  const rows: Row[] = [];
  const row = (command: string, regulaSide: Side, peer?: { label: string; side: Side } | null) => {
    if (values.only !== undefined && !command.includes(values.only)) return;
    const sides = [floor, regulaSide, ...(peer ? [peer.side] : [])];
    const [floors, ours, theirs] = rounds(sides, runs) as [Timings, Timings, Timings | undefined];
    const cpuMedian = (t: Timings | undefined) => (t?.cpu.length ? median(t.cpu) : null);
    const measured: Row = {
      command,
      regulaMs: median(ours.wall),
      regulaCpuMs: cpuMedian(ours),
      peer: peer ? peer.label : '-',
      peerMs: theirs ? median(theirs.wall) : null,
      peerCpuMs: cpuMedian(theirs),
      floorMs: median(floors.wall),
      floorCpuMs: cpuMedian(floors),
      xFloor: ratio(ours.wall, floors.wall)!,
      xFloorCpu: ratio(ours.cpu, floors.cpu),
      xPeer: theirs ? ratio(ours.wall, theirs.wall) : null,
      xPeerCpu: theirs ? ratio(ours.cpu, theirs.cpu) : null,
    };
    rows.push(measured);
    process.stderr.write(
      `  ${data.scale}x ${command}: ${measured.regulaMs.toFixed(0)} ms, ${measured.xFloor.toFixed(2)}x floor${measured.xPeer === null ? '' : `, ${measured.xPeer.toFixed(2)}x ${peer!.label}`}\n`,
    );
  };
  const side = (label: string, step: (round: number) => Step, before?: (round: number) => void): Side => ({
    label,
    step,
    before,
  });
  const twStep =
    (...args: string[]) =>
    (): Step => ({ command: taskwarrior!, args, env: tw! });
  const timewStep =
    (...args: string[]) =>
    (): Step => ({ command: timewarrior!, args, env: timew! });
  const peerOf = (label: string, available: boolean, s: () => Side) =>
    available ? { label, side: s() } : null;

  // status: what runs and today's total; Timewarrior's bare `timew` tells what it tracks.
  row(
    'status',
    side('regula', regula(employee, 'status')),
    peerOf('timew', timew !== null, () => side('timew', () => ({ ...timewStep()(), statuses: [0, 1] }))),
  );
  // start: another task runs and is paused by it (alternating between two of the person's tasks).
  let current = 0;
  row(
    'start (pauses the running one)',
    side('regula', () => regula(employee, 'start', String(own[current++ % 2]!))()),
    peerOf('timew', timew !== null, () => {
      let tag = 0;
      // Timewarrior counts whole seconds: a start in the previous start's second would overlap it.
      return side(
        'timew',
        () => ({ command: timewarrior!, args: ['start', `task${own[tag++ % 2]}`], env: timew! }),
        () => spawnSync('sleep', ['1.1']),
      );
    }),
  );
  // pause: a timer runs (an untimed start before each).
  row(
    'pause (a running timer)',
    side('regula', regula(employee, 'pause'), () => run(regula(employee, 'start', String(own[0]!))())),
    peerOf('timew', timew !== null, () =>
      side('timew', timewStep('stop'), () => {
        // Timewarrior counts whole seconds: a start in the last stop's second, or a stop in the start's, is refused.
        spawnSync('sleep', ['1.1']);
        run({ command: timewarrior!, args: ['start', `task${own[0]}`], env: timew! });
        spawnSync('sleep', ['1.1']);
      }),
    ),
  );
  row(
    'add',
    side('regula', regula(employee, 'add', 'Sales: Bench one more', '--plan', '15m')),
    peerOf('task', tw !== null, () => side('task', twStep('add', 'Bench one more'))),
  );
  row(
    `show (compound task ${compound})`,
    side('regula', regula(employee, 'show', String(compound))),
    peerOf('task', tw !== null, () => side('task', twStep('1', 'info'))),
  );
  // done: a fresh task each time (an untimed add before each).
  let fresh = 0;
  row(
    'done (a fresh task)',
    side(
      'regula',
      () => regula(employee, 'done', String(fresh), '--result', 'Sent')(),
      () => {
        fresh = Number(
          /task (\d+)/.exec(
            run(regula(employee, 'add', 'Sales: Bench to close', '--plan', '15m')(), 'pipe').out,
          )![1],
        );
      },
    ),
    peerOf('task', tw !== null, () =>
      side('task', twStep('+LATEST', 'done'), () =>
        run({ command: taskwarrior!, args: ['add', 'Bench to close'], env: tw! }),
      ),
    ),
  );
  row('list (your open tasks)', side('regula', regula(employee, 'list')));
  row(
    'list --all --limit 25',
    side('regula', regula('lead1', 'list', '--all', '--limit', '25')),
    peerOf('task', tw !== null, () => side('task', twStep('list', 'limit:25'))),
  );
  row(
    `list --all (${data.tasks} tasks)`,
    side('regula', regula('lead1', 'list', '--all')),
    peerOf('task', tw !== null, () => side('task', twStep('list'))),
  );
  row('report --month (one person)', side('regula', regula(employee, 'report', '--month')));
  const teamMonth = ['report', '--team', '--month', ...team.flatMap((name) => ['--user', name])];
  row(`report --team --month (${team.length} people)`, side('regula', regula('lead1', ...teamMonth)));
  row(
    'report a year, everyone (full history; timew summary :all)',
    side('regula', regula('lead1', 'report', '--everyone', '--from', '2025-11-28', '--to', '2026-11-27')),
    peerOf('timew', timew !== null, () => side('timew', timewStep('summary', ':all'))),
  );
  row(
    'report a year, one person',
    side('regula', regula(employee, 'report', '--from', '2025-11-28', '--to', '2026-11-27')),
  );

  const rss =
    values.only !== undefined
      ? []
      : [
          `list --all: ${peakRssMb(regula('lead1', 'list', '--all')()) ?? '-'} MB`,
          `list --all --json: ${peakRssMb(regula('lead1', 'list', '--all', '--json')()) ?? '-'} MB`,
          ...(tw ? [`Taskwarrior task list: ${peakRssMb(twStep('list')()) ?? '-'} MB`] : []),
        ];
  return { data, rows, floorHereMs: floorHere, rss, imports };
}

// --- the report

const ms = (value: number | null) => (value === null ? '-' : value.toFixed(0));
console.log(
  `\n${new Date().toISOString().slice(0, 16)}Z, node ${process.version}, ${warmup} warm-up round(s); medians; ratios are medians of per-round ratios`,
);
console.log(
  `peers: ${taskwarrior ?? 'Taskwarrior not installed (skipped)'}, ${timewarrior ?? 'Timewarrior not installed (skipped)'}`,
);
const results: ScaleResult[] = [];
for (const scale of values.scales.split(',').map(Number)) {
  const r = measureScale(dataAt(scale));
  results.push(r);
  const runs = r.data.scale >= 10 ? values['runs-10x'] : values.runs;
  console.log(
    `\n### ${r.data.scale}x: ${r.data.tasks} tasks, ${r.data.entries} time entries (${PEOPLE} people), ${runs} rounds\n`,
  );
  console.log(
    `Floor in a clean environment (env -i PATH HOME TZ): ${ms(r.rows[0]!.floorMs)} ms; in this shell's environment: ${ms(r.floorHereMs)} ms.\n`,
  );
  console.log(
    '| command | regula ms (CPU) | peer | peer ms (CPU) | floor ms (CPU) | x floor (CPU) | x peer (CPU) |',
  );
  console.log('| --- | ---: | --- | ---: | ---: | ---: | ---: |');
  const x = (value: number | null) => (value === null ? '-' : value.toFixed(2));
  for (const row of r.rows) {
    console.log(
      `| ${row.command} | ${ms(row.regulaMs)} (${ms(row.regulaCpuMs)}) | ${row.peer} | ${ms(row.peerMs)} (${ms(row.peerCpuMs)}) | ${ms(row.floorMs)} (${ms(row.floorCpuMs)}) | ${x(row.xFloor)} (${x(row.xFloorCpu)}) | ${x(row.xPeer)} (${x(row.xPeerCpu)}) |`,
    );
  }
  if (r.rss.length) console.log(`\nPeak RSS: ${r.rss.join('; ')}.`);
  for (const line of r.imports) console.log(`${line}.`);
}
if (results.length > 1) {
  const [low, high] = [results[0]!, results.at(-1)!];
  console.log(
    `\n### Growth ${low.data.scale}x -> ${high.data.scale}x (x floor at ${high.data.scale}x / x floor at ${low.data.scale}x; flat is 1.00)\n`,
  );
  console.log('| command | growth (wall) | growth (CPU) |');
  console.log('| --- | ---: | ---: |');
  low.rows.forEach((row, i) => {
    const other = high.rows[i]!;
    const cpu =
      other.xFloorCpu !== null && row.xFloorCpu !== null ? (other.xFloorCpu / row.xFloorCpu).toFixed(2) : '-';
    console.log(
      `| ${row.command.replace(/\d+ tasks/, 'every task')} | ${(other.xFloor / row.xFloor).toFixed(2)} | ${cpu} |`,
    );
  });
}
rmSync(work, { recursive: true, force: true });
