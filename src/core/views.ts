import type { CoreContext } from './context.js';
import { needsGeneralConclusion, planningFlags } from './rules/index.js';
import { OPEN_STATUSES, type TaskStatus } from './status.js';
import type { TaskQuery } from './store.js';
import { markSeen, requireTask } from './tasks.js';
import { subtaskTree, treeTotals, type TaskTreeNode } from './compound.js';
import { entrySeconds, withSpent, type TaskWithSpent } from './time-entries.js';
import type { Comment, CrmLink, HistoryEntry, Task, TaskResult, TimeEntry } from './types.js';

export type { TaskWithSpent } from './time-entries.js';

export interface ListFilter {
  /** Every status and every person (deleted tasks stay hidden). */
  all?: boolean;
  statuses?: TaskStatus[];
  /** Whose tasks (responsible); default the acting user. */
  userId?: number;
  limit?: number;
}

/** The default view: the acting user's open tasks by deadline; `all` drops both narrowings. */
export function listTasks(ctx: CoreContext, filter: ListFilter): TaskWithSpent[] {
  const { store, actor, now } = ctx;
  return store.read(() => {
    const query: TaskQuery = {};
    if (!filter.all || filter.userId !== undefined) query.responsibleId = filter.userId ?? actor.id;
    if (filter.statuses) query.statuses = filter.statuses;
    else if (!filter.all) query.statuses = OPEN_STATUSES;
    if (filter.limit !== undefined) query.limit = filter.limit;
    const tasks = store.findTasks(query);
    return withSpent(ctx, tasks);
  });
}


export interface TaskDetails extends TaskWithSpent {
  parent: Task | null;
  /** R18: the whole tree below the task. */
  subtasks: TaskTreeNode[];
  /** Planned and spent over the tree (R18); null when the task has no subtasks. */
  subtaskTotals: { plannedMinutes: number; spentSeconds: number; open: number; done: number } | null;
  coExecutors: string[];
  observers: string[];
  crm: CrmLink[];
  comments: Comment[];
  result: TaskResult | null;
  entries: TimeEntry[];
  /** R7/R8 gaps a plan review will point out. */
  flags: string[];
  /** R10/R36: how many times the deadline moved and the task changed hands. */
  deadlineMoves: number;
  handovers: number;
  /** R33: this task's conclusion is a GENERAL CONCLUSION (a review of reports or compound tasks). */
  generalConclusion: boolean;
}

/** Everything about one task. Showing it to its responsible marks it seen (R37). */
export function taskDetails(ctx: CoreContext, id: number, commentLimit = 5): TaskDetails {
  const { store, now } = ctx;
  return store.write(() => {
    const task = markSeen(ctx, requireTask(store, id));
    const history = store.historyOf(id);
    const entries = store.entriesOfTask(id);
    const subtasks = subtaskTree(ctx, id);
    return {
      task,
      spentSeconds: entries.reduce((sum, e) => sum + entrySeconds(e, now), 0),
      parent: task.parentId !== null ? (store.getTask(task.parentId) ?? null) : null,
      subtasks,
      subtaskTotals: subtasks.length ? treeTotals(subtasks) : null,
      coExecutors: store.coExecutorsOf(id),
      observers: store.observersOf(id),
      crm: store.crmLinksOf(id),
      comments: store.commentsOf(id, commentLimit),
      result: store.lastResultOf(id) ?? null,
      entries,
      flags: task.status === 'completed' || task.status === 'declined' ? [] : planningFlags(task),
      deadlineMoves: countMoves(history, 'deadline'),
      handovers: countMoves(history, 'responsible'),
      generalConclusion: needsGeneralConclusion(task),
    };
  });
}

/** Changes of a field after it first had a value (setting a deadline is not moving it). */
function countMoves(history: HistoryEntry[], field: string): number {
  return history.filter((h) => h.field === field && h.oldValue !== null).length;
}

export function taskHistory(ctx: CoreContext, id: number): { task: Task; history: HistoryEntry[] } {
  const { store } = ctx;
  return store.read(() => ({ task: requireTask(store, id), history: store.historyOf(id) }));
}
