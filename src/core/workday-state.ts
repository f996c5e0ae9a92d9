import type { CoreContext } from './context.js';
import { localDayKey } from './local-time.js';
import type { WorkDay } from './types.js';

/**
 * R20: makes sure the acting user's working day is open now - started (or restarted after it was
 * ended) and not on a break. Used when a timer starts; returns what it had to do, for the message.
 */
export function ensureWorkingDayOpen(ctx: CoreContext): 'opened' | 'reopened' | 'break_ended' | null {
  const { store, actor, now } = ctx;
  const day = localDayKey(now);
  const workDay = store.getWorkDay(actor.id, day);
  const openBreak = store.openBreakOf(actor.id);
  // A timer dated back (`task start --at`) can begin before the break it ends did: the break then ends as it began.
  if (openBreak) store.endBreak(openBreak.id, now < openBreak.startAt ? openBreak.startAt : now);
  if (!workDay) {
    store.insertWorkDay(actor.id, day, now);
    return 'opened';
  }
  if (workDay.endedAt !== null) {
    store.setWorkDayEnd(actor.id, day, null);
    return 'reopened';
  }
  return openBreak ? 'break_ended' : null;
}

/** Seconds of the working day actually present: from start to end (or now), minus breaks. */
export function presentSeconds(workDay: WorkDay, now: Date): number {
  const end = workDay.endedAt ?? now;
  const breaks = workDay.breaks.reduce(
    (sum, b) => sum + Math.max(0, (b.endAt ?? end).getTime() - b.startAt.getTime()),
    0,
  );
  return Math.max(0, Math.round((end.getTime() - workDay.startedAt.getTime() - breaks) / 1000));
}
