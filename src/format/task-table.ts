import { attentionAt } from '../core/attention.js';
import type { TaskWithSpent } from '../core/time-entries.js';
import type { TaskStatus } from '../core/status.js';
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
/** Characters of output gathered before a write: a long list is never one string in memory. */
const CHUNK_CHARS = 64 * 1024;

/** Where a streamed table goes, a chunk of whole lines at a time. */
export type TableSink = (chunk: string) => void;

/** The options of a table whose rows arrive a page at a time. */
export interface StreamedTableOptions extends Omit<TableOptions, 'showResponsible'> {
  /** The responsible column shows when some listed task is not this person's (views over several people). */
  viewerId: number;
  /** Whether the Deps column can show: some listed task waits for open tasks (known from the ids before any row is read). */
  someWaiting: boolean;
}

/**
 * The task list: one row per task, coloured by R37 state, borderless columns as in Taskwarrior with the
 * title last, taking the rest of the width and wrapping onto continuation lines. Pure: data in, string
 * out. Drawn here rather than with cli-table3, which took minutes for 20,000 rows; this is one pass over
 * the rows, measuring each cell once (the columns regula writes itself are ASCII, so their width is their
 * length).
 */
export function renderTaskTable(rows: readonly TaskWithSpent<TaskSummary>[], options: TableOptions): string {
  if (rows.length === 0) return 'No tasks.';
  const waitingFor = options.waitingFor;
  const table = new TableCells(
    options,
    waitingFor !== undefined && waitingFor.size > 0 && rows.some(({ task }) => waitingFor.has(task.id)),
  );
  table.add(rows);
  const chunks: string[] = [];
  table.write(options.showResponsible, (chunk) => chunks.push(chunk));
  return chunks.join('').slice(0, -1);
}

/**
 * The same table from rows read a page at a time (`listInPages`), written in chunks of whole lines: only the
 * cells are kept between the pages, never the rows or the whole text (100,000 tasks stay within memory).
 * The text written is renderTaskTable's, followed by a newline.
 */
export function writeTaskTable(
  pages: Iterable<readonly TaskWithSpent<TaskSummary>[]>,
  options: StreamedTableOptions,
  write: TableSink,
): void {
  const table = new TableCells(options, options.someWaiting);
  let showResponsible = false;
  for (const rows of pages) {
    table.add(rows);
    if (!showResponsible) showResponsible = rows.some(({ task }) => task.responsibleId !== options.viewerId);
  }
  if (table.rows === 0) write('No tasks.\n');
  else table.write(showResponsible, write);
}

/** One column's cells; width is the widest cell's (and the header's). */
interface Column {
  head: string;
  cells: string[];
  /** Display widths where they differ from the length (names); null when every cell is ASCII. */
  widths: number[] | null;
  width: number;
}

function column(head: string, measured: boolean): Column {
  return { head, cells: [], widths: measured ? [] : null, width: head.length };
}

/** The cells of every row, kept column by column until the widths are known, then drawn line by line. */
class TableCells {
  rows = 0;
  private readonly id = column('ID', false);
  private readonly responsible = column('Resp', true);
  private readonly status = column('Status', false);
  private readonly deps: Column | null;
  private readonly priority = column('P', false);
  private readonly deadline = column('Deadline', false);
  private readonly plan = column('Plan', false);
  private readonly spent = column('Spent', false);
  private readonly titles: string[] = [];
  private readonly colors: ((text: string) => string)[] | null;
  private readonly paint: ReturnType<typeof palette>;
  private readonly attention: ReturnType<typeof attentionAt>;
  private readonly deadlines = new Map<number, string>();
  private readonly plans = new Map<number | null, string>();
  private readonly statuses = new Map<TaskStatus, string>();
  private readonly spentMinutes = new Map<number, string>();
  private readonly names = new Map<number, string>();
  private readonly ids: number[] = [];

  constructor(
    private readonly options: Omit<TableOptions, 'showResponsible'>,
    showDeps: boolean,
  ) {
    this.deps = showDeps ? column('Deps', false) : null;
    this.paint = palette(options.color);
    this.colors = options.color ? [] : null;
    this.attention = attentionAt(options.now);
  }

  add(rows: readonly TaskWithSpent<TaskSummary>[]): void {
    const { options } = this;
    // Cells shared by many rows (names, statuses, plans, spent minutes) are made once and kept by
    // reference; ids are kept as numbers: a row costs little more than its title.
    for (const { task, spentSeconds } of rows) {
      this.titles.push(terminalSafe(task.title));
      if (this.colors) this.colors.push(attentionColor(this.paint, this.attention(task)));
      this.ids.push(task.id);
      const idWidth = String(task.id).length;
      if (idWidth > this.id.width) this.id.width = idWidth;
      let responsible = this.names.get(task.responsibleId);
      if (responsible === undefined) {
        responsible = terminalSafe(task.responsible);
        this.names.set(task.responsibleId, responsible);
      }
      put(this.responsible, responsible, displayWidth(responsible));
      put(this.status, shared(this.statuses, task.status, statusLabel));
      if (this.deps) put(this.deps, options.waitingFor!.get(task.id)?.join(',') ?? '');
      put(this.priority, PRIORITY_MARK[task.priority]);
      put(this.deadline, deadlineCell(task, options.now, this.deadlines));
      put(this.plan, shared(this.plans, task.plannedMinutes, planText));
      put(
        this.spent,
        shared(this.spentMinutes, Math.floor(spentSeconds / 60), (minutes) => spentText(minutes * 60)),
      );
    }
    this.rows += rows.length;
  }

  /** Writes the header and every row, each line ending in a newline, in chunks of about CHUNK_CHARS. */
  write(showResponsible: boolean, sink: TableSink): void {
    const { options, paint } = this;
    const columns = [
      this.id,
      ...(showResponsible ? [this.responsible] : []),
      this.status,
      ...(this.deps ? [this.deps] : []),
      this.priority,
      this.deadline,
      this.plan,
      this.spent,
    ];
    const indent = columns.reduce((sum, c) => sum + c.width + 1, 0);
    const titleWidth = Math.max(MIN_TITLE_WIDTH, options.width - indent);
    const wrap = !options.plain;
    // Ids right-aligned, as in Taskwarrior.
    const pad = (text: string, textWidth: number, width: number, first: boolean) =>
      first ? ' '.repeat(width - textWidth) + text : text + ' '.repeat(width - textWidth);
    const headCells = [...columns.map((c, i) => pad(c.head, c.head.length, c.width, i === 0)), 'Title'];
    let out: string;
    // Taskwarrior's header: underlined in colour, a rule of dashes without.
    if (options.color) out = `${headCells.map((h) => paint.underline(h)).join(' ')}\n`;
    else if (wrap)
      out = `${headCells.join(' ')}\n${[...columns.map((c) => '-'.repeat(c.width)), '-----'].join(' ')}\n`;
    else out = `${headCells.join(' ')}\n`;
    const blank = ' '.repeat(indent);
    for (let row = 0; row < this.rows; row++) {
      let text = '';
      const id = String(this.ids[row]);
      text += pad(id, id.length, this.id.width, true) + ' ';
      for (let i = 1; i < columns.length; i++) {
        const c = columns[i]!;
        const cell = c.cells[row]!;
        text += pad(cell, c.widths ? c.widths[row]! : cell.length, c.width, false) + ' ';
      }
      const title = this.titles[row]!;
      if (wrap) {
        const lines = wrapToWidth(title, titleWidth);
        text += lines[0];
        for (let line = 1; line < lines.length; line++) text += `\n${blank}${lines[line]}`;
      } else {
        text += title;
      }
      out += `${this.colors ? this.colors[row]!(text) : text}\n`;
      if (out.length >= CHUNK_CHARS) {
        sink(out);
        out = '';
      }
    }
    if (out) sink(out);
  }
}

/** The text of a value, made once per table. */
function shared<K>(made: Map<K, string>, key: K, text: (key: K) => string): string {
  let value = made.get(key);
  if (value === undefined) {
    value = text(key);
    made.set(key, value);
  }
  return value;
}

function put(column: Column, text: string, width = text.length): void {
  column.cells.push(text);
  column.widths?.push(width);
  if (width > column.width) column.width = width;
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
