// One of the processes of the concurrency stress test (tests/e2e/reliability.test.ts): runs the real
// `task` program's main() 25 times in a row - each call opens its own connection and transaction, exactly
// as a separate invocation does - and prints what each write returned, as JSON.
import { PassThrough } from 'node:stream';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { App, main } = require('../../dist/main.js');

const [worker, ...users] = process.argv.slice(2);
const results = [];

async function run(user, args) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const env = { ...process.env, REGULA_USER: user };
  delete env.REGULA_NOW; // the real clock: every process sees the same time, as people's terminals do
  const code = await main(['node', 'task', ...args, '--json'], new App(env, stdout, stderr));
  results.push({ user, args, code, stdout: out, stderr: err });
  return out ? JSON.parse(out) : null;
}

let taskId = null;
for (let i = 0; i < 25; i++) {
  const user = users[(Number(worker) + Math.floor(i / 5)) % users.length];
  const slot = new Date(Date.UTC(2026, 0, 1) + (Number(worker) * 25 + i) * 120_000);
  const at = `${slot.toISOString().slice(0, 10)} ${slot.toISOString().slice(11, 16)}`;
  switch (i % 5) {
    case 0:
      taskId = (await run(user, ['add', `Stress: w${worker} op${i}`, '--plan', '10m']))?.id ?? null;
      break;
    case 1:
      await run(user, ['start', String(taskId)]);
      break;
    case 2:
      await run(user, ['comment', String(taskId), `stress w${worker} op${i}`]);
      break;
    case 3:
      await run(user, [
        'time',
        'add',
        String(taskId),
        '1m',
        '--at',
        at,
        '--comment',
        `stress w${worker} op${i}`,
        '--reason',
        'stress test',
      ]);
      break;
    case 4:
      await run(user, ['pause']);
      break;
  }
}
process.stdout.write(JSON.stringify(results));
