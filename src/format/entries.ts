import { formatMinutes, secondsToMinutes } from '../core/duration.js';
import type { DayGaps } from '../core/gaps.js';
import { formatLocalDateTime, formatLocalTime, localDayKey } from '../core/local-time.js';
import type { ListedEntry } from '../core/time-corrections.js';
import { terminalSafe } from './safe-text.js';
import { wrapToWidth } from './width.js';

/** Continuation lines of a wrapped entry start under its date. */
const WRAP_INDENT = ' '.repeat(7);

/**
 * `task time list`: one line per entry with its flags (manual, corrected, retroactive - R22, R23). With
 * `width` (a terminal), a long line wraps at spaces, under the date - never mid-word; without it (a pipe),
 * each entry stays on one line.
 */
export function renderEntries(rows: readonly ListedEntry[], options: { width?: number } = {}): string {
  if (rows.length === 0) return 'No time entries.';
  const lines = rows.map(({ entry, task, seconds, corrected, wholeSeconds }) => {
    const end = entry.endAt ? formatLocalTime(entry.endAt) : 'running';
    const flags = [
      entry.source !== 'timer' ? entry.source : '',
      corrected ? 'corrected' : '',
      entry.retroactive ? 'retroactive' : '',
      // Split at midnight: the listed days hold this much of it.
      seconds !== wholeSeconds
        ? `${formatMinutes(secondsToMinutes(seconds))} of ${formatMinutes(secondsToMinutes(wholeSeconds))} on these days`
        : '',
    ]
      .filter(Boolean)
      .join(', ');
    const line = terminalSafe(
      `${String(entry.id).padStart(5)}  ${formatLocalDateTime(entry.startAt)}-${end}  ${formatMinutes(secondsToMinutes(seconds)).padStart(6)}  task ${task.id} ${task.title}${flags ? `  (${flags})` : ''}${entry.comment ? ` - ${entry.comment}` : ''}`,
    );
    return options.width === undefined ? line : wrapWithIndent(line, options.width);
  });
  const total = rows.reduce((sum, r) => sum + r.seconds, 0);
  return [...lines, `Total: ${formatMinutes(secondsToMinutes(total))}`].join('\n');
}

function wrapWithIndent(line: string, width: number): string {
  const [first, ...rest] = wrapToWidth(line, width);
  if (rest.length === 0) return first!;
  return [
    first,
    ...wrapToWidth(rest.join(' '), width - WRAP_INDENT.length).map((part) => WRAP_INDENT + part),
  ].join('\n');
}

/** `task time gaps`: the untracked stretches of a working day, and how to fill one in (R22). */
export function renderGaps(result: DayGaps, own: boolean): string {
  const { workDay, day, gaps } = result;
  if (!workDay)
    return terminalSafe(
      `No working day recorded for ${result.user} on ${day}: gaps lie inside the working day (task day start).`,
    );
  const at = (moment: Date) =>
    localDayKey(moment) === day ? formatLocalTime(moment) : formatLocalDateTime(moment);
  const span = `${at(workDay.startedAt)}-${workDay.endedAt ? at(workDay.endedAt) : 'now'}`;
  if (gaps.length === 0)
    return terminalSafe(
      `No gaps: every minute of ${result.user}'s working day ${day} (${span}) is tracked or a break.`,
    );
  const total = formatMinutes(secondsToMinutes(result.totalSeconds));
  const lines = [
    `Untracked in ${result.user}'s working day ${day} (${span}): ${total} in ${gaps.length} gap${gaps.length === 1 ? '' : 's'}`,
  ];
  for (const gap of gaps)
    lines.push(
      `  ${`${at(gap.start)}-${at(gap.end)}`.padEnd(11)}  ${formatMinutes(secondsToMinutes(gap.seconds)).padStart(6)}`,
    );
  const first = gaps[0]!;
  if (own)
    lines.push(
      `Enter what was done: task time add ID ${formatMinutes(secondsToMinutes(first.seconds))} --at ${formatLocalTime(first.start)} --comment "what the time was spent on" (R22)`,
    );
  return terminalSafe(lines.join('\n'), { multiline: true });
}
