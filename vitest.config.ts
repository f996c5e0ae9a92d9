import { accessSync, constants, statSync, statfsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { LongestFirst } from './tests/support/longest-first.js';

/** The free room in memory below which the tests' temporary databases stay on disk. */
const MIN_FREE_BYTES = 1024 ** 3;

/**
 * The tests' temporary folders (tests/support/scratch.ts) go to memory where the machine has it: a SQLite
 * commit there costs no fsync. REGULA_TEST_TMP, when set, wins (an empty value keeps the system's tmpdir).
 */
function scratchInMemory(): string {
  const chosen = process.env.REGULA_TEST_TMP;
  if (chosen !== undefined) return chosen;
  try {
    accessSync('/dev/shm', constants.W_OK);
    if (!statSync('/dev/shm').isDirectory()) return '';
    // A container's /dev/shm is often 64 MB: the suite's databases would fill it. Use it only when roomy.
    const { bavail, bsize } = statfsSync('/dev/shm');
    return bavail * bsize >= MIN_FREE_BYTES ? '/dev/shm' : '';
  } catch {
    return '';
  }
}

/**
 * Issue 23: the end-to-end rule and report tests run a second time against a real PostgreSQL (the
 * project "postgres": each Sandbox is a database of its own on REGULA_TEST_PG_URL's server, each person a
 * login; tests/e2e/server-sandbox.ts). Without a server that pass is one visibly skipped test (or a
 * failure under REGULA_REQUIRE_PG=1, as .ci/run sets).
 */
const ON_BOTH_STORES = [
  'tests/e2e/day-and-reports.test.ts',
  'tests/e2e/everyday-flow.test.ts',
  'tests/e2e/permissions.test.ts',
  'tests/e2e/policy.test.ts',
  'tests/e2e/report-numbers.test.ts',
  'tests/e2e/rules-*.test.ts',
  'tests/e2e/visibility.test.ts',
];

/** Unit and store contract tests: core, commands and renderers in one process, no binary started. */
const IN_PROCESS_LAYERS = ['tests/unit/**/*.test.ts', 'tests/contract/**/*.test.ts'];

const serverPass = process.env.REGULA_TEST_PG_URL?.trim()
  ? ON_BOTH_STORES
  : ['tests/e2e/server-pass.notice.ts'];

export default defineConfig({
  test: {
    pool: 'forks',
    env: { REGULA_TEST_TMP: scratchInMemory() },
    // Sized for a loaded 2-core machine (an end-to-end test starts dozens of processes); no test
    // depends on how fast it runs, only on finishing.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // End-to-end tests spawn the real binary; keep the machine from being oversubscribed.
    maxWorkers: 2,
    // The longest files first, on a fresh clone too (tests/support/longest-first.ts).
    sequence: { sequencer: LongestFirst },
    // Without isolation a worker runs its files one after another in one process, and a file reuses the
    // modules the previous one loaded (otherwise most of a short file's time: 57-64 s of CPU for the
    // unit and contract tests isolated, 30 s not). Safe for these layers: no test mocks a module, spies
    // are restored after each test, TZ is put back after each command and test, and the caches in src
    // that depend on TZ are kept per zone (core/local-time.ts, format/text.ts). The team-server files
    // (tests/pg: own clusters, killed servers, open connections) keep a process each.
    projects: [
      { extends: true, test: { name: 'unit', include: IN_PROCESS_LAYERS, isolate: false } },
      { extends: true, test: { name: 'sqlite', include: ['tests/e2e/**/*.test.ts'], isolate: false } },
      { extends: true, test: { name: 'server', include: ['tests/pg/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: serverPass,
          isolate: false,
          env: { REGULA_TEST_STORE: 'postgres' },
          setupFiles: ['tests/e2e/server-pass.setup.ts'],
        },
      },
    ],
  },
});
