import type { CoreContext } from '../context.js';
import type { ProgressSink } from '../progress.js';

export type Counted =
  | 'tasks'
  | 'comments'
  | 'entries'
  | 'users'
  | 'projects'
  | 'templates'
  | 'links'
  | 'tables';

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
  /** Records created, updated or skipped so far: what the progress line counts. */
  private done = 0;
  constructor(
    source: string,
    dryRun: boolean,
    private readonly progress?: ProgressSink,
  ) {
    this.summary = { source, dryRun, created: {}, updated: {}, skipped: [], warnings: [] };
  }
  created(kind: Counted, n = 1): void {
    this.summary.created[kind] = (this.summary.created[kind] ?? 0) + n;
    this.advance(n);
  }
  updated(kind: Counted, n = 1): void {
    this.summary.updated[kind] = (this.summary.updated[kind] ?? 0) + n;
    this.advance(n);
  }
  skip(record: string, reason: string): void {
    this.summary.skipped.push({ record, reason });
    this.advance(1);
  }
  private advance(n: number): void {
    this.done += n;
    this.progress?.({ work: `importing from ${this.summary.source}`, done: this.done });
  }
  warn(message: string): void {
    if (!this.summary.warnings.includes(message)) this.summary.warnings.push(message);
  }
}

/** Plans made on a fresh copy when others keep committing, before the last one is made under the write lock. */
const PLAN_ATTEMPTS = 3;

/**
 * Instrumentation for tests (issue 21): `planned` is called after each plan is made on its copy, before
 * the write lock is asked for.
 */
export const importHooks: { planned?: (attempt: number) => void } = {};

/**
 * Every import is one transaction: all of it lands or none of it. The file was read and checked before
 * (outside any lock). Then the import is planned on a private copy of the database taken in a read
 * transaction - every lookup (tasks by external id, people, projects, overlapping time) and every rule
 * runs there, holding no write lock, so the team's commands go on meanwhile (issue 21: a 20,000-task
 * import held the lock for its whole run). A dry run stops there and reports exactly what a real run
 * would do. A real run then takes the write lock only to check that nobody committed since the copy was
 * taken and to replay the planned writes; when someone did, it plans again on a fresh copy - and after
 * PLAN_ATTEMPTS such races, plans under the write lock, so a busy team cannot starve it.
 */
export function runImport(
  ctx: CoreContext,
  source: string,
  dryRun: boolean,
  work: (tally: ImportTally, target: CoreContext) => void,
): ImportSummary {
  for (let attempt = 1; attempt <= PLAN_ATTEMPTS; attempt++) {
    const summary = planAndApply(ctx, source, dryRun, work, attempt);
    if (summary) return summary;
  }
  return ctx.store.write(() => planAndApply(ctx, source, dryRun, work, PLAN_ATTEMPTS + 1)!);
}

/** One plan on a fresh copy, applied unless the database changed since the copy was taken (then null). */
function planAndApply(
  ctx: CoreContext,
  source: string,
  dryRun: boolean,
  work: (tally: ImportTally, target: CoreContext) => void,
  attempt: number,
): ImportSummary | null {
  const tally = new ImportTally(source, dryRun, ctx.progress);
  const copy = ctx.store.scratchCopy(dryRun ? 'dry-run' : 'apply');
  try {
    copy.store.write(() => work(tally, { ...ctx, store: copy.store }));
    importHooks.planned?.(attempt);
    if (dryRun) return tally.summary;
    return copy.apply() ? tally.summary : null;
  } finally {
    copy.discard();
  }
}

/** A stable fingerprint of a source record: unchanged records are skipped on re-import. */
export function fingerprintOf(record: unknown): string {
  // A Date's toJSON is its ISO form: the same text a replacer would write, without calling one per key.
  return JSON.stringify(record);
}
