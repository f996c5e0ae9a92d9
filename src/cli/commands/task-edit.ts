import type { CoreContext } from '../../core/context.js';
import { RegulaError, UsageError } from '../../core/errors.js';
import type { TaskChanges } from '../../core/tasks.js';
import type { CommentedView, TasksWritten, UndoneView } from '../../format/task-outcomes.js';
import { type Ask, type CommandContext, defineCommand, defineModule } from '../command-module.js';
import * as flag from '../flags.js';
import { type AddWordOptions, splitAddWords } from '../taskwarrior-words.js';
import { type EditOptions, editChanges } from '../task-changes.js';

/** `task edit` (modify), `append`, `prepend`, `comment` (annotate), `undo`: changing tasks. */

export interface EditInput {
  readonly ids: number[];
  readonly changes: TaskChanges;
}

const ID_DESCRIPTION = 'task id (several: 12,13 or 12-15 - changed together or not at all)';

export const editCommand = defineModule({
  definition: defineCommand({
    name: 'edit',
    aliases: ['modify'],
    takesTaskIds: true,
    minusTag: { option: 'untag' },
    summary:
      'change a task; every change is kept in its history (R36); with nothing to change, on a terminal, it opens your editor',
    arguments: [
      { name: 'id', kind: 'one', description: ID_DESCRIPTION },
      {
        name: 'words',
        kind: 'optionalMany',
        description:
          "Taskwarrior's modify words: due:fri pri:H plan:1h project:Ops +tag; other words are the new title",
      },
    ],
    options: {
      title: {
        kind: 'text',
        value: 'title',
        description: 'new title (a "Project: " prefix also changes the project)',
      },
      project: {
        kind: 'text',
        value: 'name',
        description: 'move to this project (the title prefix follows)',
      },
      deadline: { kind: 'text', value: 'date', description: 'new deadline ("none" removes it)' },
      hard: { kind: 'switch', description: 'make the deadline hard (R10)' },
      soft: {
        kind: 'switch',
        description: 'make the deadline soft (needs --force --reason when it was hard)',
      },
      force: { kind: 'switch', description: 'override: move a hard deadline (R10)' },
      reason: { kind: 'text', value: 'text', description: 'why a hard deadline moves (kept in history)' },
      plan: { kind: 'text', value: 'duration', description: 'planned time ("none" removes it)' },
      priority: { kind: 'text', value: 'level', description: 'high, medium or low' },
      description: { kind: 'text', value: 'text', description: 'action plan or link (R7)' },
      accept: {
        kind: 'toggle',
        description: 'switch accept-after-completion on (R27)',
        offDescription: 'switch accept-after-completion off',
      },
      management: {
        kind: 'toggle',
        description: 'mark it a management task: closes with findings (R33)',
        offDescription: 'unmark it as a management task (and as a review)',
      },
      review: {
        kind: 'toggle',
        description:
          'mark it a review of reports or compound tasks: closes with findings and a GENERAL CONCLUSION (R33)',
        offDescription: 'unmark it as a review (it stays a management task)',
      },
      verbatim: {
        kind: 'switch',
        description: 'the new title is all text: a colon in it is not read as a project (R6)',
      },
      tracking: { kind: 'text', value: 'on|off', description: 'time tracking on or off (R8)' },
      director: { kind: 'text', value: 'user', description: 'new director' },
      responsible: { kind: 'text', value: 'user', description: 'hand the task to this person' },
      parent: { kind: 'text', value: 'id', description: 'new parent task ("none" detaches it)' },
      tag: { kind: 'list', value: 'tag', description: 'add a tag (repeatable)' },
      untag: { kind: 'list', value: 'tag', description: 'remove a tag (repeatable)' },
      observer: { kind: 'list', value: 'user', description: 'add an observer (repeatable; R3 warns)' },
      removeObserver: { kind: 'list', value: 'user', description: 'remove an observer (repeatable)' },
      depends: {
        kind: 'list',
        value: 'id',
        description: 'add a task this one waits for (repeatable, or 12,13)',
      },
      removeDepends: {
        kind: 'list',
        value: 'id',
        description: 'this task no longer waits for that one (repeatable)',
      },
      crm: {
        kind: 'rawList',
        value: 'link',
        description: 'add a CRM link lead:12, contact:, company:, deal: (repeatable) (R9)',
      },
      removeCrm: { kind: 'rawList', value: 'link', description: 'remove a CRM link (repeatable)' },
    },
  }),
  parse: ({ args, options: flags }, now): EditInput => {
    const given: EditOptions & AddWordOptions = { ...flags };
    const split = splitAddWords(args.words, given, { alwaysSplit: true });
    if (split.options.scheduled !== undefined)
      throw new UsageError(
        `scheduled: put the task into a day's plan with: task plan add ${args.id} --date ${split.options.scheduled}`,
      );
    if (split.title.length && flags.title !== undefined)
      throw new UsageError('give the new title once: as words or as --title');
    const options = { ...split.options, ...(split.title.length ? { title: split.title.join(' ') } : {}) };
    const changes = editChanges(options, now);
    return { ids: flag.taskIds([args.id]), changes };
  },
  async run(ctx, input, ask): Promise<TasksWritten<EditOutcome>> {
    const core = await ctx.core();
    const { force: _force, reason: _reason, ...fieldChanges } = input.changes;
    if (Object.keys(fieldChanges).length > 0) return changeTasks(core, input.ids, input.changes);
    if (!ask.interactive)
      throw new UsageError(
        'nothing to change; pass at least one option, e.g. --deadline tomorrow (see task edit --help); on a terminal, task edit ID alone opens your editor',
      );
    if (input.ids.length > 1)
      throw new UsageError(
        'the editor changes one task at a time; for several, pass the changes: task 12,13 modify due:fri',
      );
    return editInEditor(ctx, core, input.ids[0]!, input.changes, ask);
  },
  warnings: (view) => view.outcomes.flatMap((o) => o.warnings),
  renderers: async () => (await import('../../format/task-outcomes.js')).updatedRenderers,
});

type EditOutcome = ReturnType<typeof import('../../core/tasks.js').editTask>;

/** Applies the same changes to each task, all in one transaction. */
async function changeTasks(
  ctx: CoreContext,
  ids: readonly number[],
  changes: TaskChanges,
): Promise<TasksWritten<EditOutcome>> {
  const { editTask } = await import('../../core/tasks.js');
  const { changeEachTask } = await import('../../core/batch.js');
  const { tasksAsTheyStand } = await import('../../core/command-reads.js');
  const outcomes = changeEachTask(ctx, [...ids], (id) => editTask(ctx, id, changes));
  return {
    outcomes,
    current: tasksAsTheyStand(
      ctx,
      outcomes.map((o) => o.task.id),
    ),
  };
}

/**
 * Taskwarrior's `task 12 edit`: the task as a form in the person's editor; what they change is the edit.
 * When the edit is refused (a date that does not read, R10 on a hard deadline), what they typed is kept
 * in a file the message names - nothing typed is lost (R0).
 */
async function editInEditor(
  ctx: CommandContext,
  core: CoreContext,
  id: number,
  changes: TaskChanges,
  ask: Ask,
): Promise<TasksWritten<EditOutcome>> {
  const { editTask } = await import('../../core/tasks.js');
  const { taskToEdit, tasksAsTheyStand } = await import('../../core/command-reads.js');
  const form = await import('../prompts/edit-form.js');
  const { task, dependsOn } = taskToEdit(core, id);
  const before = form.editableFields(task, dependsOn);
  const text = await ask.editText(form.renderEditForm(id, before));
  const keepOnFailure = <T>(work: () => T): T => {
    try {
      return work();
    } catch (error) {
      if (error instanceof RegulaError)
        error.message += ` (your edited form is kept in ${form.keepEditedForm(id, text)})`;
      throw error;
    }
  };
  const edited = () => keepOnFailure(() => form.formChanges(before, form.parseEditForm(text), core.now));
  const now = await ctx.coreNow();
  const outcome = keepOnFailure(() => editTask(now, id, { ...changes, ...edited() }));
  return { outcomes: [outcome], current: tasksAsTheyStand(now, [id]) };
}

const appendOrPrepend = (name: 'append' | 'prepend', where: string, key: 'appendText' | 'prependText') =>
  defineModule({
    definition: defineCommand({
      name,
      takesTaskIds: true,
      summary: `add words at the ${where} of a task's title (Taskwarrior's ${name}); its project and marker stay`,
      arguments: [
        { name: 'id', kind: 'one', description: ID_DESCRIPTION },
        {
          name: 'words',
          kind: 'many',
          description: `the words to ${name}; modify words (due:fri pri:H +tag) change the task too`,
        },
      ],
      options: {},
    }),
    parse: ({ args }, now): EditInput => {
      const split = splitAddWords(args.words, {}, { alwaysSplit: true });
      const text = split.title.join(' ').trim();
      if (text === '') throw new UsageError(`nothing to ${name}: task ${name} ${args.id} WORDS`);
      return { ids: flag.taskIds([args.id]), changes: { ...editChanges(split.options, now), [key]: text } };
    },
    run: async (ctx, input): Promise<TasksWritten<EditOutcome>> =>
      changeTasks(await ctx.core(), input.ids, input.changes),
    warnings: (view) => view.outcomes.flatMap((o) => o.warnings),
    renderers: async () => (await import('../../format/task-outcomes.js')).updatedRenderers,
  });

export const appendCommand = appendOrPrepend('append', 'end', 'appendText');
export const prependCommand = appendOrPrepend('prepend', 'start', 'prependText');

export const commentCommand = defineModule({
  definition: defineCommand({
    name: 'comment',
    aliases: ['annotate'],
    takesTaskIds: true,
    summary: 'add a comment to a task',
    arguments: [
      { name: 'id', kind: 'one', description: 'task id (several: 12,13 or 12-15)' },
      { name: 'text', kind: 'many', description: 'the comment' },
    ],
    options: {},
  }),
  parse: ({ args }) => ({ ids: flag.taskIds([args.id]), body: args.text.join(' ') }),
  async run(ctx, input): Promise<CommentedView> {
    const core = await ctx.core();
    const { addComment } = await import('../../core/tasks.js');
    const { changeEachTask } = await import('../../core/batch.js');
    const added = changeEachTask(core, input.ids, (id) => addComment(core, id, input.body));
    return { added, body: input.body.trim() };
  },
  renderers: async () => (await import('../../format/task-outcomes.js')).commentedRenderers,
});

export const undoCommand = defineModule({
  definition: defineCommand({
    name: 'undo',
    summary:
      'change back your last change - an edit of tasks or a correction of your time (the undo is itself in the history, R36; undo again redoes it)',
    arguments: [],
    options: {
      force: { kind: 'switch', description: 'override: the undo moves a hard deadline (R10)' },
      reason: {
        kind: 'text',
        value: 'text',
        description:
          'why: a hard deadline moves back (R10), a correction in a closed day is taken back (R23)',
      },
    },
  }),
  parse: ({ options }) => ({ force: options.force, reason: options.reason }),
  async run(ctx, input): Promise<UndoneView> {
    const core = await ctx.core();
    const { undoLast } = await import('../../core/undo.js');
    const result = undoLast(core, input);
    if (result.kind === 'time') {
      const { entrySeconds } = await import('../../core/time-entries.js');
      const seconds = result.corrections.map((c) => entrySeconds(c.entry, core.now));
      return { kind: 'time', corrections: result.corrections, seconds };
    }
    const { tasksAsTheyStand } = await import('../../core/command-reads.js');
    const ids = result.outcomes.map((o) => o.task.id);
    return { kind: 'task', outcomes: result.outcomes, current: tasksAsTheyStand(core, ids) };
  },
  warnings: (view) => (view.kind === 'task' ? view.outcomes.flatMap((o) => o.warnings) : []),
  renderers: async () => (await import('../../format/task-outcomes.js')).undoneRenderers,
});
