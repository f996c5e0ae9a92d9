import { freeStretches } from './gaps.js';
import type { Store } from './store.js';
import type { EntryChange, TimeEntry } from './types.js';

type Span = readonly [number, number];

/** An interval of a change, an open end read as the moment the change was made (what ran until then). */
function spanOf(start: Date | null, end: Date | null, madeAt: Date): Span | null {
  if (start === null) return null;
  return [start.getTime(), (end ?? madeAt).getTime()];
}

/**
 * R22, R23: the stretches of an entry that were typed or stretched by hand - the whole of a manual or
 * imported entry; of a timer entry only what its corrections added (a start dated back with `--at`
 * adds the time before the timer was started, a stop dated back adds nothing). Clipped to [from, to).
 */
export function handStretches(
  entry: TimeEntry,
  changes: readonly EntryChange[],
  from: Date,
  to: Date,
  now: Date,
): Span[] {
  const lo = from.getTime();
  const hi = to.getTime();
  const entryEnd = (entry.endAt ?? (now > entry.startAt ? now : entry.startAt)).getTime();
  const clip = (spans: Span[]): Span[] =>
    spans
      .map(([s, e]): Span => [Math.max(s, lo, entry.startAt.getTime()), Math.min(e, hi, entryEnd)])
      .filter(([s, e]) => e > s);
  if (entry.source !== 'timer') return clip([[entry.startAt.getTime(), entryEnd]]);
  const added: Span[] = [];
  for (const change of changes) {
    const after = spanOf(change.newStart, change.newEnd, change.at)!;
    const before = spanOf(change.oldStart, change.oldEnd, change.at);
    added.push(...freeStretches(after[0], after[1], before ? [before] : []));
  }
  return clip(mergeSpans(added));
}

function mergeSpans(spans: readonly Span[]): Span[] {
  const merged: [number, number][] = [];
  for (const [s, e] of [...spans].sort((a, b) => a[0] - b[0])) {
    const last = merged.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

const NO_CHANGES: readonly EntryChange[] = [];

export interface HandTime {
  /** Entries with time typed or stretched by hand in the period. */
  entries: number;
  seconds: number;
}

/** R22, R23: per person, the time of the period entered or stretched by hand (the one definition reports use). */
export function handTimeOf(
  store: Pick<Store, 'entriesOfUserBetween' | 'changesOfEntries'>,
  userIds: readonly number[],
  from: Date,
  to: Date,
  now: Date,
): Map<number, HandTime> {
  const totals = new Map<number, HandTime>();
  const entriesOf = new Map(userIds.map((userId) => [userId, store.entriesOfUserBetween(userId, from, to)]));
  // One read of the change logs for everyone's timer entries.
  const changes = store.changesOfEntries(
    [...entriesOf.values()].flatMap((entries) =>
      entries.filter((e) => e.source === 'timer').map((e) => e.id),
    ),
  );
  for (const [userId, entries] of entriesOf) {
    const total: HandTime = { entries: 0, seconds: 0 };
    for (const entry of entries) {
      const seconds = handSecondsOf(entry, changes.get(entry.id) ?? NO_CHANGES, from, to, now);
      if (seconds <= 0) continue;
      total.entries += 1;
      total.seconds += seconds;
    }
    totals.set(userId, total);
  }
  return totals;
}

export function handSecondsOf(
  entry: TimeEntry,
  changes: readonly EntryChange[],
  from: Date,
  to: Date,
  now: Date,
): number {
  // Most entries are a timer's, never corrected: nothing typed by hand (no spans to make and clip).
  if (entry.source === 'timer' && changes.length === 0) return 0;
  return Math.round(
    handStretches(entry, changes, from, to, now).reduce((sum, [s, e]) => sum + (e - s), 0) / 1000,
  );
}
