import type { CoreContext } from './context.js';
import type { DateInput } from './dates.js';
import { historyRow } from './history.js';
import type { Store } from './store.js';
import { visibleTo } from './rules/visibility.js';
import { requireTask, type TaskOutcome } from './tasks.js';
import type { Task, TaskFields } from './types.js';
import { withSpent, type TaskWithSpent } from './time-entries.js';

/** R18: a compound task seen at once - each subtask with its own subtasks, status, planned and spent. */
export interface TaskTreeNode extends TaskWithSpent {
  children: TaskTreeNode[];
}

const MAX_DEPTH = 20;

export function subtaskTree(ctx: CoreContext, parentId: number, depth = 0): TaskTreeNode[] {
  if (depth >= MAX_DEPTH) return [];
  // R4: the steps the actor may see (a step set by someone else for someone outside their chain is left out).
  const children = withSpent(
    ctx,
    ctx.store.findTasks({ parentId, order: 'created', visibleTo: visibleTo(ctx) }),
  );
  return children.map((child) => ({ ...child, children: subtaskTree(ctx, child.task.id, depth + 1) }));
}

/** Planned and spent over a whole tree (R18); compound tasks plan nothing themselves (R16). */
export function treeTotals(nodes: readonly TaskTreeNode[]): {
  plannedMinutes: number;
  spentSeconds: number;
  open: number;
  done: number;
} {
  const totals = { plannedMinutes: 0, spentSeconds: 0, open: 0, done: 0 };
  const byId = new Map(nodes.map((node) => [node.task.id, node]));
  for (const node of nodes) {
    totals.plannedMinutes += ownPlannedMinutes(node, byId);
    totals.spentSeconds += node.spentSeconds;
    if (node.task.status === 'completed' || node.task.status === 'declined') totals.done += 1;
    else totals.open += 1;
    const below = treeTotals(node.children);
    totals.plannedMinutes += below.plannedMinutes;
    totals.spentSeconds += below.spentSeconds;
    totals.open += below.open;
    totals.done += below.done;
  }
  return totals;
}

/**
 * R24: a continuation (Part N) is planned with what was left of the part before it, which that part's plan
 * already counts; only what its plan adds beyond that remainder is new. Continuations are found among
 * their siblings, where `continue` puts them.
 */
function ownPlannedMinutes(node: TaskTreeNode, siblings: ReadonlyMap<number, TaskTreeNode>): number {
  const planned = node.task.plannedMinutes ?? 0;
  const previous = node.task.previousPartId === null ? undefined : siblings.get(node.task.previousPartId);
  if (!previous || previous.task.plannedMinutes === null) return planned;
  const remainder = Math.max(previous.task.plannedMinutes - Math.floor(previous.spentSeconds / 60), 0);
  return Math.max(planned - remainder, 0);
}

export interface CopyOptions {
  withSubtasks: boolean;
  /** The copy's deadline (default: the original's). */
  deadline?: DateInput;
}

/**
 * R17: copying a task copies it alone; its subtasks only with `withSubtasks` - other tools silently
 * duplicate them. The copy starts fresh: status new, no time, no comments.
 */
export function copyTask(
  ctx: CoreContext,
  id: number,
  options: CopyOptions,
): TaskOutcome & { copied: number; subtasksLeftOut: number } {
  const { store } = ctx;
  return store.write(() => {
    const source = requireTask(store, id);
    const subtasks = store.findTasks({ parentId: id });
    const copy = copyOne(ctx, store, source, source.parentId, options.deadline);
    let copied = 1;
    const controlsLeftOut: number[] = [];
    if (options.withSubtasks) copied += copyChildren(ctx, store, id, copy.id, 1, controlsLeftOut);
    const warnings =
      !options.withSubtasks && subtasks.length > 0
        ? [
            `R17: the ${subtasks.length} subtask(s) of task ${id} were not copied; pass --with-subtasks to copy them too`,
          ]
        : [];
    if (controlsLeftOut.length) {
      warnings.push(
        `R26: the Control task(s) ${controlsLeftOut.join(', ')} were not copied; the director sets control of the copy anew: task control ID "..."`,
      );
    }
    return {
      task: requireTask(store, copy.id),
      warnings,
      copied,
      subtasksLeftOut: options.withSubtasks ? 0 : subtasks.length,
    };
  });
}

function copyChildren(
  ctx: CoreContext,
  store: Store,
  fromParent: number,
  toParent: number,
  depth: number,
  controlsLeftOut: number[],
): number {
  if (depth >= MAX_DEPTH) return 0;
  let copied = 0;
  for (const child of store.findTasks({ parentId: fromParent, order: 'created' })) {
    // R26: a Control task is not copied silently - other tools duplicate it and it must then be deleted.
    if (child.kind === 'control') {
      controlsLeftOut.push(child.id);
      continue;
    }
    const copy = copyOne(ctx, store, child, toParent);
    copied += 1 + copyChildren(ctx, store, child.id, copy.id, depth + 1, controlsLeftOut);
  }
  return copied;
}

function copyOne(
  ctx: CoreContext,
  store: Store,
  source: Task,
  parentId: number | null,
  deadline?: DateInput,
): Task {
  const { actor, now } = ctx;
  const { id: _id, project: _p, director: _d, responsible: _r, tags, ...fields } = source;
  const copyFields: TaskFields = {
    ...fields,
    parentId,
    ...(deadline ? { deadline: deadline.at, deadlineAllDay: deadline.allDay } : {}),
    previousPartId: null,
    status: 'new',
    mark: null,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    seenAt: source.responsibleId === actor.id ? now : null,
    deletedAt: null,
  };
  const newId = store.insertTask(copyFields);
  if (tags.length) store.setTags(newId, tags);
  for (const link of store.crmLinksOf(source.id)) store.addCrmLink(newId, link);
  store.insertHistory([
    historyRow(newId, actor.id, now, 'created', null, source.title, `copy of task ${source.id}`),
  ]);
  return requireTask(store, newId);
}
