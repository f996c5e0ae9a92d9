import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { UsageError } from '../../core/errors.js';
import type { App } from '../app.js';
import * as flag from '../flags.js';
import { askedPeriod } from '../../core/period.js';
import { namedDays } from '../period-flags.js';
import { chosenFormat, formatOption } from '../report-format.js';

interface ReportOptions {
  everyone?: boolean;
  format?: string;
  week?: boolean;
  month?: boolean;
  from?: string;
  to?: string;
  date?: string;
  user?: string[];
  team?: boolean;
  excludeTag?: string[];
  billable?: boolean;
}

/** R35 and R4: the end-of-day report, periods, the team report, recording, approval, merging. */
export function registerReportCommands(program: Command, app: App): void {
  const report = program
    .command('report')
    .alias('summary')
    .description('end-of-day report (R35); --week/--month/--from for periods; --team for the manager (R4)')
    .argument(
      '[date]',
      "the day (default today), or Timewarrior's range hint: :yesterday, :week, :lastweek, :month, :lastmonth, :year, :all",
    )
    .addOption(formatOption())
    .option('--date <date>', 'the day (same as the argument)')
    .option('--week', 'the week (Monday to Sunday) around the day')
    .option('--month', 'the calendar month around the day')
    .option('--from <date>', 'first day of a period')
    .option('--to <date>', 'last day of a period (default: the --from day or today)')
    .option('--user <user>', 'whose report (repeatable; people who report to you, R4)', flag.collect)
    .option('--team', "everyone who reports to you (or the --user people): the manager's report")
    .option('--everyone', 'totals over every person in the database (admins only)')
    .option(
      '--exclude-tag <tag>',
      'leave out tasks with this tag (repeatable), e.g. NO for billable reports (R9)',
      flag.collect,
    )
    .option('--billable', 'same as --exclude-tag NO')
    .action(async (date: string | undefined, options: ReportOptions, command: Command) => {
      const ctx = await app.context(command);
      const core = await import('../../core/reports.js');
      const format = chosenFormat(app, command, options.format);
      const named = namedDays(date ?? options.date, options, ctx.now);
      const { day } = named;
      const period = named.period === null ? null : askedPeriod(ctx, named.period);
      if (options.team) {
        const { renderTeamReport } = await import('../../format/report-team.js');
        const { teamReport } = await import('../../core/team-report.js');
        app.print(renderTeamReport(teamReport(ctx, period ?? core.periodOf(day, day), options.user), format));
        return;
      }
      const excludeTags = [...(options.excludeTag ?? []), ...(options.billable ? ['NO'] : [])];
      if (period || excludeTags.length || options.everyone || (options.user?.length ?? 0) > 1) {
        const { renderPeriodReport } = await import('../../format/report-team.js');
        app.print(
          renderPeriodReport(
            core.periodReport(ctx, period ?? core.periodOf(day, day), {
              users: options.user,
              everyone: options.everyone,
              excludeTags,
            }),
            format,
          ),
        );
        return;
      }
      const { renderDayReport } = await import('../../format/report-day.js');
      app.print(renderDayReport(core.dayReport(ctx, day, options.user?.[0]), format));
    });

  report
    .command('record')
    .description("freeze the day's report (R35); later corrections of that day show as amendments (R23)")
    .argument('[date]', 'the day (default today)')
    .addOption(formatOption())
    .action(async (date: string | undefined, options: { format?: string }, command: Command) => {
      const ctx = await app.context(command);
      const { recordDayReport } = await import('../../core/reports.js');
      const day = date !== undefined ? flag.deadline(date, ctx.now, 'DATE').at : ctx.now;
      const recorded = recordDayReport(ctx, day);
      if (app.json(command) || options.format || (command.optsWithGlobals() as { format?: string }).format) {
        const { renderDayReport } = await import('../../format/report-day.js');
        app.print(renderDayReport(recorded, chosenFormat(app, command, options.format)));
      } else {
        const { formatMinutes } = await import('../../core/duration.js');
        app.print(
          `Recorded the report of ${recorded.day}: planned ${formatMinutes(recorded.totals.plannedMinutes)}, tracked ${formatMinutes(recorded.totals.trackedMinutes)}.`,
        );
      }
    });

  report
    .command('approve')
    .description("the manager approves a person's recorded report with a mark (negative needs --comment)")
    .argument('<user>', 'whose report')
    .argument('[date]', 'the day (default today)')
    .option('--mark <mark>', 'positive or negative (required)')
    .option('--comment <text>', 'remarks; required with a negative mark')
    .action(
      async (
        user: string,
        date: string | undefined,
        options: { mark?: string; comment?: string },
        command: Command,
      ) => {
        const ctx = await app.context(command);
        const mark = options.mark?.trim().toLowerCase();
        if (mark !== 'positive' && mark !== 'negative')
          throw new UsageError('--mark: approve the report as positive or negative');
        const { approveDayReport } = await import('../../core/reports.js');
        const day = date !== undefined ? flag.deadline(date, ctx.now, 'DATE').at : ctx.now;
        const approved = approveDayReport(ctx, user, day, mark, options.comment);
        if (app.json(command)) app.printJson(approved);
        else app.print(`Approved the report of ${approved.user} for ${approved.day} (${mark}).`);
      },
    );

  report
    .command('merge')
    .description('combine JSON reports exported by several people into one team report')
    .argument('<files...>', 'JSON files written by task report --format json (day or team reports)')
    .addOption(formatOption())
    .action(async (files: string[], options: { format?: string }, command: Command) => {
      const { mergeableReportSchema } = await import('../../schemas/report.js');
      const { mergeReports } = await import('../../core/report-merge.js');
      const { renderTeamReport } = await import('../../format/report-team.js');
      const reports = files.map((file) => {
        let raw: unknown;
        try {
          raw = JSON.parse(readFileSync(file, 'utf8'));
        } catch (error) {
          throw new UsageError(
            `${file}: cannot read a JSON report (${(error as Error).message.split('\n')[0]})`,
          );
        }
        const parsed = mergeableReportSchema.safeParse(raw);
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          throw new UsageError(
            `${file}: not a regula day or team report: ${issue.path.join('.') || '(top)'}: ${issue.message}`,
          );
        }
        return parsed.data;
      });
      app.print(
        renderTeamReport(mergeReports(reports, app.now()), chosenFormat(app, command, options.format)),
      );
    });
}
