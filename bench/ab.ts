/**
 * Interleaved A/B timing of shell commands, for "did this change make start-up slower?" on a machine
 * whose speed drifts by a third within minutes: each round runs every command once, in turn, so drift
 * hits all of them alike; the median of the per-round ratios B/A is what to read.
 *
 *   npx tsx bench/ab.ts --runs 21 "node /tmp/old/bin/task.js status" "node bin/task.js status"
 *
 * Typical use: build the previous commit in another clone (git worktree add /tmp/old HEAD~1, link
 * node_modules, npm run build) and give each command its own copy of a generated database.
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  options: { runs: { type: 'string', default: '15' }, warmup: { type: 'string', default: '2' } },
  allowPositionals: true,
});
if (positionals.length < 2)
  throw new Error('give two or more commands to compare, e.g. "node -e \'\'" "node bin/task.js status"');
const runs = Number(values.runs);
const warmup = Number(values.warmup);
const times = positionals.map(() => [] as number[]);

for (let round = 0; round < runs + warmup; round++) {
  positionals.forEach((command, k) => {
    const start = process.hrtime.bigint();
    const run = spawnSync('sh', ['-c', command], { stdio: ['ignore', 'ignore', 'pipe'] });
    if (run.status !== 0) throw new Error(`${command} exited ${run.status}: ${run.stderr}`);
    if (round >= warmup) times[k]!.push(Number(process.hrtime.bigint() - start) / 1e6);
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
positionals.forEach((command, k) => {
  console.log(`${median(times[k]!).toFixed(1).padStart(8)} ms  ${command}`);
});
for (let k = 1; k < positionals.length; k++) {
  const ratios = times[k]!.map((t, i) => t / times[0]![i]!);
  console.log(`median ratio of command ${k + 1} to command 1 (per round): ${median(ratios).toFixed(3)}`);
}
