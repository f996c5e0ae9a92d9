import type { Command } from 'commander';
import type { Config } from '../core/config.js';
import type { NewTaskDefaults } from '../core/tasks.js';
import type { App } from './app.js';

/**
 * What the command files not yet converted to command modules (issue 19) still print with: a line per
 * task written, or the tasks as JSON. A converted command returns its outcomes and renders them with
 * `src/format/task-outcomes.ts`; this file goes when the last `register*` function does.
 */

/** Prints what a write did: the task as JSON, or a line plus warnings on stderr. */
export async function printTaskOutcome(
  app: App,
  command: Command,
  outcome: { task: { id: number }; warnings: string[] },
  line: string,
): Promise<void> {
  await printTaskOutcomes(app, command, [outcome], () => line);
}

/**
 * Prints what a write did to one task or several (`task 12 13 done`): a line each plus the warnings on
 * stderr, or the tasks as JSON - one object for one task, an array for several.
 */
export async function printTaskOutcomes<T extends { task: { id: number }; warnings: string[] }>(
  app: App,
  command: Command,
  outcomes: readonly T[],
  lineOf: (outcome: T) => string,
): Promise<void> {
  for (const outcome of outcomes) app.warn(outcome.warnings);
  if (app.json(command)) {
    const { tasksAsTheyStand } = await import('../core/command-reads.js');
    const { taskJson } = await import('../format/json.js');
    const ctx = await app.context(command);
    const shapes = tasksAsTheyStand(
      ctx,
      outcomes.map((outcome) => outcome.task.id),
    ).map(({ task, spentSeconds }) => taskJson(task, spentSeconds));
    app.printJson(shapes.length === 1 ? shapes[0] : shapes);
    return;
  }
  const { terminalSafe } = await import('../format/safe-text.js');
  for (const outcome of outcomes) app.print(terminalSafe(lineOf(outcome)));
}

/** The context set and what it files new tasks under, or null without one (see active-context.ts). */
export async function contextFiling(
  config: Config,
): Promise<{ name: string; defaults: NewTaskDefaults } | null> {
  const filing = await import('./active-context.js');
  return filing.contextFiling(config);
}

export { filedNote } from '../format/task-outcomes.js';
