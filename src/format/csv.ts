import { csvSafe } from './safe-text.js';

/**
 * RFC 4180 CSV. Cells that a spreadsheet would run as a formula (=, +, -, @, tab, carriage return at
 * the start) get a leading apostrophe, so text typed into a title never executes (CSV injection).
 * Control characters (ESC, BEL, NUL, a lone CR, C1) and bidi controls in text are written as visible
 * \uXXXX escapes (safe-text.ts): a CSV printed on a terminal runs no escape sequence. Numbers are
 * written as numbers.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let text = csvSafe(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly (string | number | boolean | null | undefined)[]): string {
  return cells.map(csvCell).join(',');
}

export function csvTable(
  header: readonly string[],
  rows: readonly (readonly (string | number | boolean | null | undefined)[])[],
): string {
  return [csvLine(header), ...rows.map(csvLine)].join('\r\n') + '\r\n';
}
