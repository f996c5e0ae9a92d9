import { UsageError } from '../../core/errors.js';
import type { TemplateRecord } from '../../core/store.js';
import type { TemplateGroup, TemplateInput, TemplateRun } from '../../core/templates.js';
import { defineCommand, defineGroup, defineModule, type RawInput } from '../command-module.js';
import * as flag from '../flags.js';

/** R19: recurring tasks from templates with a schedule. */

/** The fields of a template, shared by `template add` and `template edit`. */
const TEMPLATE_OPTIONS = {
  every: { kind: 'text', value: 'schedule', description: 'day, weekday, mon,wed, month:15, 3d, 2w' },
  plan: { kind: 'text', value: 'duration', description: 'planned time of each task' },
  project: { kind: 'text', value: 'name', description: 'project' },
  tag: { kind: 'list', value: 'tag', description: 'tag (repeatable)' },
  priority: { kind: 'text', value: 'level', description: 'high, medium or low' },
  deadlineOffset: {
    kind: 'text',
    value: 'days',
    description: 'deadline this many days after the day the task is made (default 0)',
  },
  description: { kind: 'text', value: 'text', description: 'action plan or link (R7)' },
  responsible: { kind: 'text', value: 'user', description: 'who does the tasks (default: you)' },
  start: { kind: 'text', value: 'date', description: 'first day it may make a task (default today)' },
  management: {
    kind: 'toggle',
    description: 'its tasks are management tasks: they close with findings (R33)',
    offDescription: 'its tasks are ordinary ones',
  },
  review: {
    kind: 'toggle',
    description:
      'its tasks are reviews of reports or compound tasks: findings and a GENERAL CONCLUSION (R33)',
    offDescription: 'its tasks are not reviews',
  },
} as const;

type TemplateOptions = RawInput<{
  name: 'template';
  summary: '';
  arguments: [];
  options: typeof TEMPLATE_OPTIONS;
}>['options'];

/** The fields given, checked; a field not given stays as it is. */
export function templateInput(options: TemplateOptions, now: Date): TemplateInput {
  const input: TemplateInput = {};
  if (options.every !== undefined) input.every = options.every;
  if (options.plan !== undefined) input.plannedMinutes = flag.plan(options.plan);
  if (options.project !== undefined) input.project = options.project;
  if (options.tag !== undefined) input.tags = options.tag;
  if (options.priority !== undefined) input.priority = flag.priority(options.priority);
  if (options.deadlineOffset !== undefined) input.deadlineOffsetDays = offsetDays(options.deadlineOffset);
  if (options.description !== undefined) input.description = options.description;
  if (options.responsible !== undefined) input.responsible = options.responsible;
  if (options.management !== undefined) input.management = options.management;
  if (options.review !== undefined) input.review = options.review;
  if (options.start !== undefined) input.start = flag.deadline(options.start, now, '--start').at;
  return input;
}

function offsetDays(text: string): number {
  if (!/^\d{1,3}$/.test(text))
    throw new UsageError(`--deadline-offset: "${text}" is not a number of days (0 = the same day)`);
  return Number(text);
}

const templates = () => import('../../core/templates.js');
const views = () => import('../../format/template-view.js');

export const addTemplateCommand = defineModule({
  definition: defineCommand({
    name: 'add',
    summary: 'describe a periodic task once',
    arguments: [{ name: 'title', kind: 'many', description: 'title, "<Project>: <what to do>"' }],
    options: TEMPLATE_OPTIONS,
  }),
  parse: ({ args, options }, now): TemplateInput => ({
    ...templateInput(options, now),
    title: args.title.join(' '),
  }),
  async run(ctx, input: TemplateInput): Promise<TemplateRecord> {
    return (await templates()).addTemplate(await ctx.core(), input);
  },
  renderers: async () => (await views()).templateAddedRenderers,
});

export const listTemplatesCommand = defineModule({
  definition: defineCommand({
    name: 'list',
    summary: 'templates grouped by project and tag',
    arguments: [],
    options: {},
  }),
  parse: () => ({}),
  async run(ctx): Promise<readonly TemplateGroup[]> {
    return (await templates()).templateGroups(await ctx.core());
  },
  renderers: async () => (await views()).templateListRenderers,
});

export interface EditTemplateInput {
  readonly id: number;
  readonly fields: TemplateInput;
}

export const editTemplateCommand = defineModule({
  definition: defineCommand({
    name: 'edit',
    summary: 'change a template',
    arguments: [{ name: 'id', kind: 'one', description: 'template id' }],
    options: { title: { kind: 'text', value: 'title', description: 'new title' }, ...TEMPLATE_OPTIONS },
  }),
  parse: ({ args, options }, now): EditTemplateInput => {
    const fields = templateInput(options, now);
    return {
      id: flag.taskId(args.id, 'ID'),
      fields: options.title === undefined ? fields : { title: options.title, ...fields },
    };
  },
  async run(ctx, input: EditTemplateInput): Promise<TemplateRecord> {
    return (await templates()).editTemplate(await ctx.core(), input.id, input.fields);
  },
  renderers: async () => (await views()).templateEditedRenderers,
});

const ID_ARGUMENT = [{ name: 'id', kind: 'one', description: 'template id' }] as const;

function pauseCommand(verb: 'pause' | 'resume', paused: boolean) {
  return defineModule({
    definition: defineCommand({
      name: verb,
      summary: paused ? 'stop making tasks from a template' : 'make tasks from a paused template again',
      arguments: ID_ARGUMENT,
      options: {},
    }),
    parse: ({ args }) => ({ id: flag.taskId(args.id, 'ID') }),
    async run(ctx, input: { id: number }): Promise<TemplateRecord> {
      return (await templates()).pauseTemplate(await ctx.core(), input.id, paused);
    },
    renderers: async () => (await views()).templatePausedRenderers,
  });
}

export const pauseTemplateCommand = pauseCommand('pause', true);
export const resumeTemplateCommand = pauseCommand('resume', false);

export const deleteTemplateCommand = defineModule({
  definition: defineCommand({
    name: 'delete',
    summary: 'delete a template (tasks it made stay)',
    arguments: ID_ARGUMENT,
    options: {},
  }),
  parse: ({ args }) => ({ id: flag.taskId(args.id, 'ID') }),
  async run(ctx, input: { id: number }): Promise<TemplateRecord> {
    return (await templates()).deleteTemplate(await ctx.core(), input.id);
  },
  renderers: async () => (await views()).templateDeletedRenderers,
});

export const runTemplatesCommand = defineModule({
  definition: defineCommand({
    name: 'run',
    summary:
      'make the tasks every template owes up to a day (idempotent: safe in cron, twice, or in parallel)',
    arguments: [],
    options: { until: { kind: 'text', value: 'date', description: 'last day (default today)' } },
  }),
  parse: ({ options }, now) => ({
    until: options.until !== undefined ? flag.deadline(options.until, now, '--until').at : undefined,
  }),
  async run(ctx, input: { until: Date | undefined }): Promise<TemplateRun> {
    return (await templates()).runTemplates(await ctx.core(), input);
  },
  renderers: async () => (await views()).templateRunRenderers,
});

export const COMMANDS = [
  defineGroup({
    name: 'template',
    summary: 'recurring tasks from templates with a schedule (R19)',
    commands: [
      addTemplateCommand,
      listTemplatesCommand,
      editTemplateCommand,
      pauseTemplateCommand,
      resumeTemplateCommand,
      deleteTemplateCommand,
      runTemplatesCommand,
    ],
  }),
];
