import type { CoreContext } from './context.js';
import { RuleError, UsageError } from './errors.js';
import {
  addLocalDays,
  formatLocalDateTime,
  localDayKey,
  overlapSeconds,
  startOfLocalDay,
} from './local-time.js';
import { checkMayTrackTime, checkNoOverlap, checkRetroactiveReason, checkTracksTime } from './rules/index.js';
import { markSeen, requireTask, setStatus } from './tasks.js';
import {
  entrySeconds,
  retroactivityOf,
  safeEnd,
  withCorrection,
  type CorrectionNote,
} from './time-entries.js';
import { notePlanOnStart } from './plan.js';
import { openDependenciesWarning } from './dependencies.js';
import { ensureWorkingDayOpen } from './workday-state.js';
import type { Store } from './store.js';
import type { Task, TimeEntry, User } from './types.js';
import { teamOf } from './rules/visibility.js';

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
  /** `--at` on the task already running: its start moved back to that moment. */
  startMovedBack: boolean;
  /** R20: what starting the timer did to the working day. */
  workingDay: 'opened' | 'reopened' | 'break_ended' | null;
  /** R34: the task was not in today's plan and was put there as unplanned work. */
  unplanned: boolean;
  /** Reminders, e.g. that the task still depends on open tasks. */
  warnings: string[];
}

/**
 * R21: starting a task pauses the running one, in the same transaction. With `backdate` (`--at`) the
 * timer starts at an earlier moment, as a correction by hand (R22, R23): the running one stops there.
 */
export function startTimer(ctx: CoreContext, taskId: number, backdate?: Backdate): StartOutcome {
  const { store, actor, now } = ctx;
  return store.write(() => {
    const task = requireTask(store, taskId);
    checkTracksTime(task);
    checkMayTrackTime(task, actor);
    const running = store.runningEntryOf(actor.id);
    if (backdate) return startTimerAt(ctx, task, running, backdate);
    if (running?.taskId === taskId) {
      return {
        task,
        entry: running,
        paused: null,
        alreadyRunning: true,
        startMovedBack: false,
        workingDay: null,
        unplanned: false,
        warnings: [],
      };
    }
    const startAt = startInstant(store.entriesOfUserBetween(actor.id, now, FAR_FUTURE), now);
    // Everything the start records happens at one instant: the entry's start.
    const at = { ...ctx, now: startAt };
    const paused = running ? stopTimer(at, running) : null;
    return beginEntry(at, taskId, paused, null);
  });
}

/** The new running entry, and what starting it does to the task, the working day and the plan. */
function beginEntry(
  ctx: CoreContext,
  taskId: number,
  paused: StoppedTimer | null,
  note: CorrectionNote | null,
  startAt = ctx.now,
): StartOutcome {
  const { store, actor, now } = ctx;
  let task = markSeen(ctx, requireTask(store, taskId));
  task = setStatus(ctx, task, 'in_progress');
  const entryId = store.insertEntry({
    taskId,
    userId: actor.id,
    startAt,
    endAt: null,
    source: 'timer',
    comment: note?.comment ?? null,
    retroactive: note?.retroactive ?? false,
    reason: note?.reason ?? null,
    createdAt: now,
  });
  const entry = store.runningEntryOf(actor.id);
  if (!entry || entry.id !== entryId) throw new Error('the new timer entry was not stored');
  if (note) logCorrection(ctx, entryId, null, { startAt, endAt: null }, note);
  // A start dated back into an earlier day leaves that day's working-day record as it is (an ended day
  // is not reopened behind the person's back); today's day opens as for any start.
  const today = localDayKey(startAt) === localDayKey(now);
  const workingDay = ctx.config.autoStartDay && today ? ensureWorkingDayOpen({ ...ctx, now: startAt }) : null;
  const unplanned = notePlanOnStart(store, actor.id, task, startAt);
  const waiting = openDependenciesWarning(store, task);
  return {
    task,
    entry,
    paused,
    alreadyRunning: false,
    startMovedBack: false,
    workingDay,
    unplanned,
    warnings: waiting ? [waiting] : [],
  };
}

/**
 * A timer change dated back with `--at`: the person forgot to start, switch or pause on time. It is a
 * correction of tracked time by hand, so it carries a comment (R22), needs a reason when the moment lies
 * in a day already over or recorded (R23), and is logged like every other correction.
 */
export interface Backdate {
  at: Date;
  comment?: string;
  reason?: string;
}

function correctionNote(ctx: CoreContext, backdate: Backdate): CorrectionNote {
  const when = formatLocalDateTime(backdate.at);
  if (backdate.at.getTime() > ctx.now.getTime())
    throw new UsageError(`--at ${when} is in the future; a timer is dated back, never ahead`);
  const comment = backdate.comment?.trim() ?? '';
  if (comment === '')
    throw new RuleError(
      'R22',
      `a timer dated back (--at ${when}) is a correction by hand: say why with --comment "forgot to pause for lunch"`,
    );
  const { retroactive, day } = retroactivityOf(ctx, ctx.actor.id, backdate.at);
  return { comment, retroactive, reason: checkRetroactiveReason(retroactive, backdate.reason, day) };
}

function logCorrection(
  ctx: CoreContext,
  entryId: number,
  before: { startAt: Date; endAt: Date | null } | null,
  after: { startAt: Date; endAt: Date | null },
  note: CorrectionNote,
): void {
  ctx.store.insertEntryChange({
    entryId,
    actorId: ctx.actor.id,
    at: ctx.now,
    oldStart: before?.startAt ?? null,
    oldEnd: before?.endAt ?? null,
    newStart: after.startAt,
    newEnd: after.endAt,
    comment: note.comment,
    retroactive: note.retroactive,
    reason: note.reason,
  });
}

function startTimerAt(
  ctx: CoreContext,
  task: Task,
  running: TimeEntry | undefined,
  backdate: Backdate,
): StartOutcome {
  const { store, actor, now } = ctx;
  const note = correctionNote(ctx, backdate);
  const at = backdate.at;
  const others = (from: Date, to: Date) =>
    store.entriesOfUserBetween(actor.id, from, to).filter((e) => e.id !== running?.id);
  if (running?.taskId === task.id) {
    // It runs already, but the work began earlier: its start moves back.
    if (at.getTime() >= running.startAt.getTime()) {
      throw new UsageError(
        `task ${task.id} has run since ${formatLocalDateTime(running.startAt)}; --at moves a start back, not forward (to drop time, pause it and correct the entry: task time edit ${running.id})`,
      );
    }
    checkNoOverlap(at, running.startAt, others(at, running.startAt), now);
    store.updateEntry(running.id, withCorrection(running, note, { startAt: at, endAt: null }), now);
    logCorrection(
      ctx,
      running.id,
      { startAt: running.startAt, endAt: null },
      { startAt: at, endAt: null },
      note,
    );
    const entry = store.getEntry(running.id)!;
    return {
      task,
      entry,
      paused: null,
      alreadyRunning: true,
      startMovedBack: true,
      workingDay: null,
      unplanned: false,
      warnings: [],
    };
  }
  checkNoOverlap(at, now, others(at, now), now);
  const paused = running ? stopTimerAt(ctx, running, at, note) : null;
  return beginEntry(ctx, task.id, paused, note, at);
}

/** A running timer stopped at an earlier moment than now: the time after it is not counted (R22, R23). */
function stopTimerAt(ctx: CoreContext, running: TimeEntry, at: Date, note: CorrectionNote): StoppedTimer {
  if (at.getTime() < running.startAt.getTime()) {
    throw new UsageError(
      `the timer on task ${running.taskId} started at ${formatLocalDateTime(running.startAt)}, after ${formatLocalDateTime(at)}; nothing ran then (to take that stretch back: task cancel --comment TEXT)`,
    );
  }
  const stopped = stopTimer(ctx, running, at);
  ctx.store.updateEntry(
    running.id,
    withCorrection(running, note, { startAt: running.startAt, endAt: at }),
    ctx.now,
  );
  logCorrection(
    ctx,
    running.id,
    { startAt: running.startAt, endAt: null },
    { startAt: running.startAt, endAt: at },
    note,
  );
  return { ...stopped, entry: ctx.store.getEntry(running.id)! };
}

/** The running task's timer, paused for a stretch logged as other work and running on after it. */
export interface CarvedTimer {
  task: Task;
  /** The stretch taken out of the running timer. */
  from: Date;
  to: Date;
}

/**
 * `task log` while a timer runs (as `timew track :adjust` does): the interruption's stretch is carved out
 * of the running entry, so no time is counted twice (R21) and the timer runs on after it. The running
 * entry ends where the interruption began and a new one starts where it ended (or, when the timer began
 * inside the stretch, its start moves to the stretch's end) - corrections logged with the logged work's
 * comment and, for a day over or recorded, its reason (R22, R23). Other entries are not touched.
 */
export function carveRunningTimer(
  ctx: CoreContext,
  from: Date,
  to: Date,
  note: CorrectionNote,
): CarvedTimer | null {
  const { store, actor, now } = ctx;
  const running = store.runningEntryOf(actor.id);
  if (!running || running.startAt.getTime() >= to.getTime() || to.getTime() > now.getTime()) return null;
  const carvedFrom = running.startAt.getTime() > from.getTime() ? running.startAt : from;
  if (running.startAt.getTime() < from.getTime()) {
    const paused = { startAt: running.startAt, endAt: from };
    store.updateEntry(running.id, withCorrection(running, note, paused), now);
    logCorrection(ctx, running.id, { startAt: running.startAt, endAt: null }, paused, note);
    const resumedId = store.insertEntry({
      taskId: running.taskId,
      userId: actor.id,
      startAt: to,
      endAt: null,
      source: 'timer',
      comment: note.comment,
      retroactive: note.retroactive,
      reason: note.reason,
      createdAt: now,
    });
    logCorrection(ctx, resumedId, null, { startAt: to, endAt: null }, note);
  } else {
    store.updateEntry(running.id, withCorrection(running, note, { startAt: to, endAt: null }), now);
    logCorrection(
      ctx,
      running.id,
      { startAt: running.startAt, endAt: null },
      { startAt: to, endAt: null },
      note,
    );
  }
  return { task: requireTask(store, running.taskId), from: carvedFrom, to };
}

/**
 * Stops the running timer where a working-day break or end was dated back to (`task day end --at`):
 * one that ran through that moment stops there, as a correction (R22: the comment says so; R23: a closed
 * day needs the reason); one begun on a later day belongs to that day and keeps running; one begun later
 * the same day contradicts the moment given, so it is refused.
 */
export function stopTimerForDay(
  ctx: CoreContext,
  at: Date,
  what: string,
  reason?: string,
): StoppedTimer | null {
  const running = ctx.store.runningEntryOf(ctx.actor.id);
  if (!running) return null;
  if (at.getTime() >= ctx.now.getTime()) return stopTimer(ctx, running);
  if (running.startAt.getTime() > at.getTime()) {
    if (localDayKey(running.startAt) !== localDayKey(at)) return null;
    throw new UsageError(
      `the timer on task ${running.taskId} started at ${formatLocalDateTime(running.startAt)}, after ${what} (${formatLocalDateTime(at)}); pause it first (task pause), or give a later --at`,
    );
  }
  const note = correctionNote(ctx, {
    at,
    comment: `${what} at ${formatLocalDateTime(at)}; the timer stopped then`,
    reason,
  });
  return stopTimerAt(ctx, running, at, note);
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
      throw new RuleError(
        'R22',
        `time is already recorded until ${formatLocalDateTime(boundary)} (entry ${entry.id}, task ${entry.taskId}), after the current time ${formatLocalDateTime(now)}; check the clock, or enter the time by hand (task time add)`,
      );
    }
    start = boundary;
  }
  return start;
}

/** Stops a running entry and puts its task back to pending. */
export function stopTimer(ctx: CoreContext, entry: TimeEntry, end = safeEnd(entry, ctx.now)): StoppedTimer {
  ctx.store.stopEntry(entry.id, end, ctx.now);
  let task = requireTask(ctx.store, entry.taskId);
  if (task.status === 'in_progress') task = setStatus(ctx, task, 'pending');
  const stopped = { ...entry, endAt: end };
  return { task, entry: stopped, seconds: entrySeconds(stopped, ctx.now) };
}

/** Pauses the running timer - now, or (`backdate`) where it should have been paused (R22, R23). */
export function pauseTimer(ctx: CoreContext, taskId?: number, backdate?: Backdate): StoppedTimer | null {
  return ctx.store.write(() => {
    const running = ctx.store.runningEntryOf(ctx.actor.id);
    // `task pause 12` names the task the user believes is running: never stop a different one.
    if (running && taskId !== undefined && running.taskId !== taskId) {
      throw new UsageError(
        `task ${taskId} is not running; task ${running.taskId} is (pause it with: task pause)`,
      );
    }
    if (!running) return null;
    return backdate
      ? stopTimerAt(ctx, running, backdate.at, correctionNote(ctx, backdate))
      : stopTimer(ctx, running);
  });
}

/** Starts again the task whose timer stopped last. */
export function resumeTimer(ctx: CoreContext, backdate?: Backdate): StartOutcome {
  const last = ctx.store.read(() => ctx.store.lastStoppedEntryOf(ctx.actor.id));
  if (!last) throw new UsageError('there is no paused timer to resume; start a task with: task start ID');
  return startTimer(ctx, last.taskId, backdate);
}

export interface TimerStatus {
  running: { task: Task; entry: TimeEntry; elapsedSeconds: number } | null;
  todaySeconds: number;
  /** Where today's working day stands (R20), and since when a break lasts. */
  day: DayState;
  breakSince: Date | null;
  /**
   * R21, R35: the working day is open, not on a break, and no timer runs - since when: the end of the
   * last entry, the last break or the day's start, whichever is latest. Null otherwise.
   */
  idle: { since: Date; seconds: number } | null;
}

/** The running task and what the acting user tracked today (local day), the running stretch included. */
export function timerStatus(ctx: CoreContext): TimerStatus {
  return ctx.store.read(() => statusOf(ctx.store, ctx.actor.id, ctx.now));
}

function statusOf(store: Store, userId: number, now: Date): TimerStatus {
  const dayStart = startOfLocalDay(now);
  const dayEnd = startOfLocalDay(addLocalDays(dayStart, 1));
  const entries = store.entriesOfUserBetween(userId, dayStart, dayEnd);
  const todaySeconds = entries.reduce(
    (sum, e) => sum + overlapSeconds(e.startAt, e.endAt ?? safeEnd(e, now), dayStart, dayEnd),
    0,
  );
  const entry = store.runningEntryOf(userId);
  const running = entry
    ? { task: requireTask(store, entry.taskId), entry, elapsedSeconds: entrySeconds(entry, now) }
    : null;
  const workDay = store.getWorkDay(userId, localDayKey(now));
  const openBreak = workDay?.endedAt === null ? workDay.breaks.find((b) => b.endAt === null) : undefined;
  const day: DayState = !workDay
    ? 'not_started'
    : workDay.endedAt
      ? 'ended'
      : openBreak
        ? 'on_break'
        : 'working';
  let idle: TimerStatus['idle'] = null;
  if (day === 'working' && !running && workDay) {
    const ends = [
      workDay.startedAt,
      ...workDay.breaks.map((b) => b.endAt),
      ...entries.map((e) => e.endAt),
    ].filter((at): at is Date => at !== null && at <= now);
    // A clock set back before the day began leaves nothing behind now: no idle time to tell.
    if (ends.length) {
      const since = Math.max(...ends.map((at) => at.getTime()));
      idle = { since: new Date(since), seconds: Math.round((now.getTime() - since) / 1000) };
    }
  }
  return { running, todaySeconds, day, breakSince: openBreak?.startAt ?? null, idle };
}

/** Where a person's working day stands now (R20). */
export type DayState = 'not_started' | 'working' | 'on_break' | 'ended';

export interface TeamMemberStatus extends TimerStatus {
  user: User;
}

/** R4: what each person who reports to the actor (or each named one) is working on now, and their day so far. */
export function teamStatus(ctx: CoreContext, userNames?: string[]): TeamMemberStatus[] {
  const { store, now } = ctx;
  return store.read(() => teamOf(ctx, userNames).map((user) => ({ user, ...statusOf(store, user.id, now) })));
}
