import { Option, type Command } from 'commander';
import { readFileSync } from 'node:fs';
import { UsageError } from '../../core/errors.js';
import type { ImportSummary } from '../../core/interchange/summary.js';
import type { App } from '../app.js';
import type { CoreContext } from '../../core/context.js';
import * as flag from '../flags.js';
import { terminalSafe } from '../../format/safe-text.js';

const SOURCES = ['taskwarrior', 'timewarrior', 'watson', 'bitrix24', 'regula'] as const;
type Source = (typeof SOURCES)[number];

/** Reads FILE, or standard input for "-". */
function readInput(file: string): string {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    );
  }
}

/** JSON, or one JSON object per line (Taskwarrior writes both). */
function parseJson(text: string, file: string, allowLines: boolean): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (allowLines && text.trim().startsWith('{')) {
      return text
        .split('\n')
        .filter((line) => line.trim())
        .map((line, i) => {
          try {
            return JSON.parse(line);
          } catch {
            throw new UsageError(`${file}: line ${i + 1} is not JSON`);
          }
        });
    }
    throw new UsageError(`${file}: not JSON (${(error as Error).message.split('\n')[0]})`);
  }
}

function asArray(value: unknown, file: string, what: string): unknown[] {
  if (!Array.isArray(value)) throw new UsageError(`${file}: expected a JSON array of ${what}`);
  return value;
}

/** Which tool wrote the file, when --from is not given. */
function detectSource(data: unknown): Source | null {
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const object = data as Record<string, unknown>;
    if (object.format === 'regula.export') return 'regula';
    if ('tasks' in object || 'result' in object) return 'bitrix24';
  }
  if (Array.isArray(data) && data.length > 0 && Array.isArray(data[0])) return 'watson';
  if (Array.isArray(data) && data.length > 0 && typeof data[0] === 'object' && data[0] !== null) {
    if ('uuid' in data[0] && 'description' in data[0]) return 'taskwarrior';
    if ('project' in data[0] && 'stop' in data[0]) return 'watson';
    if ('start' in data[0] && !('uuid' in data[0])) return 'timewarrior';
  }
  return null;
}

export function registerInterchangeCommands(program: Command, app: App): void {
  program
    .command('import')
    .description(
      'read tasks and time from Taskwarrior, Timewarrior, Watson, Bitrix24 or a regula export (docs/import.md)',
    )
    .argument('<file>', 'the file, or - for standard input')
    .addOption(
      new Option('--from <tool>', 'which tool wrote it (detected when not given)').choices([...SOURCES]),
    )
    .option('--dry-run', 'show what would be created, updated and skipped, and write nothing')
    .option('--reason <text>', 'why, when the import brings time into a day whose report was recorded (R23)')
    .action(async (file: string, options: { from?: Source; dryRun?: boolean }, command: Command) => {
      const ctx = await app.context(command);
      const text = readInput(file);
      const data = parseJson(text, file, options.from === 'taskwarrior' || options.from === undefined);
      const source = options.from ?? detectSource(data);
      if (!source)
        throw new UsageError(`${file}: cannot tell which tool wrote it; pass --from ${SOURCES.join('|')}`);
      const schemas = await import('../../schemas/import.js');
      const { parseRecords } = await import('../../schemas/validate.js');
      const dryRun = Boolean(options.dryRun);
      let summary: ImportSummary;
      if (source === 'taskwarrior') {
        const { importTaskwarrior } = await import('../../core/interchange/taskwarrior.js');
        const records = parseRecords(
          schemas.taskwarriorTaskSchema,
          asArray(data, file, 'Taskwarrior tasks'),
          { file, record: 'task', idKey: 'uuid' },
        );
        summary = importTaskwarrior(ctx, records, dryRun);
      } else if (source === 'timewarrior') {
        const { importTimewarrior } = await import('../../core/interchange/timewarrior.js');
        const records = parseRecords(
          schemas.timewarriorIntervalSchema,
          asArray(data, file, 'Timewarrior intervals'),
          { file, record: 'interval', idKey: 'id' },
        );
        summary = importTimewarrior(ctx, records, dryRun);
      } else if (source === 'watson') {
        const { importWatson } = await import('../../core/interchange/watson.js');
        const records = parseRecords(schemas.watsonFrameSchema, asArray(data, file, 'Watson frames'), {
          file,
          record: 'frame',
          idKey: 'id',
        });
        summary = importWatson(ctx, records, dryRun);
      } else if (source === 'bitrix24') {
        const { importBitrix24 } = await import('../../core/interchange/bitrix24.js');
        const object = (data && typeof data === 'object' && !Array.isArray(data) ? data : {}) as Record<
          string,
          unknown
        >;
        const result = object.result as Record<string, unknown> | undefined;
        const tasks = object.tasks ?? result?.tasks;
        summary = importBitrix24(
          ctx,
          {
            tasks: parseRecords(schemas.bitrixTaskSchema, asArray(tasks, file, 'tasks (tasks.task.list)'), {
              file,
              record: 'task',
              idKey: 'id',
            }),
            elapsedItems: parseRecords(
              schemas.bitrixElapsedSchema,
              asArray(object.elapsedItems ?? [], file, 'elapsed items'),
              { file, record: 'elapsed item', idKey: 'ID' },
            ),
            comments: parseRecords(
              schemas.bitrixCommentSchema,
              asArray(object.comments ?? [], file, 'comments'),
              { file, record: 'comment', idKey: 'ID' },
            ),
            users: parseRecords(schemas.bitrixUserSchema, asArray(object.users ?? [], file, 'users'), {
              file,
              record: 'user',
              idKey: 'ID',
            }),
          },
          dryRun,
        );
      } else {
        const { importEverything } = await import('../../core/interchange/regula.js');
        const { latestSchemaVersion } = await import('../../db/migrations.js');
        const parsed = schemas.regulaExportSchema.safeParse(data);
        if (!parsed.success)
          throw new UsageError(
            `${file}: not a regula export: ${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`,
          );
        summary = importEverything(ctx, parsed.data, latestSchemaVersion(), dryRun);
      }
      printSummary(app, command, summary);
    });

  program
    .command('export')
    .description(
      'write data for other programs: json (everything, lossless), taskwarrior, bitrix24, csv, md, html, ics',
    )
    .addOption(
      new Option('--format <format>', 'json, taskwarrior, bitrix24, csv, md, html or ics')
        .choices(['json', 'taskwarrior', 'bitrix24', 'csv', 'md', 'html', 'ics'])
        .makeOptionMandatory(),
    )
    .addOption(
      new Option('--table <table>', 'for csv, md and html: tasks or time entries')
        .choices(['tasks', 'entries'])
        .default('tasks'),
    )
    .option('--user <user>', 'ics: whose calendar (yourself, or someone who reports to you)')
    .option('--from <date>', 'ics: first day (default today)')
    .option('--to <date>', 'ics: last day (default two weeks after --from)')
    .action(
      async (
        options: { format: string; table: string; user?: string; from?: string; to?: string },
        command: Command,
      ) => {
        const ctx = await app.context(command);
        const { exportScopeNote } = await import('../../core/rules/visibility.js');
        const note = options.format === 'ics' ? null : exportScopeNote(ctx.actor);
        if (note) app.warn([note]);
        if (options.format === 'json') {
          const { exportEverything } = await import('../../core/interchange/regula.js');
          const { latestSchemaVersion } = await import('../../db/migrations.js');
          exportEverything(ctx, latestSchemaVersion(), (text) => app.writeSync(text));
        } else if (options.format === 'taskwarrior') {
          const { exportTaskwarrior } = await import('../../core/interchange/taskwarrior.js');
          app.printJson(exportTaskwarrior(ctx));
        } else if (options.format === 'bitrix24') {
          const { exportBitrix24 } = await import('../../core/interchange/bitrix24.js');
          app.printJson(exportBitrix24(ctx));
        } else if (options.format === 'ics') {
          const { periodOf } = await import('../../core/reports.js');
          const { addLocalDays } = await import('../../core/local-time.js');
          const from =
            options.from !== undefined ? flag.deadline(options.from, ctx.now, '--from').at : ctx.now;
          const to =
            options.to !== undefined ? flag.deadline(options.to, ctx.now, '--to').at : addLocalDays(from, 13);
          const { calendarData } = await import('../../core/calendar.js');
          const { renderIcs } = await import('../../format/ics.js');
          app.write(renderIcs({ ...calendarData(ctx, periodOf(from, to), options.user), now: ctx.now }));
        } else {
          const tables = await import('../../format/export-tables.js');
          const table =
            options.table === 'entries'
              ? tables.entriesTable(await allEntryRows(ctx))
              : tables.tasksTable(await allTaskRows(ctx));
          const write = { csv: tables.tableCsv, md: tables.tableMarkdown, html: tables.tableHtml }[
            options.format as 'csv' | 'md' | 'html'
          ];
          app.write(write(table));
        }
      },
    );
}

/** Every task the actor may see (R4; deleted ones left out), oldest first, with its tracked time. */
async function allTaskRows(ctx: CoreContext) {
  const { withSpent } = await import('../../core/time-entries.js');
  const { visibleTo } = await import('../../core/rules/visibility.js');
  return ctx.store.read(() =>
    withSpent(ctx, ctx.store.findTasks({ order: 'created', visibleTo: visibleTo(ctx) })),
  );
}

/** Every time entry the actor may see (R4: their own and their people's, on tasks they may see), with its task and person. */
async function allEntryRows(ctx: CoreContext) {
  const { entrySeconds } = await import('../../core/time-entries.js');
  const { visibleTo } = await import('../../core/rules/visibility.js');
  return ctx.store.read(() => {
    const visible = visibleTo(ctx);
    const users = new Map(ctx.store.listUsers().map((u) => [u.id, u.name]));
    const tasks = new Map(
      ctx.store.findTasks({ includeDeleted: true, visibleTo: visible }).map((t) => [t.id, t]),
    );
    return ctx.store.allEntries(visible).map((entry) => ({
      entry,
      task: tasks.get(entry.taskId)!,
      seconds: entrySeconds(entry, ctx.now),
      user: users.get(entry.userId) ?? '',
    }));
  });
}

function printSummary(app: App, command: Command, summary: ImportSummary): void {
  if (app.json(command)) return app.printJson(summary);
  const counts = (record: ImportSummary['created']) =>
    Object.entries(record)
      .map(([kind, n]) => `${n} ${kind}`)
      .join(', ') || 'nothing';
  app.print(
    `${summary.dryRun ? 'Dry run (nothing written): would create' : 'Created'} ${counts(summary.created)}; updated ${counts(summary.updated)}; skipped ${summary.skipped.length}.`,
  );
  // Records come from someone else's file: their titles are shown, never run by the terminal.
  for (const skip of summary.skipped) app.print(terminalSafe(`  skipped ${skip.record}: ${skip.reason}`));
  app.warn(summary.warnings);
}
