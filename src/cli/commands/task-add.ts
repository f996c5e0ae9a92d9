import { UsageError } from '../../core/errors.js';
import type { NewTaskInput } from '../../core/tasks.js';
import type { CreatedView, LoggedView } from '../../format/task-outcomes.js';
import { contextFiling } from '../active-context.js';
import { defineCommand, defineModule } from '../command-module.js';
import * as flag from '../flags.js';
import { type AddWordOptions, splitAddWords } from '../taskwarrior-words.js';

/** `task add` and `task log`: a new task, or work already done entered in one go. */

/** What `task add` was given: the form to fill in (on a terminal), or the fields. */
export type AddInput =
  | {
      readonly kind: 'form';
      readonly title: string;
      /** -i was given (not just a missing title): the refusal off a terminal says so. */
      readonly formAsked: boolean;
      /** What the form does not ask, taken from the flags. */
      readonly extras: Pick<NewTaskInput, 'description' | 'acceptRequired' | 'management' | 'review'>;
    }
  | { readonly kind: 'fields'; readonly task: NewTaskInput };

/** Why `task add` shows no form here, and how to add the task without one. */
function noFormMessage(formAsked: boolean, json: boolean): string {
  const withFlags = 'task add "Project: what to do" --deadline fri --plan 30m (see task add --help)';
  if (json) return `task add shows no form with --json; give the fields as words and flags: ${withFlags}`;
  if (formAsked)
    return `the task add -i form needs a terminal (run it in one); here, give the fields as words and flags: ${withFlags}`;
  return `the title is missing: ${withFlags}; on a terminal, task add alone shows a form`;
}

export const addCommand = defineModule({
  definition: defineCommand({
    name: 'add',
    summary: 'create a task (R5: only the title is required)',
    arguments: [
      {
        name: 'title',
        kind: 'optionalMany',
        description:
          'title, "<Project>: <what to do>" (R6); Taskwarrior words (project:Sales due:fri +tag pri:H plan:30m) set those fields; without a title a terminal shows a form',
      },
    ],
    options: {
      interactive: {
        kind: 'switch',
        short: 'i',
        description: 'fill in the task in a form (project picker, plan, deadline, priority, tags)',
      },
      project: {
        kind: 'text',
        value: 'name',
        description: 'project (added as the title prefix when missing)',
      },
      deadline: {
        kind: 'text',
        value: 'date',
        description: 'deadline: today, tomorrow, +3d, fri, 2026-12-01, "2026-12-01 14:00"',
      },
      hard: { kind: 'switch', description: 'the deadline is hard: moving it needs --force --reason (R10)' },
      plan: { kind: 'text', value: 'duration', description: 'planned time: 25m, 1h, 1h30m, 1:30 (R8)' },
      priority: { kind: 'text', value: 'level', description: 'high, medium (default) or low (R11)' },
      tag: { kind: 'list', value: 'tag', description: 'tag (repeatable, or comma-separated) (R9)' },
      parent: { kind: 'text', value: 'id', description: 'parent task (subtask of a compound task, R15)' },
      director: { kind: 'text', value: 'user', description: 'who set the task (default: you) (R1)' },
      responsible: { kind: 'text', value: 'user', description: 'who does it (default: you) (R1)' },
      observer: { kind: 'list', value: 'user', description: 'observer (repeatable; R3 warns)' },
      depends: { kind: 'list', value: 'id', description: 'a task this one waits for (repeatable, or 12,13)' },
      scheduled: {
        kind: 'text',
        value: 'date',
        description: "put it into the responsible's plan of that day (R34)",
      },
      coexecutor: {
        kind: 'list',
        value: 'user',
        description: 'co-executor (refused unless the config allows, R2)',
      },
      description: {
        kind: 'text',
        value: 'text',
        description: 'action plan or link to the instruction (R7)',
      },
      accept: {
        kind: 'switch',
        description: 'accept work after completion: done goes to the director for control (R27)',
      },
      management: {
        kind: 'switch',
        description: 'a management task (reviewing plans and reports, control): closes with findings (R33)',
      },
      review: {
        kind: 'switch',
        description:
          'a review of reports or compound tasks (a management task): closes with findings and a GENERAL CONCLUSION (R33)',
      },
      verbatim: {
        kind: 'switch',
        description:
          'the whole title is the text: a colon in it is not read as a project (R6; or write it \\:)',
      },
      crm: {
        kind: 'rawList',
        value: 'link',
        description: 'CRM link lead:12, contact:, company:, deal: (repeatable) (R9)',
      },
    },
  }),
  parse: ({ args, options: flags }, now): AddInput => {
    const { title: words, options } = splitAddWords(args.title, { ...flags });
    const extras = {
      description: options.description,
      acceptRequired: options.accept,
      management: options.management,
      review: options.review,
    };
    if (options.interactive || words.length === 0)
      return { kind: 'form', title: words.join(' '), formAsked: Boolean(options.interactive), extras };
    return {
      kind: 'fields',
      task: {
        title: words.join(' '),
        verbatim: options.verbatim,
        project: options.project,
        deadline: options.deadline !== undefined ? flag.deadline(options.deadline, now) : undefined,
        hard: options.hard,
        plannedMinutes: options.plan !== undefined ? flag.plan(options.plan) : undefined,
        priority: options.priority !== undefined ? flag.priority(options.priority) : undefined,
        tags: options.tag,
        parentId: options.parent !== undefined ? flag.taskId(options.parent, '--parent') : undefined,
        director: options.director,
        responsible: options.responsible,
        observers: options.observer,
        depends: options.depends !== undefined ? flag.taskIds(options.depends, '--depends') : undefined,
        planDay:
          options.scheduled !== undefined
            ? flag.deadline(options.scheduled, now, '--scheduled').at
            : undefined,
        coExecutors: options.coexecutor,
        ...extras,
        description: flag.nonEmptyText('--description', options.description),
        crm: options.crm?.map(flag.crmLink),
      },
    };
  },
  async run(ctx, input, ask): Promise<CreatedView> {
    const core = await ctx.core();
    const { createTask } = await import('../../core/tasks.js');
    const { tasksAsTheyStand, newTaskChoices } = await import('../../core/command-reads.js');
    const filing = contextFiling(core.config);
    if (input.kind === 'fields') {
      const outcome = createTask(core, { ...input.task, defaults: filing?.defaults });
      return { outcomes: [outcome], current: tasksAsTheyStand(core, [outcome.task.id]), filing };
    }
    if (!ask.interactive) throw new UsageError(noFormMessage(input.formAsked, ctx.json));
    // The form shows the context's defaults as its own; what the person leaves is what they chose.
    const answers = await ask.newTask({
      title: input.title,
      ...newTaskChoices(core),
      now: core.now,
      filing: filing?.defaults,
    });
    const outcome = createTask(core, { ...answers, ...input.extras });
    return { outcomes: [outcome], current: tasksAsTheyStand(core, [outcome.task.id]), filing: null };
  },
  warnings: (view) => view.outcomes.flatMap((o) => o.warnings),
  renderers: async () => (await import('../../format/task-outcomes.js')).createdRenderers,
});

export interface LogInput {
  readonly task: NewTaskInput;
  readonly minutes: number;
  readonly at: Date | undefined;
  readonly comment: string | undefined;
  readonly reason: string | undefined;
  readonly result: { result: string | undefined; proposal: string | undefined; links: string[] | undefined };
}

export const logCommand = defineModule({
  definition: defineCommand({
    name: 'log',
    summary: 'enter work already done in one go: the task, its time by hand (R22) and its result (R31)',
    arguments: [
      {
        name: 'title',
        kind: 'many',
        description:
          'title, "<Project>: <what was done>" (R6); Taskwarrior words (project:Sales +tag) work as in add',
      },
    ],
    options: {
      spent: { kind: 'text', value: 'duration', required: true, description: 'how long it took: 10m, 1h30m' },
      result: { kind: 'text', value: 'text', description: 'what was obtained (R31; required)' },
      at: {
        kind: 'text',
        value: 'time',
        description: 'when it started: 10:00, "yesterday 15:00" (default: it ended now)',
      },
      comment: {
        kind: 'text',
        value: 'text',
        description: 'what the time was spent on (R22; default: done before the task was entered)',
      },
      reason: {
        kind: 'text',
        value: 'text',
        description: 'why it is entered after its day ended or its report was recorded (R23)',
      },
      project: {
        kind: 'text',
        value: 'name',
        description: 'project (added as the title prefix when missing)',
      },
      priority: { kind: 'text', value: 'level', description: 'high, medium (default) or low (R11)' },
      tag: { kind: 'list', value: 'tag', description: 'tag (repeatable, or comma-separated) (R9)' },
      director: { kind: 'text', value: 'user', description: 'who asked for it (default: you) (R1)' },
      crm: {
        kind: 'rawList',
        value: 'link',
        description: 'CRM link lead:12, contact:, company:, deal: (repeatable) (R9)',
      },
      proposal: {
        kind: 'text',
        value: 'text',
        description: 'for a problem met: how and when it will be solved (R31)',
      },
      link: {
        kind: 'rawList',
        value: 'url',
        description: 'link to a document the result mentions (repeatable) (R32)',
      },
    },
  }),
  parse: ({ args, options: flags }, now): LogInput => {
    // Taskwarrior's words set fields the flags of log do not have (due:, plan:) or refuse (depends:).
    const given: AddWordOptions & typeof flags = { ...flags };
    const { title, options } = splitAddWords(args.title, given);
    if (title.length === 0)
      throw new UsageError(
        'the title is missing: task log "Project: what was done" --spent 10m --result "..."',
      );
    if (options.depends !== undefined)
      throw new UsageError(
        'depends: task log enters finished work; add a dependency to open work with task edit ID --depends ID',
      );
    if (options.scheduled !== undefined)
      throw new UsageError('scheduled: task log enters finished work; it is tracked on its day already');
    return {
      minutes: flag.duration(options.spent, '--spent'),
      task: {
        title: title.join(' '),
        project: options.project,
        priority: options.priority !== undefined ? flag.priority(options.priority) : undefined,
        tags: options.tag,
        director: options.director,
        crm: options.crm?.map(flag.crmLink),
        deadline: options.deadline !== undefined ? flag.deadline(options.deadline, now) : undefined,
        plannedMinutes: options.plan !== undefined ? flag.plan(options.plan) : undefined,
      },
      at: options.at !== undefined ? flag.timeOfDay(options.at, now, '--at') : undefined,
      comment: options.comment,
      reason: options.reason,
      result: { result: options.result, proposal: options.proposal, links: options.link },
    };
  },
  async run(ctx, input, ask): Promise<LoggedView> {
    const filing = contextFiling((await ctx.core()).config);
    // R31 as in done: a terminal asks for the result; a script gets the refusal naming --result.
    const result =
      input.result.result === undefined && ask.interactive
        ? {
            ...input.result,
            result: await ask.text('Result - what was obtained (decision, link to the document):'),
          }
        : input.result;
    const core = await ctx.coreNow();
    const { logDoneWork } = await import('../../core/logged-work.js');
    const { tasksAsTheyStand } = await import('../../core/command-reads.js');
    const outcome = logDoneWork(core, {
      ...input,
      task: { ...input.task, defaults: filing?.defaults },
      result,
    });
    return {
      outcomes: [outcome],
      current: tasksAsTheyStand(core, [outcome.task.id]),
      filing,
      minutes: input.minutes,
    };
  },
  warnings: (view) => view.outcomes.flatMap((o) => o.warnings),
  renderers: async () => (await import('../../format/task-outcomes.js')).loggedRenderers,
});
