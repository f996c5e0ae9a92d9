import { existsSync } from 'node:fs';
import type { DateInput } from '../../core/dates.js';
import type { DoctorReport } from '../../core/doctor.js';
import { UsageError } from '../../core/errors.js';
import type { BackupOutcome, DoctorOutcome, RestoreOutcome } from '../../format/maintenance-view.js';
import { type Ask, type CommandContext, defineCommand, defineModule } from '../command-module.js';
import { defaultActorName } from '../environment.js';
import * as flag from '../flags.js';

/** Keeping the data safe: online backups, putting one back, and a health check. */

export interface BackupInput {
  readonly path: string;
  readonly force: boolean;
}

export const backupCommand = defineModule({
  definition: defineCommand({
    name: 'backup',
    summary:
      'copy the database to PATH with SQLite online backup (consistent while others work), checked, then renamed into place',
    arguments: [{ name: 'path', kind: 'one', description: 'the backup file (created readable by you only)' }],
    options: { force: { kind: 'switch', description: 'overwrite an existing file' } },
  }),
  parse: ({ args, options }): BackupInput => ({ path: args.path, force: options.force === true }),
  async run(ctx, input): Promise<BackupOutcome> {
    // Said before the database is opened (and, where there is none yet, created).
    if (existsSync(input.path) && !input.force)
      throw new UsageError(`${input.path} exists; pass --force to overwrite it`);
    const maintenance = await ctx.maintenance();
    const { tasks } = await maintenance.backupTo(input.path, { force: input.force });
    return { path: input.path, tasks };
  },
  renderers: async () => (await import('../../format/maintenance-view.js')).backupRenderers,
});

export const restoreBackupCommand = defineModule({
  definition: defineCommand({
    name: 'restore-backup',
    summary:
      'put a backup in place of the database (checked first; safe with a -wal left by a crash; the replaced database is kept as DB.before-restore)',
    arguments: [{ name: 'file', kind: 'one', description: 'a file written by task backup' }],
    options: {},
  }),
  parse: ({ args }) => ({ file: args.file }),
  async run(ctx, input: { file: string }): Promise<RestoreOutcome> {
    const person = defaultActorName(ctx.env, ctx.config());
    const { checkMayRestore, checkRestoresAsSelf } = await import('../../core/rules/permissions.js');
    checkRestoresAsSelf(person, ctx.globals.as);
    const restored = await ctx.restoreBackup(input.file, (people, whose) =>
      checkMayRestore(person, people, whose),
    );
    return {
      path: restored.path,
      from: input.file,
      tasks: restored.tasks,
      replaced: restored.replaced ?? null,
    };
  },
  renderers: async () => (await import('../../format/maintenance-view.js')).restoreRenderers,
});

export const doctorCommand = defineModule({
  definition: defineCommand({
    name: 'doctor',
    summary:
      'check the database: integrity, foreign keys, timers left running, R2 time, orphaned rows, search index',
    arguments: [],
    options: {
      stopTimersAt: {
        kind: 'text',
        value: 'time',
        description: 'stop timers running longer than a working day at this time (e.g. "yesterday 18:00")',
      },
    },
  }),
  parse: ({ options }, now) => ({
    stopAt:
      options.stopTimersAt === undefined
        ? undefined
        : flag.deadline(options.stopTimersAt, now, '--stop-timers-at'),
  }),
  run: runDoctor,
  warnings: (outcome) => outcome.warnings,
  exitCode: (outcome) => (outcome.report.ok ? 0 : 5),
  renderers: async () => (await import('../../format/maintenance-view.js')).doctorRenderers,
});

/**
 * Examines the database; timers left running longer than a working day are stopped at the time given
 * (or, on a terminal, asked for), and the database examined again.
 */
async function runDoctor(
  ctx: CommandContext,
  input: { stopAt: DateInput | undefined },
  ask: Ask,
): Promise<DoctorOutcome> {
  const core = await ctx.core();
  const maintenance = await ctx.maintenance();
  const { examine, stopTimersAt } = await import('../../core/doctor.js');
  const report = examine(core, maintenance);
  const at = input.stopAt ?? (await askStopTime(report, core.now, ask));
  if (!at || report.longTimers.length === 0) return { report, warnings: [] };
  if (at.allDay) throw new UsageError('--stop-timers-at needs a time of day, e.g. "yesterday 18:00"');
  const stopped = stopTimersAt(
    core,
    at.at,
    report.longTimers.map((t) => t.entry.id),
  );
  const { formatLocalDateTime } = await import('../../core/local-time.js');
  return {
    report: examine(core, maintenance),
    warnings: stopped.map((e) => `stopped entry ${e.id} (task ${e.taskId}) at ${formatLocalDateTime(at.at)}`),
  };
}

/** On a terminal, when timers ran too long: when to stop them (empty leaves them running). */
async function askStopTime(report: DoctorReport, now: Date, ask: Ask): Promise<DateInput | undefined> {
  if (!report.longTimers.length || !ask.interactive) return undefined;
  const answer = await ask.text(
    `${report.longTimers.length} timer(s) ran longer than a working day. Stop them at (e.g. "yesterday 18:00", empty to leave them):`,
    false,
  );
  return answer.trim() ? flag.deadline(answer, now, 'stop time') : undefined;
}

export const COMMANDS = [backupCommand, restoreBackupCommand, doctorCommand];
