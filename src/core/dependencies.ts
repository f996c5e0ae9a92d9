import type { CoreContext } from './context.js';
import { UsageError } from './errors.js';
import { historyRow } from './history.js';
import { isOpen } from './status.js';
import type { Store, TaskVisibility } from './store.js';
import { requireTask } from './task-lookup.js';
import type { NewHistoryEntry, Task } from './types.js';

/**
 * Taskwarrior's `depends`: a task waits for others to be done first. Imported from Taskwarrior, set with
 * `--depends ID` or `depends:ID`; shown by `task show` both ways (depends on / blocks). Not a regulation:
 * starting a task whose dependencies are still open is allowed, with a warning.
 */

export interface DependencyChanges {
  addDepends?: readonly number[];
  removeDepends?: readonly number[];
}

/** Adds and removes dependencies of task `id`; one history row with the ids before and after (R36). */
export function changeDependencies(
  ctx: CoreContext,
  id: number,
  changes: DependencyChanges,
): NewHistoryEntry[] {
  if (!changes.addDepends?.length && !changes.removeDepends?.length) return [];
  const { store, actor, now } = ctx;
  const before = dependencyIds(store, id);
  for (const other of changes.removeDepends ?? []) {
    if (!before.includes(other))
      throw new UsageError(
        `task ${id} does not depend on task ${other}; its dependencies: ${before.join(', ') || 'none'}`,
      );
    store.removeLink(id, other, 'depends');
  }
  for (const other of changes.addDepends ?? []) {
    checkMayDependOn(store, id, other);
    store.addLink(id, other, 'depends');
  }
  const after = dependencyIds(store, id);
  const text = (ids: number[]) => ids.join(',') || null;
  return text(before) === text(after)
    ? []
    : [historyRow(id, actor.id, now, 'depends', text(before), text(after))];
}

function checkMayDependOn(store: Store, id: number, other: number): void {
  if (other === id) throw new UsageError(`task ${id} cannot depend on itself`);
  requireTask(store, other);
  const path = dependencyPath(store, other, id);
  if (path)
    throw new UsageError(
      `task ${id} cannot depend on task ${other}: task ${path.join(' depends on task ')} - that would be a circle`,
    );
}

/** The chain of dependencies leading from `from` to `to` (`[from, ..., to]`), if there is one. */
export function dependencyPath(store: Store, from: number, to: number): number[] | null {
  const cameFrom = new Map<number, number>([[from, from]]);
  const queue = [from];
  while (queue.length) {
    const current = queue.shift()!;
    if (current === to) {
      const path = [current];
      while (path[0] !== from) path.unshift(cameFrom.get(path[0]!)!);
      return path;
    }
    for (const { otherId } of store.linksOf(current)) {
      if (!cameFrom.has(otherId)) {
        cameFrom.set(otherId, current);
        queue.push(otherId);
      }
    }
  }
  return null;
}

function dependencyIds(store: Store, id: number): number[] {
  return store.linksOf(id).map((l) => l.otherId);
}

/**
 * For lists: what each shown task depends on (deleted prerequisites left out, as in show) and, of those,
 * what is still open - the tasks it waits for (+BLOCKED). One read of the links of the shown tasks only.
 */
export function prerequisitesByTask(
  store: Store,
  taskIds: readonly number[],
  visibleTo?: TaskVisibility,
): { dependsOn: Map<number, number[]>; waitingFor: Map<number, number[]> } {
  const dependsOn = new Map<number, number[]>();
  const waitingFor = new Map<number, number[]>();
  const push = (map: Map<number, number[]>, key: number, value: number) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  const links = store.read(() => store.dependencyLinks(taskIds));
  // R4: a prerequisite the reader may not see is left out (its id would tell that it exists).
  const visible = visibleTo
    ? new Set(
        store
          .read(() =>
            store.findTaskSummaries({
              ids: [...new Set(links.map((l) => l.otherId))],
              includeDeleted: true,
              visibleTo,
            }),
          )
          .map((t) => t.id),
      )
    : undefined;
  for (const link of links) {
    if (visible && !visible.has(link.otherId)) continue;
    push(dependsOn, link.taskId, link.otherId);
    if (link.otherOpen) push(waitingFor, link.taskId, link.otherId);
  }
  return { dependsOn, waitingFor };
}

/** What the task waits for, and what waits for it. Deleted tasks are left out of both. */
export function dependenciesOf(store: Store, id: number): { dependsOn: Task[]; blocks: Task[] } {
  const tasks = (ids: number[]) =>
    ids
      .map((other) => store.getTask(other))
      .filter((t): t is Task => t !== undefined && t.deletedAt === null);
  return {
    dependsOn: tasks(dependencyIds(store, id)),
    blocks: tasks(store.linksTo(id).map((l) => l.taskId)),
  };
}

/** R26: the task(s) a Control task controls - what it waits for, or else the task it sits under. */
export function controlledBy(store: Store, control: Pick<Task, 'id' | 'parentId'>): Task[] {
  const waited = dependenciesOf(store, control.id).dependsOn;
  if (waited.length) return waited;
  const parent = control.parentId !== null ? store.getTask(control.parentId) : undefined;
  return parent && parent.kind !== 'general' ? [parent] : [];
}

/** A warning when the task still waits for open work (on start). */
export function openDependenciesWarning(store: Store, task: Task): string | null {
  const open = dependenciesOf(store, task.id).dependsOn.filter((t) => isOpen(t.status));
  if (!open.length) return null;
  const list = open.map((t) => `${t.id} ${t.title}`).join('; ');
  return `task ${task.id} depends on open task${open.length > 1 ? 's' : ''} ${list} (when that is no longer so: task edit ${task.id} --remove-depends ${open[0]!.id})`;
}
