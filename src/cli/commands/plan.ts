import { Option, type Command } from 'commander';
import { NotFoundError, UsageError } from '../../core/errors.js';
import { localDayKey } from '../../core/local-time.js';
import type { App } from '../app.js';
import * as flag from '../flags.js';
import { REPORT_FORMATS, type ReportFormat } from '../../format/report-common.js';

export function formatOption(): Option {
  return new Option('--format <format>', 'table (terminal), md, csv, json or html').choices(
    REPORT_FORMATS as string[],
  );
}

/** The format asked for; --json means json; a terminal gets a table, a pipe Markdown. */
export function chosenFormat(app: App, command: Command, requested: string | undefined): ReportFormat {
  // A subcommand's --format may be taken by its parent command (report merge --format html).
  const format = requested ?? (command.optsWithGlobals() as { format?: string }).format;
  if (format) return format as ReportFormat;
  if (app.json(command)) return 'json';
  return app.stdout.isTTY ? 'table' : 'md';
}

/** R34: the daily plan. */
export function registerPlanCommands(program: Command, app: App): void {
  const plan = program
    .command('plan')
    .description("the day's plan (R34): tasks due or put into the day, planned time against the working day")
    .argument('[date]', 'the day (default today)')
    .addOption(formatOption())
    .option(
      '--user <user>',
      "this person's plan (R4: people who report to you); repeatable with --team",
      flag.collect,
    )
    .option(
      '--team',
      'the plans of everyone who reports to you (or of the --user people): the morning review',
    )
    .action(
      async (
        date: string | undefined,
        options: { format?: string; user?: string[]; team?: boolean },
        command: Command,
      ) => {
        const ctx = await app.context(command);
        const plans = await import('../../core/plan.js');
        const view = await import('../../format/plan-view.js');
        const day = date !== undefined ? flag.deadline(date, ctx.now, 'DATE').at : ctx.now;
        const format = chosenFormat(app, command, options.format);
        const render = { color: app.color(command), now: ctx.now };
        if (options.team || (options.user?.length ?? 0) > 1) {
          app.print(
            view.renderTeamPlans(
              plans.teamPlans(ctx, day, options.user),
              { manager: ctx.actor.name, day: localDayKey(day) },
              format,
              render,
            ),
          );
          return;
        }
        app.print(view.renderPlan(plans.dayPlan(ctx, day, options.user?.[0]), format, render));
      },
    );

  plan
    .command('fix')
    .description(
      "on a terminal: tick the tasks of the day's plan and give the planned times missing (R20, R34)",
    )
    .argument('[date]', 'the day (default today)')
    .action(async (date: string | undefined, _options: object, command: Command) => {
      let ctx = await app.context(command);
      if (!app.interactive(command)) {
        throw new UsageError(
          'task plan fix asks on a terminal; without one: task plan add ID, task plan remove ID, task edit ID --plan 30m',
        );
      }
      const plans = await import('../../core/plan.js');
      const day = date !== undefined ? flag.deadline(date, ctx.now, 'DATE').at : ctx.now;
      const candidates = plans.planCandidates(ctx, day);
      if (candidates.length === 0)
        throw new NotFoundError(
          'you have no open task to plan; add one: task add "Project: what to do" --plan 30m',
        );
      const { askPlan } = await import('../prompts/fix-plan.js');
      const choices = await askPlan(localDayKey(day), candidates);
      ctx = await app.contextNow(command);
      const fixed = plans.fixPlan(ctx, day, choices);
      const view = await import('../../format/plan-view.js');
      app.print(view.renderPlan(fixed, 'table', { color: app.color(command), now: ctx.now }));
    });

  const changes = [
    { verb: 'add', description: "put a task into a day's plan", inPlan: true, said: 'is in' },
    { verb: 'remove', description: "take a task out of a day's plan", inPlan: false, said: 'is out of' },
  ] as const;
  for (const change of changes) {
    plan
      .command(change.verb)
      .description(change.description)
      .argument('<ids...>', 'task id (several: 12 13, 12,13 or 12-15)')
      .option('--date <date>', 'the day (default today)')
      .action(async (idWords: string[], options: { date?: string }, command: Command) => {
        const ctx = await app.context(command);
        const { addToPlan, removeFromPlan } = await import('../../core/plan.js');
        const { changeEachTask } = await import('../../core/batch.js');
        const day = options.date !== undefined ? flag.deadline(options.date, ctx.now, '--date').at : ctx.now;
        const ids = flag.taskIds(idWords);
        const tasks = changeEachTask(ctx, ids, (id) =>
          (change.inPlan ? addToPlan : removeFromPlan)(ctx, id, day),
        );
        if (app.json(command)) {
          const shapes = tasks.map((task) => ({
            taskId: task.id,
            day: localDayKey(day),
            inPlan: change.inPlan,
          }));
          app.printJson(ids.length === 1 ? shapes[0] : shapes);
        } else {
          for (const task of tasks)
            app.print(`Task ${task.id} ${change.said} the plan of ${localDayKey(day)}.`);
        }
      });
  }
}
