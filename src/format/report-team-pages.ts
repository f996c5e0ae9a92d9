import type { TeamPerson, TeamReport } from '../core/report-types.js';
import { statusLabel } from '../core/status.js';
import { barChartSvg, htmlPage, htmlText } from './html.js';
import { mdTable, mdText } from './markdown.js';
import { doneNote, localTime, minutes, ratio, resultText, span } from './report-common.js';
import {
  byHandText,
  dayStateText,
  initiativeText,
  isPeriod,
  lateCell,
  needsManager,
  noActivity,
  plannedCell,
  plannerPoints,
  ratingText,
  reportStates,
  taskPlanned,
  taskPlanText,
  teamTitle,
  untrackedCell,
  whereText,
} from './team-points.js';

/** The team report (R4) as pages: Markdown, and HTML with its charts. */

export function teamMarkdown(report: TeamReport): string {
  const out = [`# ${mdText(teamTitle(report))}`, ''];
  out.push(
    mdTable(
      [
        'Person',
        'Planned',
        'Tracked',
        'Untracked',
        'Ratio',
        'By hand',
        'Done',
        'Overdue',
        'Awaiting control',
        'Day reports',
      ],
      report.people.map((p) => [
        mdText(p.user),
        plannedCell(p),
        minutes(p.trackedMinutes),
        untrackedCell(p),
        ratio(p.ratio),
        byHandText(p),
        String(p.closed.length),
        String(p.overdue.length),
        String(p.awaitingControl.length),
        reportStates(p),
      ]),
    ),
  );
  const attention = report.people.flatMap((p) => needsManager(p).map((n) => ({ p, n })));
  out.push('', '## Needs you', '');
  if (!attention.length) out.push('Nothing.');
  for (const { p, n } of attention)
    out.push(
      `- **${mdText(p.user)}**: ${mdText(n.kind)}${n.taskId !== null ? ` - ${n.taskId} ${mdText(n.title)}` : ''}${n.note ? ` - ${mdText(n.note)}` : ''}`,
    );
  for (const p of report.people) {
    out.push('', `## ${mdText(p.user)}${p.fullName ? ` (${mdText(p.fullName)})` : ''}`, '');
    if (noActivity(p)) out.push('No activity: nothing planned, tracked or closed.', '');
    if (p.tasks.length) {
      out.push(
        mdTable(
          ['ID', 'Task', 'Plan', 'Status', 'Planned', 'Tracked', 'Given', 'Result / where it went', 'Flags'],
          p.tasks.map((t) => [
            String(t.taskId),
            mdText(t.title),
            taskPlanText(t),
            statusLabel(t.status),
            taskPlanned(t),
            minutes(t.trackedMinutes),
            t.assigned ? 'assigned' : 'own',
            mdText(whereText(t, p)),
            mdText(t.flags.join('; ')),
          ]),
        ),
        '',
        `${initiativeText(p)}.`,
        '',
      );
    }
    if (isPeriod(report)) {
      out.push(
        mdTable(
          ['Day', 'Planned', 'Planned late', 'Tracked', 'Untracked', 'Report'],
          p.days.map((d) => [
            d.day,
            minutes(d.plannedMinutes),
            lateCell(d),
            minutes(d.trackedMinutes),
            d.untrackedMinutes === null ? '-' : minutes(d.untrackedMinutes),
            dayStateText(d),
          ]),
        ),
        '',
      );
    }
    if (p.closed.length)
      out.push(
        'Done, with results:',
        '',
        ...p.closed.map(
          (c) => `- ${c.taskId} ${mdText(c.title)}${doneNote(c.status)}: ${mdText(resultText(c.result))}`,
        ),
        '',
      );
    const planner = plannerPoints(p);
    if (planner.length)
      out.push(
        'For planning:',
        '',
        ...planner.map(
          (n) => `- ${mdText(n.kind)}: ${n.taskId} ${mdText(n.title)}${n.note ? ` (${mdText(n.note)})` : ''}`,
        ),
        '',
      );
    if (p.ratings.length) out.push('Ratings:', '', ...p.ratings.map((r) => `- ${mdText(ratingText(r))}`), '');
    if (p.observing > 0) out.push(`Observes ${p.observing} open task(s).`, '');
  }
  return (
    out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  );
}

/** Per person over a period: planned, tracked and untracked per day as grouped bars (inline SVG). */
function dayChartSvg(p: TeamPerson): string {
  return barChartSvg(
    p.days.map((d) => ({
      label: `${d.day}${d.report === 'missing' ? ' (no report)' : ''}`,
      planned: d.plannedMinutes,
      tracked: d.trackedMinutes,
    })),
    `${p.user}: planned and tracked per day`,
  );
}

export function teamHtml(report: TeamReport): string {
  const heading = teamTitle(report);
  const chart = barChartSvg(
    report.people.map((p) => ({ label: p.user, planned: p.plannedMinutes, tracked: p.trackedMinutes })),
    `Planned and tracked per person, ${span(report.from, report.to)}`,
  );
  const summary = report.people
    .map(
      (p) =>
        `<tr><td>${htmlText(p.user)}</td><td class="num">${plannedCell(p)}</td><td class="num">${minutes(p.trackedMinutes)}</td><td class="num">${untrackedCell(p)}</td><td class="num">${ratio(p.ratio)}</td><td class="num">${byHandText(p)}</td><td class="num">${p.closed.length}</td><td class="num${p.overdue.length ? ' bad' : ''}">${p.overdue.length}</td><td class="num">${p.awaitingControl.length}</td><td>${htmlText(reportStates(p))}</td></tr>`,
    )
    .join('\n');
  const attention = report.people.flatMap((p) => needsManager(p).map((n) => ({ p, n })));
  const needs = `<h2>Needs you</h2>${
    attention.length
      ? `<ul>${attention.map(({ p, n }) => `<li><strong>${htmlText(p.user)}</strong>: ${htmlText(n.kind)}${n.taskId !== null ? ` - ${n.taskId} ${htmlText(n.title)}` : ''}${n.note ? ` - <span class="muted">${htmlText(n.note)}</span>` : ''}</li>`).join('')}</ul>`
      : '<p class="good">Nothing.</p>'
  }`;
  const details = report.people
    .map((p) => {
      const list = (label: string, items: string[]) =>
        items.length ? `<h3>${label}</h3><ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : '';
      const tasks = p.tasks.length
        ? `<table><tr><th>ID</th><th>Task</th><th>Plan</th><th>Status</th><th>Planned</th><th>Tracked</th><th>Given</th><th>Result / where it went</th></tr>${p.tasks
            .map(
              (t) =>
                `<tr><td class="num">${t.taskId}</td><td>${htmlText(t.title)}${t.flags.length ? `<br><span class="flag">${htmlText(t.flags.join('; '))}</span>` : ''}</td><td${t.addedLate ? ' class="flag"' : ''}>${htmlText(taskPlanText(t))}</td><td>${statusLabel(t.status)}</td><td class="num">${taskPlanned(t)}</td><td class="num">${minutes(t.trackedMinutes)}</td><td>${t.assigned ? 'assigned' : 'own'}</td><td>${htmlText(whereText(t, p))}</td></tr>`,
            )
            .join('')}</table><p class="muted">${htmlText(initiativeText(p))}.</p>`
        : '';
      const days = isPeriod(report)
        ? `${dayChartSvg(p)}<table><tr><th>Day</th><th>Planned</th><th>Planned late</th><th>Tracked</th><th>Untracked</th><th>Report</th></tr>${p.days
            .map(
              (d) =>
                `<tr><td>${d.day}</td><td class="num">${minutes(d.plannedMinutes)}</td><td class="num${d.plannedLateMinutes ? ' flag' : ''}">${lateCell(d)}</td><td class="num">${minutes(d.trackedMinutes)}</td><td class="num">${d.untrackedMinutes === null ? '-' : minutes(d.untrackedMinutes)}</td><td${d.report === 'missing' ? ' class="bad"' : ''}>${htmlText(dayStateText(d))}</td></tr>`,
            )
            .join('')}</table>`
        : '';
      return `<h2>${htmlText(p.user)}${p.fullName ? ` <span class="muted">${htmlText(p.fullName)}</span>` : ''}</h2>
${noActivity(p) ? '<p class="bad">No activity: nothing planned, tracked or closed.</p>' : ''}
${tasks}
${days}
${list(
  'For planning',
  plannerPoints(p).map(
    (n) =>
      `${n.kind === 'overdue' ? '<span class="bad">overdue</span>' : htmlText(n.kind)}: ${n.taskId} ${htmlText(n.title)}${n.note ? ` (${htmlText(n.note)})` : ''}`,
  ),
)}
${list(
  'Ratings',
  p.ratings.map(
    (r) => `<span class="${r.mark === 'negative' ? 'bad' : 'good'}">${htmlText(ratingText(r))}</span>`,
  ),
)}
${p.observing > 0 ? `<p class="flag">Observes ${p.observing} open task(s) (R3).</p>` : ''}`;
    })
    .join('\n');
  return htmlPage(
    heading,
    `<h1>${htmlText(heading)}</h1>
<p><strong>Totals:</strong> planned ${minutes(report.totals.plannedMinutes)}, tracked ${minutes(report.totals.trackedMinutes)}, ratio ${ratio(report.totals.ratio)}. Generated ${htmlText(localTime(report.generatedAt))}.</p>
${chart}
<table><tr><th>Person</th><th>Planned</th><th>Tracked</th><th>Untracked</th><th>Ratio</th><th>By hand</th><th>Done</th><th>Overdue</th><th>Awaiting control</th><th>Day reports</th></tr>
${summary}
</table>
${needs}
${details}`,
  );
}
