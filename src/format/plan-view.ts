import type { DayPlan } from '../core/plan.js';
import { formatLocalTime } from '../core/local-time.js';
import { attentionOf } from '../core/attention.js';
import { csvTable } from './csv.js';
import { mdTable, mdText } from './markdown.js';
import { minutes, type ReportFormat } from './report-common.js';
import { terminalSafe } from './safe-text.js';
import { attentionColor, palette } from './style.js';
import { htmlPage, htmlText } from './html.js';
import type { Renderers } from './renderers.js';

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
      addedLate: e.addedLate?.toISOString() ?? null,
    })),
    plannedMinutes: plan.plannedMinutes,
    plannedLateMinutes: plan.plannedLateMinutes,
    workBeganAt: plan.workBeganAt?.toISOString() ?? null,
    workdayMinutes: plan.workdayMinutes,
    workingDay: plan.workingDay,
    overMinutes: plan.overMinutes,
    spareMinutes: plan.spareMinutes,
  };
}

function summary(plan: DayPlan): string {
  if (!plan.workingDay)
    return `planned ${minutes(plan.plannedMinutes)} on a day off (not a working day by the company policy workingDays)`;
  const fit =
    plan.overMinutes > 0 ? `OVER by ${minutes(plan.overMinutes)}` : `spare ${minutes(plan.spareMinutes)}`;
  const late = plan.plannedLateMinutes
    ? ` (${minutes(plan.plannedLateMinutes)} of it added after work began)`
    : '';
  return `planned ${minutes(plan.plannedMinutes)}${late} of the ${minutes(plan.workdayMinutes)} working day - ${fit}`;
}

const CSV_HEADER = [
  'day',
  'user',
  'task_id',
  'title',
  'source',
  'status',
  'planned_minutes',
  'counted',
  'flags',
  'added_late',
];
type PlanEntry = DayPlan['entries'][number];
type RenderOptions = { color: boolean; now: Date };

/** R20: "added 17:10, after work began" for a task that came into the plan late. */
const lateOf = (e: PlanEntry) =>
  e.addedLate ? `added ${formatLocalTime(e.addedLate)}, after work began` : '';
/** Why the task is in the plan; a late one says when it was added instead of only "added". */
const sourceOf = (e: PlanEntry) => (e.addedLate && e.source === 'added' ? '' : SOURCE_LABEL[e.source]);
const noteOf = (e: PlanEntry) => [sourceOf(e), lateOf(e), ...e.flags].filter(Boolean).join('; ');
const plannedOf = (e: PlanEntry, compound: string) =>
  e.task.kind === 'general' ? compound : minutes(e.task.plannedMinutes);

function csvRows(plan: DayPlan) {
  return plan.entries.map((e) => [
    plan.day,
    plan.user,
    e.task.id,
    e.task.title,
    e.source,
    e.task.status,
    e.task.plannedMinutes,
    e.counted,
    e.flags.join('; '),
    e.addedLate?.toISOString() ?? null,
  ]);
}

function mdSection(plan: DayPlan, heading: string): string[] {
  return [
    heading,
    '',
    mdTable(
      ['ID', 'Task', 'Planned', 'Note'],
      plan.entries.map((e) => [
        String(e.task.id),
        mdText(e.task.title),
        plannedOf(e, 'compound, not summed'),
        mdText(noteOf(e)),
      ]),
    ),
    '',
    `**Total:** ${summary(plan)}`,
  ];
}

function htmlSection(plan: DayPlan, heading: string): string {
  const rows = plan.entries
    .map(
      (e) =>
        `<tr><td class="num">${e.task.id}</td><td>${htmlText(e.task.title)}</td><td class="num">${plannedOf(e, 'compound')}</td><td class="flag">${htmlText(noteOf(e))}</td></tr>`,
    )
    .join('');
  return `${heading}<table><tr><th>ID</th><th>Task</th><th>Planned</th><th>Note</th></tr>${rows}</table><p><strong>Total:</strong> ${htmlText(summary(plan))}</p>`;
}

function tableSection(plan: DayPlan, heading: string, options: RenderOptions): string[] {
  const paint = palette(options.color);
  const lines = [terminalSafe(heading), ''];
  if (plan.entries.length === 0) lines.push('Nothing planned. Put tasks in with: task plan add ID');
  for (const e of plan.entries) {
    const colour = attentionColor(paint, attentionOf(e.task, options.now));
    const note = [sourceOf(e), lateOf(e), e.task.status === 'completed' ? 'done' : '']
      .filter(Boolean)
      .join(', ');
    lines.push(
      colour(
        terminalSafe(
          `${String(e.task.id).padStart(5)}  ${plannedOf(e, 'compound').padStart(8)}  ${e.task.title}${note ? `  [${note}]` : ''}`,
        ),
      ),
    );
    if (e.flags.length) lines.push(paint.yellow(`                 ! ${e.flags.join('; ')}`));
  }
  lines.push('', `Total: ${summary(plan)}`);
  return lines;
}

/** R34: the daily plan - each task with its planned time, the total against the working day. */
export function renderPlan(plan: DayPlan, format: ReportFormat, options: RenderOptions): string {
  const title = `Plan of ${plan.user} for ${plan.day}`;
  switch (format) {
    case 'json':
      return JSON.stringify(planJson(plan), null, 2);
    case 'csv':
      return csvTable(CSV_HEADER, csvRows(plan));
    case 'md':
      return mdSection(plan, `# ${mdText(title)}`).join('\n') + '\n';
    case 'html':
      return htmlPage(title, htmlSection(plan, `<h1>${htmlText(title)}</h1>`));
    case 'table':
      return tableSection(plan, title, options).join('\n');
  }
}

export function teamPlansJson(plans: readonly DayPlan[], context: { manager: string; day: string }) {
  return {
    schema: 'regula.team-plan',
    version: 1,
    manager: context.manager,
    day: context.day,
    plans: plans.map(planJson),
  };
}

/** R4, R34: the plans of a manager's people for one day, for the morning review. */
export function renderTeamPlans(
  plans: readonly DayPlan[],
  context: { manager: string; day: string },
  format: ReportFormat,
  options: RenderOptions,
): string {
  const title = `Plans of ${context.manager}'s team for ${context.day}`;
  switch (format) {
    case 'json':
      return JSON.stringify(teamPlansJson(plans, context), null, 2);
    case 'csv':
      return csvTable(CSV_HEADER, plans.flatMap(csvRows));
    case 'md':
      return (
        [
          `# ${mdText(title)}`,
          ...plans.flatMap((plan) => ['', ...mdSection(plan, `## ${mdText(plan.user)}`)]),
        ].join('\n') + '\n'
      );
    case 'html':
      return htmlPage(
        title,
        `<h1>${htmlText(title)}</h1>${plans.map((plan) => htmlSection(plan, `<h2>${htmlText(plan.user)}</h2>`)).join('')}`,
      );
    case 'table':
      return [
        terminalSafe(title),
        ...plans.flatMap((plan) => ['', ...tableSection(plan, `${plan.user}:`, options)]),
      ].join('\n');
  }
}

/**
 * `task plan`: one person's plan or a team's, in the format asked for (`--format`; without it a terminal
 * gets a table, a pipe Markdown); `now` is the command's (what is overdue).
 */
export type PlanView =
  | { readonly kind: 'one'; readonly plan: DayPlan; readonly format?: ReportFormat; readonly now: Date }
  | {
      readonly kind: 'team';
      readonly plans: readonly DayPlan[];
      readonly manager: string;
      readonly day: string;
      readonly format?: ReportFormat;
      readonly now: Date;
    };

export const planRenderers: Renderers<PlanView> = {
  text: (view, { color, terminal }) => {
    const format = view.format ?? (terminal ? 'table' : 'md');
    const options = { color, now: view.now };
    return view.kind === 'one'
      ? renderPlan(view.plan, format, options)
      : renderTeamPlans(view.plans, view, format, options);
  },
  json: (view) => (view.kind === 'one' ? planJson(view.plan) : teamPlansJson(view.plans, view)),
};

/** `task plan add` / `remove`: each task now in or out of the day's plan (R34). */
export interface PlanChanged {
  readonly taskIds: readonly number[];
  readonly day: string;
  readonly inPlan: boolean;
}

export const planChangedRenderers: Renderers<PlanChanged> = {
  text: ({ taskIds, day, inPlan }) =>
    taskIds.map((id) => `Task ${id} ${inPlan ? 'is in' : 'is out of'} the plan of ${day}.`).join('\n'),
  json: ({ taskIds, day, inPlan }) => {
    const shapes = taskIds.map((taskId) => ({ taskId, day, inPlan }));
    return shapes.length === 1 ? shapes[0] : shapes;
  },
};
