/**
 * bench/stores.ts - the same commands on both stores, side by side (issue 23): the 1x team file (made by
 * bench/run.ts or bench/generate.ts) and the same data moved into a database of its own on a PostgreSQL
 * server (`task server init`, `task import` of the file's JSON export, a login for the employee and for
 * lead1), timed as fresh processes in interleaved rounds - the floor, then each command on SQLite and on
 * the server. Targets: `status`, `add`, `start`, `pause` on the server within 2x of SQLite; the manager's
 * `report --team --month` (49 people) under 1 s on the server.
 *
 *   npm run build
 *   npx tsx bench/stores.ts --pg postgresql://postgres@127.0.0.1:5432/postgres [--runs 7] [--keep]
 *
 * --pg names a role that may create databases and roles; the people's logins then connect with the
 * server's own authentication (trust on loopback, as scripts/pg-test-cluster.sh sets up, or .pgpass).
 * The database and the logins are dropped at the end (--keep leaves them for a second look).
 */
import Database from 'better-sqlite3';
import PgNative from 'pg-native';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    pg: { type: 'string' },
    runs: { type: 'string', default: '7' },
    warmup: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
    data: { type: 'string', default: join(tmpdir(), 'regula-bench-data', 'team-10000-4.db') },
  },
});
if (!values.pg) throw new Error('name the server: --pg postgresql://ADMIN@HOST:PORT/postgres');
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'task.js');
if (!existsSync(join(root, 'dist', 'main.js'))) throw new Error('run npm run build first');
if (!existsSync(values.data))
  throw new Error(`no 1x data at ${values.data}: make it with npx tsx bench/run.ts --scales 1 --runs 1`);

const work = mkdtempSync(join(tmpdir(), 'regula-stores-'));
const file = join(work, 'team.db');
copyFileSync(values.data, file);
const clean = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: work, TZ: 'UTC' };
const tag = `regula_bench_${process.pid}`;
/** Logins may not start with regula_ (regula's own roles). */
const loginOf = (person: string) => `bench_${process.pid}_${person}`;
const serverAt = (database: string, login?: string) => {
  const url = new URL(values.pg!);
  url.pathname = `/${database}`;
  if (login) {
    url.username = login;
    url.password = '';
  }
  return url.toString();
};

// Every process gets its own minute after the data's last entry, so timers start and stop in order.
const data = new Database(values.data, { readonly: true });
const last = data.prepare('SELECT max(coalesce(end_at, start_at)) FROM time_entries').pluck().get() as number;
data.close();
let minute = 0;
const clock = Math.ceil(last / 60_000) * 60_000;
const now = () => new Date(clock + ++minute * 60_000).toISOString().slice(0, 16);
/** A process to run: node with these arguments, in this environment. */
interface Step {
  args: string[];
  env: NodeJS.ProcessEnv;
}
const task = (db: string, user: string | null, ...args: string[]): Step => {
  const env = { ...clean, REGULA_DB: db, REGULA_NOW: now(), NO_COLOR: '1', COLUMNS: '120' };
  return { args: [bin, ...args], env: user ? { ...env, REGULA_USER: user } : env };
};
const run = (step: Step): string => {
  const result = spawnSync('node', step.args, { env: step.env, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (result.status !== 0)
    throw new Error(`${step.args.slice(1).join(' ')}: exit ${result.status}: ${result.stderr}`);
  return result.stdout;
};

// --- the server database: the file's data moved in, two logins
const admin = new PgNative();
admin.connectSync(values.pg);
admin.querySync(`CREATE DATABASE ${tag}`);
// Dropped however the run ends (a failed command throws), unless asked to keep them.
process.on('exit', () => {
  if (values.keep) return;
  admin.querySync(`DROP DATABASE IF EXISTS ${tag} WITH (FORCE)`);
  for (const person of ['lead1', 'user10']) admin.querySync(`DROP ROLE IF EXISTS ${loginOf(person)}`);
  rmSync(work, { recursive: true, force: true });
});
const database = serverAt(tag);
const started = Date.now();
run(task(file, 'lead1', 'status')); // brings the copy to this build's schema
writeFileSync(join(work, 'team.json'), run(task(file, 'lead1', 'export', '--format', 'json')));
run(task(database, null, 'server', 'init', database));
run(task(database, null, 'import', join(work, 'team.json')));
const employee = 'user10';
for (const person of ['lead1', employee])
  run(task(database, null, 'server', 'user', 'login', person, '--login', loginOf(person)));
const moveIn = Date.now() - started;
const owner = new PgNative();
owner.connectSync(database);
// As a server holds the data once autovacuum has been by: visibility known, statistics taken.
owner.querySync('VACUUM ANALYZE');
const own = owner
  .querySync(
    "SELECT id FROM regula.tasks WHERE responsible_id = 10 AND kind = 'ordinary' AND status IN ('new', 'pending', 'in_progress') AND deleted_at IS NULL ORDER BY id LIMIT 2",
  )
  .map((row) => String(row.id));
const team = owner
  .querySync("SELECT name FROM regula.users WHERE name <> 'lead1' ORDER BY id")
  .map((row) => String(row.name));
owner.end();
const as = (person: string) => ({ file, server: serverAt(tag, loginOf(person)), person });

// --- the rows: each a command for one person, with what must happen (untimed) before each run
interface Row {
  label: string;
  person: string;
  args: (round: number) => string[];
  before?: (db: string, person: string | null, round: number) => void;
  target: string;
}
const teamMonth = ['report', '--team', '--month', ...team.flatMap((name) => ['--user', name])];
const rows: Row[] = [
  { label: 'status', person: employee, args: () => ['status'], target: 'server <= 2x SQLite' },
  {
    label: 'add',
    person: employee,
    args: () => ['add', 'Sales: Bench one more', '--plan', '15m'],
    target: 'server <= 2x SQLite',
  },
  {
    label: 'start (pauses the running one)',
    person: employee,
    args: (round) => ['start', own[round % 2]!],
    target: 'server <= 2x SQLite',
  },
  {
    label: 'pause',
    person: employee,
    args: () => ['pause'],
    before: (db, person) => run(task(db, person, 'start', own[0]!)),
    target: 'server <= 2x SQLite',
  },
  {
    label: `report --team --month (${team.length} people)`,
    person: 'lead1',
    args: () => teamMonth,
    target: 'server < 1 s',
  },
];

const runs = Number(values.runs);
const warmup = Number(values.warmup);
const timed = (step: Step): number => {
  const start = process.hrtime.bigint();
  run(step);
  return Number(process.hrtime.bigint() - start) / 1e6;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const floor: number[] = [];
const results = rows.map(() => ({ sqlite: [] as number[], server: [] as number[] }));
for (let round = 0; round < warmup + runs; round++) {
  const floorMs = timed({ args: ['-e', ''], env: clean });
  rows.forEach((row, k) => {
    const { person } = row;
    const sides = [
      { db: as(person).file, user: person as string | null, into: results[k]!.sqlite },
      { db: as(person).server, user: null, into: results[k]!.server },
    ];
    for (const side of sides) {
      row.before?.(side.db, side.user, round);
      const ms = timed(task(side.db, side.user, ...row.args(round)));
      if (round >= warmup) side.into.push(ms);
    }
  });
  if (round >= warmup) floor.push(floorMs);
}

console.log(
  `\n${new Date().toISOString().slice(0, 16)}Z, node ${process.version}; 1x data (${team.length + 1} people) moved to the server in ${(moveIn / 1000).toFixed(1)} s; ${runs} rounds, medians`,
);
console.log(`Floor (node -e '' in a clean environment): ${median(floor).toFixed(0)} ms\n`);
console.log('| command | SQLite ms | server ms | server / SQLite (per round) | target |');
console.log('| --- | ---: | ---: | ---: | --- |');
rows.forEach((row, k) => {
  const { sqlite, server } = results[k]!;
  const ratio = median(server.map((ms, i) => ms / sqlite[i]!));
  console.log(
    `| ${row.label} | ${median(sqlite).toFixed(0)} | ${median(server).toFixed(0)} | ${ratio.toFixed(2)} | ${row.target} |`,
  );
});

if (values.keep)
  console.log(`\nKept: ${database} (logins ${loginOf('lead1')}, ${loginOf(employee)}) and ${work}`);
