import { attentionAt } from '../core/attention.js';
import type { TaskWithSpent } from '../core/time-entries.js';
import type { TaskSummary } from '../core/types.js';
import { terminalSafe } from './safe-text.js';
import { attentionColor, palette } from './style.js';
import { deadlineText, planText, spentText, statusLabel } from './text.js';
import { displayWidth, fitWidth, padToWidth } from './width.js';

export interface TableOptions {
  color: boolean;
  now: Date;
  /** Terminal width the table must fit; titles are cut with an ellipsis, never wrapped. */
  width: number;
  /** Show the responsible column (views over several people). */
  showResponsible: boolean;
  /** Open tasks each task waits for (+BLOCKED); a Deps column appears when a listed task has some. */
  waitingFor?: ReadonlyMap<number, readonly number[]>;
}

const PRIORITY_MARK = { high: 'H', medium: 'M', low: 'L' } as const;

/**
 * The task list: one row per task, coloured by R37 state. Pure: data in, string out. Drawn here rather
 * than with cli-table3, which took minutes for 20,000 rows; this is one pass over the rows, measuring
 * each cell once (the columns regula writes itself are ASCII, so their width is their length).
 */
export function renderTaskTable(rows: readonly TaskWithSpent<TaskSummary>[], options: TableOptions): string {
  if (rows.length === 0) return 'No tasks.';
  const paint = palette(options.color);
  const head = ['ID', 'Title', 'Status', 'P', 'Deadline', 'Plan', 'Spent'];
  const waitingFor = options.waitingFor;
  const showDeps = waitingFor !== undefined && waitingFor.size > 0 && rows.some(({ task }) => waitingFor.has(task.id));
  if (showDeps) head.splice(3, 0, 'Deps');
  if (options.showResponsible) head.splice(2, 0, 'Resp');
  const columns = head.length;
  const titleIndex = 1;
  const widths = head.map((h) => h.length);
  const cells: string[] = new Array<string>(rows.length * columns);
  const cellWidths = new Int32Array(rows.length * columns);
  const attention = attentionAt(options.now);
  const colors = options.color ? rows.map(({ task }) => attentionColor(paint, attention(task))) : null;
  const deadlines = new Map<number, string>();
  let at = 0;
  const put = (text: string, width: number) => {
    cells[at] = text;
    cellWidths[at] = width;
    const column = at % columns;
    if (width > widths[column]!) widths[column] = width;
    at++;
  };
  for (const { task, spentSeconds } of rows) {
    const title = terminalSafe(task.title);
    const id = String(task.id);
    put(id, id.length);
    put(title, displayWidth(title));
    if (options.showResponsible) {
      const responsible = terminalSafe(task.responsible);
      put(responsible, displayWidth(responsible));
    }
    const status = statusLabel(task.status);
    put(status, status.length);
    if (showDeps) {
      const deps = waitingFor!.get(task.id)?.join(',') ?? '';
      put(deps, deps.length);
    }
    put(PRIORITY_MARK[task.priority], 1);
    const deadline = deadlineCell(task, options.now, deadlines);
    put(deadline, deadline.length);
    const plan = planText(task.plannedMinutes);
    put(plan, plan.length);
    const spent = spentText(spentSeconds);
    put(spent, spent.length);
  }
  // Each column has a space either side and a border: 3 columns per cell, plus the closing border.
  const frame = columns * 3 + 1;
  const others = widths.reduce((sum, w, i) => (i === titleIndex ? sum : sum + w), 0);
  widths[titleIndex] = Math.max(10, Math.min(widths[titleIndex]!, options.width - others - frame));
  const line = (left: string, join: string, right: string) => paint.dim(left + widths.map((w) => '─'.repeat(w + 2)).join(join) + right);
  const bar = paint.dim('│');
  const out = [line('┌', '┬', '┐'), `${bar} ${head.map((h, i) => paint.bold(padToWidth(h, widths[i]!))).join(` ${bar} `)} ${bar}`, line('├', '┼', '┤')];
  const gap = ` ${bar} `;
  for (let row = 0; row < rows.length; row++) {
    let text = `${bar} `;
    for (let column = 0; column < columns; column++) {
      const i = row * columns + column;
      const width = widths[column]!;
      let cell = cells[i]!;
      let cellWidth = cellWidths[i]!;
      if (cellWidth > width) {
        cell = fitWidth(cell, width);
        cellWidth = displayWidth(cell);
      }
      text += (column === 0 ? '' : gap) + cell + ' '.repeat(width - cellWidth);
    }
    text += ` ${bar}`;
    out.push(colors ? colors[row]!(text) : text);
  }
  out.push(line('└', '┴', '┘'));
  return out.join('\n');
}

/** The deadline cell; many tasks share a deadline instant, so each is formatted once per table. */
function deadlineCell(task: TaskSummary, now: Date, seen: Map<number, string>): string {
  if (!task.deadline) return '';
  const key = task.deadline.getTime() * 4 + (task.deadlineAllDay ? 2 : 0) + (task.deadlineHard ? 1 : 0);
  let text = seen.get(key);
  if (text === undefined) {
    text = deadlineText(task, now) + (task.deadlineHard ? '!' : '');
    seen.set(key, text);
  }
  return text;
}
