import type { PeriodReport, TeamPerson, TeamReport, TeamTaskLine } from '../core/report-types.js';
import { statusLabel } from '../core/status.js';
import { csvTable } from './csv.js';
import { barChartSvg, htmlPage, htmlText } from './html.js';
import { mdTable, mdText } from './markdown.js';
import {
  carriedText,
  doneNote,
  dueText,
  localTime,
  minutes,
  ratio,
  resultText,
  type ReportFormat,
} from './report-common.js';
import { terminalSafe } from './safe-text.js';

const span = (from: string, to: string) => (from === to ? from : `${from} .. ${to}`);

function reportStates(person: TeamPerson): string {
  const counts = { recorded: 0, approved: 0, missing: 0, not_due: 0 };
  for (const d of person.days) counts[d.report] += 1;
  return `${counts.approved} approved, ${counts.recorded} recorded, ${counts.missing} missing`;
}

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

/** A line of what needs the manager or a planner, with the task it is about (null for a day or the person). */
interface Point {
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

function noActivity(p: TeamPerson): boolean {
  return p.tasks.length === 0 && p.trackedMinutes === 0 && p.closed.length === 0;
}

/** Where a task's work went: its result, Part N, a moved deadline, control - or that it is open. */
function whereText(t: TeamTaskLine, p: TeamPerson): string {
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
function taskPlanText(t: TeamTaskLine): string {
  const plan = t.planned
    ? t.addedLate
      ? `planned late ${localTime(t.addedLate).slice(11)}`
      : 'planned'
    : 'unplanned';
  return plan;
}

function taskPlanned(t: TeamTaskLine): string {
  return t.compound ? 'compound' : minutes(t.plannedMinutes);
}

function ratingText(r: TeamPerson['ratings'][number]): string {
  return `${r.taskId} ${r.title}: ${r.mark} by ${r.author}${r.body.includes(':') ? ` - ${r.body.slice(r.body.indexOf(':') + 1).trim()}` : ''}`;
}

/** Planned time, and (R20) how much of it came into the plans after work began. */
function plannedCell(p: TeamPerson): string {
  return p.plannedLateMinutes
    ? `${minutes(p.plannedMinutes)} (${minutes(p.plannedLateMinutes)} late)`
    : minutes(p.plannedMinutes);
}

/** R20: of a day's plan, what came into it after work began; "-" when not known (an old merged report). */
function lateCell(d: TeamPerson['days'][number]): string {
  return d.plannedLateMinutes === null ? '-' : minutes(d.plannedLateMinutes);
}

/** R35: the working day's time with no entry; "-" when no working day was recorded. */
function untrackedCell(p: TeamPerson): string {
  return p.untrackedMinutes === null ? '-' : minutes(p.untrackedMinutes);
}

/** R22, R23: "3 (1h20m)" - entries entered or changed by hand and their time; "-" for none. */
function byHandText(p: TeamPerson): string {
  return p.byHand.entries ? `${p.byHand.entries} (${minutes(p.byHand.minutes)})` : '-';
}

function initiativeText(p: TeamPerson): string {
  return `assigned ${minutes(p.assignedMinutes)}, own initiative ${minutes(p.ownMinutes)}`;
}

function title(report: TeamReport): string {
  return `Team report ${span(report.from, report.to)}${report.manager ? ` for ${report.manager}` : ''}`;
}

const isPeriod = (report: TeamReport) => report.from !== report.to;

function dayStateText(d: TeamPerson['days'][number]): string {
  return d.report === 'not_due' ? 'not due' : `${d.report}${d.mark ? ` (${d.mark})` : ''}`;
}

function teamText(report: TeamReport): string {
  const safe = (t: string) => terminalSafe(t);
  const lines = [
    safe(title(report)),
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

function teamMarkdown(report: TeamReport): string {
  const out = [`# ${mdText(title(report))}`, ''];
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
          ...groups.flatMap(([kind, rows]) =>
            rows.map((r) => [kind.toLowerCase().replace(' ', '_'), r.key, null, r.minutes]),
          ),
        ],
      );
    case 'md':
      return (
        [
          `# ${mdText(heading)}`,
          '',
          `**Totals:** ${totals}`,
          '',
          mdTable(
            ['Day', 'Planned', 'Tracked'],
            report.days.map((d) => [d.day, minutes(d.plannedMinutes), minutes(d.trackedMinutes)]),
          ),
          ...groups.flatMap(([name, rows]) =>
            rows.length
              ? [
                  '',
                  `## By ${name.toLowerCase()}`,
                  '',
                  mdTable(
                    [name, 'Tracked'],
                    rows.map((r) => [mdText(r.key), minutes(r.minutes)]),
                  ),
                ]
              : [],
          ),
        ].join('\n') + '\n'
      );
    case 'html':
      return htmlPage(
        heading,
        `<h1>${htmlText(heading)}</h1><p><strong>Totals:</strong> ${htmlText(totals)}</p>
${barChartSvg(
  report.days.map((d) => ({ label: d.day, planned: d.plannedMinutes, tracked: d.trackedMinutes })),
  'Planned and tracked per day',
)}
<table><tr><th>Day</th><th>Planned</th><th>Tracked</th></tr>${report.days.map((d) => `<tr><td>${d.day}</td><td class="num">${minutes(d.plannedMinutes)}</td><td class="num">${minutes(d.trackedMinutes)}</td></tr>`).join('')}</table>
${groups
  .filter(([, rows]) => rows.length)
  .map(
    ([name, rows]) =>
      `<h2>By ${name.toLowerCase()}</h2><table><tr><th>${name}</th><th>Tracked</th></tr>${rows.map((r) => `<tr><td>${htmlText(r.key)}</td><td class="num">${minutes(r.minutes)}</td></tr>`).join('')}</table>`,
  )
  .join('\n')}`,
      );
    case 'table': {
      const lines = [terminalSafe(heading), `Totals: ${totals}`, ''];
      for (const d of report.days)
        if (d.plannedMinutes || d.trackedMinutes)
          lines.push(
            `  ${d.day}  planned ${minutes(d.plannedMinutes).padStart(7)}  tracked ${minutes(d.trackedMinutes).padStart(7)}`,
          );
      for (const [name, rows] of groups) {
        if (!rows.length) continue;
        lines.push('', `By ${name.toLowerCase()}:`);
        for (const r of rows) lines.push(terminalSafe(`  ${minutes(r.minutes).padStart(8)}  ${r.key}`));
      }
      return lines.join('\n');
    }
  }
}
