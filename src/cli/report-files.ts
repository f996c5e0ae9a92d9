import { readFileSync } from 'node:fs';
import { UsageError } from '../core/errors.js';
import type { DayReport, TeamReport } from '../core/report-types.js';
import { mergeableReportSchema } from '../schemas/report.js';

/**
 * The JSON reports people exported (`task report --format json`) for `task report merge`, each checked
 * against the report schema: a file that cannot be read or is no day or team report is refused by name.
 */
export function readReportFiles(files: readonly string[]): (DayReport | TeamReport)[] {
  return files.map((file) => {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new UsageError(`${file}: cannot read a JSON report (${(error as Error).message.split('\n')[0]})`);
    }
    const parsed = mergeableReportSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new UsageError(
        `${file}: not a regula day or team report: ${issue.path.join('.') || '(top)'}: ${issue.message}`,
      );
    }
    return parsed.data;
  });
}
