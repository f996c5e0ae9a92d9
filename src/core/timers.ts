import type { CoreContext } from './context.js';
import { RuleError, UsageError } from './errors.js';
import { addLocalDays, formatLocalDateTime, overlapSeconds, startOfLocalDay } from './local-time.js';
import { checkMayTrackTime, checkTracksTime } from './rules/index.js';
import { markSeen, requireTask, setStatus } from './tasks.js';
import { entrySeconds, safeEnd } from './time-entries.js';
import { notePlanOnStart } from './plan.js';
import { openDependenciesWarning } from './dependencies.js';
import { ensureWorkingDayOpen } from './workday-state.js';
import type { Task, TimeEntry } from './types.js';

/** A stopped timer: which task, and how long this stretch ran. */
export interface StoppedTimer {
  task: Task;
  entry: TimeEntry;
  seconds: number;
}

export interface StartOutcome {
  task: Task;
  entry: TimeEntry;
  /** R21: the timer that starting this one paused, if any. */
  paused: StoppedTimer | null;
  alreadyRunning: boolean;
  /** R20: what starting the timer did to the working day. */
  workingDay: 'opened' | 'reopened' | 'break_ended' | null;
  /** R34: the task was not in today's plan and was put there as unplanned work. */
  unplanned: boolean;
  /** Reminders, e.g. that the task still depends on open tasks. */
  warnings: string[];
}

/** R21: starting a task pauses the running one, in the same transaction. */
export function startTimer(ctx: CoreContext, taskId: number): StartOutcome {
  const { store, actor, now } = ctx;
  return store.write(() => {
    let task = requireTask(store, taskId);
    checkTracksTime(task);
    checkMayTrackTime(task, actor);
    const running = store.runningEntryOf(actor.id);
    if (running?.taskId === taskId) {
      return { task, entry: running, paused: null, alreadyRunning: true, workingDay: null, unplanned: false, warnings: [] };
    }
    const startAt = startInstant(store.entriesOfUserBetween(actor.id, now, FAR_FUTURE), now);
    // Everything the start records happens at one instant: the entry's start.
    const at = { ...ctx, now: startAt };
    const paused = running ? stopTimer(at, running) : null;
    task = markSeen(at, requireTask(store, taskId));
    task = setStatus(at, task, 'in_progress');
    const entryId = store.insertEntry({
      taskId,
      userId: actor.id,
      startAt,
      endAt: null,
      source: 'timer',
      comment: null,
      retroactive: false,
      reason: null,
      createdAt: now,
    });
    const entry = store.runningEntryOf(actor.id);
    if (!entry || entry.id !== entryId) throw new Error('the new timer entry was not stored');
    const workingDay = ctx.config.autoStartDay ? ensureWorkingDayOpen({ ...ctx, now: startAt }) : null;
    const unplanned = notePlanOnStart(store, actor.id, task, startAt);
    const waiting = openDependenciesWarning(store, task);
    return { task, entry, paused, alreadyRunning: false, workingDay, unplanned, warnings: waiting ? [waiting] : [] };
  });
}

const FAR_FUTURE = new Date(8.64e15);
/** How far "now" may lag behind recorded time because the command waited for another one's lock. */
const LOCK_WAIT_SKEW_MS = 60_000;

/**
 * A new timer starts now - or where the last recorded stretch ended, when a concurrent command
 * recorded time a moment "later" while this one waited for the lock. Time recorded further ahead (a
 * clock set back) would be counted twice, so the start is refused (R21, R22).
 */
function startInstant(later: readonly TimeEntry[], now: Date): Date {
  let start = now;
  for (const entry of later) {
    // A running stretch is stopped where the new one begins, so its start is a boundary too.
    const boundary = entry.endAt ?? entry.startAt;
    if (boundary.getTime() <= start.getTime()) continue;
    if (boundary.getTime() - now.getTime() > LOCK_WAIT_SKEW_MS) {
      throw new RuleError('R22', `time is already recorded until ${formatLocalDateTime(boundary)} (entry ${entry.id}, task ${entry.taskId}), after the current time ${formatLocalDateTime(now)}; check the clock, or enter the time by hand (task time add)`);
    }
    start = boundary;
  }
  return start;
}

/** Stops a running entry and puts its task back to pending. */
export function stopTimer(ctx: CoreContext, entry: TimeEntry): StoppedTimer {
  const end = safeEnd(entry, ctx.now);
  ctx.store.stopEntry(entry.id, end, ctx.now);
  let task = requireTask(ctx.store, entry.taskId);
  if (task.status === 'in_progress') task = setStatus(ctx, task, 'pending');
  const stopped = { ...entry, endAt: end };
  return { task, entry: stopped, seconds: entrySeconds(stopped, ctx.now) };
}

export function pauseTimer(ctx: CoreContext, taskId?: number): StoppedTimer | null {
  return ctx.store.write(() => {
    const running = ctx.store.runningEntryOf(ctx.actor.id);
    // `task pause 12` names the task the user believes is running: never stop a different one.
    if (running && taskId !== undefined && running.taskId !== taskId) {
      throw new UsageError(`task ${taskId} is not running; task ${running.taskId} is (pause it with: task pause)`);
    }
    return running ? stopTimer(ctx, running) : null;
  });
}

/** Starts again the task whose timer stopped last. */
export function resumeTimer(ctx: CoreContext): StartOutcome {
  const last = ctx.store.read(() => ctx.store.lastStoppedEntryOf(ctx.actor.id));
  if (!last) throw new UsageError('there is no paused timer to resume; start a task with: task start ID');
  return startTimer(ctx, last.taskId);
}

export interface TimerStatus {
  running: { task: Task; entry: TimeEntry; elapsedSeconds: number } | null;
  todaySeconds: number;
}

/** The running task and what the acting user tracked today (local day), the running stretch included. */
export function timerStatus(ctx: CoreContext): TimerStatus {
  const { store, actor, now } = ctx;
  return store.read(() => {
    const dayStart = startOfLocalDay(now);
    const dayEnd = startOfLocalDay(addLocalDays(dayStart, 1));
    const entries = store.entriesOfUserBetween(actor.id, dayStart, dayEnd);
    const todaySeconds = entries.reduce((sum, e) => sum + overlapSeconds(e.startAt, e.endAt ?? safeEnd(e, now), dayStart, dayEnd), 0);
    const entry = store.runningEntryOf(actor.id);
    const running = entry ? { task: requireTask(store, entry.taskId), entry, elapsedSeconds: entrySeconds(entry, now) } : null;
    return { running, todaySeconds };
  });
}
