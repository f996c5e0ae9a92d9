import type { CoreContext } from './context.js';
import { dayEndFromKey, localDayKey } from './local-time.js';
import type { Store } from './store.js';
import type { WorkDay } from './types.js';
import { subjectOf } from './rules/visibility.js';

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
    const gaps = workDay ? workDayGaps(store, workDay, now) : [];
    return { user: user.name, day, workDay, gaps, totalSeconds: gaps.reduce((sum, g) => sum + g.seconds, 0) };
  });
}

/**
 * R35: the one definition of untracked time, used by `day end`, `time gaps` and every report: the
 * stretches of at least a minute of the working day (its start to its end - or now, and never past its
 * own midnight) that neither a break nor a time entry covers. Time tracked outside the working day
 * neither fills nor adds to it.
 */
export function workDayGaps(
  store: Pick<Store, 'entriesOfUserBetween'>,
  workDay: WorkDay,
  now: Date,
): TimeGap[] {
  return untrackedStretches(store, workDay, now).map(([from, to]) => ({
    start: new Date(from),
    end: new Date(to),
    seconds: Math.round((to - from) / 1000),
  }));
}

/**
 * R35: the untracked seconds of a working day - the seconds of workDayGaps, summed without making a gap
 * of each (a team's month asks it for every person-day).
 */
export function untrackedSecondsOf(
  store: Pick<Store, 'entriesOfUserBetween'>,
  workDay: WorkDay,
  now: Date,
): number {
  let seconds = 0;
  for (const [from, to] of untrackedStretches(store, workDay, now)) seconds += Math.round((to - from) / 1000);
  return seconds;
}

/** The stretches (epoch ms) of workDayGaps: at least a minute, covered by no break or entry. */
function untrackedStretches(
  store: Pick<Store, 'entriesOfUserBetween'>,
  workDay: WorkDay,
  now: Date,
): [number, number][] {
  const end = workDay.endedAt
    ? workDay.endedAt.getTime()
    : Math.min(now.getTime(), dayEndFromKey(workDay.day).getTime());
  const start = workDay.startedAt.getTime();
  if (start >= end) return [];
  const busy: [number, number][] = [];
  for (const b of workDay.breaks) busy.push([b.startAt.getTime(), b.endAt?.getTime() ?? end]);
  for (const e of store.entriesOfUserBetween(workDay.userId, workDay.startedAt, new Date(end)))
    busy.push([e.startAt.getTime(), (e.endAt ?? now).getTime()]);
  return freeStretches(start, end, busy).filter(([from, to]) => to - from >= MIN_GAP_MS);
}

const byStart = (a: readonly [number, number], b: readonly [number, number]) => a[0] - b[0];

/** The parts of [from, to) that no busy interval covers, in order. */
export function freeStretches(
  from: number,
  to: number,
  busy: readonly (readonly [number, number])[],
): [number, number][] {
  const free: [number, number][] = [];
  let cursor = from;
  for (const [start, end] of [...busy].sort(byStart)) {
    if (end <= cursor) continue;
    if (start >= to) break;
    if (start > cursor) free.push([cursor, start]);
    cursor = Math.max(cursor, end);
    if (cursor >= to) break;
  }
  if (cursor < to) free.push([cursor, to]);
  return free;
}
