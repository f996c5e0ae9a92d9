import type { CoreContext } from '../context.js';
import { visibleTo } from '../rules/visibility.js';
import { UsageError } from '../errors.js';
import { assertExportPlanSizes } from './checks.js';
import { runImport, type Counted, type ImportSummary } from './summary.js';

const COUNTED: Record<string, Counted> = { tasks: 'tasks', comments: 'comments', time_entries: 'entries', users: 'users', projects: 'projects', templates: 'templates', task_links: 'links' };

export const EXPORT_FORMAT = 'regula.export';
export const EXPORT_VERSION = 1;

/** Columns holding instants (epoch ms in the database, ISO 8601 in the file). */
const INSTANT_COLUMN = /(^|_)(at|start|end)$/;

/**
 * `task export --format json`: every row of every table (for anyone but an administrator, the rows they may
 * see, R4), instants as ISO 8601, in a versioned envelope.
 * The text is handed to `write` a batch of rows at a time, from one read transaction (a consistent
 * snapshot), so exporting years of data never holds them all in memory.
 */
export function exportEverything(ctx: CoreContext, schemaVersion: number, write: (text: string) => void): void {
  const isInstant = (column: string) => INSTANT_COLUMN.test(column);
  ctx.store.read(() => {
    const visible = visibleTo(ctx);
    write(`{"format":${JSON.stringify(EXPORT_FORMAT)},"version":${EXPORT_VERSION},"schemaVersion":${schemaVersion},"exportedAt":${JSON.stringify(ctx.now.toISOString())},"tables":{`);
    ctx.store.dataTables().forEach((table, index) => {
      write(`${index ? ',' : ''}\n${JSON.stringify(table)}:[`);
      let batch: string[] = [];
      let first = true;
      for (const row of ctx.store.iterateTableJson(table, isInstant, visible)) {
        batch.push(`${first ? '' : ','}\n${row}`);
        first = false;
        if (batch.length === 1000) {
          write(batch.join(''));
          batch = [];
        }
      }
      write(`${batch.join('')}]`);
    });
    write('}}\n');
  });
}

function mapInstants(row: Record<string, unknown>, convert: (value: unknown) => unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, INSTANT_COLUMN.test(key) && value !== null && value !== undefined ? convert(value) : value]));
}

/** `task import FILE` of regula's own export: into an empty database, nothing lost. */
export function importEverything(
  context: CoreContext,
  file: { schemaVersion: number; tables: Record<string, Record<string, unknown>[]> },
  programSchemaVersion: number,
  dryRun: boolean,
): ImportSummary {
  if (file.schemaVersion > programSchemaVersion) {
    throw new UsageError(`the export was written by a newer regula (schema ${file.schemaVersion}, this program knows ${programSchemaVersion}); upgrade regula first`);
  }
  assertExportPlanSizes(file.tables);
  return runImport(context, 'regula', dryRun, (tally, ctx) => {
    const { store } = ctx;
    const users = store.listUsers();
    if (store.countTasks() > 0 || users.length > 1) {
      throw new UsageError('a regula export is read into an empty database only; use a new file: task --db new.db import FILE');
    }
    // The acting user made on first use of this empty file is replaced by the exported people, and the
    // starting policy that user's config file may have given it by the export's own (R39).
    if (users.length === 1) {
      store.clearPolicy();
      store.deleteUserIfUnused(users[0]!.id);
    }
    const tables = Object.entries(file.tables).map(([table, rows]) => ({
      table,
      rows: rows.map((row) =>
        mapInstants(row, (v) => {
          const ms = Date.parse(String(v));
          if (Number.isNaN(ms)) throw new UsageError(`table ${table}: "${String(v)}" is not an instant`);
          return ms;
        }),
      ),
    }));
    try {
      store.loadTables(tables);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`the export cannot be loaded: ${(error as Error).message}`);
    }
    for (const { table, rows } of tables) {
      const kind = COUNTED[table];
      if (kind && rows.length) tally.created(kind, rows.length);
    }
  });
}
