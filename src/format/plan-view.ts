import type { DayPlan } from '../core/plan.js';
import { attentionOf } from '../core/attention.js';
import { csvTable } from './csv.js';
import { mdTable, mdText } from './markdown.js';
import { minutes, type ReportFormat } from './report-common.js';
import { terminalSafe } from './safe-text.js';
import { attentionColor, palette } from './style.js';
import { htmlPage, htmlText } from './html.js';

const SOURCE_LABEL = { deadline: '', added: 'added', overdue: 'OVERDUE', unplanned: 'unplanned' } as const;

export function planJson(plan: DayPlan) {
  return {
    schema: 'regula.day-plan',
    version: 1,
    user: plan.user,
    day: plan.day,
    items: plan.entries.map((e) => ({
      id: e.task.id,
      title: e.task.title,
      status: e.task.status,
      source: e.source,
      compound: e.task.kind === 'general',
      counted: e.counted,
      plannedMinutes: e.task.plannedMinutes,
      description: e.task.description,
      flags: e.flags,
    })),
    plannedMinutes: plan.plannedMinutes,
    workdayMinutes: plan.workdayMinutes,
    workingDay: plan.workingDay,
    overMinutes: plan.overMinutes,
    spareMinutes: plan.spareMinutes,
  };
}

function summary(plan: DayPlan): string {
  if (!plan.workingDay) return `planned ${minutes(plan.plannedMinutes)} on a day off (not a working day by the workingDays config)`;
  const fit = plan.overMinutes > 0 ? `OVER by ${minutes(plan.overMinutes)}` : `spare ${minutes(plan.spareMinutes)}`;
  return `planned ${minutes(plan.plannedMinutes)} of the ${minutes(plan.workdayMinutes)} working day - ${fit}`;
}

/** R34: the daily plan - each task with its planned time, the total against the working day. */
export function renderPlan(plan: DayPlan, format: ReportFormat, options: { color: boolean; now: Date }): string {
  const title = `Plan of ${plan.user} for ${plan.day}`;
  switch (format) {
    case 'json':
      return JSON.stringify(planJson(plan), null, 2);
    case 'csv':
      return csvTable(
        ['day', 'user', 'task_id', 'title', 'source', 'status', 'planned_minutes', 'counted', 'flags'],
        plan.entries.map((e) => [plan.day, plan.user, e.task.id, e.task.title, e.source, e.task.status, e.task.plannedMinutes, e.counted, e.flags.join('; ')]),
      );
    case 'md':
      return [
        `# ${mdText(title)}`,
        '',
        mdTable(
          ['ID', 'Task', 'Planned', 'Note'],
          plan.entries.map((e) => [
            String(e.task.id),
            mdText(e.task.title),
            e.task.kind === 'general' ? 'compound, not summed' : minutes(e.task.plannedMinutes),
            mdText([SOURCE_LABEL[e.source], ...e.flags].filter(Boolean).join('; ')),
          ]),
        ),
        '',
        `**Total:** ${summary(plan)}`,
      ].join('\n') + '\n';
    case 'html':
      return htmlPage(
        title,
        `<h1>${htmlText(title)}</h1><table><tr><th>ID</th><th>Task</th><th>Planned</th><th>Note</th></tr>${plan.entries
          .map(
            (e) =>
              `<tr><td class="num">${e.task.id}</td><td>${htmlText(e.task.title)}</td><td class="num">${e.task.kind === 'general' ? 'compound' : minutes(e.task.plannedMinutes)}</td><td class="flag">${htmlText([SOURCE_LABEL[e.source], ...e.flags].filter(Boolean).join('; '))}</td></tr>`,
          )
          .join('')}</table><p><strong>Total:</strong> ${htmlText(summary(plan))}</p>`,
      );
    case 'table': {
      const paint = palette(options.color);
      const lines = [terminalSafe(title), ''];
      if (plan.entries.length === 0) lines.push('Nothing planned. Put tasks in with: task plan add ID');
      for (const e of plan.entries) {
        const colour = attentionColor(paint, attentionOf(e.task, options.now));
        const planned = e.task.kind === 'general' ? 'compound' : minutes(e.task.plannedMinutes);
        const note = [SOURCE_LABEL[e.source], e.task.status === 'completed' ? 'done' : ''].filter(Boolean).join(', ');
        lines.push(colour(terminalSafe(`${String(e.task.id).padStart(5)}  ${planned.padStart(8)}  ${e.task.title}${note ? `  [${note}]` : ''}`)));
        if (e.flags.length) lines.push(paint.yellow(`                 ! ${e.flags.join('; ')}`));
      }
      lines.push('', `Total: ${summary(plan)}`);
      return lines.join('\n');
    }
  }
}
