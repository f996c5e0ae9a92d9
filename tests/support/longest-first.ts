// The order test files start in (vitest.config.ts sequence.sequencer). With two workers a long file that
// starts last decides when the run ends, so the longest start first. vitest orders by the durations of
// the previous run (node_modules/.vite/vitest), which a fresh clone - CI - does not have; then the
// durations below, measured on a quiet run (2026-11-30, seconds), say the order. Only the order matters:
// a file not listed starts after the listed ones of its project, the larger file first.
import { statSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const MEASURED_SECONDS: Record<string, number> = {
  'sqlite:tests/e2e/rules-time.test.ts': 23,
  'sqlite:tests/e2e/rules-every-path.test.ts': 20,
  'sqlite:tests/e2e/reliability.test.ts': 20,
  'unit:tests/contract/postgres.test.ts': 17,
  'sqlite:tests/e2e/finding-work.test.ts': 13,
  'sqlite:tests/e2e/everyday-flow.test.ts': 13,
  'sqlite:tests/e2e/terminal-form.test.ts': 12,
  'sqlite:tests/e2e/storage-safety.test.ts': 12,
  'sqlite:tests/e2e/chromium-check.test.ts': 11,
  'server:tests/pg/server-permissions.test.ts': 11,
  'server:tests/pg/cli-on-server.test.ts': 11,
  'sqlite:tests/e2e/rules-stec-compound.test.ts': 10,
  'sqlite:tests/e2e/foundation.test.ts': 10,
  'sqlite:tests/e2e/team-page.test.ts': 8,
  'server:tests/pg/load.test.ts': 7,
  'unit:tests/unit/calendar-arithmetic.test.ts': 6,
  'server:tests/pg/server-setup.test.ts': 6,
  'postgres:tests/e2e/rules-time.test.ts': 6,
  'postgres:tests/e2e/everyday-flow.test.ts': 6,
  'unit:tests/contract/sqlite.test.ts': 5,
  'sqlite:tests/e2e/walkthrough.test.ts': 5,
  'postgres:tests/e2e/rules-every-path.test.ts': 5,
  'server:tests/pg/connection.test.ts': 4,
};

export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const grouped = await super.sort(files);
    const cache = this.ctx.cache;
    const key = (file: TestSpecification) =>
      `${file.project.name}:${relative(this.ctx.config.root, file.moduleId)}`;
    // A previous run's durations for every file: vitest's own order (failed first, then longest).
    if (grouped.every((file) => cache.getFileTestResults(key(file)) !== undefined)) return grouped;
    const rank = new Map<TestSpecification, [number, number]>(
      grouped.map((file) => [file, [MEASURED_SECONDS[key(file)] ?? 0, sizeOf(file.moduleId)]]),
    );
    // Files of one project stay together (vitest's order of projects): a worker that runs them without
    // isolation is kept only while the next file is of the same project.
    const projects = [...new Set(grouped.map((file) => file.project.name))];
    return [...grouped].sort((a, b) => {
      const byProject = projects.indexOf(a.project.name) - projects.indexOf(b.project.name);
      if (byProject !== 0) return byProject;
      const [secondsA, sizeA] = rank.get(a)!;
      const [secondsB, sizeB] = rank.get(b)!;
      return secondsB - secondsA || sizeB - sizeA;
    });
  }
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
