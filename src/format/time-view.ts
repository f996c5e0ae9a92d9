import { formatMinutes } from '../core/duration.js';
import type { DayGaps } from '../core/gaps.js';
import { formatLocalDateTime, formatLocalTime } from '../core/local-time.js';
import type { EntryTrail, ListedEntry, SplitOutcome, TimeOutcome } from '../core/time-corrections.js';
import { entrySeconds } from '../core/time-entries.js';
import type { Task, TimeEntry } from '../core/types.js';
import { renderEntries, renderGaps } from './entries.js';
import { entryJson, gapsJson } from './json.js';
import type { Renderers } from './renderers.js';
import { terminalSafe } from './safe-text.js';

/** The renderers of `task time` (R22, R23): manual entries, corrections, the list and the gaps. */

/** `task time add` ("Added") and `task time edit` ("Corrected"): the entry as it now is. */
export function entryChangedRenderers(verb: 'Added' | 'Corrected'): Renderers<TimeOutcome> {
  return {
    text: ({ entry, task, movedFrom }) => {
      const minutes = Math.round((entry.endAt!.getTime() - entry.startAt.getTime()) / 60_000);
      const moved = movedFrom ? ` (moved from task ${movedFrom.id})` : '';
      return terminalSafe(
        `${verb} entry ${entry.id}: ${formatMinutes(minutes)} on task ${task.id}${moved} (${formatLocalDateTime(entry.startAt)}-${formatLocalTime(entry.endAt!)})${entry.retroactive ? ', retroactive (R23)' : ''}.`,
      );
    },
    json: ({ entry }) => entryJson(entry, entrySeconds(entry, entry.endAt ?? entry.startAt)),
  };
}

/** `task time split`: both parts, each on its task; `now` is the command's (a part's length is counted to it). */
export interface SplitView {
  readonly outcome: SplitOutcome;
  readonly now: Date;
}

const splitPart = (entry: TimeEntry, task: Task, now: Date) =>
  `entry ${entry.id} ${formatLocalDateTime(entry.startAt)}-${formatLocalTime(entry.endAt!)} (${formatMinutes(entrySeconds(entry, now) / 60)}) on task ${task.id} ${task.title}`;

export const splitRenderers: Renderers<SplitView> = {
  text: ({ outcome, now }) =>
    terminalSafe(
      `Split: ${splitPart(outcome.first, outcome.firstTask, now)}; ${splitPart(outcome.second, outcome.secondTask, now)}${outcome.first.retroactive ? '; retroactive (R23)' : ''}.`,
    ),
  json: ({ outcome, now }) => ({
    first: entryJson(outcome.first, entrySeconds(outcome.first, now)),
    second: entryJson(outcome.second, entrySeconds(outcome.second, now)),
  }),
};

/** `task time history`: an entry and its corrections; `now` is the command's (a running entry's length). */
export interface TrailView {
  readonly trail: EntryTrail;
  readonly now: Date;
}

type EntryChange = EntryTrail['changes'][number];

const spanJson = (start: Date, end: Date | null) => ({
  start: start.toISOString(),
  end: end?.toISOString() ?? null,
});

const spanText = (start: Date, end: Date | null) =>
  `${formatLocalDateTime(start)}-${end ? formatLocalTime(end) : 'running'}`;

/** One correction: when, who, what it was and became (or which task it moved from and to), why. */
function changeLine(change: EntryChange): string {
  const before = change.oldStart ? spanText(change.oldStart, change.oldEnd) : null;
  const after = spanText(change.newStart, change.newEnd);
  const times = before === null ? `made ${after}` : before === after ? '' : `${before} -> ${after}`;
  const move = change.taskMove ? `moved from task ${change.taskMove.from} to task ${change.taskMove.to}` : '';
  const what = [times, move].filter(Boolean).join(', ');
  const reason = change.reason ? ` (reason: ${change.reason})` : '';
  return `  ${formatLocalDateTime(change.at)} ${change.actor}: ${what}: ${change.comment}${reason}${change.retroactive ? ' [retroactive]' : ''}`;
}

export const trailRenderers: Renderers<TrailView> = {
  text: ({ trail }) => {
    const { entry, task, changes } = trail;
    const lines = [
      `Entry ${entry.id}: task ${task.id} ${task.title}, ${spanText(entry.startAt, entry.endAt)} (${entry.source}${entry.retroactive ? ', retroactive' : ''})`,
    ];
    if (changes.length === 0) lines.push('  never corrected');
    lines.push(...changes.map(changeLine));
    return terminalSafe(lines.join('\n'), { multiline: true });
  },
  json: ({ trail, now }) => ({
    entry: entryJson(trail.entry, entrySeconds(trail.entry, now)),
    changes: trail.changes.map((c) => ({
      at: c.at.toISOString(),
      actor: c.actor,
      before: c.oldStart ? spanJson(c.oldStart, c.oldEnd) : null,
      after: spanJson(c.newStart, c.newEnd),
      taskMove: c.taskMove ?? null,
      comment: c.comment,
      retroactive: c.retroactive,
      reason: c.reason,
    })),
  }),
};

export const entryListRenderers: Renderers<readonly ListedEntry[]> = {
  // A terminal wraps long lines mid-word; wrap them at spaces instead. Piped: one entry per line.
  text: (rows, { terminal, width }) => renderEntries(rows, { width: terminal ? width : undefined }),
  json: (rows) =>
    rows.map((r) => ({ ...entryJson(r.entry, r.seconds), corrected: r.corrected, title: r.task.title })),
};

/** `task time gaps`: a person's gaps; `own` when they are the actor's (then how to fill one in is shown). */
export interface GapsView {
  readonly gaps: DayGaps;
  readonly own: boolean;
}

export const gapsRenderers: Renderers<GapsView> = {
  text: ({ gaps, own }) => renderGaps(gaps, own),
  json: ({ gaps }) => gapsJson(gaps),
};
