import type { CoreContext } from '../context.js';
import { visibleTo } from '../rules/visibility.js';
import type { EntryRow } from '../time-corrections.js';
import { entrySeconds, type TaskWithSpent, withSpent } from '../time-entries.js';

/** The rows of `task export --format csv|md|html` (issue 19: the command line asks core, not the store). */

/** Every task the actor may see (R4; deleted ones left out), oldest first, with its tracked time. */
export function exportTaskRows(ctx: CoreContext): TaskWithSpent[] {
  return ctx.store.read(() =>
    withSpent(ctx, ctx.store.findTasks({ order: 'created', visibleTo: visibleTo(ctx) })),
  );
}

/** A time entry with its task and the name of whose time it is. */
export type ExportedEntry = EntryRow & { user: string };

/** Every time entry the actor may see (R4: their own and their people's, on tasks they may see), with its task and person. */
export function exportEntryRows(ctx: CoreContext): ExportedEntry[] {
  return ctx.store.read(() => {
    const visible = visibleTo(ctx);
    const users = new Map(ctx.store.listUsers().map((u) => [u.id, u.name]));
    const tasks = new Map(
      ctx.store.findTasks({ includeDeleted: true, visibleTo: visible }).map((t) => [t.id, t]),
    );
    return ctx.store.allEntries(visible).map((entry) => ({
      entry,
      task: tasks.get(entry.taskId)!,
      seconds: entrySeconds(entry, ctx.now),
      user: users.get(entry.userId) ?? '',
    }));
  });
}
