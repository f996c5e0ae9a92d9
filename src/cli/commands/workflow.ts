import type { CoreContext } from '../../core/context.js';
import type { ContinueInput } from '../../core/continuation.js';
import { UsageError } from '../../core/errors.js';
import type { PullInput } from '../../core/stec.js';
import type { NewTaskInput, TaskOutcome } from '../../core/tasks.js';
import type { TasksWritten } from '../../format/task-outcomes.js';
import type { CopiedOutcome, GeneralCreatedView, StecView } from '../../format/workflow-view.js';
import { contextFiling } from '../active-context.js';
import { defineCommand, defineGroup, defineModule } from '../command-module.js';
import * as flag from '../flags.js';

/** STEC backlog (R12-R14), compound tasks (R15-R18), copies (R17), continuation (R24), revival (R36). */

const view = () => import('../../format/workflow-view.js');

/** What a write did, with the tasks as they now stand (the JSON output shows them). */
async function written<O extends TaskOutcome>(ctx: CoreContext, outcomes: O[]): Promise<TasksWritten<O>> {
  const { tasksAsTheyStand } = await import('../../core/command-reads.js');
  return {
    outcomes,
    current: tasksAsTheyStand(
      ctx,
      outcomes.map((o) => o.task.id),
    ),
  };
}

const everyoneOption = {
  everyone: { kind: 'switch', description: "list everyone's backlog, not only yours" },
} as const;

export type StecInput =
  | { readonly kind: 'add'; readonly title: string; readonly description?: string; readonly tags?: string[] }
  | { readonly kind: 'backlog'; readonly everyone: boolean | undefined };

/** `task stec TITLE` adds to the backlog (R12); `task stec` alone lists it (R13). */
export const stecCommand = defineModule({
  definition: defineCommand({
    name: 'stec',
    summary:
      'STEC backlog (R12-R14): "task stec TITLE" adds, "task stec" or "task stec list" lists, "task stec pull ID" plans',
    arguments: [{ name: 'title', kind: 'optionalMany', description: 'a task neither urgent nor important' }],
    options: {
      description: { kind: 'text', value: 'text', description: 'action plan or link (R7)' },
      tag: { kind: 'list', value: 'tag', description: 'tag (repeatable)' },
      ...everyoneOption,
    },
  }),
  parse: ({ args, options }): StecInput =>
    args.title.length > 0
      ? { kind: 'add', title: args.title.join(' '), description: options.description, tags: options.tag }
      : { kind: 'backlog', everyone: options.everyone },
  async run(ctx, input): Promise<StecView> {
    const core = await ctx.core();
    const stec = await import('../../core/stec.js');
    if (input.kind === 'backlog') return { kind: 'backlog', items: stec.stecBacklog(core, input) };
    const outcome = stec.addStecTask(core, input.title, { description: input.description, tags: input.tags });
    return { kind: 'added', ...(await written(core, [outcome])) };
  },
  warnings: (view) => (view.kind === 'added' ? view.outcomes.flatMap((o) => o.warnings) : []),
  renderers: async () => (await view()).stecRenderers,
});

// A title is free words, so "task stec list" would otherwise add "STEC: list" (R12).
export const stecListCommand = defineModule({
  definition: defineCommand({
    name: 'list',
    summary: "the STEC backlog, oldest first, with each item's age in days (R13)",
    arguments: [],
    options: everyoneOption,
  }),
  parse: ({ options }) => ({ everyone: options.everyone }),
  async run(ctx, input: { everyone: boolean | undefined }) {
    const { stecBacklog } = await import('../../core/stec.js');
    return stecBacklog(await ctx.core(), input);
  },
  renderers: async () => (await view()).stecBacklogRenderers,
});

export const stecPullCommand = defineModule({
  definition: defineCommand({
    name: 'pull',
    summary: 'R14: move a STEC task into the plan: project prefix, real deadline, planned time',
    arguments: [{ name: 'id', kind: 'one', description: 'task id' }],
    options: {
      project: { kind: 'text', value: 'name', description: 'project (required unless the task has one)' },
      deadline: { kind: 'text', value: 'date', description: 'the real deadline (required)' },
      plan: { kind: 'text', value: 'duration', description: 'planned time (required)' },
      priority: { kind: 'text', value: 'level', description: 'high, medium or low (default medium)' },
    },
  }),
  parse: ({ args, options }, now): { id: number; pull: PullInput } => ({
    id: flag.taskId(args.id),
    pull: {
      project: options.project,
      deadline: options.deadline !== undefined ? flag.deadline(options.deadline, now) : undefined,
      plannedMinutes: options.plan !== undefined ? flag.plan(options.plan) : undefined,
      priority: options.priority !== undefined ? flag.priority(options.priority) : undefined,
    },
  }),
  async run(ctx, input) {
    const core = await ctx.core();
    const { pullStecTask } = await import('../../core/stec.js');
    return written(core, [pullStecTask(core, input.id, input.pull)]);
  },
  warnings: (view) => view.outcomes.flatMap((o) => o.warnings),
  renderers: async () => (await view()).stecPulledRenderers,
});

export const generalCommand = defineModule({
  definition: defineCommand({
    name: 'general',
    summary:
      'create a compound task (R15): General:, nested General-2: ...; add steps with task add --parent ID',
    arguments: [
      {
        name: 'title',
        kind: 'many',
        description: 'title, e.g. "Legal: Conclude the agreement with Client X"',
      },
    ],
    options: {
      project: { kind: 'text', value: 'name', description: 'project' },
      internalProject: {
        kind: 'switch',
        description: 'it stands for an internal project: "General (project):"',
      },
      parent: {
        kind: 'text',
        value: 'id',
        description: 'the compound task it belongs to (makes it General-2, General-3 ...)',
      },
      plan: {
        kind: 'text',
        value: 'duration',
        description: 'planned total, kept in the description and never summed into plans (R16)',
      },
      deadline: { kind: 'text', value: 'date', description: 'deadline' },
      hard: { kind: 'switch', description: 'the deadline is hard (R10)' },
      description: { kind: 'text', value: 'text', description: 'the steps (R7)' },
      priority: { kind: 'text', value: 'level', description: 'high, medium or low' },
      tag: { kind: 'list', value: 'tag', description: 'tag (repeatable)' },
      responsible: { kind: 'text', value: 'user', description: 'who leads it (default: you)' },
      director: { kind: 'text', value: 'user', description: 'who set it (default: you)' },
    },
  }),
  parse: ({ args, options }, now): NewTaskInput => ({
    title: args.title.join(' '),
    kind: 'general',
    internalProject: options.internalProject,
    project: options.project,
    parentId: options.parent !== undefined ? flag.taskId(options.parent, '--parent') : undefined,
    plannedMinutes: options.plan !== undefined ? flag.plan(options.plan) : undefined,
    deadline: options.deadline !== undefined ? flag.deadline(options.deadline, now) : undefined,
    hard: options.hard,
    description: flag.nonEmptyText('--description', options.description),
    priority: options.priority !== undefined ? flag.priority(options.priority) : undefined,
    tags: options.tag,
    responsible: options.responsible,
    director: options.director,
  }),
  async run(ctx, input): Promise<GeneralCreatedView> {
    const core = await ctx.core();
    const { createTask } = await import('../../core/tasks.js');
    const filing = contextFiling(core.config);
    const outcome = createTask(core, { ...input, defaults: filing?.defaults });
    return { ...(await written(core, [outcome])), filing };
  },
  warnings: (view) => view.outcomes.flatMap((o) => o.warnings),
  renderers: async () => (await view()).generalCreatedRenderers,
});

export const copyCommand = defineModule({
  definition: defineCommand({
    name: 'copy',
    aliases: ['duplicate'],
    takesTaskIds: true,
    summary: 'copy a task alone (R17: subtasks only with --with-subtasks)',
    arguments: [{ name: 'id', kind: 'one', description: 'task id' }],
    options: {
      withSubtasks: { kind: 'switch', description: 'copy the whole tree of subtasks too' },
      deadline: { kind: 'text', value: 'date', description: "the copy's deadline (default: the original's)" },
    },
  }),
  parse: ({ args, options }, now) => {
    const deadline = options.deadline !== undefined ? flag.deadline(options.deadline, now) : undefined;
    return { id: flag.taskId(args.id), withSubtasks: Boolean(options.withSubtasks), deadline };
  },
  async run(ctx, { id, ...options }): Promise<TasksWritten<CopiedOutcome>> {
    const core = await ctx.core();
    const { copyTask } = await import('../../core/compound.js');
    return written(core, [{ ...copyTask(core, id, options), sourceId: id }]);
  },
  warnings: (view) => view.outcomes.flatMap((o) => o.warnings),
  renderers: async () => (await view()).copiedRenderers,
});

export const continueCommand = defineModule({
  definition: defineCommand({
    name: 'continue',
    takesTaskIds: true,
    summary: 'R24: unfinished today - move the deadline (<= 7 min spent) or continue as (Part N)',
    arguments: [{ name: 'id', kind: 'optional', description: 'task id' }],
    options: {
      deadline: {
        kind: 'text',
        value: 'date',
        description: 'deadline of the continuation (default: the next working day)',
      },
      force: { kind: 'switch', description: 'override: move a hard deadline (R10)' },
      reason: { kind: 'text', value: 'text', description: 'why a hard deadline moves' },
    },
  }),
  parse: ({ args, options }, now): { id: number; continuation: ContinueInput } => {
    // Timewarrior's `continue` restarts the last timer; here that is `resume`.
    if (args.id === undefined)
      throw new UsageError(
        'task continue ID carries unfinished work to another day (R24); to start the paused timer again: task resume',
      );
    return {
      id: flag.taskId(args.id),
      continuation: {
        deadline: options.deadline !== undefined ? flag.deadline(options.deadline, now) : undefined,
        force: options.force,
        reason: options.reason,
      },
    };
  },
  async run(ctx, input) {
    const core = await ctx.core();
    const { continueTask } = await import('../../core/continuation.js');
    return written(core, [continueTask(core, input.id, input.continuation)]);
  },
  warnings: (view) => view.outcomes.flatMap((o) => o.warnings),
  renderers: async () => (await view()).continuedRenderers,
});

export const reopenCommand = defineModule({
  definition: defineCommand({
    name: 'reopen',
    takesTaskIds: true,
    summary: 'revive a closed task with a comment saying why (R36)',
    arguments: [{ name: 'id', kind: 'one', description: 'task id' }],
    options: { comment: { kind: 'text', value: 'text', description: 'why it is revived (required)' } },
  }),
  parse: ({ args, options }) => ({ id: flag.taskId(args.id), comment: options.comment }),
  async run(ctx, input: { id: number; comment: string | undefined }) {
    const core = await ctx.core();
    const { reopenTask } = await import('../../core/tasks.js');
    return written(core, [reopenTask(core, input.id, input.comment)]);
  },
  warnings: (view) => view.outcomes.flatMap((o) => o.warnings),
  renderers: async () => (await view()).reopenedRenderers,
});

const recordedDayReason = {
  reason: {
    kind: 'text',
    value: 'text',
    description: 'why, when the task holds time of a day whose report was recorded (R23)',
  },
} as const;

export const deleteCommand = defineModule({
  definition: defineCommand({
    name: 'delete',
    takesTaskIds: true,
    summary: 'hide a task; it stays in the database with its history (R0, R36)',
    arguments: [
      {
        name: 'ids',
        kind: 'many',
        description: 'task id (several: 12 13, 12,13 or 12-15 - deleted together or not at all)',
      },
    ],
    // --reason reaches the gate through the App (R23), not through the input.
    options: recordedDayReason,
  }),
  parse: ({ args }) => ({ ids: flag.taskIds(args.ids) }),
  async run(ctx, input: { ids: number[] }): Promise<TaskOutcome[]> {
    const core = await ctx.core();
    const { deleteTask } = await import('../../core/tasks.js');
    const { changeEachTask } = await import('../../core/batch.js');
    return changeEachTask(core, input.ids, (id) => deleteTask(core, id), { childrenFirst: true });
  },
  warnings: (outcomes) => outcomes.flatMap((o) => o.warnings),
  renderers: async () => (await view()).deletedRenderers,
});

export const restoreCommand = defineModule({
  definition: defineCommand({
    name: 'restore',
    takesTaskIds: true,
    summary: 'bring a deleted task back, as it was (task list --deleted shows them)',
    arguments: [{ name: 'ids', kind: 'many', description: 'task id (several: 12 13, 12,13 or 12-15)' }],
    options: recordedDayReason,
  }),
  parse: ({ args }) => ({ ids: flag.taskIds(args.ids) }),
  async run(ctx, input: { ids: number[] }) {
    const core = await ctx.core();
    const { restoreTask } = await import('../../core/tasks.js');
    const { changeEachTask } = await import('../../core/batch.js');
    return written(
      core,
      changeEachTask(core, input.ids, (id) => restoreTask(core, id)),
    );
  },
  warnings: (view) => view.outcomes.flatMap((o) => o.warnings),
  renderers: async () => (await view()).restoredRenderers,
});

export const COMMANDS = [
  defineGroup({
    name: 'stec',
    summary: stecCommand.definition.summary,
    default: stecCommand,
    commands: [stecListCommand, stecPullCommand],
  }),
  generalCommand,
  copyCommand,
  continueCommand,
  reopenCommand,
  deleteCommand,
  restoreCommand,
];
