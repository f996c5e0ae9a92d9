import type { DayReport, TeamPerson, TeamReport, TeamTaskLine } from './report-types.js';
import { ratioOf } from './report-types.js';
import { assembleTeamReport, sumKnown, sumOfKnown } from './team-report.js';
import { initiativeMinutes, teamTaskLines } from './team-tasks.js';

/**
 * `task report merge`: one team report from the JSON reports several people exported from their own
 * databases (day reports or team reports). The same person's days are combined.
 */
export function mergeReports(reports: readonly (DayReport | TeamReport)[], generatedAt: Date): TeamReport {
  const people = new Map<string, TeamPerson>();
  const days: string[] = [];
  const merge = (person: TeamPerson) => {
    const existing = people.get(person.user);
    if (!existing) return people.set(person.user, { ...person, days: [...person.days] });
    const knownDays = new Set(existing.days.map((d) => d.day));
    const added = person.days.filter((d) => !knownDays.has(d.day));
    existing.days.push(...added);
    existing.days.sort((a, b) => a.day.localeCompare(b.day));
    existing.plannedMinutes = existing.days.reduce((s, d) => s + d.plannedMinutes, 0);
    existing.plannedLateMinutes = sumKnown(existing.days.map((d) => d.plannedLateMinutes));
    existing.trackedMinutes = existing.days.reduce((s, d) => s + d.trackedMinutes, 0);
    existing.untrackedMinutes = sumOfKnown(existing.days.map((d) => d.untrackedMinutes));
    existing.ratio = ratioOf(existing.trackedMinutes, existing.plannedMinutes);
    existing.closed.push(...person.closed.filter((c) => !existing.closed.some((x) => x.taskId === c.taskId)));
    existing.overdue = person.overdue.length ? person.overdue : existing.overdue;
    existing.unansweredRemarks = person.unansweredRemarks.length
      ? person.unansweredRemarks
      : existing.unansweredRemarks;
    existing.negativeRatings.push(...person.negativeRatings);
    existing.awaitingControl.push(...person.awaitingControl);
    existing.observing = Math.max(existing.observing, person.observing);
    existing.tasks = mergeTeamTasks(existing.tasks, person.tasks);
    existing.ratings.push(
      ...person.ratings.filter((r) => !existing.ratings.some((x) => x.taskId === r.taskId && x.at === r.at)),
    );
    existing.awaitingRating.push(
      ...person.awaitingRating.filter((t) => !existing.awaitingRating.some((x) => x.taskId === t.taskId)),
    );
    existing.unscheduled = person.unscheduled.length ? person.unscheduled : existing.unscheduled;
    existing.deadlineMoves.push(
      ...person.deadlineMoves.filter((m) => !existing.deadlineMoves.some((x) => x.taskId === m.taskId)),
    );
    Object.assign(existing, initiativeMinutes(existing.tasks));
    // A period total: added when all of the person's days are new here (a report covering days already merged is not counted twice).
    if (added.length === person.days.length)
      existing.byHand = {
        entries: existing.byHand.entries + person.byHand.entries,
        minutes: existing.byHand.minutes + person.byHand.minutes,
      };
    return people;
  };
  for (const report of reports) {
    if (report.schema === 'regula.day-report') {
      days.push(report.day);
      merge(personFromDayReport(report));
    } else {
      days.push(report.from, report.to);
      for (const person of report.people) merge(person);
    }
  }
  days.sort();
  return assembleTeamReport(
    null,
    days[0] ?? '',
    days.at(-1) ?? '',
    generatedAt.toISOString(),
    [...people.values()].sort((a, b) => a.user.localeCompare(b.user)),
  );
}

export function personFromDayReport(report: DayReport): TeamPerson {
  const tasks = teamTaskLines([report.tasks]);
  const state = report.recorded ? (report.recorded.approval ? 'approved' : 'recorded') : 'missing';
  return {
    user: report.user,
    fullName: null,
    plannedMinutes: report.totals.plannedMinutes,
    plannedLateMinutes: report.totals.plannedLateMinutes,
    trackedMinutes: report.totals.trackedMinutes,
    untrackedMinutes: report.totals.untrackedMinutes,
    ratio: report.totals.ratio,
    days: [
      {
        day: report.day,
        plannedMinutes: report.totals.plannedMinutes,
        plannedLateMinutes: report.totals.plannedLateMinutes,
        trackedMinutes: report.totals.trackedMinutes,
        untrackedMinutes: report.totals.untrackedMinutes,
        report: state,
        mark: report.recorded?.approval?.mark ?? null,
      },
    ],
    closed: report.tasks
      .filter((t) => t.result)
      .map((t) => ({ taskId: t.id, title: t.title, status: t.status, result: t.result })),
    overdue: report.overdue.map((o) => ({ taskId: o.id, title: o.title, deadline: o.deadline })),
    awaitingControl: [],
    negativeRatings: report.negativeRatings,
    unansweredRemarks: report.unansweredRemarks,
    observing: 0,
    byHand: handTimeOfDayReport(report),
    tasks,
    ratings: report.negativeRatings.map((r) => ({ ...r, mark: 'negative' as const })),
    awaitingRating: [],
    unscheduled: [],
    deadlineMoves: [],
    ...initiativeMinutes(tasks),
  };
}

/** R22: the time by hand of a day report - per entry what was typed or stretched. */
function handTimeOfDayReport(report: DayReport): TeamPerson['byHand'] {
  const minutes = report.flaggedEntries.map((e) => e.handMinutes);
  return { entries: minutes.filter((m) => m > 0).length, minutes: minutes.reduce((a, b) => a + b, 0) };
}

/** The tasks of the same person from two reports (earlier days first): tracked time added, the later state kept. */
function mergeTeamTasks(earlier: readonly TeamTaskLine[], later: readonly TeamTaskLine[]): TeamTaskLine[] {
  const merged = new Map(earlier.map((t) => [t.taskId, { ...t }]));
  for (const task of later) {
    const known = merged.get(task.taskId);
    if (!known) merged.set(task.taskId, { ...task });
    else
      Object.assign(known, {
        ...task,
        trackedMinutes: known.trackedMinutes + task.trackedMinutes,
        planned: known.planned || task.planned,
        addedLate: known.addedLate ?? task.addedLate,
        result: task.result ?? known.result,
      });
  }
  return [...merged.values()];
}
