import type { ExportedEntry } from '../core/interchange/export-rows.js';
import type { ImportSummary } from '../core/interchange/summary.js';
import type { TaskWithSpent } from '../core/time-entries.js';
import { entriesTable, tableCsv, tableHtml, tableMarkdown, tasksTable } from './export-tables.js';
import { type IcsInput, renderIcs } from './ics.js';
import { type Renderers, StreamedOutput } from './renderers.js';
import { terminalSafe } from './safe-text.js';

/** `task import` and `task export`: what an import did, and the file an export writes. */

/** What `task import` did (or would do, with --dry-run). */
export interface ImportView {
  readonly summary: ImportSummary;
  /** --json: the warnings are in the summary printed, not on stderr as well. */
  readonly warningsInOutput: boolean;
}

function counts(record: ImportSummary['created']): string {
  return (
    Object.entries(record)
      .map(([kind, n]) => `${n} ${kind}`)
      .join(', ') || 'nothing'
  );
}

export const importRenderers: Renderers<ImportView> = {
  text: ({ summary }) =>
    [
      `${summary.dryRun ? 'Dry run (nothing written): would create' : 'Created'} ${counts(summary.created)}; updated ${counts(summary.updated)}; skipped ${summary.skipped.length}.`,
      // Records come from someone else's file: their titles are shown, never run by the terminal.
      ...summary.skipped.map((skip) => terminalSafe(`  skipped ${skip.record}: ${skip.reason}`)),
    ].join('\n'),
  json: ({ summary }) => summary,
};

/** What `task export` writes: the format asked for, with or without --json (the file is the output). */
export type ExportFile =
  /** regula's own lossless JSON, written by core section by section inside one read. */
  | { readonly kind: 'everything'; readonly write: (write: (text: string) => void) => void }
  /** Taskwarrior's or Bitrix24's JSON. */
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'ics'; readonly calendar: IcsInput }
  | { readonly kind: 'tasks'; readonly format: TableFormat; readonly rows: readonly TaskWithSpent[] }
  | { readonly kind: 'entries'; readonly format: TableFormat; readonly rows: readonly ExportedEntry[] };

export type TableFormat = 'csv' | 'md' | 'html';

export interface ExportView {
  readonly file: ExportFile;
  /** R4: said on stderr when the export holds only what the person may see. */
  readonly scopeNote: string | null;
}

/** The file as it is written, byte for byte (no newline added; --json changes nothing: it is the output). */
function exportOutput({ file }: ExportView): StreamedOutput {
  return new StreamedOutput((write) => {
    if (file.kind === 'everything') return file.write(write);
    if (file.kind === 'json') return write(`${JSON.stringify(file.value, null, 2)}\n`);
    return write(fileText(file));
  });
}

function fileText(file: Extract<ExportFile, { kind: 'ics' | 'tasks' | 'entries' }>): string {
  if (file.kind === 'ics') return renderIcs(file.calendar);
  const table = file.kind === 'entries' ? entriesTable(file.rows) : tasksTable(file.rows);
  return { csv: tableCsv, md: tableMarkdown, html: tableHtml }[file.format](table);
}

export const exportRenderers: Renderers<ExportView> = { text: exportOutput, json: exportOutput };
