import { NotFoundError, UsageError } from '../../core/errors.js';
import type { Backdate } from '../../core/timers.js';
import type { CoreContext } from '../../core/context.js';
import type { StatusView } from '../../format/status-view.js';
import type { PausedTimer, StartedTimer } from '../../format/timers-view.js';
import type { StoppedTimer } from '../../core/timers.js';
import { isTaskIdList } from '../argv.js';
import { type Ask, type CommandContext, defineCommand, defineModule } from '../command-module.js';
import * as flag from '../flags.js';

/** The timer commands (R21-R23): start, pause (stop), cancel, resume, status. */

const backdateOptions = (moment: string) =>
  ({
    comment: { kind: 'text', value: 'text', description: `with --at: why the ${moment} is dated back (R22)` },
    reason: {
      kind: 'text',
      value: 'text',
      description: 'with --at in a day already over or recorded: why it is corrected now (R23)',
    },
  }) as const;

/** `--at` as given: the moment, and the comment (R22) and reason (R23) that go with it. */
export interface BackdateInput {
  readonly at: Date;
  readonly comment: string | undefined;
  readonly reason: string | undefined;
}

/** `--at` with its comment and reason; none without --at. */
export function parseBackdate(
  options: { at?: string; comment?: string; reason?: string },
  now: Date,
): BackdateInput | undefined {
  if (options.at === undefined) {
    if (options.comment !== undefined || options.reason !== undefined)
      throw new UsageError(
        '--comment and --reason go with --at (a timer dated back); a note on the task is: task comment ID TEXT',
      );
    return undefined;
  }
  return { at: flag.timeOfDay(options.at, now, '--at'), comment: options.comment, reason: options.reason };
}

/** A backdate's missing comment (R22) asked on a terminal. */
async function askedBackdate(
  backdate: BackdateInput | undefined,
  ask: Ask,
  question: string,
): Promise<Backdate | undefined> {
  if (!backdate) return undefined;
  const comment = backdate.comment ?? (ask.interactive ? await ask.text(question) : undefined);
  return { ...backdate, comment };
}

/** The task a start names: ids (R21 takes one), words of its title (R25), or nothing (a terminal offers a pick). */
export type TaskToStart = { readonly ids: number[] } | { readonly words: string[] };

export interface StartInput {
  readonly task: TaskToStart;
  readonly backdate: BackdateInput | undefined;
}

export const startCommand = defineModule({
  definition: defineCommand({
    name: 'start',
    takesTaskIds: true,
    summary: 'start the timer on a task; the running one is paused (R21)',
    arguments: [
      {
        name: 'id',
        kind: 'optionalMany',
        description:
          'task id, or words of its title (R25: task start prepar); on a terminal, nothing: pick from your open tasks',
      },
    ],
    options: {
      at: {
        kind: 'text',
        value: 'time',
        description:
          'it started earlier (forgot to start or switch): 10:30, "yesterday 17:00"; needs --comment (R22)',
      },
      ...backdateOptions('start'),
    },
  }),
  parse: ({ args, options }, now): StartInput => ({
    task:
      args.id.length > 0 && args.id.every(isTaskIdList) ? { ids: flag.taskIds(args.id) } : { words: args.id },
    backdate: parseBackdate(options, now),
  }),
  async run(ctx, input, ask): Promise<StartedTimer> {
    const id = await taskToStart(await ctx.core(), input.task, ask);
    const backdate = await askedBackdate(input.backdate, ask, 'Why is the start dated back (R22)?');
    const core = await ctx.coreNow();
    const { startTimer } = await import('../../core/timers.js');
    return { outcome: startTimer(core, id, backdate), backdatedAt: backdate && core.now };
  },
  warnings: (result) => result.outcome.warnings,
  renderers: async () => (await import('../../format/timers-view.js')).startedRenderers,
});

/**
 * The task to start. On a terminal, no words, or words that name several tasks, offer the tasks to pick
 * from instead of refusing.
 */
async function taskToStart(ctx: CoreContext, task: TaskToStart, ask: Ask): Promise<number> {
  if ('ids' in task) {
    const { checkOneTaskToStart } = await import('../../core/rules/index.js');
    return checkOneTaskToStart(task.ids);
  }
  const search = await import('../../core/search.js');
  const { words } = task;
  const text = words.join(' ');
  if (!ask.interactive) {
    if (words.length === 0)
      throw new UsageError(
        'missing the task id: task start ID, or words of its title (R25: task start prepar)',
      );
    return search.pickTaskToStart(ctx, text).id;
  }
  const candidates = search.startCandidates(ctx, text);
  if (candidates.length === 1 && words.length > 0) return candidates[0]!.id;
  if (candidates.length === 0 && words.length === 0)
    throw new NotFoundError('you have no open task to start; add one: task add "Project: what to do"');
  if (candidates.length === 0) return search.pickTaskToStart(ctx, text).id; // refuses, saying how to add it
  return ask.pickTask(
    words.length
      ? `"${text}" matches ${candidates.length} tasks; which one? (type to narrow)`
      : 'Start which task? (type to narrow)',
    candidates,
  );
}

export interface PauseInput {
  readonly id: number | undefined;
  readonly backdate: BackdateInput | undefined;
}

export const pauseCommand = defineModule({
  definition: defineCommand({
    name: 'pause',
    aliases: ['stop'],
    takesTaskIds: true,
    summary: 'pause the running timer (naming its task is optional: task pause 12, task 12 stop)',
    arguments: [
      { name: 'id', kind: 'optional', description: 'the running task; refused when another task is running' },
    ],
    options: {
      at: {
        kind: 'text',
        value: 'time',
        description:
          'it should have paused earlier (forgot to pause): 12:00, "yesterday 18:00"; needs --comment (R22)',
      },
      ...backdateOptions('pause'),
    },
  }),
  parse: ({ args, options }, now): PauseInput => ({
    id: args.id === undefined ? undefined : flag.taskId(args.id),
    backdate: parseBackdate(options, now),
  }),
  async run(ctx, input, ask): Promise<PausedTimer> {
    await ctx.core();
    const backdate = await askedBackdate(input.backdate, ask, 'Why is the pause dated back (R22)?');
    const core = await ctx.coreNow();
    const { pauseTimer } = await import('../../core/timers.js');
    return { stopped: pauseTimer(core, input.id, backdate), backdatedAt: backdate && core.now };
  },
  renderers: async () => (await import('../../format/timers-view.js')).pausedRenderers,
});

export const cancelCommand = defineModule({
  definition: defineCommand({
    name: 'cancel',
    summary:
      'the running timer was started by mistake: stop it and keep none of its time (R22: with a comment)',
    arguments: [],
    options: {
      comment: {
        kind: 'text',
        value: 'text',
        description: 'why the time is taken back (required; a terminal asks)',
      },
    },
  }),
  parse: ({ options }) => ({ comment: options.comment }),
  async run(ctx, input, ask): Promise<StoppedTimer> {
    const core = await ctx.core();
    const { cancelTimer } = await import('../../core/time-corrections.js');
    const comment =
      input.comment ?? (ask.interactive ? await ask.text('Why is the timer cancelled (R22)?') : undefined);
    return cancelTimer(core, comment);
  },
  renderers: async () => (await import('../../format/timers-view.js')).cancelledRenderers,
});

export const resumeCommand = defineModule({
  definition: defineCommand({
    name: 'resume',
    summary: 'start again the task whose timer stopped last',
    arguments: [],
    options: {
      at: {
        kind: 'text',
        value: 'time',
        description: 'it started again earlier: 13:00; needs --comment (R22)',
      },
      ...backdateOptions('start'),
    },
  }),
  parse: ({ options }, now) => ({ backdate: parseBackdate(options, now) }),
  async run(ctx, input, ask): Promise<StartedTimer> {
    await ctx.core();
    const backdate = await askedBackdate(input.backdate, ask, 'Why is the start dated back (R22)?');
    const core = await ctx.coreNow();
    const { resumeTimer } = await import('../../core/timers.js');
    return { outcome: resumeTimer(core, backdate), backdatedAt: backdate && core.now };
  },
  warnings: (result) => result.outcome.warnings,
  renderers: async () => (await import('../../format/timers-view.js')).startedRenderers,
});

export interface StatusInput {
  /** R4: the team's status, only these people when given. */
  readonly team: { readonly users: string[] | undefined } | undefined;
}

export const statusCommand = defineModule({
  definition: defineCommand({
    name: 'status',
    summary: "the running task with its elapsed time, and today's total",
    arguments: [],
    options: {
      team: { kind: 'switch', description: 'R4: what each person who reports to you is working on now' },
      user: { kind: 'list', value: 'user', description: 'with --team: only these people (repeatable)' },
    },
  }),
  parse: ({ options }): StatusInput => {
    if (options.user && !options.team)
      throw new UsageError('--user goes with --team: task status --team --user anna');
    return { team: options.team ? { users: options.user } : undefined };
  },
  async run(ctx: CommandContext, input): Promise<StatusView> {
    const core = await ctx.core();
    const timers = await import('../../core/timers.js');
    if (input.team) return { kind: 'team', team: timers.teamStatus(core, input.team.users) };
    const { dayReminders } = await import('../../core/workday.js');
    return { kind: 'own', status: timers.timerStatus(core), reminders: dayReminders(core) };
  },
  warnings: (view) => (view.kind === 'own' ? view.reminders : []),
  renderers: async () => (await import('../../format/status-view.js')).statusRenderers,
});

export const COMMANDS = [startCommand, pauseCommand, cancelCommand, resumeCommand, statusCommand];
