import type { CoreContext } from './context.js';
import { localDayKey, startOfLocalDay } from './local-time.js';
import { isRetroactive, ownSeconds, planForExplanation } from './rules/index.js';
import type { Store } from './store.js';
import type { Task, TaskSummary, TimeEntry } from './types.js';

export interface TaskWithSpent<T extends TaskSummary = Task> {
  task: T;
  spentSeconds: number;
}

/** A task's total tracked seconds now (re-read the task after stopping timers on it). */
export function spentSecondsOf(ctx: CoreContext, task: Task): number {
  return withSpent(ctx, [task])[0]!.spentSeconds;
}

/** Pairs tasks with their total tracked time: the finished time each task row carries, plus running timers. */
export function withSpent<T extends TaskSummary>(ctx: CoreContext, tasks: T[]): TaskWithSpent<T>[] {
  const running = ctx.store.runningSecondsByTask(ctx.now);
  return tasks.map((task) => ({ task, spentSeconds: task.trackedSeconds + (running.get(task.id) ?? 0) }));
}

/** When a clock jumped backwards while a timer ran, the stretch ends where it began: never negative. */
export function safeEnd(entry: TimeEntry, now: Date): Date {
  return now.getTime() < entry.startAt.getTime() ? entry.startAt : now;
}

/** Length of an entry in seconds; a running one counts up to `now`. */
export function entrySeconds(entry: TimeEntry, now: Date): number {
  const end = entry.endAt ?? safeEnd(entry, now);
  return Math.max(0, Math.round((end.getTime() - entry.startAt.getTime()) / 1000));
}

/** Stops every running timer on a task (before it closes), leaving the task's status to the caller; returns how many ran. */
export function stopRunningEntriesOnTask(store: Store, taskId: number, now: Date): number {
  const running = store.runningEntriesOnTask(taskId);
  for (const entry of running) store.stopEntry(entry.id, safeEnd(entry, now), now);
  return running.length;
}

/**
 * R23: a change to time of a day whose report was recorded, or of a day that has ended, is retroactive.
 * Both the old and the new position of an entry count.
 */
export function retroactivityOf(
  ctx: CoreContext,
  userId: number,
  ...starts: Date[]
): { retroactive: boolean; day: string } {
  const today = startOfLocalDay(ctx.now).getTime();
  for (const start of starts) {
    const day = localDayKey(start);
    const ended = startOfLocalDay(start).getTime() < today;
    if (isRetroactive(ended, ctx.store.dayRecordedAt(userId, day) !== undefined))
      return { retroactive: true, day };
  }
  return { retroactive: false, day: localDayKey(starts[0]!) };
}

/** What a correction of tracked time carries (R22: why; R23: whether retroactive, and the reason then). */
export interface CorrectionNote {
  comment: string;
  retroactive: boolean;
  reason: string | null;
}

/** An entry's new times with the correction noted on it: its comment gains the correction's, so `time list` shows why. */
export function withCorrection(
  entry: TimeEntry,
  note: CorrectionNote,
  patch: { startAt: Date; endAt: Date | null },
) {
  return {
    ...patch,
    comment: entry.comment ? `${entry.comment}; ${note.comment}` : note.comment,
    retroactive: entry.retroactive || note.retroactive,
    reason: note.reason ?? entry.reason,
  };
}

/**
 * R32: what an explanation of spent time is measured on: the responsible's own seconds on the task (a
 * previous holder's minutes are theirs to explain) against the lowest plan in force since work began.
 */
export function explanationBasis(
  ctx: CoreContext,
  task: Task,
  extraSeconds = 0,
): { plannedMinutes: number | null; spentSeconds: number } {
  const entries = ctx.store.entriesOfTask(task.id);
  const own =
    ownSeconds(
      entries.map((e) => ({ userId: e.userId, seconds: entrySeconds(e, ctx.now) })),
      task.responsibleId,
    ) + extraSeconds;
  const began = entries
    .filter((e) => e.endAt?.getTime() !== e.startAt.getTime())
    .reduce<Date | null>((first, e) => (first === null || e.startAt < first ? e.startAt : first), null);
  const changes = ctx.store
    .historyOf(task.id)
    .filter((h) => h.field === 'plannedMinutes')
    .map((h) => ({
      at: h.at,
      oldValue: h.oldValue === null ? null : Number(h.oldValue),
      newValue: h.newValue === null ? null : Number(h.newValue),
    }));
  return { plannedMinutes: planForExplanation(task.plannedMinutes, changes, began), spentSeconds: own };
}
