import type { CoreContext } from '../../core/context.js';
import type { ControlInput } from '../../core/control.js';
import { UsageError } from '../../core/errors.js';
import { localDayKey } from '../../core/local-time.js';
import type { DateInput } from '../../core/dates.js';
import type { TaskOutcome } from '../../core/tasks.js';
import type { AcceptedView, ReplyView } from '../../format/review-view.js';
import type { TasksWritten } from '../../format/task-outcomes.js';
import { defineCommand, defineModule } from '../command-module.js';
import * as flag from '../flags.js';

/** Control and review (R26-R30): control tasks, transfers of progress, acceptance, rating, answers. */

const view = () => import('../../format/review-view.js');

/** What a write did, with the task as it now stands (the JSON output shows it). */
async function written(ctx: CoreContext, outcome: TaskOutcome): Promise<TasksWritten> {
  const { tasksAsTheyStand } = await import('../../core/command-reads.js');
  return { outcomes: [outcome], current: tasksAsTheyStand(ctx, [outcome.task.id]) };
}

const writtenWarnings = (view: TasksWritten) => view.outcomes.flatMap((o) => o.warnings);

export const controlCommand = defineModule({
  definition: defineCommand({
    name: 'control',
    summary:
      'R26: create "<Project>: Control: TEXT" under the controlled task (or beside it in a compound task)',
    arguments: [
      { name: 'id', kind: 'one', description: 'the controlled task' },
      { name: 'text', kind: 'many', description: 'what is controlled' },
    ],
    options: {
      deadline: {
        kind: 'text',
        value: 'date',
        description: "when to check (default: the controlled task's deadline)",
      },
      plan: { kind: 'text', value: 'duration', description: 'planned time for the check' },
    },
  }),
  parse: ({ args, options }, now): { id: number; text: string; control: ControlInput } => ({
    id: flag.taskId(args.id),
    text: args.text.join(' '),
    control: {
      deadline: options.deadline !== undefined ? flag.deadline(options.deadline, now) : undefined,
      plannedMinutes: options.plan !== undefined ? flag.plan(options.plan) : undefined,
    },
  }),
  async run(ctx, input) {
    const core = await ctx.core();
    const { createControlTask } = await import('../../core/control.js');
    return written(core, createControlTask(core, input.id, input.text, input.control));
  },
  warnings: writtenWarnings,
  renderers: async () => (await view()).controlCreatedRenderers,
});

export const submitCommand = defineModule({
  definition: defineCommand({
    name: 'submit',
    summary: 'R28: transfer of progress - ask the director to react to intermediate results',
    arguments: [{ name: 'id', kind: 'one', description: 'task id' }],
    options: {
      progress: {
        kind: 'text',
        value: 'text',
        description: 'the intermediate results and what reaction you need (required)',
      },
    },
  }),
  parse: ({ args, options }) => ({ id: flag.taskId(args.id), progress: options.progress }),
  async run(ctx, input: { id: number; progress: string | undefined }) {
    const core = await ctx.core();
    const { submitProgress } = await import('../../core/control.js');
    return written(core, submitProgress(core, input.id, input.progress));
  },
  warnings: writtenWarnings,
  renderers: async () => (await view()).progressSubmittedRenderers,
});

export const reviewCommand = defineModule({
  definition: defineCommand({
    name: 'review',
    summary:
      'what awaits you as director or manager: finished work, transfers of progress (R27, R28), ratings (R29), unanswered remarks (R30)',
    arguments: [],
    options: {},
  }),
  parse: () => ({}),
  async run(ctx) {
    const { reviewQueue } = await import('../../core/control.js');
    return reviewQueue(await ctx.core());
  },
  renderers: async () => (await view()).reviewQueueRenderers,
});

export interface AcceptInput {
  readonly id: number;
  readonly mark: 'positive' | 'negative';
  readonly comment: string | undefined;
}

export const acceptCommand = defineModule({
  definition: defineCommand({
    name: 'accept',
    summary: 'R27, R29: accept finished work and rate it (negative needs --comment)',
    arguments: [{ name: 'id', kind: 'one', description: 'task id' }],
    options: {
      mark: { kind: 'text', value: 'mark', description: 'positive or negative (required)' },
      comment: { kind: 'text', value: 'text', description: 'remarks; required with a negative mark' },
    },
  }),
  parse: ({ args, options }): AcceptInput => {
    const mark = options.mark?.trim().toLowerCase();
    if (mark !== 'positive' && mark !== 'negative')
      throw new UsageError('--mark: rate the work positive or negative (R29)');
    return { id: flag.taskId(args.id), mark, comment: options.comment };
  },
  async run(ctx, input): Promise<AcceptedView> {
    const core = await ctx.core();
    const { acceptTask } = await import('../../core/control.js');
    return {
      ...(await written(core, acceptTask(core, input.id, input.mark, input.comment))),
      mark: input.mark,
    };
  },
  warnings: writtenWarnings,
  renderers: async () => (await view()).acceptedRenderers,
});

export interface ReturnInput {
  readonly id: number;
  readonly deadline: DateInput | undefined;
  readonly comment: string | undefined;
}

export const returnCommand = defineModule({
  definition: defineCommand({
    name: 'return',
    summary: 'R27, R28: return work to the executor with an answer and a deadline of today or later',
    arguments: [{ name: 'id', kind: 'one', description: 'task id' }],
    options: {
      deadline: { kind: 'text', value: 'date', description: 'new deadline: today or later (required)' },
      comment: { kind: 'text', value: 'text', description: 'your answer or remarks (required)' },
    },
  }),
  parse: ({ args, options }, now): ReturnInput => {
    const deadline = options.deadline !== undefined ? flag.deadline(options.deadline, now) : undefined;
    return { id: flag.taskId(args.id), deadline, comment: options.comment };
  },
  async run(ctx, input) {
    const core = await ctx.core();
    const { returnTask } = await import('../../core/control.js');
    return written(core, returnTask(core, input.id, input.deadline, input.comment));
  },
  warnings: writtenWarnings,
  renderers: async () => (await view()).returnedRenderers,
});

/** R30: the answer to the remarks on a task (up to one of them), or to the remark on a day report. */
export type ReplyInput =
  | { readonly kind: 'day'; readonly day: string; readonly text: string }
  | { readonly kind: 'task'; readonly id: number; readonly text: string; readonly to: number | undefined };

export const replyCommand = defineModule({
  definition: defineCommand({
    name: 'reply',
    summary:
      'R30: answer the reviewer\'s remarks on a task, or on your day report with --day (an answer, "OK / will do", or an objection)',
    arguments: [
      { name: 'id', kind: 'optional', description: 'task id (not with --day)' },
      { name: 'text', kind: 'optionalMany', description: 'your answer' },
    ],
    options: {
      to: {
        kind: 'text',
        value: 'comment',
        description: 'the remark answered (default: every remark before this reply)',
      },
      day: { kind: 'text', value: 'date', description: 'answer the remark on your report of that day (R30)' },
    },
  }),
  parse: ({ args, options }, now): ReplyInput => {
    // With --day there is no task id: the first word is already the answer.
    if (options.day !== undefined)
      return {
        kind: 'day',
        day: localDayKey(flag.deadline(options.day, now, '--day').at),
        text: [args.id ?? '', ...args.text].join(' '),
      };
    if (args.id === undefined || args.text.length === 0)
      throw new UsageError(
        'say which task and what you answer: task reply ID TEXT (a remark on a day report: task reply --day DATE TEXT)',
      );
    const to = options.to !== undefined ? flag.taskId(options.to, '--to') : undefined;
    return { kind: 'task', id: flag.taskId(args.id), text: args.text.join(' '), to };
  },
  async run(ctx, input): Promise<ReplyView> {
    const core = await ctx.core();
    const { replyToRemark, replyToDayRemark } = await import('../../core/remarks.js');
    if (input.kind === 'day') {
      replyToDayRemark(core, input.day, input.text);
      return { kind: 'day', day: input.day };
    }
    const { commentId, answered } = replyToRemark(core, input.id, input.text, input.to);
    return { kind: 'task', commentId, taskId: input.id, answered };
  },
  renderers: async () => (await view()).replyRenderers,
});

export const inboxCommand = defineModule({
  definition: defineCommand({
    name: 'inbox',
    summary: 'remarks waiting for your answer (R30) and tasks newly assigned to you (R37)',
    arguments: [],
    options: {},
  }),
  parse: () => ({}),
  async run(ctx) {
    const { inbox } = await import('../../core/remarks.js');
    return inbox(await ctx.core());
  },
  renderers: async () => (await view()).inboxRenderers,
});

export const COMMANDS = [
  controlCommand,
  submitCommand,
  reviewCommand,
  acceptCommand,
  returnCommand,
  replyCommand,
  inboxCommand,
];
