import { carriedOverOf, type DayReads } from './day-lines.js';
import { addLocalDays, dayStartFromKey, localDayKey, startOfLocalDay } from './local-time.js';
import type { Period } from './period.js';
import type { DeadlineChange } from './plan.js';
import type { Store } from './store.js';
import type { CarriedOver } from './report-types.js';
import type { HistoryEntry, Priority, Task, TaskResult, TimeEntry } from './types.js';

const PRIORITY_RANK: Record<Priority, number> = { high: 0, medium: 1, low: 2 };

/** The default list order of the store (deadline, none last; priority; id), for tasks already read. */
export function compareInListOrder(a: Task, b: Task): number {
  if ((a.deadline === null) !== (b.deadline === null)) return a.deadline === null ? 1 : -1;
  return (
    (a.deadline?.getTime() ?? 0) - (b.deadline?.getTime() ?? 0) ||
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
    a.id - b.id
  );
}

const none: ReadonlyMap<number, never> = new Map<number, never>();

/**
 * What the team report reads for each worked day of each person (the day's plan and task lines, R34/R35),
 * read once for the whole period and answered per day from memory: a month of 49 people is about 930
 * person-days, and the queries per person and day were most of the report (issue 22). Every task row is
 * read once; the answers are those of the one-day reads (`storeDayReads`).
 */
export class PeriodReads implements DayReads {
  private readonly tasks = new Map<number, Task>();
  private readonly tracked = new Map<string, Map<number, number>>();
  private readonly closed = new Map<string, Map<number, TaskResult | null>>();
  private readonly due = new Map<number, Task[]>();
  private overdue: Map<string, number[]> | undefined;
  private readonly nextParts = new Map<number, Task | undefined>();
  private readonly histories = new Map<number, HistoryEntry[]>();
  private readonly entries = new Map<number, TimeEntry[]>();
  private readonly deadlineMoves = new Map<number, DeadlineChange[]>();
  /** The span whose entries are read per person: the period and a day either side (a working day may end after midnight). */
  private readonly entrySpan: Period;

  constructor(
    private readonly store: Store,
    private readonly userIds: readonly number[],
    private readonly period: Period,
    /** Past days (before today) whose plans carry in overdue work (R34). */
    private readonly pastDays: readonly string[],
    now: Date,
    /** The tasks closed in the period with their results (`closedBetween`), read by the caller. */
    closedInPeriod: readonly { task: Task; result: TaskResult | null }[],
  ) {
    this.entrySpan = {
      from: startOfLocalDay(addLocalDays(period.from, -1)),
      to: startOfLocalDay(addLocalDays(period.to, 1)),
    };
    for (const row of store.trackedByDay(userIds, period.from, period.to, now))
      entryOf(this.tracked, `${row.userId} ${row.day}`).set(row.taskId, row.seconds);
    this.readClosed(closedInPeriod);
    // Every task worked on or closed in the period is a line of some day: their rows in one read.
    this.load([...this.tracked.values(), ...this.closed.values()].flatMap((byTask) => [...byTask.keys()]));
  }

  /**
   * The tasks each person closed on each day, with their results - what closedBetween gives for one
   * person and day (a task closed twice counts on both days; a result made later than the period's last
   * close is looked up).
   */
  private readClosed(closedInPeriod: readonly { task: Task; result: TaskResult | null }[]): void {
    const resultOfTask = new Map(closedInPeriod.map((c) => [c.task.id, c.result]));
    for (const made of this.store.resultsMadeBetween(this.userIds, this.period.from, this.period.to)) {
      entryOf(this.closed, `${made.responsibleId} ${localDayKey(made.at)}`).set(
        made.taskId,
        resultOfTask.has(made.taskId)
          ? resultOfTask.get(made.taskId)!
          : (this.store.lastResultOf(made.taskId) ?? null),
      );
    }
  }

  overdueAt(userId: number, dayStart: Date): Task[] {
    if (!this.overdue) {
      this.overdue = new Map();
      const pairs = this.store.overdueTaskIdsAt(this.userIds, this.pastDays.map(dayStartFromKey));
      this.load(pairs.map((p) => p.taskId));
      for (const pair of pairs) {
        const key = `${pair.userId} ${pair.dayStart.getTime()}`;
        const ids = this.overdue.get(key);
        if (ids) ids.push(pair.taskId);
        else this.overdue.set(key, [pair.taskId]);
      }
    }
    if (!this.pastDays.includes(localDayKey(dayStart))) return this.store.overdueTasksAt([userId], dayStart);
    return (this.overdue.get(`${userId} ${dayStart.getTime()}`) ?? []).map((id) => this.tasks.get(id)!);
  }

  dueBetween(userId: number, from: Date, to: Date): Task[] {
    if (from < this.period.from || to > this.period.to) return this.store.tasksDueBetween(userId, from, to);
    let due = this.due.get(userId);
    if (!due) {
      due = this.store.tasksDueBetween(userId, this.period.from, this.period.to);
      for (const task of due) this.tasks.set(task.id, task);
      this.due.set(userId, due);
    }
    return due.filter((t) => t.deadline! >= from && t.deadline! < to);
  }

  tasksByIds(ids: readonly number[]): Task[] {
    this.load(ids);
    return ids.flatMap((id) => {
      const task = this.tasks.get(id);
      return task && task.deletedAt === null ? [task] : [];
    });
  }

  trackedOn(userId: number, day: string): ReadonlyMap<number, number> {
    return this.tracked.get(`${userId} ${day}`) ?? none;
  }

  closedOn(userId: number, day: string): ReadonlyMap<number, TaskResult | null> {
    return this.closed.get(`${userId} ${day}`) ?? none;
  }

  tasksInListOrder(ids: readonly number[]): Task[] {
    this.load(ids);
    return ids
      .flatMap((id) => {
        const task = this.tasks.get(id);
        return task ? [task] : [];
      })
      .sort(compareInListOrder);
  }

  carriedOver(task: Task, from: Date, to: Date): CarriedOver {
    if (!this.nextParts.has(task.id))
      this.nextParts.set(task.id, this.store.findTasks({ previousPartId: task.id, includeDeleted: true })[0]);
    let history = this.histories.get(task.id);
    if (!history) {
      history = this.store.historyOf(task.id).filter((h) => h.field === 'deadline');
      this.histories.set(task.id, history);
    }
    return carriedOverOf(this.nextParts.get(task.id), history, from, to);
  }

  /** The person's entries overlapping [from, to) (a running one overlaps everything after its start), as the store gives them. */
  entriesOfUserBetween(userId: number, from: Date, to: Date): TimeEntry[] {
    const span = this.entrySpan;
    if (from < span.from || to > span.to) return this.store.entriesOfUserBetween(userId, from, to);
    let entries = this.entries.get(userId);
    if (!entries) {
      entries = this.store.entriesOfUserBetween(userId, span.from, span.to);
      this.entries.set(userId, entries);
    }
    return entries.filter((e) => e.startAt < to && (e.endAt === null || e.endAt > from));
  }

  /** R20: the earliest moment an entry overlapping [from, to) was made or started (at least `from`), as the store finds it. */
  firstWorkMadeBetween(userId: number, from: Date, to: Date): Date | null {
    let first: number | null = null;
    for (const entry of this.entriesOfUserBetween(userId, from, to)) {
      const made = Math.max(entry.startAt.getTime(), entry.createdAt.getTime(), from.getTime());
      if (made < to.getTime() && (first === null || made < first)) first = made;
    }
    return first === null ? null : new Date(first);
  }

  deadlineChanges(taskIds: readonly number[]): DeadlineChange[] {
    const missing = [...new Set(taskIds.filter((id) => !this.deadlineMoves.has(id)))];
    if (missing.length) {
      for (const id of missing) this.deadlineMoves.set(id, []);
      for (const change of this.store.deadlineChanges(missing))
        this.deadlineMoves.get(change.taskId)!.push(change);
    }
    return [...new Set(taskIds)].flatMap((id) => this.deadlineMoves.get(id)!);
  }

  /** Reads the tasks not read yet (deleted ones too), each once. */
  private load(ids: readonly number[]): void {
    const missing = [...new Set(ids.filter((id) => !this.tasks.has(id)))];
    if (!missing.length) return;
    for (const task of this.store.findTasks({ ids: missing, includeDeleted: true }))
      this.tasks.set(task.id, task);
  }
}

function entryOf<V>(map: Map<string, Map<number, V>>, key: string): Map<number, V> {
  let entry = map.get(key);
  if (!entry) {
    entry = new Map();
    map.set(key, entry);
  }
  return entry;
}
