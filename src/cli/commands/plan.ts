import { NotFoundError, UsageError } from '../../core/errors.js';
import { localDayKey } from '../../core/local-time.js';
import type { PlanChanged, PlanView } from '../../format/plan-view.js';
import { REPORT_FORMATS } from '../../format/report-common.js';
import { defineCommand, defineGroup, defineModule } from '../command-module.js';
import * as flag from '../flags.js';

/** R34: the daily plan. */

const view = () => import('../../format/plan-view.js');

const dayArgument = { name: 'date', kind: 'optional', description: 'the day (default today)' } as const;

/** The day a plan command names (DATE or --date), or today. */
const dayOf = (word: string | undefined, now: Date, what: string) =>
  word !== undefined ? flag.deadline(word, now, what).at : now;

export interface PlanInput {
  readonly day: Date;
  readonly format: (typeof REPORT_FORMATS)[number] | undefined;
  readonly users: string[] | undefined;
  readonly team: boolean;
}

export const planCommand = defineModule({
  definition: defineCommand({
    name: 'plan',
    summary: "the day's plan (R34): tasks due or put into the day, planned time against the working day",
    arguments: [dayArgument],
    options: {
      format: {
        kind: 'choice',
        value: 'format',
        description: 'table (terminal), md, csv, json or html',
        choices: REPORT_FORMATS,
      },
      user: {
        kind: 'list',
        value: 'user',
        description: "this person's plan (R4: people who report to you); repeatable with --team",
      },
      team: {
        kind: 'switch',
        description: 'the plans of everyone who reports to you (or of the --user people): the morning review',
      },
    },
  }),
  parse: ({ args, options }, now): PlanInput => ({
    day: dayOf(args.date, now, 'DATE'),
    format: options.format,
    users: options.user,
    // Several people's plans are a team's.
    team: Boolean(options.team) || (options.user?.length ?? 0) > 1,
  }),
  async run(ctx, input): Promise<PlanView> {
    const core = await ctx.core();
    const plans = await import('../../core/plan.js');
    const { format } = input;
    if (input.team)
      return {
        kind: 'team',
        plans: plans.teamPlans(core, input.day, input.users),
        manager: core.actor.name,
        day: localDayKey(input.day),
        format,
        now: core.now,
      };
    return { kind: 'one', plan: plans.dayPlan(core, input.day, input.users?.[0]), format, now: core.now };
  },
  renderers: async () => (await view()).planRenderers,
});

export const fixPlanCommand = defineModule({
  definition: defineCommand({
    name: 'fix',
    summary: "on a terminal: tick the tasks of the day's plan and give the planned times missing (R20, R34)",
    arguments: [dayArgument],
    options: {},
  }),
  parse: ({ args }, now) => ({ day: dayOf(args.date, now, 'DATE') }),
  async run(ctx, input: { day: Date }, ask): Promise<PlanView> {
    const core = await ctx.core();
    if (!ask.interactive)
      throw new UsageError(
        'task plan fix asks on a terminal; without one: task plan add ID, task plan remove ID, task edit ID --plan 30m',
      );
    const plans = await import('../../core/plan.js');
    const candidates = plans.planCandidates(core, input.day);
    if (candidates.length === 0)
      throw new NotFoundError(
        'you have no open task to plan; add one: task add "Project: what to do" --plan 30m',
      );
    const choices = await ask.fixPlan(localDayKey(input.day), candidates);
    const answered = await ctx.coreNow();
    const plan = plans.fixPlan(answered, input.day, choices);
    return { kind: 'one', plan, format: 'table', now: answered.now };
  },
  renderers: async () => (await view()).planRenderers,
});

export interface PlanChangeInput {
  readonly ids: number[];
  readonly day: Date;
}

/** `task plan add` puts tasks into a day's plan, `task plan remove` takes them out (R34). */
function planChangeCommand(verb: 'add' | 'remove', summary: string) {
  return defineModule({
    definition: defineCommand({
      name: verb,
      summary,
      arguments: [{ name: 'ids', kind: 'many', description: 'task id (several: 12 13, 12,13 or 12-15)' }],
      options: { date: { kind: 'text', value: 'date', description: 'the day (default today)' } },
    }),
    parse: ({ args, options }, now): PlanChangeInput => {
      const day = dayOf(options.date, now, '--date');
      return { day, ids: flag.taskIds(args.ids) };
    },
    async run(ctx, input): Promise<PlanChanged> {
      const core = await ctx.core();
      const { addToPlan, removeFromPlan } = await import('../../core/plan.js');
      const { changeEachTask } = await import('../../core/batch.js');
      const change = verb === 'add' ? addToPlan : removeFromPlan;
      const tasks = changeEachTask(core, input.ids, (id) => change(core, id, input.day));
      return { taskIds: tasks.map((task) => task.id), day: localDayKey(input.day), inPlan: verb === 'add' };
    },
    renderers: async () => (await view()).planChangedRenderers,
  });
}

export const planAddCommand = planChangeCommand('add', "put a task into a day's plan");
export const planRemoveCommand = planChangeCommand('remove', "take a task out of a day's plan");

export const COMMANDS = [
  defineGroup({
    name: 'plan',
    summary: planCommand.definition.summary,
    default: planCommand,
    commands: [fixPlanCommand, planAddCommand, planRemoveCommand],
  }),
];
