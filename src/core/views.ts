import type { CoreContext } from './context.js';
import { dependenciesOf } from './dependencies.js';
import { closedWithoutResultFlag, planningFlags } from './rules/index.js';
import { checkMaySeeTask, maySeeTask, maySeeUser, visibleScope, visibleTo } from './rules/visibility.js';
import { OPEN_STATUSES, type TaskStatus } from './status.js';
import type { TaskQuery } from './store.js';
import { markSeen, requireAnyTask, reviewNeedsGeneralConclusion } from './tasks.js';
import { subtaskTree, treeTotals, type TaskTreeNode } from './compound.js';
import { entrySeconds, withSpent, type TaskWithSpent } from './time-entries.js';
import type { DueFilter } from './filters.js';
import { responsibleHoldings, type Holding } from './history.js';
import type {
  Comment,
  CrmLink,
  HistoryEntry,
  Priority,
  Task,
  TaskListRow,
  TaskResult,
  TaskSummary,
  TimeEntry,
} from './types.js';

export type { TaskWithSpent } from './time-entries.js';

export interface ListFilter {
  /** Every status and every person (deleted tasks stay hidden). */
  all?: boolean;
  statuses?: TaskStatus[];
  /** Whose tasks (responsible); default the acting user. */
  userId?: number;
  directorId?: number;
  project?: string;
  tags?: string[];
  /** Leave out tasks with any of these tags (Taskwarrior's -TAG). */
  withoutTags?: string[];
  crm?: CrmLink;
  priorities?: Priority[];
  due?: DueFilter;
  /** Only the STEC backlog (R13). */
  stec?: boolean;
  /** Taskwarrior's +BLOCKED (waits for open tasks) and +BLOCKING (open tasks wait for it). */
  dependency?: 'blocked' | 'blocking';
  parentId?: number;
  /** Deleted tasks instead of live ones (any status). */
  deleted?: boolean;
  sort?: TaskQuery['order'];
  limit?: number;
  /**
   * Taskwarrior's `or`: sets of alternatives (their conditions; all, deleted, sort and limit belong to the
   * whole list). A task must match one alternative of each set. An alternative naming a person or a status
   * lifts that default narrowing (your tasks, open ones) from the whole list.
   */
  anyOf?: readonly (readonly ListFilter[])[];
}

/**
 * The list view. Default: the acting user's open tasks by deadline. Naming a person, a director or a
 * parent task replaces "mine"; `all` drops both default narrowings (person and open status).
 */
export function listTasks(ctx: CoreContext, filter: ListFilter): TaskWithSpent[] {
  return ctx.store.read(() => {
    const query = listQuery(ctx, filter);
    return query ? withSpent(ctx, ctx.store.findTasks(query)) : [];
  });
}

/** The same tasks as listTasks, read narrowly: what a table of thousands of rows needs. */
export function listTaskSummaries(ctx: CoreContext, filter: ListFilter): TaskWithSpent<TaskSummary>[] {
  return ctx.store.read(() => {
    const query = listQuery(ctx, filter);
    return query ? withSpent(ctx, ctx.store.findTaskSummaries(query)) : [];
  });
}

/**
 * Rows read at a time when a long list is streamed: memory stays flat however many tasks there are. A
 * page's text (the JSON SQLite builds, and the page's output) stays small enough for V8's young
 * generation: larger strings go straight to the large-object space, which only a full collection empties.
 */
const ROW_PAGE = 250;
const TASK_PAGE = 20;

/** A list read a page at a time: its ids in the list's order, then the rows of each page on demand. */
export interface PagedList<T> {
  ids: readonly number[];
  pages(): Generator<T[]>;
}

/**
 * The same tasks as listTasks, a page at a time: the ids in the list's order first, then each page's
 * whole tasks. Call inside a read, so every page comes from the same snapshot.
 */
export function listInPages(ctx: CoreContext, filter: ListFilter): PagedList<TaskWithSpent> {
  const query = listQuery(ctx, filter);
  const ids = query ? ctx.store.findTaskIds(query) : [];
  function* pages(): Generator<TaskWithSpent[]> {
    const running = ids.length > 0 ? ctx.store.runningSecondsByTask(ctx.now) : new Map<number, number>();
    for (let start = 0; start < ids.length; start += TASK_PAGE) {
      const page = ids.slice(start, start + TASK_PAGE);
      const found = new Map(ctx.store.findTasks({ ids: page, includeDeleted: true }).map((t) => [t.id, t]));
      yield page.map((id) => {
        const task = found.get(id)!;
        return { task, spentSeconds: task.trackedSeconds + (running.get(id) ?? 0) };
      });
    }
  }
  return { ids, pages };
}

/** The table rows of a list, a page at a time, and the time each row's task has taken so far. */
export interface PagedRows {
  pages(): Generator<TaskListRow[]>;
  /** Tracked seconds with the running timers' time up to the command's now. */
  spentSeconds(row: TaskListRow): number;
}

/**
 * The tasks of listTaskSummaries as the table's rows (`Store.taskListPages`: only what the columns show,
 * in one pass over the tasks), a page at a time in the list's order. Call inside a read.
 */
export function listRowsInPages(ctx: CoreContext, filter: ListFilter): PagedRows {
  const query = listQuery(ctx, filter);
  const running = query ? ctx.store.runningSecondsByTask(ctx.now) : new Map<number, number>();
  function* pages(): Generator<TaskListRow[]> {
    if (query) yield* ctx.store.taskListPages(query, ROW_PAGE);
  }
  return { pages, spentSeconds: (row) => row.trackedSeconds + (running.get(row.id) ?? 0) };
}

/** The store query of a list filter; null when it can match nothing (an unknown project). */
function listQuery(ctx: CoreContext, filter: ListFilter): TaskQuery | null {
  const query = conditionsQuery(ctx, filter);
  if (!query) return null;
  query.order = filter.sort ?? 'deadline';
  const filters = [filter, ...(filter.anyOf ?? []).flat()];
  const someoneNamed = filters.some(
    (f) => f.userId !== undefined || f.directorId !== undefined || f.parentId !== undefined,
  );
  if (!filter.all && !someoneNamed) query.responsibleId = ctx.actor.id;
  if (filter.deleted) query.onlyDeleted = true;
  const statusesNamed = filters.some((f) => f.statuses !== undefined);
  if (!filter.all && !filter.deleted && !statusesNamed && query.statuses === undefined)
    query.statuses = OPEN_STATUSES;
  if (filter.anyOf?.length) {
    const sets = filter.anyOf.map((set) =>
      set.map((alternative) => conditionsQuery(ctx, alternative)).filter((q): q is TaskQuery => q !== null),
    );
    // An alternative naming an unknown project matches nothing; a set left without any, nothing at all.
    if (sets.some((set) => set.length === 0)) return null;
    query.anyOf = sets;
  }
  if (filter.limit !== undefined) query.limit = filter.limit;
  query.visibleTo = visibleTo(ctx);
  return query;
}

/** The conditions a filter names, without the list's defaults; null when it can match nothing (an unknown project). */
function conditionsQuery(ctx: CoreContext, filter: ListFilter): TaskQuery | null {
  const query: TaskQuery = {};
  if (filter.userId !== undefined) query.responsibleId = filter.userId;
  if (filter.directorId !== undefined) query.directorId = filter.directorId;
  if (filter.parentId !== undefined) query.parentId = filter.parentId;
  if (filter.statuses) query.statuses = filter.statuses;
  if (filter.due?.overdue)
    query.statuses = (query.statuses ?? OPEN_STATUSES).filter(
      (s) => OPEN_STATUSES.includes(s) && s !== 'awaiting_control',
    );
  if (filter.project !== undefined) {
    const project = ctx.store.findProjectByName(filter.project);
    if (!project) return null;
    query.projectId = project.id;
  }
  if (filter.tags?.length) query.tags = filter.tags;
  if (filter.withoutTags?.length) query.withoutTags = filter.withoutTags;
  if (filter.crm) query.crm = filter.crm;
  if (filter.priorities) query.priorities = filter.priorities;
  if (filter.due?.from) query.dueFrom = filter.due.from;
  if (filter.due?.to) query.dueTo = filter.due.to;
  if (filter.due?.none) query.dueNone = true;
  if (filter.stec) query.kinds = ['stec'];
  if (filter.dependency) query.dependency = filter.dependency;
  return query;
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
  /** Taskwarrior's depends: what this task waits for, and what waits for it. */
  dependsOn: Task[];
  blocks: Task[];
  comments: Comment[];
  result: TaskResult | null;
  entries: TimeEntry[];
  /** Of those, the timer entries changed by hand since they were recorded (R22). */
  correctedEntryIds: Set<number>;
  /** R7/R8 gaps a plan review will point out. */
  flags: string[];
  /** R10/R36: how many times the deadline moved and the task changed hands. */
  deadlineMoves: number;
  handovers: number;
  /** R36: who held the task, from when to when. */
  holdings: Holding[];
  /** R33: this task's conclusion is a GENERAL CONCLUSION (a review of reports or compound tasks). */
  generalConclusion: boolean;
}

/** Everything about one task. Showing it to its responsible marks it seen (R37). */
export function taskDetails(ctx: CoreContext, id: number, commentLimit = 5): TaskDetails {
  const { store, now } = ctx;
  return store.write(() => {
    const task = markSeen(ctx, checkMaySeeTask(ctx, requireAnyTask(store, id)));
    // R4: the parent, steps, dependencies and time shown are those the actor may see.
    const scope = visibleScope(store, ctx.actor);
    const visible = (other: Task) => maySeeTask(store, scope, other);
    const history = store.historyOf(id);
    const entries = store.entriesOfTask(id).filter((entry) => maySeeUser(scope, entry.userId));
    const subtasks = subtaskTree(ctx, id);
    const parent = task.parentId !== null ? (store.getTask(task.parentId) ?? null) : null;
    const dependencies = dependenciesOf(store, id);
    const result = store.lastResultOf(id) ?? null;
    const closedFlag = closedWithoutResultFlag(task, result !== null);
    return {
      task,
      spentSeconds: entries.reduce((sum, e) => sum + entrySeconds(e, now), 0),
      parent: parent && visible(parent) ? parent : null,
      subtasks,
      subtaskTotals: subtasks.length ? treeTotals(subtasks) : null,
      coExecutors: store.coExecutorsOf(id),
      observers: store.observersOf(id),
      crm: store.crmLinksOf(id),
      dependsOn: dependencies.dependsOn.filter(visible),
      blocks: dependencies.blocks.filter(visible),
      comments: store.commentsOf(id, commentLimit),
      result,
      entries,
      correctedEntryIds: store.correctedEntryIds(
        entries.filter((e) => e.source === 'timer').map((e) => e.id),
      ),
      flags:
        task.status === 'completed' || task.status === 'declined'
          ? closedFlag
            ? [closedFlag]
            : []
          : planningFlags(task),
      deadlineMoves: countMoves(history, 'deadline'),
      handovers: countMoves(history, 'responsible'),
      holdings: responsibleHoldings(task, history),
      generalConclusion: reviewNeedsGeneralConclusion(store, task),
    };
  });
}

/** Changes of a field after it first had a value (setting a deadline is not moving it). */
function countMoves(history: HistoryEntry[], field: string): number {
  return history.filter((h) => h.field === field && h.oldValue !== null).length;
}

export function taskHistory(ctx: CoreContext, id: number): { task: Task; history: HistoryEntry[] } {
  const { store } = ctx;
  return store.read(() => ({
    task: checkMaySeeTask(ctx, requireAnyTask(store, id)),
    history: store.historyOf(id),
  }));
}
