import { attentionAt } from '../core/attention.js';
import type { TaskWithSpent } from '../core/time-entries.js';
import type { TaskSummary } from '../core/types.js';
import { terminalSafe } from './safe-text.js';
import { attentionColor, palette } from './style.js';
import { deadlineText, planText, spentText, statusLabel } from './text.js';
import { displayWidth, wrapToWidth } from './width.js';

export interface TableOptions {
  color: boolean;
  now: Date;
  /** Terminal width the table fits: the title takes what the other columns leave and wraps, never cut. */
  width: number;
  /** Show the responsible column (views over several people). */
  showResponsible: boolean;
  /** Open tasks each task waits for (+BLOCKED); a Deps column appears when a listed task has some. */
  waitingFor?: ReadonlyMap<number, readonly number[]>;
  /**
   * For a pipe or `--plain`: one task per line, nothing cut or wrapped, no rule under the header, so
   * `task list | grep notary` finds every word of a title.
   */
  plain?: boolean;
}

const PRIORITY_MARK = { high: 'H', medium: 'M', low: 'L' } as const;
/** Below this many columns a title would wrap into a word per line: past it the line is left long. */
const MIN_TITLE_WIDTH = 20;

/**
 * The task list: one row per task, coloured by R37 state, borderless columns as in Taskwarrior with the
 * title last, taking the rest of the width and wrapping onto continuation lines. Pure: data in, string
 * out. Drawn here rather than with cli-table3, which took minutes for 20,000 rows; this is one pass over
 * the rows, measuring each cell once (the columns regula writes itself are ASCII, so their width is their
 * length).
 */
export function renderTaskTable(rows: readonly TaskWithSpent<TaskSummary>[], options: TableOptions): string {
  if (rows.length === 0) return 'No tasks.';
  const paint = palette(options.color);
  const head = ['ID', 'Status', 'P', 'Deadline', 'Plan', 'Spent'];
  const waitingFor = options.waitingFor;
  const showDeps = waitingFor !== undefined && waitingFor.size > 0 && rows.some(({ task }) => waitingFor.has(task.id));
  if (showDeps) head.splice(2, 0, 'Deps');
  if (options.showResponsible) head.splice(1, 0, 'Resp');
  // The title is the last column: measured apart, never padded.
  const columns = head.length;
  const widths = head.map((h) => h.length);
  const cells: string[] = new Array<string>(rows.length * columns);
  const cellWidths = new Int32Array(rows.length * columns);
  const titles: string[] = new Array<string>(rows.length);
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
  for (let row = 0; row < rows.length; row++) {
    const { task, spentSeconds } = rows[row]!;
    titles[row] = terminalSafe(task.title);
    const id = String(task.id);
    put(id, id.length);
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
  const indent = widths.reduce((sum, w) => sum + w + 1, 0);
  const titleWidth = Math.max(MIN_TITLE_WIDTH, options.width - indent);
  const wrap = !options.plain;
  const pad = (text: string, textWidth: number, width: number, column: number) =>
    // Ids right-aligned, as in Taskwarrior.
    column === 0 ? ' '.repeat(width - textWidth) + text : text + ' '.repeat(width - textWidth);
  const headCells = [...head.map((h, i) => pad(h, h.length, widths[i]!, i)), 'Title'];
  const out: string[] = [];
  // Taskwarrior's header: underlined in colour, a rule of dashes without.
  if (options.color) out.push(headCells.map((h) => paint.underline(h)).join(' '));
  else if (wrap) out.push(headCells.join(' '), [...widths.map((w) => '-'.repeat(w)), '-----'].join(' '));
  else out.push(headCells.join(' '));
  const blank = ' '.repeat(indent);
  for (let row = 0; row < rows.length; row++) {
    let text = '';
    for (let column = 0; column < columns; column++) {
      const i = row * columns + column;
      text += pad(cells[i]!, cellWidths[i]!, widths[column]!, column) + ' ';
    }
    const title = titles[row]!;
    if (wrap) {
      const lines = wrapToWidth(title, titleWidth);
      text += lines[0];
      for (let line = 1; line < lines.length; line++) text += `\n${blank}${lines[line]}`;
    } else {
      text += title;
    }
    out.push(colors ? colors[row]!(text) : text);
  }
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
