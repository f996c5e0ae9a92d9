import type { Policy } from './policy.js';
import type { CoreContext } from './context.js';
import { UsageError } from './errors.js';
import { dayEndFromKey, dayStartFromKey, localDayKey } from './local-time.js';
import { planningFlags } from './rules/index.js';
import { isOpen, OPEN_STATUSES } from './status.js';
import type { Store } from './store.js';
import { editTask, requireTask } from './tasks.js';
import type { PlanItem, Task } from './types.js';
import { subjectOf, teamOf } from './rules/visibility.js';
import { isWorkingDay } from './working-days.js';

/** Why a task is in a day's plan. */
export type PlanSource = 'deadline' | 'added' | 'overdue' | 'unplanned';

export interface PlanEntry {
  task: Task;
  source: PlanSource;
  /** Counted into the planned total: compound tasks (R16) and unplanned work are not. */
  counted: boolean;
  /** R7/R8 gaps a plan review points out. */
  flags: string[];
  /**
   * R20: the plan is fixed before work begins. When the task came into the plan after tracked work on
   * the day had begun (put there, or its deadline moved into the day), that moment; otherwise null.
   */
  addedLate: Date | null;
}

export interface DayPlan {
  day: string;
  userId: number;
  user: string;
  entries: PlanEntry[];
  plannedMinutes: number;
  workdayMinutes: number;
  /** False on a day off (config workingDays): nothing is expected to be planned there. */
  workingDay: boolean;
  /** Planned beyond the working day (0 when it fits). */
  overMinutes: number;
  /** Working time left unplanned (0 when over). */
  spareMinutes: number;
  /** When tracked work on the day began (its first time entry); null before any. */
  workBeganAt: Date | null;
  /** The part of plannedMinutes that came into the plan after work began (R20). */
  plannedLateMinutes: number;
}

const SOURCE_ORDER: Record<PlanSource, number> = { overdue: 0, deadline: 1, added: 2, unplanned: 3 };

/** The working-time settings a plan is measured against. */
export type WorkCalendar = Pick<Policy, 'workdayMinutes' | 'workingDays'>;

/**
 * The tasks a day's plan reads. A team report answers them for a whole period at once (`PeriodReads`);
 * everything else reads them for the one day.
 */
export interface PlanReads {
  /** R34: the tasks overdue and open when a past day began (by status history, R36). */
  overdueAt(userId: number, dayStart: Date): Task[];
  /** Tasks of a responsible due in [from, to), deleted ones excluded. */
  dueBetween(userId: number, from: Date, to: Date): Task[];
  /** These tasks, deleted ones excluded, in no particular order. */
  tasksByIds(ids: readonly number[]): Task[];
  /** R20: see workBeganOn. */
  firstWorkMadeBetween(userId: number, from: Date, to: Date): Date | null;
  /** The deadline changes of these tasks (R36), each task's in the order they were made. */
  deadlineChanges(taskIds: readonly number[]): DeadlineChange[];
  /** What the person put into or took out of the day's plan (R34). */
  planItems(userId: number, day: string): PlanItem[];
  /** Open tasks of the person whose deadline is before `before`: what today's plan carries in (R34). */
  overdueNow(userId: number, before: Date): Task[];
}

export type DeadlineChange = ReturnType<Store['deadlineChanges']>[number];

/** The plan's reads, one day at a time, straight from the store. */
export function storePlanReads(store: Store): PlanReads {
  return {
    overdueAt: (userId, dayStart) => store.overdueTasksAt([userId], dayStart),
    dueBetween: (userId, from, to) => store.tasksDueBetween(userId, from, to),
    tasksByIds: (ids) => store.findTasks({ ids }),
    // Found by SQLite: reading each day's entries in full was a fifth of a team's month (issue 22).
    firstWorkMadeBetween: (userId, from, to) => store.firstWorkMadeBetween(userId, from, to),
    deadlineChanges: (taskIds) => store.deadlineChanges(taskIds),
    planItems: (userId, day) => store.planItems(userId, day),
    overdueNow: (userId, before) => store.overdueTasks([userId], before),
  };
}

/**
 * R34: a person's plan for a local day - tasks due that day, tasks put into it, open overdue tasks
 * carried in (today, or as they stood when a past day began), work started unplanned - with planned time against the working day.
 */
export function buildDayPlan(
  store: Store,
  user: { id: number; name: string },
  day: string,
  today: string,
  calendar: WorkCalendar,
  reads: PlanReads = storePlanReads(store),
): DayPlan {
  const { workdayMinutes } = calendar;
  const from = dayStartFromKey(day);
  const to = dayEndFromKey(day);
  const items = new Map<number, PlanItem>(reads.planItems(user.id, day).map((item) => [item.taskId, item]));
  const entries = new Map<number, PlanEntry>();
  const put = (task: Task, source: PlanSource) => {
    if (entries.has(task.id) || task.deletedAt !== null || task.status === 'declined') return;
    if (closedBefore(task, from)) return;
    if (items.get(task.id)?.kind === 'removed') return;
    const counted = task.kind !== 'general' && source !== 'unplanned';
    entries.set(task.id, { task, source, counted, flags: planningFlags(task), addedLate: null });
  };
  // Unfinished work is carried into today's plan; a past day's plan carried what was overdue and still
  // open when it began (R34, status history R36); later days hold only what is due or put there.
  if (day === today) for (const task of reads.overdueNow(user.id, from)) put(task, 'overdue');
  else if (day < today) for (const task of reads.overdueAt(user.id, from)) put(task, 'overdue');
  for (const task of reads.dueBetween(user.id, from, to)) put(task, 'deadline');
  const listed = [...items.values()].filter((item) => item.kind !== 'removed');
  const listedTasks = new Map(reads.tasksByIds(listed.map((i) => i.taskId)).map((t) => [t.id, t]));
  for (const item of listed) {
    const task = listedTasks.get(item.taskId);
    if (task) put(task, item.kind === 'unplanned' ? 'unplanned' : 'added');
  }
  const sorted = [...entries.values()].sort(
    (a, b) =>
      SOURCE_ORDER[a.source] - SOURCE_ORDER[b.source] ||
      (a.task.deadline?.getTime() ?? Infinity) - (b.task.deadline?.getTime() ?? Infinity) ||
      a.task.id - b.task.id,
  );
  const workBeganAt = workBeganOn(reads, user.id, from, to);
  if (workBeganAt)
    markLateAdditions(reads, sorted, items, workBeganAt, deadlineInPlan(from, to, day === today));
  const plannedMinutes = sorted.reduce((sum, e) => sum + (e.counted ? (e.task.plannedMinutes ?? 0) : 0), 0);
  const plannedLateMinutes = sorted.reduce(
    (sum, e) => sum + (e.counted && e.addedLate ? (e.task.plannedMinutes ?? 0) : 0),
    0,
  );
  return {
    day,
    userId: user.id,
    user: user.name,
    entries: sorted,
    plannedMinutes,
    workdayMinutes,
    workingDay: isWorkingDay(from, calendar),
    overMinutes: Math.max(0, plannedMinutes - workdayMinutes),
    spareMinutes: Math.max(0, workdayMinutes - plannedMinutes),
    workBeganAt,
    plannedLateMinutes,
  };
}

/**
 * R34: whether a deadline puts a task into the day [from, to)'s plan: due that day, or (today only) before
 * it. Compared as instants - a local day key per deadline, several per planned task, was most of R20's check.
 */
export function deadlineInPlan(
  from: Date,
  to: Date,
  carriesInOverdue: boolean,
): (deadline: Date | null) => boolean {
  const start = from.getTime();
  const end = to.getTime();
  return (deadline) =>
    deadline !== null && deadline.getTime() < end && (carriesInOverdue || deadline.getTime() >= start);
}

/**
 * R34: work finished before a day begins is not that day's work - a task done early is not planned (and
 * "not done") on its deadline day, and moving a closed task's deadline moves it between no plans.
 */
export function closedBefore(task: Pick<Task, 'status' | 'closedAt'>, dayStart: Date): boolean {
  return (
    (task.status === 'completed' || task.status === 'declined') &&
    task.closedAt !== null &&
    task.closedAt < dayStart
  );
}

/**
 * R20: when work on the day began - the first timer start or the first entry made, each at the moment it
 * was made (a stretch begun the evening before counts from midnight). An entry typed in later for an
 * earlier hour (`time add --at 08:00` at 11:00) is made at 11:00: it does not move the beginning back.
 */
export function workBeganOn(reads: PlanReads, userId: number, from: Date, to: Date): Date | null {
  return reads.firstWorkMadeBetween(userId, from, to);
}

/**
 * R20: marks the planned entries that came into the day's plan after work began. A task came in at the
 * earliest of: its creation, when its deadline already put it in the day; the moment a deadline change
 * (history, R36) moved it in; the moment it was put there (`plan add`). A task kept in the plan because
 * its deadline moved away later came in with its old deadline, so it is not a late addition.
 */
function markLateAdditions(
  reads: PlanReads,
  entries: PlanEntry[],
  items: ReadonlyMap<number, PlanItem>,
  workBeganAt: Date,
  inPlanBy: (deadline: Date | null) => boolean,
): void {
  const planned = entries.filter((e) => e.source === 'deadline' || e.source === 'added');
  const moves = new Map<number, { at: Date; oldValue: string | null; newValue: string | null }[]>();
  for (const move of reads.deadlineChanges(planned.map((e) => e.task.id))) {
    const list = moves.get(move.taskId) ?? [];
    list.push(move);
    moves.set(move.taskId, list);
  }
  const instant = (value: string | null) => {
    const at = value === null ? null : new Date(value);
    return at && !Number.isNaN(at.getTime()) ? at : null;
  };
  for (const entry of planned) {
    const changes = moves.get(entry.task.id) ?? [];
    let deadline = changes.length ? instant(changes[0]!.oldValue) : entry.task.deadline;
    let cameIn: Date | null = inPlanBy(deadline) ? entry.task.createdAt : null;
    for (const change of changes) {
      const next = instant(change.newValue);
      if (cameIn === null && !inPlanBy(deadline) && inPlanBy(next)) cameIn = change.at;
      deadline = next;
    }
    const item = items.get(entry.task.id);
    if (item?.kind === 'added' && (cameIn === null || item.addedAt < cameIn)) cameIn = item.addedAt;
    if (cameIn && cameIn > workBeganAt) entry.addedLate = cameIn;
  }
}

/** R34: a person's plan of a day - the actor's, or (R4) of someone who reports to them. */
export function dayPlan(ctx: CoreContext, day: Date, userName?: string): DayPlan {
  return ctx.store.read(() =>
    buildDayPlan(ctx.store, subjectOf(ctx, userName), localDayKey(day), localDayKey(ctx.now), ctx.policy),
  );
}

/** R4, R34: the morning review - the plan of the day of everyone who reports to the actor (or the named people). */
export function teamPlans(ctx: CoreContext, day: Date, userNames?: string[]): DayPlan[] {
  return ctx.store.read(() =>
    teamOf(ctx, userNames).map((person) =>
      buildDayPlan(ctx.store, person, localDayKey(day), localDayKey(ctx.now), ctx.policy),
    ),
  );
}

/** Whether a task is in a person's plan for a day (by deadline, carried in, or put there). */
export function isInPlan(store: Store, userId: number, task: Task, day: string): boolean {
  const item = store.planItems(userId, day).find((i) => i.taskId === task.id);
  if (item) return item.kind !== 'removed';
  if (!task.deadline) return false;
  const dueDay = localDayKey(task.deadline);
  return dueDay === day || (dueDay < day && isOpen(task.status));
}

/** R34: puts a task into a day's plan. */
export function addToPlan(ctx: CoreContext, taskId: number, day: Date): Task {
  const { store, actor, now } = ctx;
  return store.write(() => {
    const task = requireTask(store, taskId);
    if (task.responsibleId !== actor.id)
      throw new UsageError(`task ${taskId} is ${task.responsible}'s; a plan holds only your own tasks`);
    store.setPlanItem(actor.id, localDayKey(day), taskId, 'added', now);
    return task;
  });
}

/** Takes a task out of a day's plan; a task due that day stays out by an explicit mark. */
export function removeFromPlan(ctx: CoreContext, taskId: number, day: Date): Task {
  const { store, actor, now } = ctx;
  return store.write(() => {
    const task = requireTask(store, taskId);
    const key = localDayKey(day);
    const dueThatDay = task.deadline !== null && localDayKey(task.deadline) <= key;
    if (dueThatDay) store.setPlanItem(actor.id, key, taskId, 'removed', now);
    else store.deletePlanItem(actor.id, key, taskId);
    return task;
  });
}

/** Open work still to be done by the responsible (what awaits control is the director's now). */
const PLANNABLE = OPEN_STATUSES.filter((status) => status !== 'awaiting_control');

/** A task offered when a day's plan is fixed: whether it is in the plan now, and why. */
export interface PlanCandidate {
  task: Task;
  source: Exclude<PlanSource, 'unplanned'> | null;
}

/**
 * R20, R34: what fixing a day's plan offers - the actor's open tasks, those in the plan first (in its
 * order), then the rest by deadline. Work already started unplanned stays as it is: it is not offered.
 */
export function planCandidates(ctx: CoreContext, day: Date): PlanCandidate[] {
  const { store, actor, now } = ctx;
  return store.read(() => {
    const plan = buildDayPlan(store, actor, localDayKey(day), localDayKey(now), ctx.policy);
    const inPlan: PlanCandidate[] = [];
    const unplanned = new Set<number>();
    for (const entry of plan.entries) {
      if (entry.source === 'unplanned') unplanned.add(entry.task.id);
      else if (isOpen(entry.task.status)) inPlan.push({ task: entry.task, source: entry.source });
    }
    const listed = new Set([...inPlan.map((c) => c.task.id), ...unplanned]);
    const others = store
      .findTasks({ responsibleId: actor.id, statuses: PLANNABLE, order: 'deadline' })
      .filter((task) => !listed.has(task.id))
      .map((task) => ({ task, source: null }));
    return [...inPlan, ...others];
  });
}

export interface PlanChoice {
  taskId: number;
  /** Planned time given while fixing the plan (R8), for a task that had none. */
  plannedMinutes?: number;
}

/**
 * R20: fixes the day's plan in one transaction - the chosen tasks in, the other offered ones out - and
 * records the planned time given for tasks that had none (R8; history, R36).
 */
export function fixPlan(ctx: CoreContext, day: Date, chosen: readonly PlanChoice[]): DayPlan {
  const { store, actor } = ctx;
  return store.write(() => {
    const offered = planCandidates(ctx, day);
    const keep = new Set(chosen.map((c) => c.taskId));
    for (const candidate of offered) {
      if (candidate.source !== null && !keep.has(candidate.task.id))
        removeFromPlan(ctx, candidate.task.id, day);
      if (candidate.source === null && keep.has(candidate.task.id)) addToPlan(ctx, candidate.task.id, day);
    }
    const known = new Set(offered.map((c) => c.task.id));
    for (const choice of chosen) {
      if (!known.has(choice.taskId))
        throw new UsageError(
          `task ${choice.taskId} is not one of your open tasks; it cannot go into your plan`,
        );
      if (choice.plannedMinutes !== undefined)
        editTask(ctx, choice.taskId, { plannedMinutes: choice.plannedMinutes });
    }
    return buildDayPlan(store, actor, localDayKey(day), localDayKey(ctx.now), ctx.policy);
  });
}

/** R34: a timer started on a task outside today's plan puts it there as unplanned work. */
export function notePlanOnStart(store: Store, userId: number, task: Task, now: Date): boolean {
  const day = localDayKey(now);
  if (isInPlan(store, userId, task, day)) return false;
  store.setPlanItem(userId, day, task.id, 'unplanned', now);
  return true;
}
