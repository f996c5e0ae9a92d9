import type { PeriodReport } from '../core/report-types.js';
import { csvTable } from './csv.js';
import { barChartSvg, htmlPage, htmlText } from './html.js';
import { mdTable, mdText } from './markdown.js';
import { minutes, ratio, type ReportFormat, span } from './report-common.js';
import { terminalSafe } from './safe-text.js';

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
