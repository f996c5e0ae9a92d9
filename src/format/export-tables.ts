import { secondsToMinutes } from '../core/duration.js';
import type { EntryRow } from '../core/time-corrections.js';
import type { TaskWithSpent } from '../core/time-entries.js';
import { csvTable } from './csv.js';
import { htmlPage, htmlText } from './html.js';
import { mdTable, mdText } from './markdown.js';

/**
 * `task export --format csv|md|html`: one table (tasks, or time entries), written for a spreadsheet, a
 * chat or a browser. The columns are defined once here; each writer only escapes for its medium.
 */
type Cell = string | number | boolean | null;

export interface ExportTable {
  title: string;
  header: readonly string[];
  rows: readonly (readonly Cell[])[];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function tasksTable(rows: readonly TaskWithSpent[]): ExportTable {
  return {
    title: 'Tasks',
    header: [
      'id',
      'title',
      'project',
      'kind',
      'part',
      'status',
      'priority',
      'deadline',
      'deadline_hard',
      'planned_minutes',
      'spent_minutes',
      'director',
      'responsible',
      'parent_id',
      'tags',
      'created_at',
      'closed_at',
    ],
    rows: rows.map(({ task, spentSeconds }) => [
      task.id,
      task.title,
      task.project,
      task.kind,
      task.part,
      task.status,
      task.priority,
      iso(task.deadline),
      task.deadlineHard,
      task.plannedMinutes,
      secondsToMinutes(spentSeconds),
      task.director,
      task.responsible,
      task.parentId,
      task.tags.join(' '),
      iso(task.createdAt),
      iso(task.closedAt),
    ]),
  };
}

export function entriesTable(rows: readonly (EntryRow & { user: string })[]): ExportTable {
  return {
    title: 'Time entries',
    header: [
      'id',
      'task_id',
      'title',
      'user',
      'start',
      'end',
      'minutes',
      'source',
      'comment',
      'retroactive',
      'reason',
    ],
    rows: rows.map(({ entry, task, seconds, user }) => [
      entry.id,
      task.id,
      task.title,
      user,
      iso(entry.startAt),
      iso(entry.endAt),
      secondsToMinutes(seconds),
      entry.source,
      entry.comment,
      entry.retroactive,
      entry.reason,
    ]),
  };
}

/** For a spreadsheet: RFC 4180, formula-safe cells. */
export function tableCsv(table: ExportTable): string {
  return csvTable(table.header, table.rows);
}

const text = (cell: Cell) => (cell === null ? '' : String(cell));

/** For a chat or a mail: a Markdown table, every cell escaped to one line of plain text. */
export function tableMarkdown(table: ExportTable): string {
  return `# ${table.title}\n\n${mdTable(
    table.header,
    table.rows.map((row) => row.map((cell) => mdText(text(cell)))),
  )}\n`;
}

/** For a browser: one self-contained page, every cell escaped. */
export function tableHtml(table: ExportTable): string {
  const head = `<tr>${table.header.map((h) => `<th>${htmlText(h)}</th>`).join('')}</tr>`;
  const body = table.rows
    .map(
      (row) =>
        `<tr>${row.map((cell) => (typeof cell === 'number' ? `<td class="num">${cell}</td>` : `<td>${htmlText(text(cell))}</td>`)).join('')}</tr>`,
    )
    .join('\n');
  return htmlPage(
    table.title,
    `<h1>${htmlText(table.title)}</h1>\n<table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`,
  );
}
