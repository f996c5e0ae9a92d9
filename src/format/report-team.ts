import type { PeriodReport, TeamPerson, TeamReport } from '../core/report-types.js';
import { csvTable } from './csv.js';
import { barChartSvg, htmlPage, htmlText } from './html.js';
import { mdTable, mdText } from './markdown.js';
import { doneNote, dueText, localTime, minutes, ratio, resultText, type ReportFormat } from './report-common.js';
import { terminalSafe } from './safe-text.js';

const span = (from: string, to: string) => (from === to ? from : `${from} .. ${to}`);

function reportStates(person: TeamPerson): string {
  const counts = { recorded: 0, approved: 0, missing: 0, not_due: 0 };
  for (const d of person.days) counts[d.report] += 1;
  return `${counts.approved} approved, ${counts.recorded} recorded, ${counts.missing} missing`;
}

/** R4: the manager's team report in every format. */
export function renderTeamReport(report: TeamReport, format: ReportFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2);
    case 'csv':
      return csvTable(
        ['from', 'to', 'user', 'day', 'planned_minutes', 'tracked_minutes', 'report', 'mark', 'planned_late_minutes', 'untracked_minutes'],
        report.people.flatMap((p) => p.days.map((d) => [report.from, report.to, p.user, d.day, d.plannedMinutes, d.trackedMinutes, d.report, d.mark, d.plannedLateMinutes, d.untrackedMinutes])),
      );
    case 'md':
      return teamMarkdown(report);
    case 'html':
      return teamHtml(report);
    case 'table':
      return teamText(report);
  }
}

/** Planned time, and (R20) how much of it came into the plans after work began. */
function plannedCell(p: TeamPerson): string {
  return p.plannedLateMinutes ? `${minutes(p.plannedMinutes)} (${minutes(p.plannedLateMinutes)} late)` : minutes(p.plannedMinutes);
}

/** R35: the working day's time with no entry; "-" when no working day was recorded. */
function untrackedCell(p: TeamPerson): string {
  return p.untrackedMinutes === null ? '-' : minutes(p.untrackedMinutes);
}

/** R22, R23: "3 (1h20m)" - entries entered or changed by hand and their time; "-" for none. */
function byHandText(p: TeamPerson): string {
  return p.byHand.entries ? `${p.byHand.entries} (${minutes(p.byHand.minutes)})` : '-';
}

function title(report: TeamReport): string {
  return `Team report ${span(report.from, report.to)}${report.manager ? ` for ${report.manager}` : ''}`;
}

function teamText(report: TeamReport): string {
  const safe = (t: string) => terminalSafe(t);
  const lines = [safe(title(report)), `Totals: planned ${minutes(report.totals.plannedMinutes)}, tracked ${minutes(report.totals.trackedMinutes)}, ratio ${ratio(report.totals.ratio)}`];
  for (const p of report.people) {
    lines.push('', safe(`${p.user}${p.fullName ? ` (${p.fullName})` : ''}: planned ${minutes(p.plannedMinutes)}${p.plannedLateMinutes ? ` (${minutes(p.plannedLateMinutes)} of it added after work began)` : ''}, tracked ${minutes(p.trackedMinutes)}${p.untrackedMinutes ? ` (untracked in the working day ${minutes(p.untrackedMinutes)})` : ''}, ratio ${ratio(p.ratio)}; day reports: ${reportStates(p)}`));
    for (const c of p.closed) lines.push(safe(`  done ${c.taskId} ${c.title}${doneNote(c.status)}: ${resultText(c.result)}`));
    for (const o of p.overdue) lines.push(safe(`  OVERDUE ${o.taskId} ${o.title} (due ${dueText(o.deadline)})`));
    for (const a of p.awaitingControl) lines.push(safe(`  awaits your control: ${a.taskId} ${a.title}${a.kind === 'progress' ? ' (transfer of progress)' : ''}`));
    for (const n of p.negativeRatings) lines.push(safe(`  negative rating on ${n.taskId} ${n.title}: ${n.body}`));
    for (const r of p.unansweredRemarks) lines.push(safe(`  unanswered remark on ${r.taskId} ${r.title}: ${r.body}`));
    if (p.observing > 0) lines.push(`  observes ${p.observing} open task(s) (R3)`);
    if (p.byHand.entries > 0) lines.push(`  time by hand: ${byHandText(p)} (manual, corrected or retroactive entries, R22, R23)`);
  }
  return lines.join('\n');
}

function teamMarkdown(report: TeamReport): string {
  const out = [`# ${mdText(title(report))}`, ''];
  out.push(
    mdTable(
      ['Person', 'Planned', 'Tracked', 'Untracked', 'Ratio', 'By hand', 'Done', 'Overdue', 'Awaiting control', 'Day reports'],
      report.people.map((p) => [mdText(p.user), plannedCell(p), minutes(p.trackedMinutes), untrackedCell(p), ratio(p.ratio), byHandText(p), String(p.closed.length), String(p.overdue.length), String(p.awaitingControl.length), reportStates(p)]),
    ),
  );
  for (const p of report.people) {
    out.push('', `## ${mdText(p.user)}`, '');
    if (p.closed.length) out.push('Done, with results:', '', ...p.closed.map((c) => `- ${c.taskId} ${mdText(c.title)}${doneNote(c.status)}: ${mdText(resultText(c.result))}`), '');
    if (p.overdue.length) out.push('Overdue:', '', ...p.overdue.map((o) => `- ${o.taskId} ${mdText(o.title)} (due ${dueText(o.deadline)})`), '');
    if (p.awaitingControl.length) out.push('Awaiting your control:', '', ...p.awaitingControl.map((a) => `- ${a.taskId} ${mdText(a.title)}${a.kind === 'progress' ? ' (transfer of progress)' : ''}`), '');
    if (p.negativeRatings.length) out.push('Negative ratings:', '', ...p.negativeRatings.map((n) => `- ${n.taskId} ${mdText(n.title)}: ${mdText(n.body)}`), '');
    if (p.unansweredRemarks.length) out.push('Unanswered remarks:', '', ...p.unansweredRemarks.map((r) => `- ${r.taskId} ${mdText(r.title)}: ${mdText(r.body)}`), '');
    if (p.observing > 0) out.push(`Observes ${p.observing} open task(s).`, '');
  }
  return out.join('\n').trimEnd() + '\n';
}

function teamHtml(report: TeamReport): string {
  const heading = title(report);
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
  const details = report.people
    .map((p) => {
      const list = (label: string, items: string[]) => (items.length ? `<h3>${label}</h3><ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : '');
      return `<h2>${htmlText(p.user)}${p.fullName ? ` <span class="muted">${htmlText(p.fullName)}</span>` : ''}</h2>
${list('Done, with results', p.closed.map((c) => `${c.taskId} ${htmlText(c.title)}${htmlText(doneNote(c.status))}: ${htmlText(resultText(c.result))}`))}
${list('Overdue', p.overdue.map((o) => `<span class="bad">${o.taskId} ${htmlText(o.title)}</span> (due ${htmlText(dueText(o.deadline))})`))}
${list('Awaiting your control', p.awaitingControl.map((a) => `${a.taskId} ${htmlText(a.title)}${a.kind === 'progress' ? ' (transfer of progress)' : ''}`))}
${list('Negative ratings', p.negativeRatings.map((n) => `${n.taskId} ${htmlText(n.title)}: ${htmlText(n.body)}`))}
${list('Unanswered remarks', p.unansweredRemarks.map((r) => `${r.taskId} ${htmlText(r.title)}: ${htmlText(r.body)}`))}
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
${details}`,
  );
}

/** Totals per day and per project, tag and CRM link. */
export function renderPeriodReport(report: PeriodReport, format: ReportFormat): string {
  const heading = `Report of ${report.users.join(', ')} for ${span(report.from, report.to)}${report.excludedTags.length ? ` (without tags ${report.excludedTags.join(', ')})` : ''}`;
  const groups: [string, { key: string; minutes: number }[]][] = [
    ['Project', report.byProject.map((p) => ({ key: p.project ?? '(no project)', minutes: p.minutes }))],
    ['Tag', report.byTag.map((t) => ({ key: t.tag ?? '(no tag)', minutes: t.minutes }))],
    ['CRM link', report.byCrm.map((c) => ({ key: c.link, minutes: c.minutes }))],
  ];
  const totals = `planned ${minutes(report.totals.plannedMinutes)}, tracked ${minutes(report.totals.trackedMinutes)}, ratio ${ratio(report.totals.ratio)}`;
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2);
    case 'csv':
      return csvTable(
        ['kind', 'key', 'planned_minutes', 'tracked_minutes'],
        [
          ...report.days.map((d) => ['day', d.day, d.plannedMinutes, d.trackedMinutes]),
          ...groups.flatMap(([kind, rows]) => rows.map((r) => [kind.toLowerCase().replace(' ', '_'), r.key, null, r.minutes])),
        ],
      );
    case 'md':
      return [
        `# ${mdText(heading)}`,
        '',
        `**Totals:** ${totals}`,
        '',
        mdTable(['Day', 'Planned', 'Tracked'], report.days.map((d) => [d.day, minutes(d.plannedMinutes), minutes(d.trackedMinutes)])),
        ...groups.flatMap(([name, rows]) => (rows.length ? ['', `## By ${name.toLowerCase()}`, '', mdTable([name, 'Tracked'], rows.map((r) => [mdText(r.key), minutes(r.minutes)]))] : [])),
      ].join('\n') + '\n';
    case 'html':
      return htmlPage(
        heading,
        `<h1>${htmlText(heading)}</h1><p><strong>Totals:</strong> ${htmlText(totals)}</p>
${barChartSvg(report.days.map((d) => ({ label: d.day, planned: d.plannedMinutes, tracked: d.trackedMinutes })), 'Planned and tracked per day')}
<table><tr><th>Day</th><th>Planned</th><th>Tracked</th></tr>${report.days.map((d) => `<tr><td>${d.day}</td><td class="num">${minutes(d.plannedMinutes)}</td><td class="num">${minutes(d.trackedMinutes)}</td></tr>`).join('')}</table>
${groups
  .filter(([, rows]) => rows.length)
  .map(([name, rows]) => `<h2>By ${name.toLowerCase()}</h2><table><tr><th>${name}</th><th>Tracked</th></tr>${rows.map((r) => `<tr><td>${htmlText(r.key)}</td><td class="num">${minutes(r.minutes)}</td></tr>`).join('')}</table>`)
  .join('\n')}`,
      );
    case 'table': {
      const lines = [terminalSafe(heading), `Totals: ${totals}`, ''];
      for (const d of report.days) if (d.plannedMinutes || d.trackedMinutes) lines.push(`  ${d.day}  planned ${minutes(d.plannedMinutes).padStart(7)}  tracked ${minutes(d.trackedMinutes).padStart(7)}`);
      for (const [name, rows] of groups) {
        if (!rows.length) continue;
        lines.push('', `By ${name.toLowerCase()}:`);
        for (const r of rows) lines.push(terminalSafe(`  ${minutes(r.minutes).padStart(8)}  ${r.key}`));
      }
      return lines.join('\n');
    }
  }
}
