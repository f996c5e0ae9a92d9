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

/**
 * Every import is one transaction: all of it lands or none of it. The file was read and checked before
 * (outside any lock); `work` only looks up and writes. A dry run does the whole import on a private copy
 * of the database taken in a read transaction, so it holds no write lock and reports exactly what a
 * real run would do (issue 21: it locked out the team for as long as a real import).
 */
export function runImport(ctx: CoreContext, source: string, dryRun: boolean, work: (tally: ImportTally, target: CoreContext) => void): ImportSummary {
  const tally = new ImportTally(source, dryRun);
  if (!dryRun) {
    return ctx.store.write(() => {
      ctx.store.fillingSearchIndexAfter(() => work(tally, ctx));
      return tally.summary;
    });
  }
  const scratch = ctx.store.scratchCopy();
  try {
    return scratch.store.write(() => {
      work(tally, { ...ctx, store: scratch.store });
      return tally.summary;
    });
  } finally {
    scratch.discard();
  }
}

/** A stable fingerprint of a source record: unchanged records are skipped on re-import. */
export function fingerprintOf(record: unknown): string {
  // A Date's toJSON is its ISO form: the same text a replacer would write, without calling one per key.
  return JSON.stringify(record);
}
