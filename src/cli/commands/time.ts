import { durationFromFlag } from '../../core/duration.js';
import { UsageError } from '../../core/errors.js';
import { type AskedPeriod, askedPeriod, periodOf } from '../../core/period.js';
import type { ListedEntry, TimeOutcome } from '../../core/time-corrections.js';
import type { GapsView, SplitView, TrailView } from '../../format/time-view.js';
import { defineCommand, defineGroup, defineModule } from '../command-module.js';
import * as flag from '../flags.js';
import { namedDays } from '../period-flags.js';

/** Manual time corrections (R22, R23) and the list of entries. */

const view = () => import('../../format/time-view.js');
const corrections = () => import('../../core/time-corrections.js');

const entryArgument = { name: 'entry', kind: 'one', description: 'entry id (task time list)' } as const;

const commentOption = (description: string) => ({ kind: 'text', value: 'text', description }) as const;
const reasonOption = commentOption('why it is corrected after the day was closed (required then, R23)');

/** The task id of `--task`, when given. */
const taskOf = (text: string | undefined) => (text !== undefined ? flag.taskId(text, '--task') : undefined);

/** A moment of `--at`, `--start`, `--end`, when given. */
const momentOf = (text: string | undefined, now: Date, name: string) =>
  text !== undefined ? flag.timeOfDay(text, now, name) : undefined;

/** What every correction carries: what and why (R22), why after the day closed (R23), above the plan (R32). */
interface CorrectionNotes {
  readonly comment: string | undefined;
  readonly reason: string | undefined;
  readonly explanation: string | undefined;
}

const notesOf = (options: CorrectionNotes): CorrectionNotes => ({
  comment: options.comment,
  reason: options.reason,
  explanation: options.explanation,
});

export interface TimeAddInput extends CorrectionNotes {
  readonly taskId: number;
  readonly minutes: number;
  readonly at: Date | undefined;
}

export const timeAddCommand = defineModule({
  definition: defineCommand({
    name: 'add',
    summary: 'add time by hand (forgot the timer): a comment is required (R22)',
    arguments: [
      { name: 'id', kind: 'one', description: 'task id' },
      { name: 'duration', kind: 'one', description: '25m, 1h, 1h30m, 1:30' },
    ],
    options: {
      at: {
        kind: 'text',
        value: 'time',
        description: 'when it started: 10:00, "yesterday 15:00", "2026-11-26 15:00" (default: it ends now)',
      },
      comment: commentOption('what the time was spent on and why it is entered by hand (required)'),
      reason: reasonOption,
      explanation: commentOption(
        'on a closed task: why the time is far above the plan (R32), added to its result',
      ),
    },
  }),
  parse: ({ args, options }, now): TimeAddInput => ({
    taskId: flag.taskId(args.id),
    minutes: durationFromFlag('DURATION', args.duration),
    at: momentOf(options.at, now, '--at'),
    ...notesOf(options),
  }),
  async run(ctx, { taskId, ...input }): Promise<TimeOutcome> {
    const { addManualTime } = await corrections();
    return addManualTime(await ctx.core(), taskId, input);
  },
  warnings: (outcome) => outcome.warnings,
  renderers: async () => (await view()).entryChangedRenderers('Added'),
});

export interface TimeEditInput extends CorrectionNotes {
  readonly entryId: number;
  readonly taskId: number | undefined;
  readonly minutes: number | undefined;
  readonly start: Date | undefined;
  readonly end: Date | undefined;
}

export const timeEditCommand = defineModule({
  definition: defineCommand({
    name: 'edit',
    summary: 'correct an entry: --minutes, or --start/--end, or --task; a comment is required (R22)',
    arguments: [entryArgument],
    options: {
      task: {
        kind: 'text',
        value: 'id',
        description: 'the task the time was really spent on (the timer ran on the wrong one)',
      },
      minutes: {
        kind: 'text',
        value: 'duration',
        description: 'new length, keeping the start (0: none of it counts)',
      },
      start: { kind: 'text', value: 'time', description: 'new start' },
      end: { kind: 'text', value: 'time', description: 'new end' },
      comment: commentOption('what was corrected and why (required)'),
      reason: reasonOption,
      explanation: commentOption(
        'when it puts more time on a closed task: why the time is far above the plan (R32), added to its result',
      ),
    },
  }),
  parse: ({ args, options }, now): TimeEditInput => {
    const { task, minutes, start, end } = options;
    if ([task, minutes, start, end].every((value) => value === undefined))
      throw new UsageError('nothing to correct; pass --minutes, or --start and/or --end, or --task ID');
    return {
      entryId: flag.taskId(args.entry, 'ENTRY'),
      taskId: taskOf(task),
      minutes:
        minutes !== undefined ? durationFromFlag('--minutes', minutes, { allowZero: true }) : undefined,
      start: momentOf(start, now, '--start'),
      end: momentOf(end, now, '--end'),
      ...notesOf(options),
    };
  },
  async run(ctx, { entryId, ...edit }): Promise<TimeOutcome> {
    const { editTimeEntry } = await corrections();
    return editTimeEntry(await ctx.core(), entryId, edit);
  },
  warnings: (outcome) => outcome.warnings,
  renderers: async () => (await view()).entryChangedRenderers('Corrected'),
});

export interface TimeSplitInput extends CorrectionNotes {
  readonly entryId: number;
  readonly at: Date;
  readonly taskId: number | undefined;
}

export const timeSplitCommand = defineModule({
  definition: defineCommand({
    name: 'split',
    summary: 'cut an entry in two at a moment inside it; --task puts the second part on another task (R22)',
    arguments: [entryArgument],
    options: {
      at: {
        kind: 'text',
        value: 'time',
        description: 'where to cut: 10:30, "yesterday 15:00"',
        required: true,
      },
      task: { kind: 'text', value: 'id', description: 'the task the second part was really spent on' },
      comment: commentOption('what was corrected and why (required)'),
      reason: reasonOption,
      explanation: commentOption(
        'when the second part goes to a closed task: why its time is far above the plan (R32)',
      ),
    },
  }),
  parse: ({ args, options }, now): TimeSplitInput => ({
    entryId: flag.taskId(args.entry, 'ENTRY'),
    at: flag.timeOfDay(options.at, now, '--at'),
    taskId: taskOf(options.task),
    ...notesOf(options),
  }),
  async run(ctx, { entryId, ...split }): Promise<SplitView> {
    const core = await ctx.core();
    const { splitTimeEntry } = await corrections();
    return { outcome: splitTimeEntry(core, entryId, split), now: core.now };
  },
  renderers: async () => (await view()).splitRenderers,
});

export const timeHistoryCommand = defineModule({
  definition: defineCommand({
    name: 'history',
    summary: 'the corrections of an entry: when, who, what it was and became, why (R22, R23)',
    arguments: [entryArgument],
    options: {},
  }),
  parse: ({ args }) => ({ entryId: flag.taskId(args.entry, 'ENTRY') }),
  async run(ctx, input: { entryId: number }): Promise<TrailView> {
    const core = await ctx.core();
    const { entryTrail } = await corrections();
    return { trail: entryTrail(core, input.entryId), now: core.now };
  },
  renderers: async () => (await view()).trailRenderers,
});

export interface TimeListInput {
  readonly taskId: number | undefined;
  /** The days asked for; none: today's entries, or every entry of the --task. */
  readonly period: AskedPeriod | undefined;
  readonly userName: string | undefined;
}

export const timeListCommand = defineModule({
  definition: defineCommand({
    name: 'list',
    summary:
      'time entries of a day (default today) or a period, yours or of a person who reports to you, or of a task',
    arguments: [
      {
        name: 'range',
        kind: 'optional',
        description:
          "Timewarrior's range hint: :yesterday, :week, :lastweek, :month, :lastmonth, :year, :all",
      },
    ],
    options: {
      task: { kind: 'text', value: 'id', description: 'entries of this task' },
      date: { kind: 'text', value: 'date', description: 'entries of this day' },
      week: { kind: 'switch', description: 'the week (Monday to Sunday) around the day' },
      month: { kind: 'switch', description: 'the calendar month around the day' },
      from: { kind: 'text', value: 'date', description: 'first day of a period' },
      to: { kind: 'text', value: 'date', description: 'last day of a period (default: today)' },
      user: {
        kind: 'text',
        value: 'user',
        description: "this person's entries (R4: people who report to you)",
      },
    },
  }),
  parse: ({ args, options }, now): TimeListInput => {
    const { range } = args;
    if (range !== undefined && !range.startsWith(':'))
      throw new UsageError(
        `"${range}" is not a range hint; for a day use --date ${range}, or :yesterday, :week, :lastmonth ...`,
      );
    if (range !== undefined && options.date !== undefined)
      throw new UsageError(`${range} and --date name different periods; give one`);
    const named = range ?? options.date;
    const { day, period } = namedDays(named, options, now, '--date');
    return {
      taskId: taskOf(options.task),
      period: period ?? (named !== undefined ? periodOf(day, day) : undefined),
      userName: options.user,
    };
  },
  async run(ctx, { period, ...filter }): Promise<readonly ListedEntry[]> {
    const core = await ctx.core();
    const { listEntries } = await corrections();
    return listEntries(core, { ...filter, period: period && askedPeriod(core, period) });
  },
  renderers: async () => (await view()).entryListRenderers,
});

export const timeGapsCommand = defineModule({
  definition: defineCommand({
    name: 'gaps',
    summary:
      'untracked stretches of the working day (as timew gaps): its start to its end, minus breaks and tracked time (R35)',
    arguments: [{ name: 'date', kind: 'optional', description: 'the day (default today)' }],
    options: {
      user: { kind: 'text', value: 'user', description: "this person's day (R4: people who report to you)" },
    },
  }),
  parse: ({ args, options }, now) => ({
    day: args.date !== undefined ? flag.deadline(args.date, now, 'DATE').at : now,
    userName: options.user,
  }),
  async run(ctx, input: { day: Date; userName: string | undefined }): Promise<GapsView> {
    const core = await ctx.core();
    const { timeGaps } = await import('../../core/gaps.js');
    const gaps = timeGaps(core, input);
    return { gaps, own: gaps.user === core.actor.name };
  },
  renderers: async () => (await view()).gapsRenderers,
});

export const COMMANDS = [
  defineGroup({
    name: 'time',
    summary: 'manual time entries and corrections (R22, R23)',
    commands: [
      timeAddCommand,
      timeEditCommand,
      timeSplitCommand,
      timeHistoryCommand,
      timeListCommand,
      timeGapsCommand,
    ],
  }),
];
