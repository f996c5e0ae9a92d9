import type { CoreContext } from './context.js';
import { dependenciesOf } from './dependencies.js';
import { NotFoundError } from './errors.js';
import { requireUser } from './identity.js';
import { visibleTo } from './rules/visibility.js';
import { OPEN_STATUSES } from './status.js';
import { requireAnyTask, requireTask } from './task-lookup.js';
import { spentSecondsOf, type TaskWithSpent } from './time-entries.js';
import type { NameSummary } from './store.js';
import type { Task } from './types.js';

/**
 * What the command line reads before or after a command (issue 19: the CLI asks core, not the store):
 * the choices of the forms and pickers, tasks as they stand after a write (a list read page by page is
 * `list-read.ts`).
 */

/** The projects and tags the person may see: the choices of the `add -i` form. */
export function newTaskChoices(ctx: CoreContext): { projects: string[]; tags: string[] } {
  const { store } = ctx;
  return store.read(() => ({
    projects: store.projectNames(visibleTo(ctx)),
    tags: store.tagNames(visibleTo(ctx)),
  }));
}

/** `task done` with no id: the person's open tasks (not those awaiting control), the running one first. */
export function tasksToClose(ctx: CoreContext): Task[] {
  const { store, actor } = ctx;
  const { open, running } = store.read(() => ({
    open: store.findTasks({
      responsibleId: actor.id,
      statuses: OPEN_STATUSES.filter((s) => s !== 'awaiting_control'),
    }),
    running: store.runningEntryOf(actor.id)?.taskId,
  }));
  if (open.length === 0) throw new NotFoundError('you have no open task to close');
  return [...open.filter((t) => t.id === running), ...open.filter((t) => t.id !== running)];
}

/** A task the editor form shows, with the ids of the tasks it waits for. */
export function taskToEdit(ctx: CoreContext, id: number): { task: Task; dependsOn: number[] } {
  const { store } = ctx;
  return store.read(() => ({
    task: requireTask(store, id),
    dependsOn: dependenciesOf(store, id).dependsOn.map((t) => t.id),
  }));
}

/** These tasks as they stand now (after a write), with their time spent. */
export function tasksAsTheyStand(ctx: CoreContext, ids: readonly number[]): TaskWithSpent[] {
  const { store } = ctx;
  return store.read(() =>
    ids.map((id) => {
      const task = requireAnyTask(store, id);
      return { task, spentSeconds: spentSecondsOf(ctx, task) };
    }),
  );
}

/** A person's id by name (a list filter's --user, --director). */
export function userIdByName(ctx: CoreContext, name: string): number {
  return ctx.store.read(() => requireUser(ctx.store, name).id);
}

/**
 * `task projects` / `task tags`: every project or tag with its open and total tasks and tracked time,
 * counted over the tasks the person may see (R4); a name on none of them is left out.
 */
export function nameSummaries(ctx: CoreContext, of: 'projects' | 'tags'): NameSummary[] {
  const { store } = ctx;
  return store.read(() =>
    of === 'projects' ? store.projectSummaries(visibleTo(ctx)) : store.tagSummaries(visibleTo(ctx)),
  );
}
