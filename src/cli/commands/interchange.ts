import type { CoreContext } from '../../core/context.js';
import type { ExportFile, ExportView, ImportView, TableFormat } from '../../format/interchange-view.js';
import { defineCommand, defineModule } from '../command-module.js';
import * as flag from '../flags.js';
import { SOURCES, type Source } from '../import-file.js';

/** Interchange with other tools (docs/import.md): import their files, export ours for them. */

export interface ImportInput {
  readonly file: string;
  readonly from: Source | undefined;
  readonly dryRun: boolean;
}

export const importCommand = defineModule({
  definition: defineCommand({
    name: 'import',
    summary:
      'read tasks and time from Taskwarrior, Timewarrior, Watson, Bitrix24 or a regula export (docs/import.md)',
    arguments: [{ name: 'file', kind: 'one', description: 'the file, or - for standard input' }],
    options: {
      from: {
        kind: 'choice',
        value: 'tool',
        description: 'which tool wrote it (detected when not given)',
        choices: SOURCES,
      },
      dryRun: {
        kind: 'switch',
        description: 'show what would be created, updated and skipped, and write nothing',
      },
      // Read by the App for the gate (R23), as every command's --reason.
      reason: {
        kind: 'text',
        value: 'text',
        description: 'why, when the import brings time into a day whose report was recorded (R23)',
      },
    },
  }),
  parse: ({ args, options }): ImportInput => ({
    file: args.file,
    from: options.from,
    dryRun: options.dryRun === true,
  }),
  async run(ctx, input): Promise<ImportView> {
    const core = await ctx.core();
    const { importFile } = await import('../import-file.js');
    return { summary: await importFile(core, input), warningsInOutput: ctx.json };
  },
  warnings: (view) => (view.warningsInOutput ? [] : view.summary.warnings),
  renderers: async () => (await import('../../format/interchange-view.js')).importRenderers,
});

const EXPORT_FORMATS = ['json', 'taskwarrior', 'bitrix24', 'csv', 'md', 'html', 'ics'] as const;
type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type ExportInput =
  | { readonly format: Exclude<ExportFormat, 'ics'>; readonly table: 'tasks' | 'entries' }
  /** ics: whose calendar, and its days (from today, two weeks, when not given). */
  | {
      readonly format: 'ics';
      readonly user: string | undefined;
      readonly from: Date | undefined;
      readonly to: Date | undefined;
    };

export const exportCommand = defineModule({
  definition: defineCommand({
    name: 'export',
    summary:
      'write data for other programs: json (everything, lossless), taskwarrior, bitrix24, csv, md, html, ics',
    arguments: [],
    options: {
      format: {
        kind: 'choice',
        value: 'format',
        description: 'json, taskwarrior, bitrix24, csv, md, html or ics',
        choices: EXPORT_FORMATS,
        required: true,
      },
      table: {
        kind: 'choice',
        value: 'table',
        description: 'for csv, md and html: tasks or time entries',
        choices: ['tasks', 'entries'],
        default: 'tasks',
      },
      user: {
        kind: 'text',
        value: 'user',
        description: 'ics: whose calendar (yourself, or someone who reports to you)',
      },
      from: { kind: 'text', value: 'date', description: 'ics: first day (default today)' },
      to: { kind: 'text', value: 'date', description: 'ics: last day (default two weeks after --from)' },
    },
  }),
  parse: ({ options }, now): ExportInput =>
    options.format === 'ics'
      ? {
          format: 'ics',
          user: options.user,
          from: options.from === undefined ? undefined : flag.deadline(options.from, now, '--from').at,
          to: options.to === undefined ? undefined : flag.deadline(options.to, now, '--to').at,
        }
      : { format: options.format, table: options.table },
  async run(ctx, input): Promise<ExportView> {
    const core = await ctx.core();
    const { exportScopeNote } = await import('../../core/rules/visibility.js');
    return {
      file: await exportFile(core, input),
      scopeNote: input.format === 'ics' ? null : exportScopeNote(core.actor),
    };
  },
  warnings: (view) => (view.scopeNote ? [view.scopeNote] : []),
  renderers: async () => (await import('../../format/interchange-view.js')).exportRenderers,
});

/** What the export holds, read through core (R4: what the person may see). */
async function exportFile(ctx: CoreContext, input: ExportInput): Promise<ExportFile> {
  switch (input.format) {
    case 'json': {
      const { exportEverything } = await import('../../core/interchange/regula.js');
      const { latestSchemaVersion } = await import('../../db/migrations.js');
      return { kind: 'everything', write: (write) => exportEverything(ctx, latestSchemaVersion(), write) };
    }
    case 'taskwarrior': {
      const { exportTaskwarrior } = await import('../../core/interchange/taskwarrior.js');
      return { kind: 'json', value: exportTaskwarrior(ctx) };
    }
    case 'bitrix24': {
      const { exportBitrix24 } = await import('../../core/interchange/bitrix24.js');
      return { kind: 'json', value: exportBitrix24(ctx) };
    }
    case 'ics':
      return calendarFile(ctx, input);
    default:
      return tableFile(ctx, input.format, input.table);
  }
}

async function calendarFile(
  ctx: CoreContext,
  input: Extract<ExportInput, { format: 'ics' }>,
): Promise<ExportFile> {
  const { periodOf } = await import('../../core/reports.js');
  const { addLocalDays } = await import('../../core/local-time.js');
  const { calendarData } = await import('../../core/calendar.js');
  const from = input.from ?? ctx.now;
  const to = input.to ?? addLocalDays(from, 13);
  return { kind: 'ics', calendar: { ...calendarData(ctx, periodOf(from, to), input.user), now: ctx.now } };
}

async function tableFile(
  ctx: CoreContext,
  format: TableFormat,
  table: 'tasks' | 'entries',
): Promise<ExportFile> {
  const rows = await import('../../core/interchange/export-rows.js');
  return table === 'entries'
    ? { kind: 'entries', format, rows: rows.exportEntryRows(ctx) }
    : { kind: 'tasks', format, rows: rows.exportTaskRows(ctx) };
}

export const COMMANDS = [importCommand, exportCommand];
