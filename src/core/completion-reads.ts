import type { CoreContext } from './context.js';
import { visibleTo } from './rules/visibility.js';
import { OPEN_STATUSES } from './status.js';
import type { Task, TimeEntry } from './types.js';

/**
 * What shell completion offers (`task __complete`; issue 19: the command line asks core, not the store).
 * R4: projects and tags are the names on tasks the person may see, not everyone's.
 */

export function visibleProjectNames(ctx: CoreContext): string[] {
  return ctx.store.read(() => ctx.store.projectNames(visibleTo(ctx)));
}

export function visibleTagNames(ctx: CoreContext): string[] {
  return ctx.store.read(() => ctx.store.tagNames(visibleTo(ctx)));
}

/** Everyone's name (the people a task can be given to). */
export function userNames(ctx: CoreContext): string[] {
  return ctx.store.read(() => ctx.store.listUsers().map((user) => user.name));
}

/** How many of the person's open tasks `task start <TAB>` offers at most. */
const OPEN_TASKS_OFFERED = 200;

/** The person's open tasks: the ids completion offers where a command takes one. */
export function openTasksOf(ctx: CoreContext): Task[] {
  return ctx.store.read(() =>
    ctx.store.findTasks({ responsibleId: ctx.actor.id, statuses: OPEN_STATUSES, limit: OPEN_TASKS_OFFERED }),
  );
}

/** How far back `task time edit <TAB>` looks for the person's entries. */
const RECENT_ENTRY_DAYS = 14;

/** The person's time entries of the last two weeks, newest first. */
export function recentEntriesOf(ctx: CoreContext): TimeEntry[] {
  const since = new Date(ctx.now.getTime() - RECENT_ENTRY_DAYS * 86_400_000);
  return ctx.store
    .read(() => ctx.store.entriesOfUserBetween(ctx.actor.id, since, ctx.now))
    .sort((a, b) => b.startAt.getTime() - a.startAt.getTime());
}
