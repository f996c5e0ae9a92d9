import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import type { TemplateInput } from '../../core/templates.js';
import type { TemplateRecord } from '../../core/store.js';
import type { App } from '../app.js';
import * as flag from '../flags.js';

interface TemplateOptions {
  every?: string;
  plan?: string;
  project?: string;
  tag?: string[];
  priority?: string;
  management?: boolean;
  review?: boolean;
  deadlineOffset?: string;
  description?: string;
  responsible?: string;
  start?: string;
  title?: string;
}

function templateInput(options: TemplateOptions, now: Date): TemplateInput {
  const input: TemplateInput = {};
  if (options.title !== undefined) input.title = options.title;
  if (options.every !== undefined) input.every = options.every;
  if (options.plan !== undefined) input.plannedMinutes = flag.plan(options.plan);
  if (options.project !== undefined) input.project = options.project;
  if (options.tag !== undefined) input.tags = options.tag;
  if (options.priority !== undefined) input.priority = flag.priority(options.priority);
  if (options.deadlineOffset !== undefined) {
    if (!/^\d{1,3}$/.test(options.deadlineOffset))
      throw new UsageError(
        `--deadline-offset: "${options.deadlineOffset}" is not a number of days (0 = the same day)`,
      );
    input.deadlineOffsetDays = Number(options.deadlineOffset);
  }
  if (options.description !== undefined) input.description = options.description;
  if (options.responsible !== undefined) input.responsible = options.responsible;
  if (options.management !== undefined) input.management = options.management;
  if (options.review !== undefined) input.review = options.review;
  if (options.start !== undefined) input.start = flag.deadline(options.start, now, '--start').at;
  return input;
}

function withTemplateOptions(command: Command): Command {
  return command
    .option('--every <schedule>', 'day, weekday, mon,wed, month:15, 3d, 2w')
    .option('--plan <duration>', 'planned time of each task')
    .option('--project <name>', 'project')
    .option('--tag <tag>', 'tag (repeatable)', flag.collect)
    .option('--priority <level>', 'high, medium or low')
    .option('--deadline-offset <days>', 'deadline this many days after the day the task is made (default 0)')
    .option('--description <text>', 'action plan or link (R7)')
    .option('--responsible <user>', 'who does the tasks (default: you)')
    .option('--start <date>', 'first day it may make a task (default today)')
    .option('--management', 'its tasks are management tasks: they close with findings (R33)')
    .option('--no-management', 'its tasks are ordinary ones')
    .option(
      '--review',
      'its tasks are reviews of reports or compound tasks: findings and a GENERAL CONCLUSION (R33)',
    )
    .option('--no-review', 'its tasks are not reviews');
}

function templateJson(t: TemplateRecord) {
  return {
    id: t.id,
    title: t.title,
    project: t.project,
    tags: t.tags,
    priority: t.priority,
    plannedMinutes: t.plannedMinutes,
    description: t.description,
    every: t.schedule,
    deadlineOffsetDays: t.deadlineOffsetDays,
    start: t.startDay,
    responsible: t.responsible,
    paused: t.paused,
    management: t.management,
    review: t.review,
  };
}

/** R19: recurring tasks from templates. */
export function registerTemplateCommands(program: Command, app: App): void {
  const template = program
    .command('template')
    .description('recurring tasks from templates with a schedule (R19)');

  withTemplateOptions(
    template
      .command('add')
      .description('describe a periodic task once')
      .argument('<title...>', 'title, "<Project>: <what to do>"'),
  ).action(async (words: string[], options: TemplateOptions, command: Command) => {
    const ctx = await app.context(command);
    const { addTemplate } = await import('../../core/templates.js');
    const added = addTemplate(ctx, { ...templateInput(options, ctx.now), title: words.join(' ') });
    if (app.json(command)) return app.printJson(templateJson(added));
    const { terminalSafe } = await import('../../format/safe-text.js');
    app.print(
      terminalSafe(
        `Template ${added.id}: ${added.title} (every ${added.schedule}). Make its tasks with: task template run`,
      ),
    );
  });

  template
    .command('list')
    .description('templates grouped by project and tag')
    .action(async (_options: object, command: Command) => {
      const ctx = await app.context(command);
      const { templateGroups } = await import('../../core/templates.js');
      const groups = templateGroups(ctx);
      if (app.json(command)) {
        app.printJson(
          groups.map((g) => ({ project: g.project, tag: g.tag, templates: g.templates.map(templateJson) })),
        );
        return;
      }
      const { terminalSafe } = await import('../../format/safe-text.js');
      const { formatMinutes } = await import('../../core/duration.js');
      if (groups.length === 0)
        return app.print('No templates. Add one with: task template add TITLE --every weekday');
      for (const group of groups) {
        app.print(terminalSafe(`${group.project ?? '(no project)'}${group.tag ? ` / ${group.tag}` : ''}`));
        for (const t of group.templates) {
          const plan = t.plannedMinutes ? formatMinutes(t.plannedMinutes) : '-';
          app.print(
            terminalSafe(
              `  ${String(t.id).padStart(4)}  every ${t.schedule.padEnd(12)} ${plan.padStart(6)}  ${t.title}${t.paused ? '  (paused)' : ''}  [${t.responsible}]`,
            ),
          );
        }
      }
    });

  withTemplateOptions(
    template
      .command('edit')
      .description('change a template')
      .argument('<id>', 'template id')
      .option('--title <title>', 'new title'),
  ).action(async (id: string, options: TemplateOptions, command: Command) => {
    const ctx = await app.context(command);
    const { editTemplate } = await import('../../core/templates.js');
    const edited = editTemplate(ctx, flag.taskId(id, 'ID'), templateInput(options, ctx.now));
    if (app.json(command)) return app.printJson(templateJson(edited));
    const { terminalSafe } = await import('../../format/safe-text.js');
    app.print(terminalSafe(`Template ${edited.id}: ${edited.title} (every ${edited.schedule}).`));
  });

  for (const [verb, paused] of [
    ['pause', true],
    ['resume', false],
  ] as const) {
    template
      .command(verb)
      .description(paused ? 'stop making tasks from a template' : 'make tasks from a paused template again')
      .argument('<id>', 'template id')
      .action(async (id: string, _options: object, command: Command) => {
        const ctx = await app.context(command);
        const { pauseTemplate } = await import('../../core/templates.js');
        const changed = pauseTemplate(ctx, flag.taskId(id, 'ID'), paused);
        if (app.json(command)) app.printJson(templateJson(changed));
        else app.print(`Template ${changed.id} ${paused ? 'paused' : 'resumed'}.`);
      });
  }

  template
    .command('delete')
    .description('delete a template (tasks it made stay)')
    .argument('<id>', 'template id')
    .action(async (id: string, _options: object, command: Command) => {
      const ctx = await app.context(command);
      const { deleteTemplate } = await import('../../core/templates.js');
      const deleted = deleteTemplate(ctx, flag.taskId(id, 'ID'));
      if (app.json(command)) app.printJson({ id: deleted.id, deleted: true });
      else app.print(`Template ${deleted.id} deleted.`);
    });

  template
    .command('run')
    .description(
      'make the tasks every template owes up to a day (idempotent: safe in cron, twice, or in parallel)',
    )
    .option('--until <date>', 'last day (default today)')
    .action(async (options: { until?: string }, command: Command) => {
      const ctx = await app.context(command);
      const { runTemplates } = await import('../../core/templates.js');
      const run = runTemplates(ctx, {
        until: options.until !== undefined ? flag.deadline(options.until, ctx.now, '--until').at : undefined,
      });
      if (app.json(command)) {
        app.printJson({
          created: run.created.map((c) => ({
            templateId: c.templateId,
            day: c.day,
            taskId: c.task.id,
            title: c.task.title,
          })),
        });
        return;
      }
      const { terminalSafe } = await import('../../format/safe-text.js');
      if (run.created.length === 0) app.print('Nothing to make: every template is up to date.');
      for (const c of run.created)
        app.print(terminalSafe(`${c.day}  task ${c.task.id} ${c.task.title} (template ${c.templateId})`));
    });
}
