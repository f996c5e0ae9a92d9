import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    // Sized for a loaded 2-core machine (an end-to-end test starts dozens of processes); no test
    // depends on how fast it runs, only on finishing.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // End-to-end tests spawn the real binary; keep the machine from being oversubscribed.
    maxWorkers: 2,
  },
});
