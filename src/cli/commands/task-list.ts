import { TASK_STATUSES } from '../../core/status.js';
import type { ShownTasks, TaskHistoryView, TaskListView } from '../../format/task-list-view.js';
import { activeContext } from '../active-context.js';
import { defineCommand, defineModule } from '../command-module.js';
import * as flag from '../flags.js';
import type { ListOptions } from '../list-filter.js';

/** `task list`, `show` and `history`: reading tasks. */

export interface ListInput {
  /** Taskwarrior's filter words (`project:Sales +office`), read with the context's in `run`. */
  readonly terms: readonly string[];
  readonly flags: ListOptions;
}

export const listCommand = defineModule({
  definition: defineCommand({
    name: 'list',
    aliases: ['next'],
    minusTag: 'filter',
    summary: 'your open tasks by deadline (R37 colours: red overdue, blue due today, green new)',
    arguments: [
      {
        name: 'filters',
        kind: 'optionalMany',
        description: "Taskwarrior's filter words: project:Sales +office due:today status:pending priority:H",
      },
    ],
    options: {
      all: { kind: 'switch', description: 'every task of every person, closed ones too' },
      status: {
        kind: 'list',
        value: 'status',
        description: `only these statuses (comma-separated): ${TASK_STATUSES.join(', ')}`,
      },
      user: {
        kind: 'text',
        value: 'user',
        description: "this person's tasks (as responsible) instead of yours",
      },
      director: { kind: 'text', value: 'user', description: 'tasks this person set (as director)' },
      project: { kind: 'text', value: 'name', description: 'tasks of a project' },
      tag: { kind: 'list', value: 'tag', description: 'tasks with this tag (repeatable: all of them)' },
      excludeTag: {
        kind: 'list',
        value: 'tag',
        description: 'leave out tasks with this tag (repeatable; Taskwarrior: -tag)',
      },
      crm: { kind: 'text', value: 'link', description: 'tasks linked to lead:12, contact:, company:, deal:' },
      priority: { kind: 'list', value: 'level', description: 'high, medium or low (comma-separated)' },
      due: {
        kind: 'text',
        value: 'window',
        description: 'deadline today, tomorrow, overdue, week, none, or DATE..DATE',
      },
      stec: { kind: 'switch', description: 'the STEC backlog only (R13)' },
      parent: { kind: 'text', value: 'id', description: 'subtasks of this task' },
      deleted: { kind: 'switch', description: 'deleted tasks (bring one back with: task restore ID)' },
      blocked: { kind: 'switch', description: 'tasks waiting for open tasks they depend on (+BLOCKED)' },
      blocking: { kind: 'switch', description: 'open tasks that others wait for (+BLOCKING)' },
      sort: {
        kind: 'choice',
        value: 'key',
        description: 'order',
        choices: ['deadline', 'priority', 'created', 'newest', 'project'],
        default: 'deadline',
      },
      limit: { kind: 'text', value: 'n', description: 'at most this many tasks' },
      count: {
        kind: 'switch',
        description: 'print only how many tasks match (Taskwarrior: task +OVERDUE count)',
      },
      ids: {
        kind: 'switch',
        description: 'print only the ids, as ranges: 1-3 7 (Taskwarrior: task +urgent ids)',
      },
      oneIdPerLine: {
        kind: 'switch',
        description: 'print only the ids, one per line, for scripts (Taskwarrior: task _ids)',
      },
      plain: {
        kind: 'switch',
        description: 'one task per line, titles whole, no header rule (as when piped): for grep and scripts',
      },
    },
  }),
  parse: ({ args, options }): ListInput => ({ terms: args.filters, flags: { ...options } }),
  async run(ctx, input): Promise<TaskListView> {
    const core = await ctx.core();
    const context = activeContext(core.config);
    const { listCommandFilter } = await import('../list-filter.js');
    const { options, filter } = listCommandFilter(core, context, input.terms, input.flags);
    const { listTaskSummaries } = await import('../../core/views.js');
    if (options.count) return { kind: 'count', count: listTaskSummaries(core, filter).length };
    if (options.ids || options.oneIdPerLine) {
      const ids = listTaskSummaries(core, filter)
        .map((r) => r.task.id)
        .sort((a, b) => a - b);
      return { kind: 'ids', ids, onePerLine: !options.ids };
    }
    const { readTaskList, readTaskTable } = await import('../../core/list-read.js');
    return {
      kind: 'rows',
      readTable: (use) => readTaskTable(core, filter, use),
      readWhole: (use) => readTaskList(core, filter, use),
      viewerId: core.actor.id,
      now: core.now,
      plain: options.plain === true,
      context,
    };
  },
  renderers: async () => (await import('../../format/task-list-view.js')).taskListRenderers,
});

export const showCommand = defineModule({
  definition: defineCommand({
    name: 'show',
    aliases: ['info'],
    summary: 'everything about a task: fields, time, result, subtasks, comments',
    arguments: [{ name: 'ids', kind: 'many', description: 'task id (several: 12 13, 12,13 or 12-15)' }],
    options: {},
  }),
  parse: ({ args }) => ({ ids: flag.taskIds(args.ids) }),
  async run(ctx, input): Promise<ShownTasks> {
    const core = await ctx.core();
    const { taskDetails } = await import('../../core/views.js');
    const details = input.ids.map((id) => taskDetails(core, id));
    return { details, single: input.ids.length === 1, now: core.now };
  },
  renderers: async () => (await import('../../format/task-list-view.js')).shownRenderers,
});

export const historyCommand = defineModule({
  definition: defineCommand({
    name: 'history',
    summary: 'every change of a task: who, when, old and new value (R36)',
    arguments: [{ name: 'id', kind: 'one', description: 'task id' }],
    options: {},
  }),
  parse: ({ args }) => ({ id: flag.taskId(args.id) }),
  async run(ctx, input): Promise<TaskHistoryView> {
    const { taskHistory } = await import('../../core/views.js');
    return taskHistory(await ctx.core(), input.id);
  },
  renderers: async () => (await import('../../format/task-list-view.js')).historyRenderers,
});
