import { UsageError } from '../../core/errors.js';
import { type AskedPeriod, askedPeriod, periodOf } from '../../core/period.js';
import { REPORT_FORMATS, type ReportFormat } from '../../format/report-common.js';
import type { ApprovedView, RecordedView, ReportView } from '../../format/report-view.js';
import { defineCommand, defineGroup, defineModule } from '../command-module.js';
import * as flag from '../flags.js';
import { namedDays } from '../period-flags.js';

/** R35 and R4: the end-of-day report, periods, the team report, recording, approval, merging. */

const view = () => import('../../format/report-view.js');

const formatOption = {
  kind: 'choice',
  value: 'format',
  description: 'table (terminal), md, csv, json or html',
  choices: REPORT_FORMATS,
} as const;

/** The day a subcommand names (DATE), or today. */
const dayOf = (word: string | undefined, now: Date) =>
  word !== undefined ? flag.deadline(word, now, 'DATE').at : now;

export interface ReportInput {
  readonly day: Date;
  /** Null: the day alone. */
  readonly period: AskedPeriod | null;
  readonly format: ReportFormat | undefined;
  readonly users: string[] | undefined;
  readonly team: boolean;
  readonly everyone: boolean | undefined;
  readonly excludeTags: string[];
}

export const reportCommand = defineModule({
  definition: defineCommand({
    name: 'report',
    aliases: ['summary'],
    summary: 'end-of-day report (R35); --week/--month/--from for periods; --team for the manager (R4)',
    arguments: [
      {
        name: 'date',
        kind: 'optional',
        description:
          "the day (default today), or Timewarrior's range hint: :yesterday, :week, :lastweek, :month, :lastmonth, :year, :all",
      },
    ],
    options: {
      format: formatOption,
      date: { kind: 'text', value: 'date', description: 'the day (same as the argument)' },
      week: { kind: 'switch', description: 'the week (Monday to Sunday) around the day' },
      month: { kind: 'switch', description: 'the calendar month around the day' },
      from: { kind: 'text', value: 'date', description: 'first day of a period' },
      to: {
        kind: 'text',
        value: 'date',
        description: 'last day of a period (default: the --from day or today)',
      },
      user: {
        kind: 'list',
        value: 'user',
        description: 'whose report (repeatable; people who report to you, R4)',
      },
      team: {
        kind: 'switch',
        description: "everyone who reports to you (or the --user people): the manager's report",
      },
      everyone: { kind: 'switch', description: 'totals over every person in the database (admins only)' },
      excludeTag: {
        kind: 'list',
        value: 'tag',
        description: 'leave out tasks with this tag (repeatable), e.g. NO for billable reports (R9)',
      },
      billable: { kind: 'switch', description: 'same as --exclude-tag NO' },
    },
  }),
  parse: ({ args, options }, now): ReportInput => ({
    ...namedDays(args.date ?? options.date, options, now),
    format: options.format,
    users: options.user,
    team: Boolean(options.team),
    everyone: options.everyone,
    excludeTags: [...(options.excludeTag ?? []), ...(options.billable ? ['NO'] : [])],
  }),
  async run(ctx, input): Promise<ReportView> {
    const core = await ctx.core();
    const { day, format, users } = input;
    const period = input.period === null ? null : askedPeriod(core, input.period);
    if (input.team) {
      const { teamReport } = await import('../../core/team-report.js');
      return { kind: 'team', report: teamReport(core, period ?? periodOf(day, day), users), format };
    }
    const reports = await import('../../core/reports.js');
    // A period, a filter or several people make a period report; one person's day is the day report.
    const { everyone, excludeTags } = input;
    if (period || excludeTags.length || everyone || (users?.length ?? 0) > 1) {
      const options = { users, everyone, excludeTags };
      return {
        kind: 'period',
        report: reports.periodReport(core, period ?? periodOf(day, day), options),
        format,
      };
    }
    return { kind: 'day', report: reports.dayReport(core, day, users?.[0]), format };
  },
  renderers: async () => (await view()).reportRenderers,
});

export const recordReportCommand = defineModule({
  definition: defineCommand({
    name: 'record',
    summary: "freeze the day's report (R35); later corrections of that day show as amendments (R23)",
    arguments: [{ name: 'date', kind: 'optional', description: 'the day (default today)' }],
    options: { format: formatOption },
  }),
  parse: ({ args, options }, now) => ({ day: dayOf(args.date, now), format: options.format }),
  async run(ctx, input: { day: Date; format: ReportFormat | undefined }): Promise<RecordedView> {
    const { recordDayReport } = await import('../../core/reports.js');
    return { recorded: recordDayReport(await ctx.core(), input.day), format: input.format };
  },
  renderers: async () => (await view()).recordedRenderers,
});

export interface ApproveInput {
  readonly user: string;
  readonly day: Date;
  readonly mark: 'positive' | 'negative';
  readonly comment: string | undefined;
}

export const approveReportCommand = defineModule({
  definition: defineCommand({
    name: 'approve',
    summary: "the manager approves a person's recorded report with a mark (negative needs --comment)",
    arguments: [
      { name: 'user', kind: 'one', description: 'whose report' },
      { name: 'date', kind: 'optional', description: 'the day (default today)' },
    ],
    options: {
      mark: { kind: 'text', value: 'mark', description: 'positive or negative (required)' },
      comment: { kind: 'text', value: 'text', description: 'remarks; required with a negative mark' },
    },
  }),
  parse: ({ args, options }, now): ApproveInput => {
    const mark = options.mark?.trim().toLowerCase();
    if (mark !== 'positive' && mark !== 'negative')
      throw new UsageError('--mark: approve the report as positive or negative');
    return { user: args.user, day: dayOf(args.date, now), mark, comment: options.comment };
  },
  async run(ctx, input): Promise<ApprovedView> {
    const { approveDayReport } = await import('../../core/reports.js');
    const { user, day, mark, comment } = input;
    return { report: approveDayReport(await ctx.core(), user, day, mark, comment), mark };
  },
  renderers: async () => (await view()).approvedRenderers,
});

export interface MergeInput {
  readonly files: string[];
  readonly format: ReportFormat | undefined;
}

export const mergeReportsCommand = defineModule({
  definition: defineCommand({
    name: 'merge',
    summary: 'combine JSON reports exported by several people into one team report',
    arguments: [
      {
        name: 'files',
        kind: 'many',
        description: 'JSON files written by task report --format json (day or team reports)',
      },
    ],
    options: { format: formatOption },
  }),
  parse: ({ args, options }): MergeInput => ({ files: args.files, format: options.format }),
  // No database: the reports are read from the files people exported.
  async run(ctx, input): Promise<ReportView> {
    const { readReportFiles } = await import('../report-files.js');
    const { mergeReports } = await import('../../core/report-merge.js');
    const report = mergeReports(readReportFiles(input.files), ctx.now());
    return { kind: 'team', report, format: input.format };
  },
  renderers: async () => (await view()).reportRenderers,
});

export const COMMANDS = [
  defineGroup({
    name: 'report',
    aliases: reportCommand.definition.aliases,
    summary: reportCommand.definition.summary,
    default: reportCommand,
    commands: [recordReportCommand, approveReportCommand, mergeReportsCommand],
  }),
];
