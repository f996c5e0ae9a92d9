import { carriedOverOf, type DayReads } from './day-lines.js';
import { addLocalDays, dayStartFromKey, localDayKey, startOfLocalDay } from './local-time.js';
import type { Period } from './period.js';
import type { ReadsAhead } from './read-ahead.js';
import type { DeadlineChange } from './plan.js';
import type { Store } from './store.js';
import type { CarriedOver } from './report-types.js';
import type { PlanItem, Priority, Task, TaskResult, TimeEntry } from './types.js';

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
 * The period-wide reads a PeriodReads answers from: named ahead together with the caller's own
 * (`Store.readAhead`), so the team server works on all of them at once.
 */
export function periodReadsOf(
  store: Store,
  userIds: readonly number[],
  period: Period,
  /** Past days (before today) whose plans carry in overdue work (R34). */
  pastDays: readonly string[],
  now: Date,
) {
  const span = entrySpanOf(period);
  // As a day's plan names today's start (plan.ts: dayStartFromKey).
  const today = dayStartFromKey(localDayKey(now));
  const firstHalf = userIds.slice(0, Math.ceil(userIds.length / 2));
  const secondHalf = userIds.slice(firstHalf.length);
  // The largest answers first - the program builds their rows while the server works on the rest - and
  // of them the one the server answers quickest first, so the program starts at once.
  return {
    entries: () => store.entriesOfUsersBetween(userIds, span.from, span.to),
    // Every task the next two name, read without waiting for them (some more: it is only kept to be asked
    // for) - in two halves of the people, so the program builds the first half's rows while the server
    // reads the second's (the team month's largest answer: 3,500 tasks).
    tasks: () => store.tasksWorkedOrClosed(firstHalf, period.from, period.to),
    moreTasks: () => (secondHalf.length ? store.tasksWorkedOrClosed(secondHalf, period.from, period.to) : []),
    trackedByTask: () => store.trackedByDay(userIds, period.from, period.to, now),
    resultsMade: () => store.resultsMadeBetween(userIds, period.from, period.to),
    overdueIds: () => store.overdueTaskIdsAt(userIds, pastDays.map(dayStartFromKey)),
    due: () => store.tasksDueFor(userIds, period.from, period.to),
    // Today's plan carries in what is overdue when today began (R34): asked only when today is in the period.
    overdueToday: () => (inPeriod(today, period) ? store.overdueTasks(userIds, today) : []),
    planItems: () =>
      store.planItemsBetween(userIds, localDayKey(period.from), localDayKey(addLocalDays(period.to, -1))),
  };
}

/** The answers of `periodReadsOf`, asked for when needed. */
export type PeriodAnswers = ReadsAhead<ReturnType<typeof periodReadsOf>>;

function inPeriod(at: Date, period: Period): boolean {
  return at >= period.from && at < period.to;
}

/** The span whose entries are read per person: the period and a day either side (a working day may end after midnight). */
function entrySpanOf(period: Period): Period {
  return {
    from: startOfLocalDay(addLocalDays(period.from, -1)),
    to: startOfLocalDay(addLocalDays(period.to, 1)),
  };
}

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
  private due: Map<number, Task[]> | undefined;
  private overdue: Map<string, number[]> | undefined;
  private readonly overdueNowAt = new Map<number, Map<number, Task[]>>();
  private planned: Map<string, PlanItem[]> | undefined;
  private readonly nextParts = new Map<number, Task | undefined>();
  private entries: Map<number, TimeEntry[]> | undefined;
  private readonly entryIndexes = new Map<number, EntryIndex>();
  private readonly deadlineMoves = new Map<number, DeadlineChange[]>();
  private readonly movesAsHistory = new Map<number, (DeadlineChange & { field: string })[]>();
  /** The period's days (first and last), whose plan items are read at once. */
  private readonly firstDay: string;
  private readonly lastDay: string;
  /** The span whose entries are read per person (entrySpanOf). */
  private readonly entrySpan: Period;
  /** When today began: its plan carries in what was overdue then (overdueToday). */
  private readonly today: Date;

  constructor(
    private readonly store: Store,
    private readonly userIds: readonly number[],
    private readonly period: Period,
    /** Past days (before today) whose plans carry in overdue work (R34). */
    private readonly pastDays: readonly string[],
    now: Date,
    /** The tasks closed in the period with their results (`closedBetween`), read by the caller. */
    closedInPeriod: readonly { task: Task; result: TaskResult | null }[],
    /** The answers of `periodReadsOf` for the same store, people, period, past days and moment (named ahead with the caller's own). */
    private readonly ahead: PeriodAnswers = store.readAhead(
      periodReadsOf(store, userIds, period, pastDays, now),
    ),
  ) {
    this.firstDay = localDayKey(period.from);
    this.lastDay = localDayKey(addLocalDays(period.to, -1));
    this.entrySpan = entrySpanOf(period);
    this.today = dayStartFromKey(localDayKey(now));
    for (const row of ahead.trackedByTask())
      entryOf(this.tracked, `${row.userId} ${row.day}`).set(row.taskId, row.seconds);
    this.readClosed(closedInPeriod);
    // Every task worked on or closed in the period is a line of some day: their rows in one read.
    for (const task of [...ahead.tasks(), ...ahead.moreTasks()]) this.tasks.set(task.id, task);
    for (const task of ahead.overdueToday()) this.tasks.set(task.id, task);
    this.load([...this.tracked.values(), ...this.closed.values()].flatMap((byTask) => [...byTask.keys()]));
  }

  /**
   * The tasks each person closed on each day, with their results - what closedBetween gives for one
   * person and day (a task closed twice counts on both days; a result made later than the period's last
   * close is looked up).
   */
  private readClosed(closedInPeriod: readonly { task: Task; result: TaskResult | null }[]): void {
    const resultOfTask = new Map(closedInPeriod.map((c) => [c.task.id, c.result]));
    for (const made of this.ahead.resultsMade()) {
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
      const pairs = this.ahead.overdueIds();
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
    if (!this.due) {
      this.due = new Map(this.userIds.map((id) => [id, []]));
      for (const task of this.ahead.due()) {
        this.tasks.set(task.id, task);
        this.due.get(task.responsibleId)?.push(task);
      }
    }
    const due = this.due.get(userId);
    if (!due) return this.store.tasksDueBetween(userId, from, to);
    const lo = from.getTime();
    const hi = to.getTime();
    return due.filter((t) => t.deadline!.getTime() >= lo && t.deadline!.getTime() < hi);
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
    const found: Task[] = [];
    for (const id of ids) {
      const task = this.tasks.get(id);
      if (task) found.push(task);
    }
    return found.length > 1 ? found.sort(compareInListOrder) : found;
  }

  carriedOver(task: Task, from: Date, to: Date): CarriedOver {
    if (!this.nextParts.has(task.id)) this.readNextParts([...this.tasks.keys(), task.id]);
    // A task carried over is asked about on every day it stays open: its moves as history lines once.
    let moves = this.movesAsHistory.get(task.id);
    if (!moves) {
      moves = this.deadlineChanges([task.id]).map((change) => ({ field: 'deadline', ...change }));
      this.movesAsHistory.set(task.id, moves);
    }
    return carriedOverOf(this.nextParts.get(task.id), moves, from, to);
  }

  /**
   * The next part (R24) of every task read so far, in one query: the tasks whose plan left work open are
   * among them (the store's first in list order, as `findTasks({ previousPartId })` answers).
   */
  private readNextParts(taskIds: readonly number[]): void {
    const missing = [...new Set(taskIds.filter((id) => !this.nextParts.has(id)))];
    for (const id of missing) this.nextParts.set(id, undefined);
    this.deadlineChanges(missing);
    for (const next of this.store.findTasks({ previousPartIds: missing, includeDeleted: true }))
      if (this.nextParts.get(next.previousPartId!) === undefined)
        this.nextParts.set(next.previousPartId!, next);
  }

  /** What each person put into or took out of each day's plan, read once for the period (R34). */
  planItems(userId: number, day: string): PlanItem[] {
    if (day < this.firstDay || day > this.lastDay) return this.store.planItems(userId, day);
    if (!this.planned) {
      this.planned = new Map();
      for (const { userId: person, day: itemDay, ...item } of this.ahead.planItems()) {
        const key = `${person} ${itemDay}`;
        const items = this.planned.get(key);
        if (items) items.push(item);
        else this.planned.set(key, [item]);
      }
    }
    return this.planned.get(`${userId} ${day}`) ?? [];
  }

  /** Open tasks overdue at `before` (today's carry-in, R34), read once for every person. */
  overdueNow(userId: number, before: Date): Task[] {
    let byPerson = this.overdueNowAt.get(before.getTime());
    if (!byPerson) {
      byPerson = new Map(this.userIds.map((id) => [id, []]));
      const overdue =
        before.getTime() === this.today.getTime() && inPeriod(before, this.period)
          ? this.ahead.overdueToday()
          : this.store.overdueTasks(this.userIds, before);
      for (const task of overdue) {
        this.tasks.set(task.id, task);
        byPerson.get(task.responsibleId)?.push(task);
      }
      this.overdueNowAt.set(before.getTime(), byPerson);
    }
    return byPerson.get(userId) ?? this.store.overdueTasks([userId], before);
  }

  /** The person's entries overlapping [from, to) (a running one overlaps everything after its start), as the store gives them. */
  entriesOfUserBetween(userId: number, from: Date, to: Date): TimeEntry[] {
    const span = this.entrySpan;
    if (from < span.from || to > span.to) return this.store.entriesOfUserBetween(userId, from, to);
    if (!this.entries) {
      this.entries = new Map(this.userIds.map((id) => [id, []]));
      for (const entry of this.ahead.entries()) this.entries.get(entry.userId)?.push(entry);
    }
    const entries = this.entries.get(userId);
    if (!entries) return this.store.entriesOfUserBetween(userId, from, to);
    const lo = from.getTime();
    const hi = to.getTime();
    // The entries come by start: those starting before `hi` are a prefix, and those that can end after
    // `lo` begin where the latest end so far first passes it (a person's month is ~1,000 entries, asked
    // about for each of its days several times).
    const index = this.entryIndex(userId, entries);
    const first = firstIndex(index.latestEnds, (end) => end > lo);
    const last = firstIndex(index.starts, (start) => start >= hi);
    const found: TimeEntry[] = [];
    for (let k = first; k < last; k++) {
      const entry = entries[k]!;
      if (entry.endAt === null || entry.endAt.getTime() > lo) found.push(entry);
    }
    return found;
  }

  /** Each entry's start, and the latest end among it and those before it (a running one: never ends). */
  private entryIndex(userId: number, entries: readonly TimeEntry[]): EntryIndex {
    let index = this.entryIndexes.get(userId);
    if (!index) {
      const starts: number[] = [];
      const latestEnds: number[] = [];
      let latest = Number.NEGATIVE_INFINITY;
      for (const entry of entries) {
        starts.push(entry.startAt.getTime());
        latest = Math.max(latest, entry.endAt === null ? Number.POSITIVE_INFINITY : entry.endAt.getTime());
        latestEnds.push(latest);
      }
      index = { starts, latestEnds };
      this.entryIndexes.set(userId, index);
    }
    return index;
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

/** Where a person's entries start, and the latest end up to each (both never decrease). */
interface EntryIndex {
  starts: number[];
  latestEnds: number[];
}

/** The first index whose value passes the test (values sorted so that the test, once true, stays true), or the length. */
function firstIndex(values: readonly number[], passes: (value: number) => boolean): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (passes(values[middle]!)) high = middle;
    else low = middle + 1;
  }
  return low;
}

function entryOf<V>(map: Map<string, Map<number, V>>, key: string): Map<number, V> {
  let entry = map.get(key);
  if (!entry) {
    entry = new Map();
    map.set(key, entry);
  }
  return entry;
}
