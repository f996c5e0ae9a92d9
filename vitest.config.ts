import { defineConfig } from 'vitest/config';

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

const serverPass = process.env.REGULA_TEST_PG_URL?.trim()
  ? ON_BOTH_STORES
  : ['tests/e2e/server-pass.notice.ts'];

export default defineConfig({
  test: {
    pool: 'forks',
    // Sized for a loaded 2-core machine (an end-to-end test starts dozens of processes); no test
    // depends on how fast it runs, only on finishing.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // End-to-end tests spawn the real binary; keep the machine from being oversubscribed.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['tests/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: serverPass,
          env: { REGULA_TEST_STORE: 'postgres' },
          setupFiles: ['tests/e2e/server-pass.setup.ts'],
        },
      },
    ],
  },
});
