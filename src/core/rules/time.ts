import { RuleError, UsageError } from '../errors.js';
import { formatLocalDateTime, formatLocalTime } from '../local-time.js';
import type { TimeEntry } from '../types.js';

/** R22: every manual entry or edit says what the time was spent on and why it was entered by hand. */
export function checkManualComment(comment: string | undefined): string {
  const text = comment?.trim() ?? '';
  if (text === '') {
    throw new RuleError(
      'R22',
      'manual time needs --comment "what the time was spent on and why it is entered by hand"',
    );
  }
  return text;
}

/** R23: a correction is retroactive when its day's report was recorded or the day has ended. */
export function isRetroactive(entryDayEnded: boolean, dayRecorded: boolean): boolean {
  return entryDayEnded || dayRecorded;
}

export function checkRetroactiveReason(
  retroactive: boolean,
  reason: string | undefined,
  day: string,
): string | null {
  if (!retroactive) return reason?.trim() || null;
  const text = reason?.trim() ?? '';
  if (text === '') {
    throw new RuleError(
      'R23',
      `${day} is closed (its report was recorded or the day has ended): a correction is retroactive and needs --reason "why it is corrected now"`,
    );
  }
  return text;
}

/**
 * The first entry that holds time inside [start, end): a running one holds time up to now; an empty one (a
 * cancelled timer, a correction taken back) holds none, so nothing can be counted twice with it.
 */
export function firstClash(
  entries: readonly TimeEntry[],
  start: Date,
  end: Date,
  now: Date,
): TimeEntry | undefined {
  return entries.find(
    (e) =>
      e.endAt?.getTime() !== e.startAt.getTime() &&
      start.getTime() < (e.endAt ?? now).getTime() &&
      e.startAt.getTime() < end.getTime(),
  );
}

/**
 * R21, R22: one person's entries never overlap - the time would be counted twice. A correction may
 * shorten an entry to nothing (`allowEmpty`: a timer left running by mistake); a new entry has length.
 */
export function checkNoOverlap(
  start: Date,
  end: Date,
  others: readonly TimeEntry[],
  now: Date,
  { allowEmpty = false, remedy = 'choose another --at' }: { allowEmpty?: boolean; remedy?: string } = {},
): void {
  if (end.getTime() < start.getTime() || (!allowEmpty && end.getTime() === start.getTime()))
    throw new UsageError('the entry must end after it starts');
  const clash = firstClash(others, start, end, now);
  if (clash) {
    const until = clash.endAt ? formatLocalTime(clash.endAt) : 'now (running)';
    throw new RuleError(
      'R22',
      `the entry overlaps entry ${clash.id} (${formatLocalDateTime(clash.startAt)}-${until}, task ${clash.taskId}); time is never counted twice - ${remedy.replace('ENTRY', String(clash.id))}`,
    );
  }
}

/** R21: one timer runs at a time, so a timer starts on one task (`task start 12 13` is refused). */
export function checkOneTaskToStart(ids: readonly number[]): number {
  if (ids.length !== 1)
    throw new RuleError('R21', `one timer runs at a time; start one task: task start ${ids[0]}`);
  return ids[0]!;
}
