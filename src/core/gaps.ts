import type { CoreContext } from './context.js';
import { localDayKey } from './local-time.js';
import type { WorkDay } from './types.js';
import { subjectOf } from './visibility.js';

/** A stretch of the working day with no tracked time (Timewarrior's `gaps`). */
export interface TimeGap {
  start: Date;
  end: Date;
  seconds: number;
}

export interface DayGaps {
  user: string;
  day: string;
  /** The working day the gaps lie in; null when none was recorded that day (then there are no gaps). */
  workDay: WorkDay | null;
  gaps: TimeGap[];
  totalSeconds: number;
}

/** Shorter stretches are switching between tasks, not untracked work. */
const MIN_GAP_MS = 60_000;

/**
 * R35: where the working day's untracked time lies - the day from its start to its end (or now), minus
 * breaks, minus tracked entries - so it can be entered by hand (R22) before the report is recorded.
 */
export function timeGaps(ctx: CoreContext, options: { day: Date; userName?: string }): DayGaps {
  const { store, now } = ctx;
  return store.read(() => {
    const user = subjectOf(ctx, options.userName);
    const day = localDayKey(options.day);
    const workDay = store.getWorkDay(user.id, day) ?? null;
    if (!workDay || workDay.startedAt >= now) return { user: user.name, day, workDay, gaps: [], totalSeconds: 0 };
    const end = workDay.endedAt ?? now;
    const busy: [number, number][] = [
      ...workDay.breaks.map((b): [number, number] => [b.startAt.getTime(), (b.endAt ?? end).getTime()]),
      ...store.entriesOfUserBetween(user.id, workDay.startedAt, end).map((e): [number, number] => [e.startAt.getTime(), (e.endAt ?? now).getTime()]),
    ];
    const gaps = freeStretches(workDay.startedAt.getTime(), end.getTime(), busy)
      .filter(([from, to]) => to - from >= MIN_GAP_MS)
      .map(([from, to]) => ({ start: new Date(from), end: new Date(to), seconds: Math.round((to - from) / 1000) }));
    return { user: user.name, day, workDay, gaps, totalSeconds: gaps.reduce((sum, g) => sum + g.seconds, 0) };
  });
}

/** The parts of [from, to) that no busy interval covers, in order. */
export function freeStretches(from: number, to: number, busy: readonly (readonly [number, number])[]): [number, number][] {
  const free: [number, number][] = [];
  let cursor = from;
  for (const [start, end] of [...busy].sort((a, b) => a[0] - b[0])) {
    if (end <= cursor) continue;
    if (start >= to) break;
    if (start > cursor) free.push([cursor, start]);
    cursor = Math.max(cursor, end);
    if (cursor >= to) break;
  }
  if (cursor < to) free.push([cursor, to]);
  return free;
}
