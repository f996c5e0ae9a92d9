import type { DayReport, PeriodReport, TeamReport } from '../core/report-types.js';
import { formatMinutes } from '../core/duration.js';
import type { ReportFormat } from './report-common.js';
import { renderDayReport } from './report-day.js';
import { renderPeriodReport, renderTeamReport } from './report-team.js';
import { type Renderers, StreamedOutput } from './renderers.js';

/** The renderers of `task report` (R35, R4): a day, a period, a team; recording, approval, merging. */

/**
 * A report and the `--format` asked for (none: a terminal gets a table, a pipe Markdown, `--json` JSON).
 * `merge` gives a team report too.
 */
export type ReportView =
  | { readonly kind: 'day'; readonly report: DayReport; readonly format: ReportFormat | undefined }
  | { readonly kind: 'period'; readonly report: PeriodReport; readonly format: ReportFormat | undefined }
  | { readonly kind: 'team'; readonly report: TeamReport; readonly format: ReportFormat | undefined };

function rendered(view: ReportView, format: ReportFormat): string {
  switch (view.kind) {
    case 'day':
      return renderDayReport(view.report, format);
    case 'period':
      return renderPeriodReport(view.report, format);
    case 'team':
      return renderTeamReport(view.report, format);
  }
}

/** An explicit `--format` beats `--json` (a script's `--json` does not turn `--format csv` into JSON). */
function asAsked(text: string): StreamedOutput {
  return new StreamedOutput((write) => write(text.endsWith('\n') ? text : `${text}\n`));
}

export const reportRenderers: Renderers<ReportView> = {
  text: (view, { terminal }) => rendered(view, view.format ?? (terminal ? 'table' : 'md')),
  json: (view) =>
    view.format === undefined || view.format === 'json' ? view.report : asAsked(rendered(view, view.format)),
};

/** `task report record`: the frozen report; shown whole only when a format (or --json) is asked for. */
export interface RecordedView {
  readonly recorded: DayReport;
  readonly format: ReportFormat | undefined;
}

export const recordedRenderers: Renderers<RecordedView> = {
  text: ({ recorded, format }) =>
    format
      ? renderDayReport(recorded, format)
      : `Recorded the report of ${recorded.day}: planned ${formatMinutes(recorded.totals.plannedMinutes)}, tracked ${formatMinutes(recorded.totals.trackedMinutes)}.`,
  json: ({ recorded, format }) =>
    format === undefined || format === 'json' ? recorded : asAsked(renderDayReport(recorded, format)),
};

/** `task report approve`: the approved report and the mark given. */
export interface ApprovedView {
  readonly report: DayReport;
  readonly mark: 'positive' | 'negative';
}

export const approvedRenderers: Renderers<ApprovedView> = {
  text: ({ report, mark }) => `Approved the report of ${report.user} for ${report.day} (${mark}).`,
  json: ({ report }) => report,
};
