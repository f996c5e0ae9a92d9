import { secondsToMinutes } from './duration.js';
import { dayEndFromKey, dayStartFromKey, localDayKey } from './local-time.js';
import {
  buildDayPlan,
  storePlanReads,
  type DayPlan,
  type PlanReads,
  type PlanSource,
  type WorkCalendar,
} from './plan.js';
import type { CarriedOver, ReportRemark, ReportResult, ReportTaskLine } from './report-types.js';
import { planningFlags } from './rules/index.js';
import type { Store } from './store.js';
import type { Comment, HistoryEntry, Task, TaskResult, User } from './types.js';

const iso = (d: Date) => d.toISOString();

export function resultOf(result: TaskResult | null): ReportResult | null {
  if (!result) return null;
  const { proposal, abstract, links, explanation, conclusion } = result;
  return {
    result: result.result,
    proposal,
    abstract,
    links,
    explanation,
    conclusion,
    at: iso(result.createdAt),
  };
}

export function remarkOf(taskId: number, title: string, comment: Comment): ReportRemark {
  return { taskId, title, author: comment.author, body: comment.body, at: iso(comment.createdAt) };
}

/** Where unfinished planned work went on that day (R35): a Part N, a moved deadline, or nowhere yet. */
export function carriedOverOf(
  nextPart: Pick<Task, 'id' | 'title'> | undefined,
  deadlineChanges: readonly Pick<HistoryEntry, 'field' | 'at' | 'newValue'>[],
  from: Date,
  to: Date,
): CarriedOver {
  if (nextPart) return { kind: 'continued', taskId: nextPart.id, title: nextPart.title };
  const move = deadlineChanges
    .filter((h) => h.field === 'deadline' && h.at >= from && h.at < to && h.newValue !== null)
    .at(-1);
  return move ? { kind: 'deadline_moved', deadline: move.newValue! } : { kind: 'open' };
}

/**
 * What a day's task lines read besides the plan. A team report answers it for a whole period at once
 * (`PeriodReads`); a day report reads it for the one day.
 */
export interface DayReads extends PlanReads {
  /** Seconds the person tracked per task within the day [from, to). */
  trackedOn(userId: number, day: string, from: Date, to: Date): ReadonlyMap<number, number>;
  /** The tasks the person closed within the day, with their results. */
  closedOn(userId: number, day: string, from: Date, to: Date): ReadonlyMap<number, TaskResult | null>;
  /** These tasks, deleted ones included, in the default list order (deadline, none last; priority; id). */
  tasksInListOrder(ids: readonly number[]): Task[];
  /** R35: where the unfinished planned task went within the day. */
  carriedOver(task: Task, from: Date, to: Date): CarriedOver;
}

/** A day's reads, straight from the store. */
export function storeDayReads(store: Store, now: Date): DayReads {
  return {
    ...storePlanReads(store),
    trackedOn: (userId, _day, from, to) =>
      new Map(store.trackedByDay([userId], from, to, now).map((row) => [row.taskId, row.seconds])),
    closedOn: (userId, _day, from, to) =>
      new Map(store.closedBetween([userId], from, to).map((c) => [c.task.id, c.result])),
    tasksInListOrder: (ids) => store.findTasks({ ids, includeDeleted: true }),
    carriedOver: (task, from, to) =>
      carriedOverOf(
        store.findTasks({ previousPartId: task.id, includeDeleted: true })[0],
        store.historyOf(task.id),
        from,
        to,
      ),
  };
}

/** The task lines of one person's day (R35): the day's plan, then other tasks worked on or closed that day. */
export function dayTaskLines(
  store: Store,
  user: User,
  day: string,
  ctx: { now: Date; calendar: WorkCalendar },
  reads: DayReads = storeDayReads(store, ctx.now),
): { plan: DayPlan; tracked: ReadonlyMap<number, number>; lines: ReportTaskLine[] } {
  const { now } = ctx;
  const from = dayStartFromKey(day);
  const to = dayEndFromKey(day);
  const plan = buildDayPlan(store, user, day, localDayKey(now), ctx.calendar, reads);
  const tracked = reads.trackedOn(user.id, day, from, to);
  const closed = reads.closedOn(user.id, day, from, to);
  const lines: ReportTaskLine[] = [];
  const seen = new Set<number>();
  const lineOf = (
    task: Task,
    plan: PlanSource | 'unplanned',
    addedLate: Date | null = null,
    // A plan entry has the task's flags already (planningFlags, computed once per line).
    flags: string[] = planningFlags(task),
  ): ReportTaskLine => {
    const closedThatDay = closed.has(task.id);
    const unfinished =
      plan !== 'unplanned' && !closedThatDay && task.status !== 'completed' && task.kind !== 'general';
    return {
      id: task.id,
      title: task.title,
      project: task.project,
      status: task.status,
      plan,
      compound: task.kind === 'general',
      plannedMinutes: task.plannedMinutes,
      trackedMinutes: secondsToMinutes(tracked.get(task.id) ?? 0),
      result: resultOf(closed.get(task.id) ?? null),
      carriedOver: unfinished ? reads.carriedOver(task, from, to) : null,
      flags,
      addedLate: addedLate ? iso(addedLate) : null,
      assigned: task.directorId !== task.responsibleId,
    };
  };
  for (const entry of plan.entries) {
    seen.add(entry.task.id);
    lines.push(lineOf(entry.task, entry.source, entry.addedLate, entry.flags));
  }
  const others = [...tracked.keys(), ...closed.keys()].filter((id) => !seen.has(id));
  for (const task of reads.tasksInListOrder([...new Set(others)])) lines.push(lineOf(task, 'unplanned'));
  return { plan, tracked, lines };
}
