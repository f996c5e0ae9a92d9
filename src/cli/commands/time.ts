import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import type { App } from '../app.js';
import * as flag from '../flags.js';
import { durationFromFlag, formatMinutes } from '../../core/duration.js';
import type { TimeOutcome } from '../../core/time-corrections.js';

/** Manual time corrections (R22, R23) and the list of entries. */
export function registerTimeCommands(program: Command, app: App): void {
  const time = program.command('time').description('manual time entries and corrections (R22, R23)');

  time
    .command('add')
    .description('add time by hand (forgot the timer): a comment is required (R22)')
    .argument('<id>', 'task id')
    .argument('<duration>', '25m, 1h, 1h30m, 1:30')
    .option(
      '--at <time>',
      'when it started: 10:00, "yesterday 15:00", "2026-11-26 15:00" (default: it ends now)',
    )
    .option('--comment <text>', 'what the time was spent on and why it is entered by hand (required)')
    .option('--reason <text>', 'why it is corrected after the day was closed (required then, R23)')
    .option(
      '--explanation <text>',
      'on a closed task: why the time is far above the plan (R32), added to its result',
    )
    .action(
      async (
        id: string,
        duration: string,
        options: { at?: string; comment?: string; reason?: string; explanation?: string },
        command: Command,
      ) => {
        const ctx = await app.context(command);
        const { addManualTime } = await import('../../core/time-corrections.js');
        const outcome = addManualTime(ctx, flag.taskId(id), {
          minutes: durationFromFlag('DURATION', duration),
          at: options.at !== undefined ? flag.timeOfDay(options.at, ctx.now, '--at') : undefined,
          comment: options.comment,
          reason: options.reason,
          explanation: options.explanation,
        });
        await printEntry(app, command, outcome, 'Added');
      },
    );

  time
    .command('edit')
    .description('correct an entry: --minutes, or --start/--end, or --task; a comment is required (R22)')
    .argument('<entry>', 'entry id (task time list)')
    .option('--task <id>', 'the task the time was really spent on (the timer ran on the wrong one)')
    .option('--minutes <duration>', 'new length, keeping the start (0: none of it counts)')
    .option('--start <time>', 'new start')
    .option('--end <time>', 'new end')
    .option('--comment <text>', 'what was corrected and why (required)')
    .option('--reason <text>', 'why it is corrected after the day was closed (required then, R23)')
    .option(
      '--explanation <text>',
      'when it puts more time on a closed task: why the time is far above the plan (R32), added to its result',
    )
    .action(
      async (
        entry: string,
        options: {
          task?: string;
          minutes?: string;
          start?: string;
          end?: string;
          comment?: string;
          reason?: string;
          explanation?: string;
        },
        command: Command,
      ) => {
        const ctx = await app.context(command);
        if (
          options.minutes === undefined &&
          options.start === undefined &&
          options.end === undefined &&
          options.task === undefined
        ) {
          throw new UsageError('nothing to correct; pass --minutes, or --start and/or --end, or --task ID');
        }
        const { editTimeEntry } = await import('../../core/time-corrections.js');
        const outcome = editTimeEntry(ctx, flag.taskId(entry, 'ENTRY'), {
          taskId: options.task !== undefined ? flag.taskId(options.task, '--task') : undefined,
          minutes:
            options.minutes !== undefined
              ? durationFromFlag('--minutes', options.minutes, { allowZero: true })
              : undefined,
          start: options.start !== undefined ? flag.timeOfDay(options.start, ctx.now, '--start') : undefined,
          end: options.end !== undefined ? flag.timeOfDay(options.end, ctx.now, '--end') : undefined,
          comment: options.comment,
          reason: options.reason,
          explanation: options.explanation,
        });
        await printEntry(app, command, outcome, 'Corrected');
      },
    );

  time
    .command('split')
    .description(
      'cut an entry in two at a moment inside it; --task puts the second part on another task (R22)',
    )
    .argument('<entry>', 'entry id (task time list)')
    .requiredOption('--at <time>', 'where to cut: 10:30, "yesterday 15:00"')
    .option('--task <id>', 'the task the second part was really spent on')
    .option('--comment <text>', 'what was corrected and why (required)')
    .option('--reason <text>', 'why it is corrected after the day was closed (required then, R23)')
    .option(
      '--explanation <text>',
      'when the second part goes to a closed task: why its time is far above the plan (R32)',
    )
    .action(
      async (
        entry: string,
        options: { at: string; task?: string; comment?: string; reason?: string; explanation?: string },
        command: Command,
      ) => {
        const ctx = await app.context(command);
        const { splitTimeEntry } = await import('../../core/time-corrections.js');
        const outcome = splitTimeEntry(ctx, flag.taskId(entry, 'ENTRY'), {
          at: flag.timeOfDay(options.at, ctx.now, '--at'),
          taskId: options.task !== undefined ? flag.taskId(options.task, '--task') : undefined,
          comment: options.comment,
          reason: options.reason,
          explanation: options.explanation,
        });
        const { entryJson } = await import('../../format/json.js');
        const { entrySeconds } = await import('../../core/time-entries.js');
        if (app.json(command)) {
          return app.printJson({
            first: entryJson(outcome.first, entrySeconds(outcome.first, ctx.now)),
            second: entryJson(outcome.second, entrySeconds(outcome.second, ctx.now)),
          });
        }
        const { formatLocalDateTime, formatLocalTime } = await import('../../core/local-time.js');
        const { terminalSafe } = await import('../../format/safe-text.js');
        const part = (e: typeof outcome.first, task: typeof outcome.firstTask) =>
          `entry ${e.id} ${formatLocalDateTime(e.startAt)}-${formatLocalTime(e.endAt!)} (${formatMinutes(entrySeconds(e, ctx.now) / 60)}) on task ${task.id} ${task.title}`;
        app.print(
          terminalSafe(
            `Split: ${part(outcome.first, outcome.firstTask)}; ${part(outcome.second, outcome.secondTask)}${outcome.first.retroactive ? '; retroactive (R23)' : ''}.`,
          ),
        );
      },
    );

  time
    .command('history')
    .description('the corrections of an entry: when, who, what it was and became, why (R22, R23)')
    .argument('<entry>', 'entry id (task time list)')
    .action(async (entry: string, _options: object, command: Command) => {
      const ctx = await app.context(command);
      const { entryTrail } = await import('../../core/time-corrections.js');
      const trail = entryTrail(ctx, flag.taskId(entry, 'ENTRY'));
      const { entrySeconds } = await import('../../core/time-entries.js');
      const span = (start: Date, end: Date | null) => ({
        start: start.toISOString(),
        end: end?.toISOString() ?? null,
      });
      if (app.json(command)) {
        const { entryJson } = await import('../../format/json.js');
        return app.printJson({
          entry: entryJson(trail.entry, entrySeconds(trail.entry, ctx.now)),
          changes: trail.changes.map((c) => ({
            at: c.at.toISOString(),
            actor: c.actor,
            before: c.oldStart ? span(c.oldStart, c.oldEnd) : null,
            after: span(c.newStart, c.newEnd),
            taskMove: c.taskMove ?? null,
            comment: c.comment,
            retroactive: c.retroactive,
            reason: c.reason,
          })),
        });
      }
      const { formatLocalDateTime, formatLocalTime } = await import('../../core/local-time.js');
      const { terminalSafe } = await import('../../format/safe-text.js');
      const when = (start: Date, end: Date | null) =>
        `${formatLocalDateTime(start)}-${end ? formatLocalTime(end) : 'running'}`;
      const e = trail.entry;
      const lines = [
        `Entry ${e.id}: task ${trail.task.id} ${trail.task.title}, ${when(e.startAt, e.endAt)} (${e.source}${e.retroactive ? ', retroactive' : ''})`,
      ];
      if (trail.changes.length === 0) lines.push('  never corrected');
      for (const c of trail.changes) {
        const before = c.oldStart ? when(c.oldStart, c.oldEnd) : null;
        const after = when(c.newStart, c.newEnd);
        const times = before === null ? `made ${after}` : before === after ? '' : `${before} -> ${after}`;
        const change = [
          times,
          c.taskMove ? `moved from task ${c.taskMove.from} to task ${c.taskMove.to}` : '',
        ];
        lines.push(
          `  ${formatLocalDateTime(c.at)} ${c.actor}: ${change.filter(Boolean).join(', ')}: ${c.comment}${c.reason ? ` (reason: ${c.reason})` : ''}${c.retroactive ? ' [retroactive]' : ''}`,
        );
      }
      app.print(terminalSafe(lines.join('\n'), { multiline: true }));
    });

  time
    .command('list')
    .description(
      'time entries of a day (default today) or a period, yours or of a person who reports to you, or of a task',
    )
    .option('--task <id>', 'entries of this task')
    .option('--date <date>', 'entries of this day')
    .option('--week', 'the week (Monday to Sunday) around the day')
    .option('--month', 'the calendar month around the day')
    .option('--from <date>', 'first day of a period')
    .option('--to <date>', 'last day of a period (default: today)')
    .option('--user <user>', "this person's entries (R4: people who report to you)")
    .argument(
      '[range]',
      "Timewarrior's range hint: :yesterday, :week, :lastweek, :month, :lastmonth, :year, :all",
    )
    .action(async (range: string | undefined, options: TimeListOptions, command: Command) => {
      const ctx = await app.context(command);
      const { listEntries } = await import('../../core/time-corrections.js');
      const { dayAndPeriod } = await import('../period-flags.js');
      const { periodOf } = await import('../../core/period.js');
      if (range !== undefined && !range.startsWith(':'))
        throw new UsageError(
          `"${range}" is not a range hint; for a day use --date ${range}, or :yesterday, :week, :lastmonth ...`,
        );
      if (range !== undefined && options.date !== undefined)
        throw new UsageError(`${range} and --date name different periods; give one`);
      const named = range ?? options.date;
      const { day, period } = dayAndPeriod(named, options, ctx, '--date');
      const span = period ?? (named !== undefined ? periodOf(day, day) : undefined);
      const rows = listEntries(ctx, {
        taskId: options.task !== undefined ? flag.taskId(options.task, '--task') : undefined,
        period: span,
        userName: options.user,
      });
      if (app.json(command)) {
        const { entryJson } = await import('../../format/json.js');
        app.printJson(
          rows.map((r) => ({
            ...entryJson(r.entry, r.seconds),
            corrected: r.corrected,
            title: r.task.title,
          })),
        );
        return;
      }
      const { renderEntries } = await import('../../format/entries.js');
      // A terminal wraps long lines mid-word; wrap them at spaces instead. Piped: one entry per line.
      app.print(renderEntries(rows, { width: app.stdout.isTTY ? app.width() : undefined }));
    });

  time
    .command('gaps')
    .description(
      'untracked stretches of the working day (as timew gaps): its start to its end, minus breaks and tracked time (R35)',
    )
    .argument('[date]', 'the day (default today)')
    .option('--user <user>', "this person's day (R4: people who report to you)")
    .action(async (date: string | undefined, options: TimeGapsOptions, command: Command) => {
      const ctx = await app.context(command);
      const { timeGaps } = await import('../../core/gaps.js');
      const day = date !== undefined ? flag.deadline(date, ctx.now, 'DATE').at : ctx.now;
      const result = timeGaps(ctx, { day, userName: options.user });
      if (app.json(command)) {
        const { gapsJson } = await import('../../format/json.js');
        return app.printJson(gapsJson(result));
      }
      const { renderGaps } = await import('../../format/entries.js');
      app.print(renderGaps(result, result.user === ctx.actor.name));
    });
}

interface TimeGapsOptions {
  user?: string;
}

interface TimeListOptions {
  task?: string;
  date?: string;
  week?: boolean;
  month?: boolean;
  from?: string;
  to?: string;
  user?: string;
}

async function printEntry(app: App, command: Command, outcome: TimeOutcome, verb: string): Promise<void> {
  if (app.json(command)) {
    const { entryJson } = await import('../../format/json.js');
    const { entrySeconds } = await import('../../core/time-entries.js');
    app.printJson(
      entryJson(outcome.entry, entrySeconds(outcome.entry, outcome.entry.endAt ?? outcome.entry.startAt)),
    );
    return;
  }
  const { formatLocalDateTime, formatLocalTime } = await import('../../core/local-time.js');
  const { terminalSafe } = await import('../../format/safe-text.js');
  const e = outcome.entry;
  const minutes = Math.round((e.endAt!.getTime() - e.startAt.getTime()) / 60_000);
  app.print(
    terminalSafe(
      `${verb} entry ${e.id}: ${formatMinutes(minutes)} on task ${outcome.task.id}${outcome.movedFrom ? ` (moved from task ${outcome.movedFrom.id})` : ''} (${formatLocalDateTime(e.startAt)}-${formatLocalTime(e.endAt!)})${e.retroactive ? ', retroactive (R23)' : ''}.`,
    ),
  );
}
