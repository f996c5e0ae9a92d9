import type { DayReport, ReportAmendment, ReportEntryLine, ReportTaskLine } from '../core/report-types.js';
import { csvTable } from './csv.js';
import { barChartSvg, htmlPage, htmlText } from './html.js';
import { mdTable, mdText } from './markdown.js';
import {
  carriedText,
  dueText,
  localTime,
  minutes,
  PLAN_LABEL,
  ratio,
  resultText,
  type ReportFormat,
} from './report-common.js';
import { terminalSafe } from './safe-text.js';

/** R35: the end-of-day report in every format. Pure: report in, text out. */
export function renderDayReport(report: DayReport, format: ReportFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2);
    case 'csv':
      return dayCsv(report);
    case 'md':
      return dayMarkdown(report);
    case 'html':
      return dayHtml(report);
    case 'table':
      return dayText(report);
  }
}

function heading(report: DayReport): string {
  const state = report.recorded
    ? `recorded ${localTime(report.recorded.recordedAt)}${report.recorded.amended ? ', AMENDED' : ''}${report.recorded.approval ? `, approved by ${report.recorded.approval.by} (${report.recorded.approval.mark})` : ''}`
    : 'not recorded';
  return `Report of ${report.user} for ${report.day} (${state})`;
}

function workdayLine(report: DayReport): string | null {
  const w = report.workday;
  if (!w) return null;
  return `Working day ${localTime(w.startedAt).slice(11)}-${w.endedAt ? localTime(w.endedAt).slice(11) : 'open'}, breaks ${minutes(w.breakMinutes)}, present ${minutes(w.presentMinutes)}`;
}

/**
 * R23: the lines after a recorded day's time corrections: its other changes since recording, then the
 * totals as recorded (and approved), so what changed is told against them.
 */
function changeLines(report: DayReport): string[] {
  const recorded = report.recorded;
  if (!recorded?.amended) return [];
  const lines = recorded.changes.map(
    (c) => `${localTime(c.at)} ${c.by}${c.via ? ` (via ${c.via})` : ''}: ${c.what} - ${c.reason}`,
  );
  if (recorded.recordedTotals) lines.push(`as recorded: ${totalsText(recorded.recordedTotals)}`);
  return lines;
}

function totalsLine(report: DayReport): string {
  return totalsText(report.totals);
}

function totalsText(t: DayReport['totals']): string {
  return [
    `planned ${minutes(t.plannedMinutes)}${t.plannedLateMinutes ? ` (${minutes(t.plannedLateMinutes)} of it added after work began)` : ''}`,
    `tracked ${minutes(t.trackedMinutes)} (unplanned ${minutes(t.unplannedMinutes)})`,
    `working day ${minutes(t.workdayMinutes)}`,
    t.presentMinutes !== null ? `present ${minutes(t.presentMinutes)}` : null,
    t.untrackedMinutes !== null ? `untracked ${minutes(t.untrackedMinutes)}` : null,
    `tracked/planned ${ratio(t.ratio)}`,
  ]
    .filter(Boolean)
    .join(', ');
}

function dayText(report: DayReport): string {
  const safe = (t: string) => terminalSafe(t);
  const lines = [safe(heading(report))];
  const workday = workdayLine(report);
  if (workday) lines.push(workday);
  lines.push('');
  if (report.tasks.length === 0) lines.push('No planned or tracked tasks.');
  // The plan column is as wide as its widest label ("planned late 17:10", R20), so the columns stay aligned.
  const planWidth = Math.max(9, ...report.tasks.map((t) => planLabel(t).length));
  for (const t of report.tasks) {
    const planned = t.compound ? 'compound' : minutes(t.plannedMinutes);
    lines.push(
      safe(
        `${String(t.id).padStart(5)}  ${planLabel(t).padEnd(planWidth)} ${t.status.replace('_', ' ').padEnd(16)} ${planned.padStart(8)} / ${minutes(t.trackedMinutes).padEnd(7)} ${t.title}`,
      ),
    );
    if (t.result) lines.push(safe(`         result: ${resultText(t.result)}`));
    if (t.carriedOver) lines.push(safe(`         -> ${carriedText(t.carriedOver)}`));
    if (t.flags.length) lines.push(`         ! ${t.flags.join('; ')}`);
  }
  if (report.flaggedEntries.length) {
    lines.push('', 'Manual, corrected and retroactive entries (R22, R23):');
    for (const e of report.flaggedEntries) {
      lines.push(
        safe(
          `  ${localTime(e.start).slice(11)}-${e.end ? localTime(e.end).slice(11) : 'now'} ${minutes(e.minutes)} task ${e.taskId} [${entryKind(e)}] ${e.comment ?? ''}${e.reason ? ` (reason: ${e.reason})` : ''}`,
        ),
      );
    }
  }
  if (report.overdue.length) {
    lines.push('', 'Overdue:');
    for (const o of report.overdue) lines.push(safe(`  ${o.id} ${o.title} (due ${dueText(o.deadline)})`));
  }
  if (report.negativeRatings.length) {
    lines.push('', 'Negative ratings (R29):');
    for (const r of report.negativeRatings)
      lines.push(safe(`  task ${r.taskId} ${r.title}: ${r.author}: ${r.body}`));
  }
  if (report.unansweredRemarks.length) {
    lines.push('', 'Remarks awaiting an answer (R30):');
    for (const r of report.unansweredRemarks) lines.push(safe(`  task ${r.taskId}: ${r.author}: ${r.body}`));
  }
  if (report.recorded?.amended) {
    lines.push('', 'Amendments after recording (R23):');
    for (const a of report.recorded.amendments)
      lines.push(
        safe(
          `  ${localTime(a.at)} entry ${a.entryId} (task ${a.taskId})${moveText(a)}: ${a.comment}${a.reason ? ` - ${a.reason}` : ''}`,
        ),
      );
    for (const line of changeLines(report)) lines.push(safe(`  ${line}`));
  }
  lines.push('', `Totals: ${totalsLine(report)}`);
  return lines.join('\n');
}

function dayMarkdown(report: DayReport): string {
  const out = [`# ${mdText(heading(report))}`, ''];
  const workday = workdayLine(report);
  if (workday) out.push(workday, '');
  out.push(`**Totals:** ${totalsLine(report)}`, '');
  out.push(
    mdTable(
      ['ID', 'Task', 'Plan', 'Status', 'Planned', 'Tracked', 'Result / where it went'],
      report.tasks.map((t) => [
        String(t.id),
        mdText(t.title),
        planLabel(t),
        t.status.replace('_', ' '),
        t.compound ? 'compound' : minutes(t.plannedMinutes),
        minutes(t.trackedMinutes),
        mdText(t.result ? resultText(t.result) : carriedText(t.carriedOver)),
      ]),
    ),
  );
  if (report.flaggedEntries.length) {
    out.push('', '## Manual, corrected and retroactive entries', '');
    out.push(
      mdTable(
        ['Entry', 'Task', 'Time', 'Minutes', 'Kind', 'Comment', 'Reason'],
        report.flaggedEntries.map((e) => [
          String(e.id),
          String(e.taskId),
          `${localTime(e.start)}-${e.end ? localTime(e.end).slice(11) : 'now'}`,
          String(e.minutes),
          entryKind(e),
          mdText(e.comment ?? ''),
          mdText(e.reason ?? ''),
        ]),
      ),
    );
  }
  if (report.overdue.length)
    out.push(
      '',
      '## Overdue',
      '',
      ...report.overdue.map((o) => `- ${o.id} ${mdText(o.title)} (due ${dueText(o.deadline)})`),
    );
  if (report.negativeRatings.length)
    out.push(
      '',
      '## Negative ratings',
      '',
      ...report.negativeRatings.map(
        (r) => `- task ${r.taskId} ${mdText(r.title)}: ${mdText(r.author)}: ${mdText(r.body)}`,
      ),
    );
  if (report.unansweredRemarks.length)
    out.push(
      '',
      '## Remarks awaiting an answer',
      '',
      ...report.unansweredRemarks.map((r) => `- task ${r.taskId}: ${mdText(r.author)}: ${mdText(r.body)}`),
    );
  if (report.recorded?.amended) {
    out.push(
      '',
      '## Amendments after recording',
      '',
      ...report.recorded.amendments.map(
        (a) =>
          `- ${localTime(a.at)} entry ${a.entryId}${moveText(a)}: ${mdText(a.comment)}${a.reason ? ` (${mdText(a.reason)})` : ''}`,
      ),
      ...changeLines(report).map((line) => `- ${mdText(line)}`),
    );
  }
  return out.join('\n') + '\n';
}

function dayCsv(report: DayReport): string {
  return csvTable(
    [
      'day',
      'user',
      'task_id',
      'title',
      'project',
      'plan',
      'status',
      'planned_minutes',
      'tracked_minutes',
      'result',
      'proposal',
      'explanation',
      'carried_over',
      'added_late',
      'negative_rating',
    ],
    report.tasks
      .map((t) => [
        report.day,
        report.user,
        t.id,
        t.title,
        t.project,
        PLAN_LABEL[t.plan],
        t.status,
        t.compound ? null : t.plannedMinutes,
        t.trackedMinutes,
        t.result?.result ?? null,
        t.result?.proposal ?? null,
        t.result?.explanation ?? null,
        carriedText(t.carriedOver) || null,
        t.addedLate,
        negativeOn(report, t.id),
      ])
      .concat(
        // A task rated that day without being in the day's work still has its rating in the file.
        [
          ...new Map(
            report.negativeRatings
              .filter((r) => !report.tasks.some((t) => t.id === r.taskId))
              .map((r) => [r.taskId, r.title]),
          ),
        ].map(([taskId, title]) => [
          report.day,
          report.user,
          taskId,
          title,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          negativeOn(report, taskId),
        ]),
      ),
  );
}

/** R29: the negative ratings of a task on the day, "author: reason", several joined by " | "; null for none. */
function negativeOn(report: DayReport, taskId: number): string | null {
  const ratings = report.negativeRatings
    .filter((r) => r.taskId === taskId)
    .map((r) => `${r.author}: ${r.body}`);
  return ratings.length ? ratings.join(' | ') : null;
}

function dayHtml(report: DayReport): string {
  const title = heading(report);
  const rows = report.tasks
    .map(
      (t) =>
        `<tr><td class="num">${t.id}</td><td>${htmlText(t.title)}${t.flags.length ? `<br><span class="flag">${htmlText(t.flags.join('; '))}</span>` : ''}</td><td>${planLabel(t)}</td><td>${t.status.replace('_', ' ')}</td><td class="num">${t.compound ? 'compound' : minutes(t.plannedMinutes)}</td><td class="num">${minutes(t.trackedMinutes)}</td><td>${htmlText(t.result ? resultText(t.result) : carriedText(t.carriedOver))}</td></tr>`,
    )
    .join('\n');
  const chart = barChartSvg(
    report.tasks
      .filter((t) => !t.compound)
      .map((t) => ({
        label: `${t.id} ${t.title}`,
        planned: t.plannedMinutes ?? 0,
        tracked: t.trackedMinutes,
      })),
    `Planned and tracked per task, ${report.day}`,
  );
  const entries = report.flaggedEntries.length
    ? `<h2>Manual, corrected and retroactive entries</h2><table><tr><th>Entry</th><th>Task</th><th>Time</th><th>Minutes</th><th>Kind</th><th>Comment</th><th>Reason</th></tr>${report.flaggedEntries
        .map(
          (e) =>
            `<tr><td class="num">${e.id}</td><td class="num">${e.taskId}</td><td>${htmlText(localTime(e.start))}</td><td class="num">${e.minutes}</td><td>${entryKind(e)}</td><td>${htmlText(e.comment ?? '')}</td><td>${htmlText(e.reason ?? '')}</td></tr>`,
        )
        .join('')}</table>`
    : '';
  const amendments = report.recorded?.amended
    ? `<h2 class="bad">Amended after recording</h2><ul>${report.recorded.amendments.map((a) => `<li>${htmlText(localTime(a.at))} entry ${a.entryId}${moveText(a)}: ${htmlText(a.comment)}${a.reason ? ` (${htmlText(a.reason)})` : ''}</li>`).join('')}${changeLines(
        report,
      )
        .map((line) => `<li>${htmlText(line)}</li>`)
        .join('')}</ul>`
    : '';
  const body = `<h1>${htmlText(title)}</h1>
<p>${htmlText(workdayLine(report) ?? 'No working day recorded.')}</p>
<p><strong>Totals:</strong> ${htmlText(totalsLine(report))}</p>
${chart}
<h2>Tasks</h2>
<table><tr><th>ID</th><th>Task</th><th>Plan</th><th>Status</th><th>Planned</th><th>Tracked</th><th>Result / where it went</th></tr>
${rows}
</table>
${entries}
${report.overdue.length ? `<h2>Overdue</h2><ul>${report.overdue.map((o) => `<li>${o.id} ${htmlText(o.title)} (due ${htmlText(dueText(o.deadline))})</li>`).join('')}</ul>` : ''}
${report.negativeRatings.length ? `<h2 class="bad">Negative ratings</h2><ul>${report.negativeRatings.map((r) => `<li>task ${r.taskId} ${htmlText(r.title)}: ${htmlText(r.author)}: ${htmlText(r.body)}</li>`).join('')}</ul>` : ''}
${report.unansweredRemarks.length ? `<h2>Remarks awaiting an answer</h2><ul>${report.unansweredRemarks.map((r) => `<li>task ${r.taskId}: ${htmlText(r.author)}: ${htmlText(r.body)}</li>`).join('')}</ul>` : ''}
${amendments}`;
  return htmlPage(title, body);
}

/** How an entry came to be: manual or timer (or import), and whether it was corrected by hand or retroactively (R22, R23). */
function entryKind(e: ReportEntryLine): string {
  return [e.source, e.corrected ? 'corrected' : '', e.retroactive ? 'retroactive' : '']
    .filter(Boolean)
    .join(', ');
}

/** " moved from task 3 to task 7" for an amendment that put the time on another task; else nothing. */
function moveText(a: ReportAmendment): string {
  return a.taskMove ? ` moved from task ${a.taskMove.from} to task ${a.taskMove.to}` : '';
}

/** Why a task is in the report; "planned late 17:10" when it came into the plan after work began (R20). */
function planLabel(t: ReportTaskLine): string {
  return t.addedLate ? `${PLAN_LABEL[t.plan]} late ${localTime(t.addedLate).slice(11)}` : PLAN_LABEL[t.plan];
}
