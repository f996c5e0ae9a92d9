import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { RuleError, UsageError } from '../../core/errors.js';
import type { App } from '../app.js';
import * as flag from '../flags.js';
import { defaultActorName, resolveBusyTimeout, resolveDbPath } from '../environment.js';
import { terminalSafe } from '../../format/safe-text.js';

/** Keeping the data safe: online backups and a health check. */
export function registerMaintenanceCommands(program: Command, app: App): void {
  program
    .command('backup')
    .description(
      'copy the database to PATH with SQLite online backup (consistent while others work), checked, then renamed into place',
    )
    .argument('<path>', 'the backup file (created readable by you only)')
    .option('--force', 'overwrite an existing file')
    .action(async (path: string, options: { force?: boolean }, command: Command) => {
      if (existsSync(path) && !options.force)
        throw new UsageError(`${path} exists; pass --force to overwrite it`);
      const maintenance = await app.maintenance(command);
      const { tasks } = await maintenance.backupTo(path, { force: options.force === true });
      if (app.json(command)) app.printJson({ path, tasks, integrity: 'ok' });
      else app.print(`Backed up to ${path} (${tasks} tasks, integrity ok).`);
    });

  program
    .command('restore-backup')
    .description(
      'put a backup in place of the database (checked first; safe with a -wal left by a crash; the replaced database is kept as DB.before-restore)',
    )
    .argument('<file>', 'a file written by task backup')
    .action(async (file: string, _options: unknown, command: Command) => {
      const flags = app.flags(command);
      const { path, isDefault } = resolveDbPath(flags, app.env);
      const person = defaultActorName(app.env, app.loadConfig());
      // R38: no history row can record who restored; the person at the keyboard acts as themselves.
      if (flags.as !== undefined && flags.as.trim() !== person) {
        throw new RuleError(
          'R38',
          `restore-backup is done as yourself (${person}), not --as ${flags.as.trim()}: a restore replaces the history that would record the switch`,
        );
      }
      const { restoreBackup } = await import('../../db/backup.js');
      const { checkMayRestore } = await import('../../core/rules/permissions.js');
      const result = await restoreBackup(file, path, {
        busyTimeoutMs: resolveBusyTimeout(app.env),
        createParent: isDefault,
        authorize: (people, whose) => checkMayRestore(person, people, whose),
      });
      if (app.json(command))
        app.printJson({ path, from: file, tasks: result.tasks, replaced: result.replaced ?? null });
      else {
        const kept = result.replaced ? `; the database it replaced is kept as ${result.replaced}` : '';
        app.print(terminalSafe(`Restored ${file} to ${path} (${result.tasks} tasks, integrity ok)${kept}.`));
      }
    });

  program
    .command('doctor')
    .description(
      'check the database: integrity, foreign keys, timers left running, R2 time, orphaned rows, search index',
    )
    .option(
      '--stop-timers-at <time>',
      'stop timers running longer than a working day at this time (e.g. "yesterday 18:00")',
    )
    .action(async (options: { stopTimersAt?: string }, command: Command) => {
      const ctx = await app.context(command);
      const maintenance = await app.maintenance(command);
      const { examine, stopTimersAt } = await import('../../core/doctor.js');
      let report = examine(ctx, maintenance);
      let at =
        options.stopTimersAt !== undefined
          ? flag.deadline(options.stopTimersAt, ctx.now, '--stop-timers-at')
          : undefined;
      if (!at && report.longTimers.length && app.interactive(command)) {
        const answer = await app.ask(
          `${report.longTimers.length} timer(s) ran longer than a working day. Stop them at (e.g. "yesterday 18:00", empty to leave them):`,
          false,
        );
        if (answer.trim()) at = flag.deadline(answer, ctx.now, 'stop time');
      }
      if (at && report.longTimers.length) {
        if (at.allDay) throw new UsageError('--stop-timers-at needs a time of day, e.g. "yesterday 18:00"');
        const stopped = stopTimersAt(
          ctx,
          at.at,
          report.longTimers.map((t) => t.entry.id),
        );
        const { formatLocalDateTime } = await import('../../core/local-time.js');
        app.warn(
          stopped.map((e) => `stopped entry ${e.id} (task ${e.taskId}) at ${formatLocalDateTime(at!.at)}`),
        );
        report = examine(ctx, maintenance);
      }
      if (app.json(command)) app.printJson({ ok: report.ok, findings: report.findings });
      else if (report.ok)
        app.print('All checks passed: integrity, foreign keys, timers, R2 time, import ids, search index.');
      else
        for (const f of report.findings)
          app.print(
            terminalSafe(`${f.severity === 'damaged' ? 'DAMAGED' : 'problem'} [${f.check}] ${f.message}`),
          );
      if (!report.ok) app.exitCode = 5;
    });
}
