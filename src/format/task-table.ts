import { attentionOf } from '../core/attention.js';
import type { TaskWithSpent } from '../core/time-entries.js';
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
}

const PRIORITY_MARK = { high: 'H', medium: 'M', low: 'L' } as const;

/**
 * The task list: one row per task, coloured by R37 state. Pure: data in, string out. Drawn here rather
 * than with cli-table3, which took minutes for 20,000 rows; this is linear in the rows.
 */
export function renderTaskTable(rows: readonly TaskWithSpent[], options: TableOptions): string {
  if (rows.length === 0) return 'No tasks.';
  const paint = palette(options.color);
  const head = ['ID', 'Title', 'Status', 'P', 'Deadline', 'Plan', 'Spent'];
  if (options.showResponsible) head.splice(2, 0, 'Resp');
  const cells = rows.map(({ task, spentSeconds }) => {
    const row = [
      String(task.id),
      terminalSafe(task.title),
      statusLabel(task.status),
      PRIORITY_MARK[task.priority],
      deadlineText(task, options.now) + (task.deadlineHard ? '!' : ''),
      planText(task.plannedMinutes),
      spentText(spentSeconds),
    ];
    if (options.showResponsible) row.splice(2, 0, terminalSafe(task.responsible));
    return { row, color: attentionColor(paint, attentionOf(task, options.now)) };
  });
  const widths = head.map((h, i) => Math.max(displayWidth(h), ...cells.map((c) => displayWidth(c.row[i]!))));
  const titleIndex = 1;
  // Each column has a space either side and a border: 3 columns per cell, plus the closing border.
  const frame = widths.length * 3 + 1;
  const others = widths.reduce((sum, w, i) => (i === titleIndex ? sum : sum + w), 0);
  widths[titleIndex] = Math.max(10, Math.min(widths[titleIndex]!, options.width - others - frame));
  const line = (left: string, join: string, right: string) => paint.dim(left + widths.map((w) => '─'.repeat(w + 2)).join(join) + right);
  const bar = paint.dim('│');
  const format = (row: readonly string[]) => `${bar} ${row.map((cell, i) => padToWidth(fitWidth(cell, widths[i]!), widths[i]!)).join(` ${bar} `)} ${bar}`;
  const out = [line('┌', '┬', '┐'), `${bar} ${head.map((h, i) => paint.bold(padToWidth(h, widths[i]!))).join(` ${bar} `)} ${bar}`, line('├', '┼', '┤')];
  for (const { row, color } of cells) out.push(color(format(row)));
  out.push(line('└', '┴', '┘'));
  return out.join('\n');
}
