import type { Command } from 'commander';
import type { App } from '../app.js';
import * as flag from '../flags.js';
import { UsageError } from '../../core/errors.js';
import { contextFiling, filedNote, printTaskOutcome, printTaskOutcomes } from './tasks.js';

/** STEC backlog (R12-R14), compound tasks (R15-R18), copies (R17), continuation (R24), revival (R36). */
export function registerWorkflowCommands(program: Command, app: App): void {
  const stec = program
    .command('stec')
    .description(
      'STEC backlog (R12-R14): "task stec TITLE" adds, "task stec" or "task stec list" lists, "task stec pull ID" plans',
    )
    .argument('[title...]', 'a task neither urgent nor important')
    .option('--description <text>', 'action plan or link (R7)')
    .option('--tag <tag>', 'tag (repeatable)', flag.collect)
    .option('--everyone', "list everyone's backlog, not only yours")
    .action(
      async (
        words: string[],
        options: { description?: string; tag?: string[]; everyone?: boolean },
        command: Command,
      ) => {
        if (words.length > 0) {
          const ctx = await app.context(command);
          const { addStecTask } = await import('../../core/stec.js');
          const outcome = addStecTask(ctx, words.join(' '), {
            description: options.description,
            tags: options.tag,
          });
          await printTaskOutcome(
            app,
            command,
            outcome,
            `Added to STEC: task ${outcome.task.id} ${outcome.task.title}`,
          );
          return;
        }
        await printStecBacklog(app, command, options.everyone);
      },
    );

  // A title is free words, so "task stec list" would otherwise add "STEC: list" (R12).
  stec
    .command('list')
    .description("the STEC backlog, oldest first, with each item's age in days (R13)")
    .option('--everyone', "list everyone's backlog, not only yours")
    .action(async (options: { everyone?: boolean }, command: Command) => {
      await printStecBacklog(app, command, options.everyone);
    });

  stec
    .command('pull')
    .description('R14: move a STEC task into the plan: project prefix, real deadline, planned time')
    .argument('<id>', 'task id')
    .option('--project <name>', 'project (required unless the task has one)')
    .option('--deadline <date>', 'the real deadline (required)')
    .option('--plan <duration>', 'planned time (required)')
    .option('--priority <level>', 'high, medium or low (default medium)')
    .action(
      async (
        id: string,
        options: { project?: string; deadline?: string; plan?: string; priority?: string },
        command: Command,
      ) => {
        const ctx = await app.context(command);
        const { pullStecTask } = await import('../../core/stec.js');
        const outcome = pullStecTask(ctx, flag.taskId(id), {
          project: options.project,
          deadline: options.deadline !== undefined ? flag.deadline(options.deadline, ctx.now) : undefined,
          plannedMinutes: options.plan !== undefined ? flag.plan(options.plan) : undefined,
          priority: options.priority !== undefined ? flag.priority(options.priority) : undefined,
        });
        await printTaskOutcome(
          app,
          command,
          outcome,
          `Pulled into the plan: task ${outcome.task.id} ${outcome.task.title}`,
        );
      },
    );

  program
    .command('general')
    .description(
      'create a compound task (R15): General:, nested General-2: ...; add steps with task add --parent ID',
    )
    .argument('<title...>', 'title, e.g. "Legal: Conclude the agreement with Client X"')
    .option('--project <name>', 'project')
    .option('--internal-project', 'it stands for an internal project: "General (project):"')
    .option('--parent <id>', 'the compound task it belongs to (makes it General-2, General-3 ...)')
    .option('--plan <duration>', 'planned total, kept in the description and never summed into plans (R16)')
    .option('--deadline <date>', 'deadline')
    .option('--hard', 'the deadline is hard (R10)')
    .option('--description <text>', 'the steps (R7)')
    .option('--priority <level>', 'high, medium or low')
    .option('--tag <tag>', 'tag (repeatable)', flag.collect)
    .option('--responsible <user>', 'who leads it (default: you)')
    .option('--director <user>', 'who set it (default: you)')
    .action(async (words: string[], options: GeneralOptions, command: Command) => {
      const ctx = await app.context(command);
      const { createTask } = await import('../../core/tasks.js');
      const filing = await contextFiling(ctx.config);
      const outcome = createTask(ctx, {
        title: words.join(' '),
        kind: 'general',
        internalProject: options.internalProject,
        project: options.project,
        parentId: options.parent !== undefined ? flag.taskId(options.parent, '--parent') : undefined,
        plannedMinutes: options.plan !== undefined ? flag.plan(options.plan) : undefined,
        deadline: options.deadline !== undefined ? flag.deadline(options.deadline, ctx.now) : undefined,
        hard: options.hard,
        description: flag.nonEmptyText('--description', options.description),
        priority: options.priority !== undefined ? flag.priority(options.priority) : undefined,
        tags: options.tag,
        responsible: options.responsible,
        director: options.director,
        defaults: filing?.defaults,
      });
      await printTaskOutcome(
        app,
        command,
        outcome,
        `Created compound task ${outcome.task.id}: ${outcome.task.title}${filedNote(filing, outcome)}`,
      );
    });

  program
    .command('copy')
    .alias('duplicate')
    .description('copy a task alone (R17: subtasks only with --with-subtasks)')
    .argument('<id>', 'task id')
    .option('--with-subtasks', 'copy the whole tree of subtasks too')
    .option('--deadline <date>', "the copy's deadline (default: the original's)")
    .action(async (id: string, options: { withSubtasks?: boolean; deadline?: string }, command: Command) => {
      const ctx = await app.context(command);
      const { copyTask } = await import('../../core/compound.js');
      const deadline = options.deadline !== undefined ? flag.deadline(options.deadline, ctx.now) : undefined;
      const outcome = copyTask(ctx, flag.taskId(id), {
        withSubtasks: Boolean(options.withSubtasks),
        deadline,
      });
      const extra = outcome.copied > 1 ? ` with ${outcome.copied - 1} subtask(s)` : '';
      await printTaskOutcome(
        app,
        command,
        outcome,
        `Copied task ${id} to task ${outcome.task.id}${extra}: ${outcome.task.title}`,
      );
    });

  program
    .command('continue')
    .description('R24: unfinished today - move the deadline (<= 7 min spent) or continue as (Part N)')
    .argument('[id]', 'task id')
    .option('--deadline <date>', 'deadline of the continuation (default: the next working day)')
    .option('--force', 'override: move a hard deadline (R10)')
    .option('--reason <text>', 'why a hard deadline moves')
    .action(
      async (
        id: string | undefined,
        options: { deadline?: string; force?: boolean; reason?: string },
        command: Command,
      ) => {
        // Timewarrior's `continue` restarts the last timer; here that is `resume`.
        if (id === undefined)
          throw new UsageError(
            'task continue ID carries unfinished work to another day (R24); to start the paused timer again: task resume',
          );
        const ctx = await app.context(command);
        const { continueTask } = await import('../../core/continuation.js');
        const outcome = continueTask(ctx, flag.taskId(id), {
          deadline: options.deadline !== undefined ? flag.deadline(options.deadline, ctx.now) : undefined,
          force: options.force,
          reason: options.reason,
        });
        const { deadlineText } = await import('../../format/text.js');
        const line =
          outcome.mode === 'new_part'
            ? `Task ${outcome.previous.id} completed; continued as task ${outcome.task.id}: ${outcome.task.title} (due ${deadlineText(outcome.task, ctx.now)})`
            : `Only ${Math.round(outcome.spentSeconds / 60)} min spent: task ${outcome.task.id} moved to ${deadlineText(outcome.task, ctx.now)}`;
        await printTaskOutcome(app, command, outcome, line);
      },
    );

  program
    .command('reopen')
    .description('revive a closed task with a comment saying why (R36)')
    .argument('<id>', 'task id')
    .option('--comment <text>', 'why it is revived (required)')
    .action(async (id: string, options: { comment?: string }, command: Command) => {
      const ctx = await app.context(command);
      const { reopenTask } = await import('../../core/tasks.js');
      const outcome = reopenTask(ctx, flag.taskId(id), options.comment);
      await printTaskOutcome(
        app,
        command,
        outcome,
        `Reopened task ${outcome.task.id}: ${outcome.task.title}`,
      );
    });

  program
    .command('delete')
    .description('hide a task; it stays in the database with its history (R0, R36)')
    .argument('<ids...>', 'task id (several: 12 13, 12,13 or 12-15 - deleted together or not at all)')
    .option('--reason <text>', 'why, when the task holds time of a day whose report was recorded (R23)')
    .action(async (idWords: string[], _options: object, command: Command) => {
      const ctx = await app.context(command);
      const { deleteTask } = await import('../../core/tasks.js');
      const { changeEachTask } = await import('../../core/batch.js');
      const ids = flag.taskIds(idWords);
      const outcomes = changeEachTask(ctx, ids, (id) => deleteTask(ctx, id), { childrenFirst: true });
      for (const outcome of outcomes) app.warn(outcome.warnings);
      if (app.json(command)) {
        const shapes = outcomes.map((o) => ({ id: o.task.id, deleted: true }));
        app.printJson(ids.length === 1 ? shapes[0] : shapes);
        return;
      }
      for (const { task } of outcomes)
        app.print(`Deleted task ${task.id} (bring it back with: task restore ${task.id}).`);
    });

  program
    .command('restore')
    .description('bring a deleted task back, as it was (task list --deleted shows them)')
    .argument('<ids...>', 'task id (several: 12 13, 12,13 or 12-15)')
    .option('--reason <text>', 'why, when the task holds time of a day whose report was recorded (R23)')
    .action(async (idWords: string[], _options: object, command: Command) => {
      const ctx = await app.context(command);
      const { restoreTask } = await import('../../core/tasks.js');
      const { changeEachTask } = await import('../../core/batch.js');
      const outcomes = changeEachTask(ctx, flag.taskIds(idWords), (id) => restoreTask(ctx, id));
      await printTaskOutcomes(
        app,
        command,
        outcomes,
        ({ task }) => `Restored task ${task.id}: ${task.title}`,
      );
    });
}

interface GeneralOptions {
  project?: string;
  internalProject?: boolean;
  parent?: string;
  plan?: string;
  deadline?: string;
  hard?: boolean;
  description?: string;
  priority?: string;
  tag?: string[];
  responsible?: string;
  director?: string;
}

/** R13: the backlog, oldest first, with each item's age in calendar days. */
async function printStecBacklog(app: App, command: Command, everyone: boolean | undefined): Promise<void> {
  const ctx = await app.context(command);
  const { stecBacklog } = await import('../../core/stec.js');
  const items = stecBacklog(ctx, { everyone });
  if (app.json(command)) {
    const { taskJson } = await import('../../format/json.js');
    app.printJson(items.map((i) => ({ ...taskJson(i.task, 0), ageDays: i.ageDays })));
    return;
  }
  const { terminalSafe } = await import('../../format/safe-text.js');
  if (items.length === 0) return app.print('The STEC backlog is empty.');
  app.print(
    'STEC backlog, oldest first (pull one with: task stec pull ID --project P --deadline D --plan 30m)',
  );
  for (const { task, ageDays } of items)
    app.print(terminalSafe(`${String(task.id).padStart(5)}  ${`${ageDays}d`.padStart(5)}  ${task.title}`));
}
