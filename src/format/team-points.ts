import type { TeamPerson, TeamReport, TeamTaskLine } from '../core/report-types.js';
import { carriedText, doneNote, dueText, localTime, minutes, resultText, span } from './report-common.js';

/**
 * The pieces of the team report (R4) every format shares: what needs the manager, what a planner needs,
 * where a task's work went, and the cells of the summary and day tables.
 */

export function reportStates(person: TeamPerson): string {
  const counts = { recorded: 0, approved: 0, missing: 0, not_due: 0 };
  for (const d of person.days) counts[d.report] += 1;
  return `${counts.approved} approved, ${counts.recorded} recorded, ${counts.missing} missing`;
}

/** A line of what needs the manager or a planner, with the task it is about (null for a day or the person). */
export interface Point {
  taskId: number | null;
  title: string;
  /** What it is: "awaits your control", "unscheduled (R34)"... */
  kind: string;
  note: string;
}

/** What needs the manager: control, transfers, ratings, remarks, day reports, no activity (said, not blank). */
export function needsManager(p: TeamPerson): Point[] {
  const points: Point[] = [];
  for (const a of p.awaitingControl)
    points.push({
      taskId: a.taskId,
      title: a.title,
      kind:
        a.kind === 'progress'
          ? 'transfer of progress awaits your control (R27)'
          : 'awaits your control (R27)',
      note: '',
    });
  for (const t of p.awaitingRating)
    points.push({ taskId: t.taskId, title: t.title, kind: 'waits for your rating (R29)', note: '' });
  for (const r of p.unansweredRemarks)
    points.push({
      taskId: r.taskId,
      title: r.title,
      kind: 'remark not answered (R30)',
      note: `${r.author}: ${r.body}`,
    });
  const missing = p.days.filter((d) => d.report === 'missing').map((d) => d.day);
  if (missing.length)
    points.push({
      taskId: null,
      title: '',
      kind: `day report not recorded (R35): ${missing.length} day${missing.length === 1 ? '' : 's'}`,
      note: missing.join(', '),
    });
  if (noActivity(p))
    points.push({
      taskId: null,
      title: '',
      kind: 'no activity: nothing planned, tracked or closed',
      note: '',
    });
  return points;
}

/** What a planner needs: overdue work, unscheduled work (R34), moved deadlines (R36), flags (R7, R8). */
export function plannerPoints(p: TeamPerson): Point[] {
  const points: Point[] = [];
  for (const o of p.overdue)
    points.push({ taskId: o.taskId, title: o.title, kind: 'overdue', note: `due ${dueText(o.deadline)}` });
  for (const u of p.unscheduled)
    points.push({
      taskId: u.taskId,
      title: u.title,
      kind: 'unscheduled: no deadline, in no plan (R34)',
      note: '',
    });
  for (const m of p.deadlineMoves)
    points.push({
      taskId: m.taskId,
      title: m.title,
      kind: `deadline moved ${m.moves} time${m.moves === 1 ? '' : 's'} (R36)`,
      note: '',
    });
  return points;
}

export function noActivity(p: TeamPerson): boolean {
  return p.tasks.length === 0 && p.trackedMinutes === 0 && p.closed.length === 0;
}

/** Where a task's work went: its result, Part N, a moved deadline, control - or that it is open. */
export function whereText(t: TeamTaskLine, p: TeamPerson): string {
  // R28: a transfer of progress waits for the director's reaction - not finished work.
  if (
    t.status === 'awaiting_control' &&
    p.awaitingControl.some((a) => a.taskId === t.taskId && a.kind === 'progress')
  )
    return 'progress sent for your reaction (R28)';
  if (t.status === 'awaiting_control')
    return `awaiting control${t.result ? `: ${resultText(t.result)}` : ''}`;
  if (t.result)
    return `${doneNote(t.status).trim() ? `${doneNote(t.status).trim()} ` : ''}${resultText(t.result)}`;
  if (t.carriedOver) return carriedText(t.carriedOver);
  return t.planned ? '' : 'unplanned work';
}

/** Why a task is in the period: planned, "planned late 17:10" (R20), unplanned; assigned or own. */
export function taskPlanText(t: TeamTaskLine): string {
  const plan = t.planned
    ? t.addedLate
      ? `planned late ${localTime(t.addedLate).slice(11)}`
      : 'planned'
    : 'unplanned';
  return plan;
}

export function taskPlanned(t: TeamTaskLine): string {
  return t.compound ? 'compound' : minutes(t.plannedMinutes);
}

export function ratingText(r: TeamPerson['ratings'][number]): string {
  return `${r.taskId} ${r.title}: ${r.mark} by ${r.author}${r.body.includes(':') ? ` - ${r.body.slice(r.body.indexOf(':') + 1).trim()}` : ''}`;
}

/** Planned time, and (R20) how much of it came into the plans after work began. */
export function plannedCell(p: TeamPerson): string {
  return p.plannedLateMinutes
    ? `${minutes(p.plannedMinutes)} (${minutes(p.plannedLateMinutes)} late)`
    : minutes(p.plannedMinutes);
}

/** R20: of a day's plan, what came into it after work began; "-" when not known (an old merged report). */
export function lateCell(d: TeamPerson['days'][number]): string {
  return d.plannedLateMinutes === null ? '-' : minutes(d.plannedLateMinutes);
}

/** R35: the working day's time with no entry; "-" when no working day was recorded. */
export function untrackedCell(p: TeamPerson): string {
  return p.untrackedMinutes === null ? '-' : minutes(p.untrackedMinutes);
}

/** R22, R23: "3 (1h20m)" - entries entered or changed by hand and their time; "-" for none. */
export function byHandText(p: TeamPerson): string {
  return p.byHand.entries ? `${p.byHand.entries} (${minutes(p.byHand.minutes)})` : '-';
}

export function initiativeText(p: TeamPerson): string {
  return `assigned ${minutes(p.assignedMinutes)}, own initiative ${minutes(p.ownMinutes)}`;
}

export function teamTitle(report: TeamReport): string {
  return `Team report ${span(report.from, report.to)}${report.manager ? ` for ${report.manager}` : ''}`;
}

export const isPeriod = (report: TeamReport) => report.from !== report.to;

export function dayStateText(d: TeamPerson['days'][number]): string {
  return d.report === 'not_due' ? 'not due' : `${d.report}${d.mark ? ` (${d.mark})` : ''}`;
}
