import type { CoreContext } from '../../core/context.js';
import { UsageError } from '../../core/errors.js';
import type { DayResult } from '../../format/day-view.js';
import { type CommandContext, defineCommand, defineGroup, defineModule } from '../command-module.js';
import * as flag from '../flags.js';

/** R20: the working day itself - start, breaks, end. */

type DayVerb = DayResult['verb'];

/** When it happened and, for a closed day, why it is corrected now (R23). */
export interface DayInput {
  readonly at: Date | undefined;
  readonly reason: string | undefined;
}

const atOption = {
  kind: 'text',
  value: 'time',
  description: 'when it happened, for back-filling (e.g. "yesterday 18:00"); default now',
} as const;

const reasonOption = {
  kind: 'text',
  value: 'text',
  description:
    'a timer left running is stopped at --at; when that lies in a closed day, why it is corrected now (R23)',
} as const;

/** `--at` of a day command: a moment with a time of day, not in the future. */
export function pastMoment(input: string, now: Date): Date {
  const parsed = flag.deadline(input, now, '--at');
  if (parsed.allDay)
    throw new UsageError(`--at: "${input}" needs a time of day, e.g. 18:00 or "yesterday 18:00"`);
  if (parsed.at.getTime() > now.getTime()) throw new UsageError(`--at: "${input}" is in the future`);
  return parsed.at;
}

async function runDay(ctx: CommandContext, verb: DayVerb, input: DayInput): Promise<DayResult> {
  const core = await ctx.core();
  const workday = await import('../../core/workday.js');
  const act = {
    start: workday.startDay,
    pause: workday.pauseDay,
    resume: workday.resumeDay,
    end: workday.endDay,
  }[verb];
  const outcome = act(core, { at: input.at, reason: input.reason });
  const warnings = [
    ...(outcome.note && !ctx.json ? [outcome.note] : []),
    ...(verb === 'start' ? await morningReminders(core) : []),
    ...(verb === 'end' ? await eveningReminders(core, outcome.workDay.startedAt) : []),
  ];
  return { verb, outcome, warnings };
}

async function morningReminders(core: CoreContext): Promise<string[]> {
  const [{ inbox }, { inboxReminders }] = await Promise.all([
    import('../../core/remarks.js'),
    import('../../format/day-view.js'),
  ]);
  const box = inbox(core);
  return inboxReminders(box.remarks.length, box.newAssignments.length);
}

async function eveningReminders(core: CoreContext, day: Date): Promise<string[]> {
  const [{ timeGaps }, { gapsReminder }] = await Promise.all([
    import('../../core/gaps.js'),
    import('../../format/day-view.js'),
  ]);
  const { gaps, totalSeconds } = timeGaps(core, { day });
  return gapsReminder(gaps.length, totalSeconds);
}

const dayRenderers = async () => (await import('../../format/day-view.js')).dayRenderers;

/** start and resume: a moment only. */
function dayCommand(verb: DayVerb, summary: string) {
  return defineModule({
    definition: defineCommand({ name: verb, summary, arguments: [], options: { at: atOption } }),
    parse: ({ options }, now): DayInput => ({
      at: options.at === undefined ? undefined : pastMoment(options.at, now),
      reason: undefined,
    }),
    run: (ctx, input: DayInput) => runDay(ctx, verb, input),
    warnings: (result: DayResult) => result.warnings,
    renderers: dayRenderers,
  });
}

/** pause and end: they may stop a running timer in a closed day, which needs a reason (R23). */
function dayStopCommand(verb: DayVerb, summary: string) {
  return defineModule({
    definition: defineCommand({
      name: verb,
      summary,
      arguments: [],
      options: { at: atOption, reason: reasonOption },
    }),
    parse: ({ options }, now): DayInput => ({
      at: options.at === undefined ? undefined : pastMoment(options.at, now),
      reason: options.reason,
    }),
    run: (ctx, input: DayInput) => runDay(ctx, verb, input),
    warnings: (result: DayResult) => result.warnings,
    renderers: dayRenderers,
  });
}

export const dayStartCommand = dayCommand('start', 'start the working day');
export const dayPauseCommand = dayStopCommand('pause', 'take a break: the running task timer pauses too');
export const dayResumeCommand = dayCommand('resume', 'come back from a break');
export const dayEndCommand = dayStopCommand('end', 'end the working day: the running timer stops');

export const COMMANDS = [
  defineGroup({
    name: 'day',
    summary: 'the working day: start, pause (break), resume, end (R20)',
    commands: [dayStartCommand, dayPauseCommand, dayResumeCommand, dayEndCommand],
  }),
];
