import type { TeamReport } from '../core/report-types.js';
import { statusLabel } from '../core/status.js';
import { csvTable } from './csv.js';
import { doneNote, localTime, minutes, ratio, resultText, type ReportFormat } from './report-common.js';
import { teamHtml, teamMarkdown } from './report-team-pages.js';
import { terminalSafe } from './safe-text.js';
import {
  byHandText,
  dayStateText,
  initiativeText,
  isPeriod,
  lateCell,
  needsManager,
  noActivity,
  plannerPoints,
  ratingText,
  reportStates,
  taskPlanned,
  taskPlanText,
  teamTitle,
  whereText,
} from './team-points.js';

// The period report's renderer lives in its own file; its callers know it by this module.
export { renderPeriodReport } from './report-period.js';
export { needsManager, plannerPoints } from './team-points.js';

/** R4: the manager's team report in every format - the page a manager reads at the end of the day or week. */
export function renderTeamReport(report: TeamReport, format: ReportFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2);
    case 'csv':
      return teamCsv(report);
    case 'md':
      return teamMarkdown(report);
    case 'html':
      return teamHtml(report);
    case 'table':
      return teamText(report);
  }
}

function teamText(report: TeamReport): string {
  const safe = (t: string) => terminalSafe(t);
  const lines = [
    safe(teamTitle(report)),
    `Totals: planned ${minutes(report.totals.plannedMinutes)}, tracked ${minutes(report.totals.trackedMinutes)}, ratio ${ratio(report.totals.ratio)}`,
  ];
  const attention = report.people.flatMap((p) => needsManager(p).map((n) => ({ p, n })));
  lines.push('', attention.length ? 'Needs you:' : 'Needs you: nothing.');
  for (const { p, n } of attention)
    lines.push(
      safe(
        `  ${p.user}: ${n.kind}${n.taskId !== null ? ` - ${n.taskId} ${n.title}` : ''}${n.note ? ` - ${n.note}` : ''}`,
      ),
    );
  for (const p of report.people) {
    lines.push(
      '',
      safe(
        `${p.user}${p.fullName ? ` (${p.fullName})` : ''}: planned ${minutes(p.plannedMinutes)}${p.plannedLateMinutes ? ` (${minutes(p.plannedLateMinutes)} of it added after work began)` : ''}, tracked ${minutes(p.trackedMinutes)}${p.untrackedMinutes ? ` (untracked in the working day ${minutes(p.untrackedMinutes)})` : ''}, ratio ${ratio(p.ratio)}; day reports: ${reportStates(p)}`,
      ),
    );
    if (noActivity(p)) lines.push('  No activity: nothing planned, tracked or closed.');
    const planWidth = Math.max(9, ...p.tasks.map((t) => taskPlanText(t).length));
    for (const t of p.tasks) {
      lines.push(
        safe(
          `  ${String(t.taskId).padStart(5)}  ${taskPlanText(t).padEnd(planWidth)} ${statusLabel(t.status).padEnd(16)} ${taskPlanned(t).padStart(8)} / ${minutes(t.trackedMinutes).padEnd(7)} ${t.assigned ? 'assigned' : 'own     '} ${t.title}`,
        ),
      );
      const where = whereText(t, p);
      if (where) lines.push(safe(`         -> ${where}`));
      if (t.flags.length) lines.push(safe(`         ! ${t.flags.join('; ')}`));
    }
    if (p.tasks.length) lines.push(`  ${initiativeText(p)}`);
    for (const c of p.closed)
      lines.push(safe(`  done ${c.taskId} ${c.title}${doneNote(c.status)}: ${resultText(c.result)}`));
    if (isPeriod(report)) {
      lines.push('  Day         planned     late  tracked  untracked  report');
      for (const d of p.days)
        lines.push(
          `  ${d.day}  ${minutes(d.plannedMinutes).padStart(7)}  ${lateCell(d).padStart(7)}  ${minutes(d.trackedMinutes).padStart(7)}  ${(d.untrackedMinutes === null ? '-' : minutes(d.untrackedMinutes)).padStart(9)}  ${dayStateText(d)}`,
        );
    }
    for (const point of plannerPoints(p))
      lines.push(
        safe(
          `  ${point.kind.startsWith('overdue') ? 'OVERDUE' : point.kind}: ${point.taskId} ${point.title}${point.note ? ` (${point.note})` : ''}`,
        ),
      );
    for (const r of p.ratings) lines.push(safe(`  rating: ${ratingText(r)}`));
    if (p.observing > 0) lines.push(`  observes ${p.observing} open task(s) (R3)`);
    if (p.byHand.entries > 0)
      lines.push(`  time by hand: ${byHandText(p)} (manual, corrected or retroactive entries, R22, R23)`);
  }
  return lines.join('\n');
}

function teamCsv(report: TeamReport): string {
  const header = [
    'row',
    'from',
    'to',
    'user',
    'day',
    'planned_minutes',
    'tracked_minutes',
    'report',
    'mark',
    'planned_late_minutes',
    'untracked_minutes',
    'task_id',
    'title',
    'status',
    'plan',
    'assigned',
    'note',
  ];
  const rows: (string | number | null)[][] = [];
  for (const p of report.people) {
    for (const d of p.days)
      rows.push([
        'day',
        report.from,
        report.to,
        p.user,
        d.day,
        d.plannedMinutes,
        d.trackedMinutes,
        d.report,
        d.mark,
        d.plannedLateMinutes,
        d.untrackedMinutes,
        null,
        null,
        null,
        null,
        null,
        null,
      ]);
    for (const t of p.tasks) {
      const note = [whereText(t, p), ...t.flags].filter(Boolean).join('; ') || null;
      rows.push([
        'task',
        report.from,
        report.to,
        p.user,
        null,
        t.compound ? null : t.plannedMinutes,
        t.trackedMinutes,
        null,
        null,
        null,
        null,
        t.taskId,
        t.title,
        t.status,
        taskPlanText(t),
        t.assigned ? 'yes' : 'no',
        note,
      ]);
    }
    for (const [kind, points] of [
      ['needs_you', needsManager(p)],
      ['planner', plannerPoints(p)],
    ] as const) {
      for (const n of points)
        rows.push([
          kind,
          report.from,
          report.to,
          p.user,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          n.taskId,
          n.title || null,
          null,
          null,
          null,
          [n.kind, n.note].filter(Boolean).join(': '),
        ]);
    }
    for (const r of p.ratings)
      rows.push([
        'rating',
        report.from,
        report.to,
        p.user,
        localTime(r.at).slice(0, 10),
        null,
        null,
        null,
        r.mark,
        null,
        null,
        r.taskId,
        r.title,
        null,
        null,
        null,
        `${r.author}: ${r.body}`,
      ]);
  }
  return csvTable(header, rows);
}
