import type { CoreContext } from './context.js';
import { secondsToMinutes } from './duration.js';
import { RuleError, UsageError } from './errors.js';
import { requireUser } from './identity.js';
import { subjectOf, teamOf } from './rules/visibility.js';
import { addLocalDays, dayStartFromKey, localDayKey, startOfLocalDay } from './local-time.js';
import type { Period } from './period.js';
import { buildDayPlan, type DayPlan, type PlanSource, type WorkCalendar } from './plan.js';
import {
  REPORT_VERSION,
  ratioOf,
  type CarriedOver,
  type DayReport,
  type DayReportState,
  type PeriodReport,
  type ReportRemark,
  type ReportResult,
  type ReportTaskLine,
  type TeamPerson,
  type TeamReport,
} from './report-types.js';
import { planningFlags } from './rules/index.js';
import type { Store } from './store.js';
import { entrySeconds } from './time-entries.js';
import type { Comment, RecordedDayReport, Task, TaskResult, User } from './types.js';
import { presentSeconds } from './workday-state.js';
import { isWorkingDay } from './working-days.js';
import { untrackedSecondsOf } from './gaps.js';
import { handSecondsOf, handTimeOf } from './hand-time.js';
import { initiativeMinutes, teamTaskLines } from './team-tasks.js';

export { monthOf, periodOf, weekOf, type Period } from './period.js';

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

function remarkOf(taskId: number, title: string, comment: Comment): ReportRemark {
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
function dayTaskLines(
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

/** R35: one person's end-of-day report, computed from the data as it stands now. */
export function buildDayReport(
  store: Store,
  user: User,
  day: string,
  ctx: { now: Date; calendar: WorkCalendar },
): DayReport {
  const { now } = ctx;
  const from = dayStartFromKey(day);
  const to = startOfLocalDay(addLocalDays(from, 1));
  const { plan, tracked, lines } = dayTaskLines(store, user, day, ctx);

  const entries = store.entriesOfUserBetween(user.id, from, to);
  const titles = new Map(lines.map((l) => [l.id, l.title]));
  // R22: time entered or changed by hand is flagged - manual entries, and timer entries corrected since.
  const changes = store.changesOfEntries(entries.filter((e) => e.source === 'timer').map((e) => e.id));
  const corrected = new Set(changes.keys());
  const flaggedEntries = entries
    .filter((e) => e.source !== 'timer' || e.retroactive || corrected.has(e.id))
    .map((e) => ({
      id: e.id,
      taskId: e.taskId,
      title: titles.get(e.taskId) ?? store.getTask(e.taskId)?.title ?? '',
      start: iso(e.startAt),
      end: e.endAt ? iso(e.endAt) : null,
      minutes: secondsToMinutes(entrySeconds(e, now)),
      handMinutes: secondsToMinutes(handSecondsOf(e, changes.get(e.id) ?? [], from, to, now)),
      source: e.source,
      comment: e.comment,
      retroactive: e.retroactive,
      corrected: corrected.has(e.id),
      reason: e.reason,
    }));

  const trackedSeconds = [...tracked.values()].reduce((a, b) => a + b, 0);
  const unplannedSeconds = lines
    .filter((l) => l.plan === 'unplanned')
    .reduce((sum, l) => sum + (tracked.get(l.id) ?? 0), 0);
  const workDay = store.getWorkDay(user.id, day);
  const present = workDay ? presentSeconds(workDay, now < to ? now : to) : null;
  const overdueBefore = now < to ? now : to;
  const recorded = store.getDayReport(user.id, day);

  return {
    schema: 'regula.day-report',
    version: REPORT_VERSION,
    user: user.name,
    day,
    generatedAt: iso(now),
    workday: workDay
      ? {
          startedAt: iso(workDay.startedAt),
          endedAt: workDay.endedAt ? iso(workDay.endedAt) : null,
          breakMinutes: secondsToMinutes(
            workDay.breaks.reduce((s, b) => s + ((b.endAt ?? now).getTime() - b.startAt.getTime()) / 1000, 0),
          ),
          presentMinutes: secondsToMinutes(present ?? 0),
        }
      : null,
    tasks: lines,
    flaggedEntries,
    overdue: store
      .overdueTasks([user.id], overdueBefore)
      .map((t) => ({ id: t.id, title: t.title, deadline: iso(t.deadline!) })),
    negativeRatings: store
      .negativeRatingsBetween([user.id], from, to)
      .map((r) => remarkOf(r.taskId, r.taskTitle, r.comment)),
    unansweredRemarks: store.openRemarksFor(user.id).map((r) => remarkOf(r.taskId, r.taskTitle, r.comment)),
    totals: {
      plannedMinutes: plan.plannedMinutes,
      plannedLateMinutes: plan.plannedLateMinutes,
      trackedMinutes: secondsToMinutes(trackedSeconds),
      unplannedMinutes: secondsToMinutes(unplannedSeconds),
      workdayMinutes: ctx.calendar.workdayMinutes,
      presentMinutes: present === null ? null : secondsToMinutes(present),
      untrackedMinutes: workDay ? secondsToMinutes(untrackedSecondsOf(store, workDay, now)) : null,
      ratio: ratioOf(trackedSeconds / 60, plan.plannedMinutes),
    },
    recorded: recorded ? recordedState(store, user.id, recorded, from, to) : null,
  };
}

/** R23: a recorded report is amended by every time correction made after it that touches its day. */
function recordedState(
  store: Store,
  userId: number,
  recorded: RecordedDayReport,
  from: Date,
  to: Date,
): DayReport['recorded'] {
  const amendments = store.correctionsAfter(userId, recorded.recordedAt, from, to).map((c) => ({
    entryId: c.entryId,
    taskId: c.taskId,
    at: iso(c.at),
    before: c.oldStart ? { start: iso(c.oldStart), end: c.oldEnd ? iso(c.oldEnd) : null } : null,
    after: { start: iso(c.newStart), end: c.newEnd ? iso(c.newEnd) : null },
    taskMove: c.taskMove ?? null,
    comment: c.comment,
    reason: c.reason,
  }));
  // A time correction writes its own detailed row; the gate's note of the same command is not repeated.
  const correctionInstants = new Set(amendments.map((a) => a.at));
  const changes = store
    .amendmentsOf(userId, recorded.day)
    .filter((c) => !correctionInstants.has(iso(c.at)))
    .map((c) => ({ at: iso(c.at), by: c.actor, via: c.via, what: c.what, reason: c.reason }));
  return {
    recordedAt: iso(recorded.recordedAt),
    amended: amendments.length > 0 || changes.length > 0,
    amendments,
    changes,
    recordedTotals: recordedTotalsOf(recorded.snapshot),
    approval:
      recorded.approvedBy && recorded.approvedAt && recorded.mark
        ? {
            by: recorded.approvedBy,
            at: iso(recorded.approvedAt),
            mark: recorded.mark,
            comment: recorded.comment,
          }
        : null,
  };
}

/** The totals the report had when it was recorded (a snapshot from an older version may lack them). */
function recordedTotalsOf(snapshot: string): DayReport['totals'] | null {
  try {
    const parsed = JSON.parse(snapshot) as { totals?: DayReport['totals'] };
    return parsed.totals ?? null;
  } catch {
    return null;
  }
}

/** The person a report is about: yourself, or someone who reports to you (R4). */
export function dayReport(ctx: CoreContext, day: Date, userName?: string): DayReport {
  return ctx.store.read(() =>
    buildDayReport(ctx.store, subjectOf(ctx, userName), localDayKey(day), {
      now: ctx.now,
      calendar: ctx.policy,
    }),
  );
}

/** R35: freezes the day's report; later corrections of that day become retroactive (R23). */
export function recordDayReport(ctx: CoreContext, day: Date): DayReport {
  const { store, actor, now } = ctx;
  return store.write(() => {
    const key = localDayKey(day);
    if (key > localDayKey(now))
      throw new UsageError(`${key} has not come yet; a report is recorded at the end of its day`);
    const existing = store.getDayReport(actor.id, key);
    if (existing) {
      throw new RuleError(
        'R35',
        `the report of ${key} was recorded at ${iso(existing.recordedAt)} and is frozen; later corrections show as amendments`,
      );
    }
    const report = buildDayReport(store, actor, key, { now, calendar: ctx.policy });
    store.insertDayReport(actor.id, key, now, JSON.stringify(report));
    return buildDayReport(store, actor, key, { now, calendar: ctx.policy });
  });
}

/** R4, R29: the manager approves a person's recorded report with a mark; negative needs the reason. */
export function approveDayReport(
  ctx: CoreContext,
  userName: string,
  day: Date,
  mark: 'positive' | 'negative',
  comment: string | undefined,
): DayReport {
  const { store, actor, now } = ctx;
  return store.write(() => {
    const user = requireUser(store, userName);
    if (user.managerId !== actor.id)
      throw new RuleError(
        'R4',
        `${user.name} does not report to you; only their manager approves their reports`,
      );
    const key = localDayKey(day);
    if (!store.getDayReport(user.id, key))
      throw new RuleError(
        'R35',
        `${user.name} has not recorded the report of ${key} yet; ask for: task report record ${key}`,
      );
    const reason = comment?.trim() || null;
    if (mark === 'negative' && !reason)
      throw new RuleError('R29', 'a negative mark needs the reason: --comment "..."');
    store.approveDayReport(user.id, key, actor.id, now, mark, reason);
    return buildDayReport(store, user, key, { now, calendar: ctx.policy });
  });
}

function daysOf(period: Period): string[] {
  const days: string[] = [];
  for (let d = period.from; d < period.to; d = startOfLocalDay(addLocalDays(d, 1))) days.push(localDayKey(d));
  return days;
}

export interface PeriodOptions {
  users?: string[];
  /** Everyone in the database (an admin's view, R4). */
  everyone?: boolean;
  excludeTags?: string[];
}

/** Totals per day and per project, tag and CRM link over a period; tasks with an excluded tag (R9: NO) left out. */
export function periodReport(ctx: CoreContext, period: Period, options: PeriodOptions = {}): PeriodReport {
  const { store, now } = ctx;
  return store.read(() => {
    if (options.everyone && ctx.actor.role !== 'admin')
      throw new RuleError(
        'R4',
        "only an admin sees everyone's time; a manager names their people with --user or uses --team",
      );
    const users = options.everyone
      ? store.listUsers()
      : (options.users?.length ? options.users : [ctx.actor.name]).map((name) => subjectOf(ctx, name));
    const ids = users.map((u) => u.id);
    const excluded = new Set((options.excludeTags ?? []).map((t) => t.toLowerCase()));
    // R9: tasks carrying an excluded tag (e.g. NO) are left out of every total.
    const excludedTasks = excluded.size
      ? store.tasksTagged(store.tagNames().filter((t) => excluded.has(t.toLowerCase())))
      : [];
    const dayTracked = store.trackedPerDay(ids, period.from, period.to, now, excludedTasks);
    const facets = store.trackedPerFacet(ids, period.from, period.to, now, excludedTasks);
    const planned = new Map<string, number>();
    for (const row of plannedWithToday(ctx, users, period))
      planned.set(row.day, (planned.get(row.day) ?? 0) + row.minutes);
    const days = daysOf(period).map((day) => ({
      day,
      plannedMinutes: planned.get(day) ?? 0,
      trackedMinutes: secondsToMinutes(dayTracked.get(day) ?? 0),
    }));
    // Largest first; equal totals by name (none last), so the same data always prints the same report.
    const toList = <K extends string | null>(totals: [K, number][]) =>
      [...totals]
        .sort((a, b) => b[1] - a[1] || (a[0] === null ? 1 : b[0] === null ? -1 : a[0].localeCompare(b[0])))
        .map(([key, seconds]) => ({ key, minutes: secondsToMinutes(seconds) }));
    const trackedSeconds = [...dayTracked.values()].reduce((a, b) => a + b, 0);
    const plannedMinutes = days.reduce((a, d) => a + d.plannedMinutes, 0);
    return {
      schema: 'regula.period-report',
      version: REPORT_VERSION,
      users: users.map((u) => u.name),
      from: localDayKey(period.from),
      to: localDayKey(addLocalDays(period.to, -1)),
      generatedAt: iso(now),
      excludedTags: [...excluded],
      days,
      byProject: toList(facets.projects).map(({ key, minutes }) => ({ project: key, minutes })),
      byTag: toList(facets.tags).map(({ key, minutes }) => ({ tag: key, minutes })),
      byCrm: toList(facets.crm).map(({ key, minutes }) => ({ link: key, minutes })),
      totals: {
        plannedMinutes,
        trackedMinutes: secondsToMinutes(trackedSeconds),
        ratio: ratioOf(trackedSeconds / 60, plannedMinutes),
      },
    };
  });
}

/**
 * R4: the manager's end-of-day view of their people (or named users) over a period: planned vs tracked,
 * closed tasks with results, overdue work, what awaits the manager's control, negative ratings,
 * unanswered remarks, observing (R3), and which day reports are recorded, approved or missing.
 * Built from aggregated queries, so a month for a whole team stays fast.
 */
export function teamReport(ctx: CoreContext, period: Period, userNames?: string[]): TeamReport {
  const { store, actor, now } = ctx;
  return store.read(() => {
    const people = teamOf(ctx, userNames);
    const ids = people.map((p) => p.id);
    const tracked = store.trackedPerUserDay(ids, period.from, period.to, now);
    const planned = plannedWithToday(ctx, people, period);
    const reports = store.dayReportsBetween(
      ids,
      localDayKey(period.from),
      localDayKey(addLocalDays(period.to, -1)),
    );
    const closed = store.closedBetween(ids, period.from, period.to);
    const overdueBefore = now < period.to ? now : period.to;
    const overdue = store.overdueTasks(ids, overdueBefore);
    const negative = store.negativeRatingsBetween(ids, period.from, period.to);
    const observing = store.observedCounts(ids);
    const byHand = handTimeOf(store, ids, period.from, period.to, now);
    const awaiting = store.findTasks({ directorId: actor.id, statuses: ['awaiting_control'] });
    const ratings = store.ratingsBetween(ids, period.from, period.to);
    const deadlineMoves = store.deadlineMovesBetween(ids, period.from, period.to);
    const awaitingRating = awaitingRatingOf(ctx, ids, period);
    const days = daysOf(period);
    const today = localDayKey(now);
    const unscheduled = unscheduledOf(store, ids, today);
    const workDays = store.workDaysBetween(ids, days[0]!, days.at(-1)!);
    const closedOn = closedPerPersonDay(store, ids, days, closed);

    const result: TeamPerson[] = people.map((person) => {
      const trackedByDay = new Map<string, number>();
      for (const row of tracked)
        if (row.userId === person.id)
          trackedByDay.set(row.day, (trackedByDay.get(row.day) ?? 0) + row.seconds);
      const personPlanned = planned.filter((r) => r.userId === person.id);
      const plannedByDay = new Map(personPlanned.map((r) => [r.day, r.minutes]));
      const reportByDay = new Map(reports.filter((r) => r.userId === person.id).map((r) => [r.day, r]));
      const workDayByDay = new Map(workDays.filter((w) => w.userId === person.id).map((w) => [w.day, w]));
      // R35: the working day's stretches with no entry (the one definition, as `time gaps` and `day end` give it).
      const untrackedOn = (day: string): number | null => {
        const workDay = workDayByDay.get(day);
        return workDay ? secondsToMinutes(untrackedSecondsOf(store, workDay, now)) : null;
      };
      const active = (day: string) =>
        trackedByDay.has(day) || plannedByDay.has(day) || reportByDay.has(day) || workDayByDay.has(day);
      // R35: a report is due for every working day up to today (and any day actually worked); a day yet to come is never missing.
      const reportDue = (day: string) =>
        day <= today && (isWorkingDay(dayStartFromKey(day), ctx.policy) || workDayByDay.has(day));
      // The tasks of the period are each worked day's report merged, so they read as the person's own reports do.
      const closedDays = new Set(
        closed
          .filter((c) => c.task.responsibleId === person.id && c.result)
          .map((c) => localDayKey(new Date(resultOf(c.result)!.at))),
      );
      // Days to come have no work yet (their plans show in the per-day breakdown).
      const workedDays = days.filter(
        (day) =>
          day <= today &&
          (trackedByDay.has(day) || plannedByDay.has(day) || closedDays.has(day) || days.length === 1),
      );
      const dayLines = new Map(
        workedDays.map((day) => [
          day,
          dayTaskLines(store, person, day, { now, calendar: ctx.policy }, closedOn(person.id, day)),
        ]),
      );
      // R20: the day's plan additions after work began, as that day's own report counts them (the one
      // definition); only a day with tracked work can have any, and every such day is a worked day.
      const plannedLateOn = (day: string): number =>
        trackedByDay.has(day) ? (dayLines.get(day)?.plan.plannedLateMinutes ?? 0) : 0;
      const personDays = days
        .filter((day) => active(day) || reportDue(day) || days.length === 1)
        .map((day) => {
          const report = reportByDay.get(day);
          const state: DayReportState = report
            ? report.approvedAt
              ? 'approved'
              : 'recorded'
            : reportDue(day)
              ? 'missing'
              : 'not_due';
          return {
            day,
            plannedMinutes: plannedByDay.get(day) ?? 0,
            plannedLateMinutes: plannedLateOn(day),
            trackedMinutes: secondsToMinutes(trackedByDay.get(day) ?? 0),
            untrackedMinutes: untrackedOn(day),
            report: state,
            mark: report?.mark ?? null,
          };
        });
      const trackedSeconds = [...trackedByDay.values()].reduce((a, b) => a + b, 0);
      const plannedMinutes = [...plannedByDay.values()].reduce((a, b) => a + b, 0);
      const tasks = teamTaskLines([...dayLines.values()].map((day) => day.lines));
      return {
        user: person.name,
        fullName: person.fullName,
        plannedMinutes,
        plannedLateMinutes: sumKnown(personDays.map((d) => d.plannedLateMinutes)),
        trackedMinutes: secondsToMinutes(trackedSeconds),
        untrackedMinutes: sumOfKnown(personDays.map((d) => d.untrackedMinutes)),
        ratio: ratioOf(trackedSeconds / 60, plannedMinutes),
        days: personDays,
        closed: closed
          .filter((c) => c.task.responsibleId === person.id)
          .map((c) => ({
            taskId: c.task.id,
            title: c.task.title,
            status: c.task.status,
            result: resultOf(c.result),
          })),
        overdue: overdue
          .filter((t) => t.responsibleId === person.id)
          .map((t) => ({ taskId: t.id, title: t.title, deadline: iso(t.deadline!) })),
        awaitingControl: awaiting
          .filter((t) => t.responsibleId === person.id)
          .map((t) => ({
            taskId: t.id,
            title: t.title,
            kind:
              store.lastSubmissionOf(t.id)?.kind === 'progress'
                ? ('progress' as const)
                : ('completion' as const),
          })),
        negativeRatings: negative
          .filter((r) => r.responsibleId === person.id)
          .map((r) => remarkOf(r.taskId, r.taskTitle, r.comment)),
        unansweredRemarks: store
          .openRemarksFor(person.id)
          .map((r) => remarkOf(r.taskId, r.taskTitle, r.comment)),
        observing: observing.get(person.id) ?? 0,
        byHand: {
          entries: byHand.get(person.id)?.entries ?? 0,
          minutes: secondsToMinutes(byHand.get(person.id)?.seconds ?? 0),
        },
        tasks,
        ratings: ratings
          .filter((r) => r.responsibleId === person.id)
          .map((r) => ({
            ...remarkOf(r.taskId, r.taskTitle, r.comment),
            mark: r.comment.body.startsWith('negative') ? ('negative' as const) : ('positive' as const),
          })),
        awaitingRating: awaitingRating
          .filter((t) => t.responsibleId === person.id)
          .map((t) => ({ taskId: t.id, title: t.title })),
        unscheduled: unscheduled
          .filter((t) => t.responsibleId === person.id)
          .map((t) => ({ taskId: t.id, title: t.title })),
        deadlineMoves: deadlineMoves
          .filter((m) => m.responsibleId === person.id)
          .map(({ taskId, title, moves }) => ({ taskId, title, moves })),
        ...initiativeMinutes(tasks),
      };
    });
    return assembleTeamReport(
      actor.name,
      localDayKey(period.from),
      localDayKey(addLocalDays(period.to, -1)),
      iso(now),
      result,
    );
  });
}

/**
 * The tasks each person closed on each day of the period, with their results - what closedBetween gives
 * for one person and day, read once for the whole team (a query per person and day was most of a month).
 */
function closedPerPersonDay(
  store: Store,
  userIds: readonly number[],
  days: readonly string[],
  closed: readonly { task: Task; result: TaskResult | null }[],
): (userId: number, day: string) => ReadonlyMap<number, TaskResult | null> {
  const resultOfTask = new Map(closed.map((c) => [c.task.id, c.result]));
  const byPersonDay = new Map<string, Map<number, TaskResult | null>>();
  const from = dayStartFromKey(days[0]!);
  const to = startOfLocalDay(addLocalDays(dayStartFromKey(days.at(-1)!), 1));
  for (const made of store.resultsMadeBetween(userIds, from, to)) {
    const key = `${made.responsibleId} ${localDayKey(made.at)}`;
    let day = byPersonDay.get(key);
    if (!day) {
      day = new Map();
      byPersonDay.set(key, day);
    }
    day.set(
      made.taskId,
      resultOfTask.has(made.taskId)
        ? resultOfTask.get(made.taskId)!
        : (store.lastResultOf(made.taskId) ?? null),
    );
  }
  const none: ReadonlyMap<number, TaskResult | null> = new Map();
  return (userId, day) => byPersonDay.get(`${userId} ${day}`) ?? none;
}

/** R29: tasks the manager directs, closed in the period by their people, with no rating yet. */
function awaitingRatingOf(ctx: CoreContext, userIds: readonly number[], period: Period): Task[] {
  const people = new Set(userIds);
  return ctx.store
    .findTasks({ directorId: ctx.actor.id, statuses: ['completed'], order: 'created' })
    .filter(
      (t) =>
        people.has(t.responsibleId) &&
        t.responsibleId !== ctx.actor.id &&
        t.mark === null &&
        t.closedAt !== null &&
        t.closedAt >= period.from &&
        t.closedAt < period.to,
    );
}

/** R34: open work with no deadline that no plan from today on holds - nobody has scheduled it. */
function unscheduledOf(store: Store, userIds: readonly number[], today: string): Task[] {
  const inPlans = store.plannedTaskIdsFrom(userIds, today);
  return userIds.flatMap((id) =>
    store
      .findTasks({
        responsibleId: id,
        statuses: ['new', 'pending', 'in_progress'],
        dueNone: true,
        order: 'created',
      })
      .filter((t) => t.kind !== 'general' && !inPlans.has(t.id)),
  );
}

/**
 * Planned minutes per person and day. Today's plan also carries open overdue tasks in (R34), exactly as
 * the day report counts them, so the manager's numbers and the person's own agree.
 */
function plannedWithToday(
  ctx: CoreContext,
  users: readonly User[],
  period: Period,
): { userId: number; day: string; minutes: number }[] {
  const ids = users.map((u) => u.id);
  const today = localDayKey(ctx.now);
  // R34: past days carry in what was overdue when they began; today's carry-in is summed below.
  const rows = ctx.store.plannedByDay(ids, period.from, period.to, dayStartFromKey(today));
  if (today < localDayKey(period.from) || ctx.now >= period.to) return rows;
  const others = rows.filter((r) => r.day !== today);
  const from = dayStartFromKey(today);
  // Summed in SQL: reading every overdue task in full made a month's report grow with the backlog.
  const todays = ctx.store.plannedMinutesToday(ids, today, from, startOfLocalDay(addLocalDays(from, 1)));
  return [
    ...others,
    ...ids.flatMap((userId) =>
      todays.has(userId) ? [{ userId, day: today, minutes: todays.get(userId)! }] : [],
    ),
  ];
}

export function assembleTeamReport(
  manager: string | null,
  from: string,
  to: string,
  generatedAt: string,
  people: TeamPerson[],
): TeamReport {
  const plannedMinutes = people.reduce((a, p) => a + p.plannedMinutes, 0);
  const trackedMinutes = people.reduce((a, p) => a + p.trackedMinutes, 0);
  return {
    schema: 'regula.team-report',
    version: REPORT_VERSION,
    manager,
    from,
    to,
    generatedAt,
    people,
    totals: { plannedMinutes, trackedMinutes, ratio: ratioOf(trackedMinutes, plannedMinutes) },
  };
}

/** The sum of the parts that are known, or null when none is (days without a working day add nothing). */
export function sumOfKnown(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? known.reduce((a, b) => a + b, 0) : null;
}

/** The sum, or null when any part is unknown. */
export function sumKnown(values: readonly (number | null)[]): number | null {
  let sum = 0;
  for (const value of values) {
    if (value === null) return null;
    sum += value;
  }
  return sum;
}
