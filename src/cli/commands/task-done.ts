import type { CoreContext } from '../../core/context.js';
import type { DateInput } from '../../core/dates.js';
import { UsageError } from '../../core/errors.js';
import type { CloseInput } from '../../core/tasks.js';
import type { DoneView } from '../../format/task-outcomes.js';
import { type Ask, defineCommand, defineModule } from '../command-module.js';
import * as flag from '../flags.js';

/** `task done`: close tasks with their mandatory result (R31-R33). */

export interface DoneInput {
  /** None given: a terminal offers the person's open tasks. */
  readonly ids: number[] | undefined;
  readonly parts: CloseInput;
  /** R19: a periodic task without a template - copied with this deadline first. */
  readonly next: DateInput | undefined;
}

export const doneCommand = defineModule({
  definition: defineCommand({
    name: 'done',
    takesTaskIds: true,
    summary: 'close a task with its mandatory result (R31)',
    arguments: [
      {
        name: 'ids',
        kind: 'optionalMany',
        description:
          'task id (several: 12 13, 12,13 or 12-15 - closed together or not at all); on a terminal, none: pick one',
      },
    ],
    options: {
      result: {
        kind: 'text',
        value: 'text',
        description: 'what was obtained: the decision, a link to the document produced (R31)',
      },
      proposal: {
        kind: 'text',
        value: 'text',
        description: 'for a problem met: how and when it will be solved, how to prevent it (R31)',
      },
      abstract: { kind: 'text', value: 'link', description: 'link to a summary of material studied (R32)' },
      link: {
        kind: 'rawList',
        value: 'url',
        description: 'link to a document the result mentions (repeatable) (R32)',
      },
      explanation: { kind: 'text', value: 'text', description: 'why the time spent is what it is (R32)' },
      conclusion: {
        kind: 'text',
        value: 'text',
        description: 'findings of a management task: achievements, shortcomings, trends (R33)',
      },
      generalConclusion: {
        kind: 'text',
        value: 'text',
        description: 'the GENERAL CONCLUSION of a review of reports or compound tasks (R33)',
      },
      next: {
        kind: 'text',
        value: 'date',
        description: 'R19: a periodic task without a template - copy it with this deadline first',
      },
    },
  }),
  parse: ({ args, options }, now): DoneInput => ({
    ids: args.ids.length ? flag.taskIds(args.ids) : undefined,
    parts: {
      result: options.result,
      proposal: options.proposal,
      abstract: options.abstract,
      links: options.link,
      explanation: options.explanation,
      conclusion: options.conclusion,
      generalConclusion: options.generalConclusion,
    },
    next: options.next !== undefined ? flag.deadline(options.next, now, '--next') : undefined,
  }),
  async run(ctx, input, ask): Promise<DoneView> {
    let core = await ctx.core();
    const ids = input.ids ?? [await taskToClose(core, ask)];
    const inputs = new Map<number, CloseInput>();
    // Asked before the write: a person thinking over a result must not hold the database's lock.
    for (const id of ids)
      inputs.set(
        id,
        ask.interactive ? await askMissingParts(core, id, input.parts, ask, ids.length > 1) : input.parts,
      );
    core = await ctx.coreNow();
    const { changeEachTask } = await import('../../core/batch.js');
    const { next } = input;
    if (next !== undefined) {
      const { completeWithNextOccurrence } = await import('../../core/templates.js');
      const { spentSecondsOf } = await import('../../core/time-entries.js');
      const closed = changeEachTask(core, ids, (id) =>
        completeWithNextOccurrence(core, id, inputs.get(id)!, next),
      );
      const outcomes = closed.map((o) => ({ ...o, spentSeconds: spentSecondsOf(core, o.task) }));
      return { kind: 'next', outcomes, now: core.now };
    }
    const { completeTask } = await import('../../core/tasks.js');
    const { tasksAsTheyStand } = await import('../../core/command-reads.js');
    const outcomes = changeEachTask(core, ids, (id) => completeTask(core, id, inputs.get(id)!), {
      childrenFirst: true,
    });
    return {
      kind: 'closed',
      outcomes,
      current: tasksAsTheyStand(
        core,
        outcomes.map((o) => o.task.id),
      ),
    };
  },
  warnings: (view) => view.outcomes.flatMap((o) => o.warnings),
  renderers: async () => (await import('../../format/task-outcomes.js')).doneRenderers,
});

/** `task done` with no id: on a terminal, your open tasks to pick from, the running one first. */
async function taskToClose(ctx: CoreContext, ask: Ask): Promise<number> {
  if (!ask.interactive)
    throw new UsageError('missing the task id: task done ID (the number task list shows)');
  const { tasksToClose } = await import('../../core/command-reads.js');
  return ask.pickTask('Close which task? (type to narrow)', tasksToClose(ctx));
}

/** In a terminal, the mandatory parts of a result that were not passed are asked for (R31-R33). */
async function askMissingParts(
  ctx: CoreContext,
  id: number,
  given: CloseInput,
  ask: Ask,
  nameTheTask: boolean,
): Promise<CloseInput> {
  const { resultRequirements } = await import('../../core/tasks.js');
  const needs = resultRequirements(ctx, id);
  const which = nameTheTask ? `Task ${id} - ` : '';
  const parts = { ...given };
  parts.result ??= await ask.text(`${which}Result - what was obtained (decision, link to the document):`);
  if (needs.explanation)
    parts.explanation ??= await ask.text(`${which}Explanation - the time spent is far above the plan; why?`);
  if (needs.conclusion)
    parts.conclusion ??= await ask.text(
      `${which}Findings - achievements, shortcomings, trends ("no remarks" when all is well):`,
    );
  if (needs.generalConclusion) parts.generalConclusion ??= await ask.text(`${which}GENERAL CONCLUSION:`);
  return parts;
}
