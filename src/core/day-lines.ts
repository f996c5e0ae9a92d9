import { secondsToMinutes } from './duration.js';
import { addLocalDays, dayStartFromKey, localDayKey, startOfLocalDay } from './local-time.js';
import { buildDayPlan, type DayPlan, type PlanSource, type WorkCalendar } from './plan.js';
import type { CarriedOver, ReportRemark, ReportResult, ReportTaskLine } from './report-types.js';
import { planningFlags } from './rules/index.js';
import type { Store } from './store.js';
import type { Comment, Task, TaskResult, User } from './types.js';

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
function carriedOverOf(store: Store, task: Task, from: Date, to: Date): CarriedOver {
  const part = store.findTasks({ previousPartId: task.id, includeDeleted: true })[0];
  if (part) return { kind: 'continued', taskId: part.id, title: part.title };
  const move = store
    .historyOf(task.id)
    .filter((h) => h.field === 'deadline' && h.at >= from && h.at < to && h.newValue !== null)
    .at(-1);
  return move ? { kind: 'deadline_moved', deadline: move.newValue! } : { kind: 'open' };
}

/** The task lines of one person's day (R35): the day's plan, then other tasks worked on or closed that day. */
export function dayTaskLines(
  store: Store,
  user: User,
  day: string,
  ctx: { now: Date; calendar: WorkCalendar },
  /** The tasks closed that day with their results, when the caller has read them for a whole period. */
  closedThatDay?: ReadonlyMap<number, TaskResult | null>,
): { plan: DayPlan; tracked: Map<number, number>; lines: ReportTaskLine[] } {
  const { now } = ctx;
  const from = dayStartFromKey(day);
  const to = startOfLocalDay(addLocalDays(from, 1));
  const plan = buildDayPlan(store, user, day, localDayKey(now), ctx.calendar);
  const tracked = new Map(
    store.trackedByDay([user.id], from, to, now).map((row) => [row.taskId, row.seconds]),
  );
  const closed =
    closedThatDay ?? new Map(store.closedBetween([user.id], from, to).map((c) => [c.task.id, c.result]));
  const lines: ReportTaskLine[] = [];
  const seen = new Set<number>();
  const lineOf = (
    task: Task,
    plan: PlanSource | 'unplanned',
    addedLate: Date | null = null,
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
      carriedOver: unfinished ? carriedOverOf(store, task, from, to) : null,
      flags: planningFlags(task),
      addedLate: addedLate ? iso(addedLate) : null,
      assigned: task.directorId !== task.responsibleId,
    };
  };
  for (const entry of plan.entries) {
    seen.add(entry.task.id);
    lines.push(lineOf(entry.task, entry.source, entry.addedLate));
  }
  const others = [...tracked.keys(), ...closed.keys()].filter((id) => !seen.has(id));
  for (const task of store.findTasks({ ids: [...new Set(others)], includeDeleted: true }))
    lines.push(lineOf(task, 'unplanned'));
  return { plan, tracked, lines };
}
