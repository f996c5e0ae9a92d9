import { type Attention, listRowAttentionAt } from '../core/attention.js';
import type { TaskWithSpent } from '../core/time-entries.js';
import type { TaskStatus } from '../core/status.js';
import type { TaskListRow, TaskSummary } from '../core/types.js';
import { terminalSafe } from './safe-text.js';
import { attentionColor, palette } from './style.js';
import { deadlineText, planText, spentText, statusLabel } from './text.js';
import { displayWidth, fitsNarrow, wrapToWidth } from './width.js';

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

/** What the rows do not carry: the people's names, and the time spent with the running timers'. */
interface RowFacts {
  /** Each responsible person's name by id. */
  names: ReadonlyMap<number, string>;
  spentSeconds(row: TaskListRow): number;
}

/** The options of a table whose rows arrive a page at a time. */
export interface StreamedTableOptions extends Omit<TableOptions, 'showResponsible' | 'waitingFor'>, RowFacts {
  /** The responsible column shows when some listed task is not this person's (views over several people). */
  viewerId: number;
  /** The open tasks each of the listed tasks waits for, asked once every row has been read (a Deps column shows when some do). */
  waitingFor(ids: readonly number[]): ReadonlyMap<number, readonly number[]>;
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
  const { waitingFor } = options;
  const names = new Map<number, string>();
  const spent = new Map<number, number>();
  for (const { task, spentSeconds } of rows) {
    if (!names.has(task.responsibleId)) names.set(task.responsibleId, task.responsible);
    spent.set(task.id, spentSeconds);
  }
  const table = new TableCells({ ...options, names, spentSeconds: (row) => spent.get(row.id)! });
  table.add(rows.map(({ task }) => listRowOf(task)));
  const chunks: string[] = [];
  table.write(options.showResponsible, waitingFor, (chunk) => chunks.push(chunk));
  return chunks.join('').slice(0, -1);
}

/** A task's summary as a row of the table (what Store.taskListRows reads of the same task). */
export function listRowOf(task: TaskSummary): TaskListRow {
  return {
    id: task.id,
    title: task.title,
    status: task.status,
    priority: task.priority,
    deadlineAt: task.deadline ? task.deadline.getTime() : null,
    deadlineAllDay: task.deadlineAllDay,
    deadlineHard: task.deadlineHard,
    plannedMinutes: task.plannedMinutes,
    responsibleId: task.responsibleId,
    seen: task.seenAt !== null,
    trackedSeconds: task.trackedSeconds,
  };
}

/**
 * The same table from rows read a page at a time (`listRowsInPages`), written in chunks of whole lines:
 * only the cells are kept between the pages, never the rows or the whole text (100,000 tasks stay within
 * memory). The text written is renderTaskTable's, followed by a newline.
 */
export function writeTaskTable(
  pages: Iterable<readonly TaskListRow[]>,
  options: StreamedTableOptions,
  write: TableSink,
): void {
  const table = new TableCells(options);
  let showResponsible = false;
  for (const rows of pages) {
    table.add(rows);
    if (!showResponsible) showResponsible = rows.some((row) => row.responsibleId !== options.viewerId);
  }
  if (table.rows === 0) write('No tasks.\n');
  else table.write(showResponsible, options.waitingFor(table.ids), write);
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

/** What the table needs besides its rows (who waits for whom comes when it is drawn). */
interface CellOptions extends Omit<TableOptions, 'showResponsible' | 'waitingFor'>, RowFacts {}

const unpainted = (text: string): string => text;

/** The cells of every row, kept column by column until the widths are known, then drawn line by line. */
class TableCells {
  rows = 0;
  private readonly responsible = column('Resp', true);
  private readonly status = column('Status', false);
  private readonly priority = column('P', false);
  private readonly deadline = column('Deadline', false);
  private readonly plan = column('Plan', false);
  private readonly spent = column('Spent', false);
  private readonly titles: string[] = [];
  private readonly colors: ((text: string) => string)[] | null;
  private readonly paintOf: Record<NonNullable<Attention>, (text: string) => string>;
  private readonly paint: ReturnType<typeof palette>;
  private readonly attention: ReturnType<typeof listRowAttentionAt>;
  private readonly deadlines = new Map<number, string>();
  private readonly plans = new Map<number | null, string>();
  private readonly statuses = new Map<TaskStatus, string>();
  private readonly spentMinutes = new Map<number, string>();
  /** Each responsible's cell and its display width, made once per person. */
  private readonly people = new Map<number, { cell: string; width: number }>();
  /** The listed tasks' ids, in the list's order. */
  readonly ids: number[] = [];
  private widestId = 0;

  constructor(private readonly options: CellOptions) {
    this.paint = palette(options.color);
    this.colors = options.color ? [] : null;
    // One painter per R37 state, shared by the rows.
    this.paintOf = {
      overdue: attentionColor(this.paint, 'overdue'),
      due_today: attentionColor(this.paint, 'due_today'),
      new: attentionColor(this.paint, 'new'),
    };
    this.attention = listRowAttentionAt(options.now);
  }

  add(rows: readonly TaskListRow[]): void {
    const { options } = this;
    // Cells shared by many rows (names, statuses, plans, deadlines, spent minutes) are made once and kept
    // by reference; ids are kept as numbers: a row costs little more than its title.
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      this.titles.push(terminalSafe(row.title));
      if (this.colors) {
        const attention = this.attention(row);
        this.colors.push(attention === null ? unpainted : this.paintOf[attention]);
      }
      this.ids.push(row.id);
      if (row.id > this.widestId) this.widestId = row.id;
      const person = this.person(row.responsibleId);
      put(this.responsible, person.cell, person.width);
      put(this.status, shared(this.statuses, row.status, statusLabel));
      put(this.priority, PRIORITY_MARK[row.priority]);
      put(this.deadline, this.deadlineCell(row));
      put(this.plan, shared(this.plans, row.plannedMinutes, planText));
      put(
        this.spent,
        shared(this.spentMinutes, Math.floor(options.spentSeconds(row) / 60), (minutes) =>
          spentText(minutes * 60),
        ),
      );
    }
    this.rows += rows.length;
  }

  private person(id: number): { cell: string; width: number } {
    let person = this.people.get(id);
    if (person === undefined) {
      const cell = terminalSafe(this.options.names.get(id) ?? '');
      person = { cell, width: displayWidth(cell) };
      this.people.set(id, person);
    }
    return person;
  }

  /** The deadline cell; many tasks share a deadline instant, so each is formatted once per table. */
  private deadlineCell(row: TaskListRow): string {
    if (row.deadlineAt === null) return '';
    const key = row.deadlineAt * 4 + (row.deadlineAllDay ? 2 : 0) + (row.deadlineHard ? 1 : 0);
    let text = this.deadlines.get(key);
    if (text === undefined) {
      const deadline = { deadline: new Date(row.deadlineAt), deadlineAllDay: row.deadlineAllDay };
      text = deadlineText(deadline, this.options.now) + (row.deadlineHard ? '!' : '');
      this.deadlines.set(key, text);
    }
    return text;
  }

  /**
   * The Deps column: the open tasks each row's task waits for (R24), when some listed task waits for any
   * (asked once every row is read).
   */
  private dependencies(waitingFor: ReadonlyMap<number, readonly number[]> | undefined): Column | null {
    if (waitingFor === undefined || waitingFor.size === 0) return null;
    if (!this.ids.some((id) => waitingFor.has(id))) return null;
    const deps = column('Deps', false);
    for (const id of this.ids) put(deps, waitingFor.get(id)?.join(',') ?? '');
    return deps;
  }

  /** Writes the header and every row, each line ending in a newline, in chunks of about CHUNK_CHARS. */
  write(
    showResponsible: boolean,
    waitingFor: ReadonlyMap<number, readonly number[]> | undefined,
    sink: TableSink,
  ): void {
    const { options, paint } = this;
    const deps = this.dependencies(waitingFor);
    const idColumn: Column = {
      head: 'ID',
      cells: [],
      widths: null,
      width: Math.max(2, String(this.widestId).length),
    };
    const columns = [
      idColumn,
      ...(showResponsible ? [this.responsible] : []),
      this.status,
      ...(deps ? [deps] : []),
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
      first ? spaces(width - textWidth) + text : text + spaces(width - textWidth);
    const headCells = [...columns.map((c, i) => pad(c.head, c.head.length, c.width, i === 0)), 'Title'];
    let out: string;
    // Taskwarrior's header: underlined in colour, a rule of dashes without.
    if (options.color) out = `${headCells.map((h) => paint.underline(h)).join(' ')}\n`;
    else if (wrap)
      out = `${headCells.join(' ')}\n${[...columns.map((c) => '-'.repeat(c.width)), '-----'].join(' ')}\n`;
    else out = `${headCells.join(' ')}\n`;
    const blank = spaces(indent);
    const cellColumns = columns.slice(1);
    for (let row = 0; row < this.rows; row++) {
      const id = String(this.ids[row]);
      let text = `${spaces(idColumn.width - id.length)}${id} `;
      for (let i = 0; i < cellColumns.length; i++) {
        const c = cellColumns[i]!;
        const cell = c.cells[row]!;
        text += `${cell}${spaces(c.width - (c.widths ? c.widths[row]! : cell.length))} `;
      }
      const title = this.titles[row]!;
      if (wrap && !fitsNarrow(title, titleWidth)) {
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

/** Runs of blanks for padding, made once each. */
const blanks: string[] = [];
function spaces(count: number): string {
  if (count <= 0) return '';
  let text = blanks[count];
  if (text === undefined) {
    text = ' '.repeat(count);
    blanks[count] = text;
  }
  return text;
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
