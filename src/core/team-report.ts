import type { CoreContext } from './context.js';
import { secondsToMinutes } from './duration.js';
import { dayTaskLines, remarkOf, resultOf } from './day-lines.js';
import { handTimeOf } from './hand-time.js';
import { untrackedSecondsOf } from './gaps.js';
import { addLocalDays, dayStartFromKey, localDayKey } from './local-time.js';
import type { Period } from './period.js';
import { PeriodReads, periodReadsOf } from './period-reads.js';
import { daysOf, plannedWithToday } from './planned-days.js';
import {
  REPORT_VERSION,
  ratioOf,
  type DayReportState,
  type TeamPerson,
  type TeamReport,
} from './report-types.js';
import { teamOf } from './rules/visibility.js';
import type { Store } from './store.js';
import { initiativeMinutes, teamTaskLines } from './team-tasks.js';
import type { Task } from './types.js';
import { isWorkingDay } from './working-days.js';

const iso = (d: Date) => d.toISOString();

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
    // The period-wide reads come first, then each person's page: the line counts the pages made.
    const progress = (done: number) =>
      ctx.progress?.({ work: 'team report', done, total: people.length, unit: ['person', 'people'] });
    progress(0);
    const overdueBefore = now < period.to ? now : period.to;
    const days = daysOf(period);
    const today = localDayKey(now);
    const pastDays = days.filter((day) => day < today);
    // Independent of each other: named ahead, so the team server works on them all at once - the
    // period's reads first (the largest answers, whose rows the program builds while the server goes on),
    // those that ask a second question after the first's answer last (it waits for all sent before it).
    const ahead = store.readAhead({
      // A small answer the server gives at once: the program builds it while the server reads on.
      reports: () =>
        store.dayReportsBetween(ids, localDayKey(period.from), localDayKey(addLocalDays(period.to, -1))),
      ...periodReadsOf(store, ids, period, pastDays, now),
      overdue: () => store.overdueTasks(ids, overdueBefore),
      negative: () => store.negativeRatingsBetween(ids, period.from, period.to),
      observing: () => store.observedCounts(ids),
      awaiting: () => store.findTasks({ directorId: actor.id, statuses: ['awaiting_control'] }),
      ratings: () => store.ratingsBetween(ids, period.from, period.to),
      deadlineMoves: () => store.deadlineMovesBetween(ids, period.from, period.to),
      awaitingRating: () => awaitingRatingOf(ctx, ids, period),
      workDays: () => store.workDaysBetween(ids, days[0]!, days.at(-1)!),
      tracked: () => store.trackedPerUserDay(ids, period.from, period.to, now),
      remarks: () => store.openRemarksOf(ids),
      planned: () => plannedWithToday(ctx, people, period),
      closed: () => store.closedBetween(ids, period.from, period.to),
      unscheduled: () => unscheduledOf(store, ids, today),
    });
    const observing = ahead.observing();
    const closed = ahead.closed();
    const reads = new PeriodReads(store, ids, period, pastDays, now, closed, ahead);
    const byHand = handTimeOf(
      {
        entriesOfUserBetween: (...args) => reads.entriesOfUserBetween(...args),
        changesOfEntries: (ids) => store.changesOfEntries(ids),
      },
      ids,
      period.from,
      period.to,
      now,
    );

    // Each period-wide read split by person once (a month of 49 people filtered them 49 times).
    const trackedOf = byPerson(ahead.tracked(), (r) => r.userId);
    const plannedOf = byPerson(ahead.planned(), (r) => r.userId);
    const reportsOf = byPerson(ahead.reports(), (r) => r.userId);
    const workDaysOf = byPerson(ahead.workDays(), (w) => w.userId);
    const closedOf = byPerson(closed, (c) => c.task.responsibleId);
    const overdueOf = byPerson(ahead.overdue(), (t) => t.responsibleId);
    const awaitingOf = byPerson(ahead.awaiting(), (t) => t.responsibleId);
    const negativeOf = byPerson(ahead.negative(), (r) => r.responsibleId);
    const remarksOf = byPerson(ahead.remarks(), (r) => r.userId);
    const ratingsOf = byPerson(ahead.ratings(), (r) => r.responsibleId);
    const awaitingRatingOfPerson = byPerson(ahead.awaitingRating(), (t) => t.responsibleId);
    const unscheduledOfPerson = byPerson(ahead.unscheduled(), (t) => t.responsibleId);
    const movesOf = byPerson(ahead.deadlineMoves(), (m) => m.responsibleId);

    const personPage = (person: (typeof people)[number]): TeamPerson => {
      const trackedByDay = new Map<string, number>();
      for (const row of trackedOf(person.id))
        trackedByDay.set(row.day, (trackedByDay.get(row.day) ?? 0) + row.seconds);
      const plannedByDay = new Map(plannedOf(person.id).map((r) => [r.day, r.minutes]));
      const reportByDay = new Map(reportsOf(person.id).map((r) => [r.day, r]));
      const workDayByDay = new Map(workDaysOf(person.id).map((w) => [w.day, w]));
      // R35: the working day's stretches with no entry (the one definition, as `time gaps` and `day end` give it).
      const untrackedOn = (day: string): number | null => {
        const workDay = workDayByDay.get(day);
        return workDay ? secondsToMinutes(untrackedSecondsOf(reads, workDay, now)) : null;
      };
      const active = (day: string) =>
        trackedByDay.has(day) || plannedByDay.has(day) || reportByDay.has(day) || workDayByDay.has(day);
      // R35: a report is due for every working day up to today (and any day actually worked); a day yet to come is never missing.
      const reportDue = (day: string) =>
        day <= today && (isWorkingDay(dayStartFromKey(day), ctx.policy) || workDayByDay.has(day));
      // The tasks of the period are each worked day's report merged, so they read as the person's own reports do.
      const closedDays = new Set(
        closedOf(person.id)
          .filter((c) => c.result)
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
          dayTaskLines(store, person, day, { now, calendar: ctx.policy }, reads),
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
        closed: closedOf(person.id).map((c) => ({
          taskId: c.task.id,
          title: c.task.title,
          status: c.task.status,
          result: resultOf(c.result),
        })),
        overdue: overdueOf(person.id).map((t) => ({
          taskId: t.id,
          title: t.title,
          deadline: iso(t.deadline!),
        })),
        awaitingControl: awaitingOf(person.id).map((t) => ({
          taskId: t.id,
          title: t.title,
          kind:
            store.lastSubmissionOf(t.id)?.kind === 'progress'
              ? ('progress' as const)
              : ('completion' as const),
        })),
        negativeRatings: negativeOf(person.id).map((r) => remarkOf(r.taskId, r.taskTitle, r.comment)),
        unansweredRemarks: remarksOf(person.id).map((r) => remarkOf(r.taskId, r.taskTitle, r.comment)),
        observing: observing.get(person.id) ?? 0,
        byHand: {
          entries: byHand.get(person.id)?.entries ?? 0,
          minutes: secondsToMinutes(byHand.get(person.id)?.seconds ?? 0),
        },
        tasks,
        ratings: ratingsOf(person.id).map((r) => ({
          ...remarkOf(r.taskId, r.taskTitle, r.comment),
          mark: r.comment.body.startsWith('negative') ? ('negative' as const) : ('positive' as const),
        })),
        awaitingRating: awaitingRatingOfPerson(person.id).map((t) => ({ taskId: t.id, title: t.title })),
        unscheduled: unscheduledOfPerson(person.id).map((t) => ({ taskId: t.id, title: t.title })),
        deadlineMoves: movesOf(person.id).map(({ taskId, title, moves }) => ({ taskId, title, moves })),
        ...initiativeMinutes(tasks),
      };
    };
    const result = people.map((person, index) => {
      const page = personPage(person);
      progress(index + 1);
      return page;
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

/** R29: tasks the manager directs, closed in the period by their people, with no rating yet. */
function awaitingRatingOf(ctx: CoreContext, userIds: readonly number[], period: Period): Task[] {
  const people = new Set(userIds);
  return ctx.store
    .findTasks({
      directorId: ctx.actor.id,
      statuses: ['completed'],
      closedFrom: period.from,
      closedTo: period.to,
      order: 'created',
    })
    .filter((t) => people.has(t.responsibleId) && t.responsibleId !== ctx.actor.id && t.mark === null);
}

/** R34: open work with no deadline that no plan from today on holds - nobody has scheduled it. */
function unscheduledOf(store: Store, userIds: readonly number[], today: string): Task[] {
  const inPlans = store.plannedTaskIdsFrom(userIds, today);
  return store
    .findTasks({
      responsibleIds: userIds,
      statuses: ['new', 'pending', 'in_progress'],
      dueNone: true,
      order: 'created',
    })
    .filter((t) => t.kind !== 'general' && !inPlans.has(t.id));
}

/** Rows split by person, each person's in the order given; a person without rows gets none. */
function byPerson<T>(rows: readonly T[], personOf: (row: T) => number): (userId: number) => readonly T[] {
  const split = new Map<number, T[]>();
  for (const row of rows) {
    const id = personOf(row);
    const own = split.get(id);
    if (own) own.push(row);
    else split.set(id, [row]);
  }
  return (userId) => split.get(userId) ?? [];
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
