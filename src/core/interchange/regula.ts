import type { CoreContext } from '../context.js';
import { visibleTo } from '../rules/visibility.js';
import { UsageError } from '../errors.js';
import { ENTITY_KINDS, INSTANT_FIELD, type EntityKind, type EntitySet } from '../store.js';
import { assertExportPlanSizes } from './checks.js';
import { runImport, type Counted, type ImportSummary } from './summary.js';

const COUNTED: Partial<Record<EntityKind, Counted>> = {
  tasks: 'tasks',
  comments: 'comments',
  timeEntries: 'entries',
  people: 'users',
  projects: 'projects',
  templates: 'templates',
  dependencies: 'links',
};

/** The section of the export file (format version 1) that holds each kind of record. */
const SECTION_OF_KIND: Record<EntityKind, string> = {
  instance: 'meta',
  people: 'users',
  policy: 'policy',
  policyChanges: 'policy_history',
  projects: 'projects',
  tags: 'tags',
  tasks: 'tasks',
  taskTags: 'task_tags',
  observers: 'task_observers',
  coExecutors: 'task_coexecutors',
  crmLinks: 'crm_links',
  dependencies: 'task_links',
  timeEntries: 'time_entries',
  entryCorrections: 'time_entry_changes',
  comments: 'comments',
  results: 'results',
  history: 'history',
  importIds: 'external_ids',
  dayReports: 'day_reports',
  dayAmendments: 'day_amendments',
  workDays: 'work_days',
  breaks: 'work_breaks',
  planItems: 'plan_items',
  templates: 'templates',
  templateOccurrences: 'template_occurrences',
};
const KIND_OF_SECTION = new Map(ENTITY_KINDS.map((kind) => [SECTION_OF_KIND[kind], kind]));

export const EXPORT_FORMAT = 'regula.export';
export const EXPORT_VERSION = 1;

/**
 * `task export --format json`: every record of every kind (for anyone but an administrator, the rows they may
 * see, R4), instants as ISO 8601, in a versioned envelope.
 * The text is handed to `write` a batch of rows at a time, from one read transaction (a consistent
 * snapshot), so exporting years of data never holds them all in memory.
 */
export function exportEverything(
  ctx: CoreContext,
  schemaVersion: number,
  write: (text: string) => void,
): void {
  ctx.store.read(() => {
    const visible = visibleTo(ctx);
    write(
      `{"format":${JSON.stringify(EXPORT_FORMAT)},"version":${EXPORT_VERSION},"schemaVersion":${schemaVersion},"exportedAt":${JSON.stringify(ctx.now.toISOString())},"tables":{`,
    );
    let done = 0;
    ENTITY_KINDS.forEach((kind, index) => {
      write(`${index ? ',' : ''}\n${JSON.stringify(SECTION_OF_KIND[kind])}:[`);
      let batch: string[] = [];
      let first = true;
      for (const row of ctx.store.dumpEntities(kind, visible)) {
        batch.push(`${first ? '' : ','}\n${row}`);
        first = false;
        if (batch.length === 1000) {
          write(batch.join(''));
          done += batch.length;
          ctx.progress?.({ work: 'exporting', done });
          batch = [];
        }
      }
      write(`${batch.join('')}]`);
      done += batch.length;
      ctx.progress?.({ work: 'exporting', done });
    });
    write('}}\n');
  });
}

function mapInstants(
  row: Record<string, unknown>,
  convert: (value: unknown) => unknown,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [
      key,
      INSTANT_FIELD.test(key) && value !== null && value !== undefined ? convert(value) : value,
    ]),
  );
}

/** `task import FILE` of regula's own export: into an empty database, nothing lost. */
export function importEverything(
  context: CoreContext,
  file: { schemaVersion: number; tables: Record<string, Record<string, unknown>[]> },
  programSchemaVersion: number,
  dryRun: boolean,
): ImportSummary {
  if (file.schemaVersion > programSchemaVersion) {
    throw new UsageError(
      `the export was written by a newer regula (schema ${file.schemaVersion}, this program knows ${programSchemaVersion}); upgrade regula first`,
    );
  }
  assertExportPlanSizes(file.tables);
  return runImport(context, 'regula', dryRun, (tally, ctx) => {
    const { store } = ctx;
    const users = store.listUsers();
    if (store.countTasks() > 0 || users.length > 1) {
      throw new UsageError(
        'a regula export is read into an empty database only; use a new file: task --db new.db import FILE',
      );
    }
    // The acting user made on first use of this empty file is replaced by the exported people, and the
    // starting policy that user's config file may have given it by the export's own (R39).
    if (users.length === 1) {
      store.clearPolicy();
      store.deleteUserIfUnused(users[0]!.id);
    }
    const sets = Object.entries(file.tables).map(([section, rows]): EntitySet => {
      const kind = KIND_OF_SECTION.get(section);
      if (kind === undefined) throw new UsageError(`the export cannot be loaded: unknown table ${section}`);
      const records = rows.map((row) =>
        mapInstants(row, (v) => {
          const ms = Date.parse(String(v));
          if (Number.isNaN(ms)) throw new UsageError(`table ${section}: "${String(v)}" is not an instant`);
          return new Date(ms);
        }),
      );
      return { kind, records };
    });
    try {
      store.loadEntities(sets);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`the export cannot be loaded: ${(error as Error).message}`);
    }
    for (const { kind, records } of sets) {
      const counted = COUNTED[kind];
      if (counted && records.length) tally.created(counted, records.length);
    }
  });
}
