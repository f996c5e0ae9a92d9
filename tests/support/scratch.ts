// Where the tests keep their temporary folders (sandboxes, SQLite files, exports). vitest.config.ts points
// REGULA_TEST_TMP at a memory-backed folder where the machine has one (/dev/shm): every SQLite commit is
// an fsync (synchronous = FULL), about 6 ms on this machine's disk and a tenth of a millisecond in memory,
// and no test is about surviving a power cut (a killed process leaves its writes in the page cache, as on
// a disk). The test PostgreSQL cluster runs with fsync=off for the same reason.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The folder the tests' temporary folders go in. */
export function scratchRoot(): string {
  return process.env.REGULA_TEST_TMP?.trim() || tmpdir();
}

/** A new empty folder of the tests' own, named `prefix` and a random tail; the caller removes it. */
export function scratchDir(prefix: string): string {
  return mkdtempSync(join(scratchRoot(), prefix));
}
