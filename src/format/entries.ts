import { formatMinutes, secondsToMinutes } from '../core/duration.js';
import { formatLocalDateTime, formatLocalTime } from '../core/local-time.js';
import type { ListedEntry } from '../core/time-corrections.js';
import { terminalSafe } from './safe-text.js';

/** `task time list`: one line per entry with its flags (manual, corrected, retroactive - R22, R23). */
export function renderEntries(rows: readonly ListedEntry[]): string {
  if (rows.length === 0) return 'No time entries.';
  const lines = rows.map(({ entry, task, seconds, corrected }) => {
    const end = entry.endAt ? formatLocalTime(entry.endAt) : 'running';
    const flags = [entry.source !== 'timer' ? entry.source : '', corrected ? 'corrected' : '', entry.retroactive ? 'retroactive' : ''].filter(Boolean).join(', ');
    return terminalSafe(
      `${String(entry.id).padStart(5)}  ${formatLocalDateTime(entry.startAt)}-${end}  ${formatMinutes(secondsToMinutes(seconds)).padStart(6)}  task ${task.id} ${task.title}${flags ? `  (${flags})` : ''}${entry.comment ? ` - ${entry.comment}` : ''}`,
    );
  });
  const total = rows.reduce((sum, r) => sum + r.seconds, 0);
  return [...lines, `Total: ${formatMinutes(secondsToMinutes(total))}`].join('\n');
}
