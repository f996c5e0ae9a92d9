import Table from 'cli-table3';
import { attentionOf } from '../core/attention.js';
import type { TaskWithSpent } from '../core/views.js';
import { terminalSafe } from './safe-text.js';
import { attentionColor, palette } from './style.js';
import { deadlineText, planText, spentText, statusLabel } from './text.js';

export interface TableOptions {
  color: boolean;
  now: Date;
  /** Terminal width the table must fit; titles are cut with an ellipsis, never wrapped. */
  width: number;
  /** Show the responsible column (views over several people). */
  showResponsible: boolean;
}

const PRIORITY_MARK = { high: 'H', medium: 'M', low: 'L' } as const;

/** The task list: one row per task, coloured by R37 state. Pure: data in, string out. */
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
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c.row[i]!.length)) + 2);
  const titleIndex = 1;
  const borders = head.length + 1;
  const others = widths.reduce((sum, w, i) => (i === titleIndex ? sum : sum + w), 0);
  widths[titleIndex] = Math.max(12, Math.min(widths[titleIndex]!, options.width - others - borders));
  const table = new Table({
    head: head.map((h) => paint.bold(h)),
    colWidths: widths,
    wordWrap: false,
    style: { head: [], border: [], compact: true },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const { row, color } of cells) table.push(row.map((cell) => color(cell)));
  return table.toString();
}
