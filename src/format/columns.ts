import Table from 'cli-table3';

export type ColumnAlign = 'left' | 'right';

export interface ColumnsOptions {
  /** How each column's cells line up. */
  align: readonly ColumnAlign[];
  /** Written before every line. */
  indent: string;
  /** Between two columns. */
  gap: string;
}

/**
 * A short table of aligned columns without borders, drawn by cli-table3 (widths from the widest cell,
 * measured with string-width, so wide characters line up). For tables of tens of rows only: cli-table3
 * costs about half a millisecond a row, so the long lists (task-table.ts) and the per-day rows of reports
 * are drawn by hand (docs/performance.md, "date-fns and cli-table3"). Lines come back without trailing
 * blanks.
 */
export function drawColumns(rows: readonly (readonly string[])[], options: ColumnsOptions): string[] {
  if (rows.length === 0) return [];
  const table = new Table({
    chars: {
      top: '',
      'top-mid': '',
      'top-left': '',
      'top-right': '',
      bottom: '',
      'bottom-mid': '',
      'bottom-left': '',
      'bottom-right': '',
      left: options.indent,
      'left-mid': '',
      mid: '',
      'mid-mid': '',
      right: '',
      'right-mid': '',
      middle: options.gap,
    },
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
    colAligns: [...options.align],
  });
  table.push(...rows.map((row) => [...row]));
  return table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd());
}
