import { type Command, Option } from 'commander';
import { REPORT_FORMATS, type ReportFormat } from '../format/report-common.js';
import type { App } from './app.js';

/** `--format` of the plans and reports, for the command files that still build commander themselves. */
export function formatOption(): Option {
  return new Option('--format <format>', 'table (terminal), md, csv, json or html').choices(
    REPORT_FORMATS as string[],
  );
}

/** The format asked for; --json means json; a terminal gets a table, a pipe Markdown. */
export function chosenFormat(app: App, command: Command, requested: string | undefined): ReportFormat {
  // A subcommand's --format may be taken by its parent command (report merge --format html).
  const format = requested ?? (command.optsWithGlobals() as { format?: string }).format;
  if (format) return format as ReportFormat;
  if (app.json(command)) return 'json';
  return app.stdout.isTTY ? 'table' : 'md';
}
