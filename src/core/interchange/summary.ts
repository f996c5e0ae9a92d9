import type { CoreContext } from '../context.js';

export type Counted = 'tasks' | 'comments' | 'entries' | 'users' | 'projects' | 'templates' | 'links' | 'tables';

/** What an import did (or, with --dry-run, would do). */
export interface ImportSummary {
  source: string;
  dryRun: boolean;
  created: Partial<Record<Counted, number>>;
  updated: Partial<Record<Counted, number>>;
  skipped: { record: string; reason: string }[];
  warnings: string[];
}

export class ImportTally {
  readonly summary: ImportSummary;
  constructor(source: string, dryRun: boolean) {
    this.summary = { source, dryRun, created: {}, updated: {}, skipped: [], warnings: [] };
  }
  created(kind: Counted, n = 1): void {
    this.summary.created[kind] = (this.summary.created[kind] ?? 0) + n;
  }
  updated(kind: Counted, n = 1): void {
    this.summary.updated[kind] = (this.summary.updated[kind] ?? 0) + n;
  }
  skip(record: string, reason: string): void {
    this.summary.skipped.push({ record, reason });
  }
  warn(message: string): void {
    if (!this.summary.warnings.includes(message)) this.summary.warnings.push(message);
  }
}

class DryRunRollback extends Error {
  constructor(readonly summary: ImportSummary) {
    super('dry run');
  }
}

/**
 * Every import is one transaction: all of it lands or none of it. A dry run does the whole import and
 * then rolls it back, so what it reports is exactly what a real run would do.
 */
export function runImport(ctx: CoreContext, source: string, dryRun: boolean, work: (tally: ImportTally) => void): ImportSummary {
  const tally = new ImportTally(source, dryRun);
  try {
    return ctx.store.write(() => {
      work(tally);
      if (dryRun) throw new DryRunRollback(tally.summary);
      return tally.summary;
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.summary;
    throw error;
  }
}

/** A stable fingerprint of a source record: unchanged records are skipped on re-import. */
export function fingerprintOf(record: unknown): string {
  return JSON.stringify(record, (_key, value) => (value instanceof Date ? value.toISOString() : value));
}
