import type { CoreContext } from './context.js';
import { NotFoundError, RuleError, UsageError } from './errors.js';
import { formatLocalDateTime, formatLocalTime, localDayKey, overlapSeconds } from './local-time.js';
import {
  checkExplanation,
  checkManualComment,
  checkMayTrackTime,
  checkNoOverlap,
  checkRetroactiveReason,
  checkTracksTime,
} from './rules/index.js';
import { periodOf, type Period } from './period.js';
import { checkMaySee, checkMaySeeTask, maySeeUser, subjectOf, visibleScope } from './rules/visibility.js';
import { requireAnyTask, requireTask, requireTaskActedOn, setStatus } from './tasks.js';
import { entrySeconds, explanationBasis, retroactivityOf, withCorrection } from './time-entries.js';
import { stopTimer, type StoppedTimer } from './timers.js';
import type { EntryChange, Task, TimeEntry } from './types.js';

export interface ManualTimeInput {
  minutes: number;
  /** Start of the stretch; default: it ends now. */
  at?: Date;
  comment?: string;
  reason?: string;
  /** R32: why the time is far above the plan, when it is added to a closed task whose result does not say. */
  explanation?: string;
}

/**
 * R32: time added to a closed task counts as if it had been there at closing: when it takes the task far
 * above its plan and the result explains nothing, the explanation comes with it and is added to the result.
 * Asked after the entry is written, for every path that puts more time on a closed task (time add, an entry
 * lengthened, moved or split onto it); `grewBySeconds` is how much the task's time grew.
 */
function explainTimeOnClosedTask(
  ctx: CoreContext,
  taskId: number,
  grewBySeconds: number,
  explanation: string | undefined,
): void {
  const task = ctx.store.getTask(taskId);
  if (!task || grewBySeconds <= 0 || (task.status !== 'completed' && task.status !== 'awaiting_control'))
    return;
  const result = ctx.store.lastResultOf(task.id);
  if (result?.explanation) return;
  const basis = explanationBasis(ctx, task);
  const given = explanation?.trim() ? explanation.trim() : null;
  checkExplanation(
    { id: task.id, plannedMinutes: basis.plannedMinutes },
    basis.spentSeconds,
    ctx.policy.explanationFactor,
    given,
  );
  if (given && result) ctx.store.setResultExplanation(result.commentId, given);
}

/** Seconds a correction adds to one task: the entry's new length there less its old length there. */
function growthOn(
  taskId: number,
  before: { taskId: number; seconds: number },
  after: { taskId: number; seconds: number },
): number {
  return (after.taskId === taskId ? after.seconds : 0) - (before.taskId === taskId ? before.seconds : 0);
}

export interface TimeOutcome {
  entry: TimeEntry;
  task: Task;
  /** `time edit --task`: the task the time was on before. */
  movedFrom?: Task | null;
  warnings: string[];
}

/** One of the actor's own time entries, with its task: only the person corrects their time (R2). */
function requireOwnEntry(ctx: CoreContext, entryId: number): { entry: TimeEntry; task: Task } {
  const entry = ctx.store.getEntry(entryId);
  if (!entry) throw new NotFoundError(`time entry ${entryId} not found; see entries with: task time list`);
  const task = requireTask(ctx.store, entry.taskId);
  if (entry.userId !== ctx.actor.id)
    throw new RuleError(
      'R38',
      `time entry ${entryId} is another person's; each person's time entries are theirs alone - ask them to correct it`,
    );
  return { entry, task };
}

/** The task time is moved to: one the actor may track time on (R2, R8, R16), as for a new entry. */
function taskToMoveTo(ctx: CoreContext, taskId: number): Task {
  const task = requireTaskActedOn(ctx, taskId);
  checkTracksTime(task);
  checkMayTrackTime(task, ctx.actor);
  return task;
}

/** R22: time entered by hand - forgot to start the timer - with a comment saying what it was. */
export function addManualTime(ctx: CoreContext, taskId: number, input: ManualTimeInput): TimeOutcome {
  const { store, actor, now } = ctx;
  return store.write(() => {
    const task = requireTaskActedOn(ctx, taskId);
    checkTracksTime(task);
    checkMayTrackTime(task, actor);
    const comment = checkManualComment(input.comment);
    const start = input.at ?? new Date(now.getTime() - input.minutes * 60_000);
    const end = new Date(start.getTime() + input.minutes * 60_000);
    if (end.getTime() > now.getTime())
      throw new UsageError(
        `the entry would end in the future (at ${formatLocalDateTime(end)}); time is entered for work already done`,
      );
    const { retroactive, day } = retroactivityOf(ctx, actor.id, start);
    const reason = checkRetroactiveReason(retroactive, input.reason, day);
    checkNoOverlap(start, end, store.entriesOfUserBetween(actor.id, start, end), now);
    const entryId = store.insertEntry({
      taskId,
      userId: actor.id,
      startAt: start,
      endAt: end,
      source: 'manual',
      comment,
      retroactive,
      reason,
      createdAt: now,
    });
    explainTimeOnClosedTask(ctx, taskId, input.minutes * 60, input.explanation);
    store.insertEntryChange({
      entryId,
      actorId: actor.id,
      at: now,
      oldStart: null,
      oldEnd: null,
      newStart: start,
      newEnd: end,
      comment,
      retroactive,
      reason,
    });
    // Work on it has begun: a new task with time on it is pending, as after a timer was paused.
    const worked = task.status === 'new' ? setStatus(ctx, task, 'pending') : task;
    return { entry: store.getEntry(entryId)!, task: worked, warnings: [] };
  });
}

export interface EntryEdit {
  /** The task the time was really spent on (the timer ran on the wrong one). */
  taskId?: number;
  minutes?: number;
  start?: Date;
  end?: Date;
  comment?: string;
  reason?: string;
  /** R32: why the time is far above the plan, when the correction puts more time on a closed task. */
  explanation?: string;
}

/**
 * R22, R23: correcting an entry (forgot to pause during a break; the timer ran on the wrong task) - with
 * a comment, logged.
 */
export function editTimeEntry(ctx: CoreContext, entryId: number, edit: EntryEdit): TimeOutcome {
  const { store, actor, now } = ctx;
  return store.write(() => {
    const { entry, task } = requireOwnEntry(ctx, entryId);
    if (entry.endAt === null)
      throw new UsageError(`time entry ${entryId} is still running; pause it first (task pause)`);
    if (edit.minutes !== undefined && (edit.start !== undefined || edit.end !== undefined)) {
      throw new UsageError('give either --minutes or --start/--end, not both');
    }
    const comment = checkManualComment(edit.comment);
    const target =
      edit.taskId === undefined || edit.taskId === entry.taskId ? task : taskToMoveTo(ctx, edit.taskId);
    const start = edit.start ?? entry.startAt;
    const end =
      edit.minutes !== undefined
        ? new Date(start.getTime() + edit.minutes * 60_000)
        : (edit.end ?? entry.endAt);
    if (end.getTime() > now.getTime())
      throw new UsageError('the entry would end in the future; time is corrected for work already done');
    const { retroactive, day } = retroactivityOf(ctx, actor.id, entry.startAt, start);
    const reason = checkRetroactiveReason(retroactive, edit.reason, day);
    const others = store.entriesOfUserBetween(actor.id, start, end).filter((e) => e.id !== entryId);
    checkNoOverlap(start, end, others, now, {
      allowEmpty: true,
      remedy:
        'give --start/--end (or --minutes) that stay clear of it, or correct that entry first (task time edit ENTRY)',
    });
    store.updateEntry(
      entryId,
      withCorrection(entry, { comment, retroactive, reason }, { startAt: start, endAt: end }),
      now,
    );
    const taskMove = target.id !== task.id ? { from: task.id, to: target.id } : undefined;
    if (taskMove) store.moveEntry(entryId, target.id, now);
    // R32: lengthened, or moved onto a closed task, the time is checked as if added there by hand.
    const was = { taskId: task.id, seconds: entrySeconds(entry, now) };
    const becomes = {
      taskId: target.id,
      seconds: Math.max(0, Math.round((end.getTime() - start.getTime()) / 1000)),
    };
    for (const taskId of new Set([task.id, target.id]))
      explainTimeOnClosedTask(ctx, taskId, growthOn(taskId, was, becomes), edit.explanation);
    store.insertEntryChange({
      entryId,
      actorId: actor.id,
      at: now,
      oldStart: entry.startAt,
      oldEnd: entry.endAt,
      newStart: start,
      newEnd: end,
      comment,
      retroactive,
      reason,
      taskMove,
    });
    // Time on a new task means work on it has begun, as after a timer was paused on it.
    const moved = taskMove && target.status === 'new' ? setStatus(ctx, target, 'pending') : target;
    return { entry: store.getEntry(entryId)!, task: moved, movedFrom: taskMove ? task : null, warnings: [] };
  });
}

export interface EntrySplit {
  /** Where the entry is cut: strictly inside it. */
  at: Date;
  /** The task the second part goes to (default: the entry's own). */
  taskId?: number;
  comment?: string;
  reason?: string;
  /** R32: why the time is far above the plan, when the second part goes to a closed task. */
  explanation?: string;
}

export interface SplitOutcome {
  first: TimeEntry;
  second: TimeEntry;
  /** The task of each part. */
  firstTask: Task;
  secondTask: Task;
}

/**
 * Timewarrior's `split`, for "I switched at 10:30 and forgot the timer": an entry is cut in two at a
 * moment inside it; the second part may go to another task (checked as a new entry would be: R2, R8,
 * R16). A correction by hand (R22: a comment; R23: a reason for a closed day), both parts logged, in one
 * transaction.
 */
export function splitTimeEntry(ctx: CoreContext, entryId: number, split: EntrySplit): SplitOutcome {
  const { store, actor, now } = ctx;
  return store.write(() => {
    const { entry, task: firstTask } = requireOwnEntry(ctx, entryId);
    if (entry.endAt === null) {
      throw new UsageError(
        `time entry ${entryId} is still running; switch from a moment on with: task start ID --at TIME --comment TEXT`,
      );
    }
    if (split.at.getTime() <= entry.startAt.getTime() || split.at.getTime() >= entry.endAt.getTime()) {
      throw new UsageError(
        `--at must lie inside entry ${entryId} (${formatLocalDateTime(entry.startAt)}-${formatLocalTime(entry.endAt)})`,
      );
    }
    const comment = checkManualComment(split.comment);
    const secondTask =
      split.taskId === undefined || split.taskId === entry.taskId
        ? firstTask
        : taskToMoveTo(ctx, split.taskId);
    const { retroactive, day } = retroactivityOf(ctx, actor.id, entry.startAt);
    const reason = checkRetroactiveReason(retroactive, split.reason, day);
    const first = withCorrection(
      entry,
      { comment, retroactive, reason },
      { startAt: entry.startAt, endAt: split.at },
    );
    store.updateEntry(entryId, first, now);
    store.insertEntryChange({
      entryId,
      actorId: actor.id,
      at: now,
      oldStart: entry.startAt,
      oldEnd: entry.endAt,
      newStart: entry.startAt,
      newEnd: split.at,
      comment,
      retroactive,
      reason,
    });
    const secondId = store.insertEntry({
      ...first,
      taskId: secondTask.id,
      userId: actor.id,
      startAt: split.at,
      endAt: entry.endAt,
      source: entry.source,
      createdAt: now,
    });
    const taskMove = secondTask.id !== firstTask.id ? { from: firstTask.id, to: secondTask.id } : undefined;
    store.insertEntryChange({
      entryId: secondId,
      actorId: actor.id,
      at: now,
      oldStart: null,
      oldEnd: null,
      newStart: split.at,
      newEnd: entry.endAt,
      comment,
      retroactive,
      reason,
      taskMove,
    });
    if (taskMove)
      explainTimeOnClosedTask(
        ctx,
        secondTask.id,
        entrySeconds(store.getEntry(secondId)!, now),
        split.explanation,
      );
    const moved =
      taskMove && secondTask.status === 'new' ? setStatus(ctx, secondTask, 'pending') : secondTask;
    return {
      first: store.getEntry(entryId)!,
      second: store.getEntry(secondId)!,
      firstTask,
      secondTask: moved,
    };
  });
}

/**
 * `task cancel` (Timewarrior's and Watson's cancel): the timer was started by mistake, so it stops and
 * keeps none of its time. A correction of tracked time (R22): it needs a comment and is logged, and the
 * entry stays, zero long, so nothing disappears from the record (R0). Time of a day already over or
 * recorded is not taken back this way (R23): that is a retroactive correction with a reason.
 */
export function cancelTimer(ctx: CoreContext, comment: string | undefined): StoppedTimer {
  const { store, actor, now } = ctx;
  return store.write(() => {
    const running = store.runningEntryOf(actor.id);
    if (!running)
      throw new UsageError('no timer is running; nothing to cancel (task time list shows what was tracked)');
    const text = comment?.trim() ?? '';
    if (text === '')
      throw new RuleError(
        'R22',
        `taking tracked time back needs a comment: task cancel --comment "started the wrong task"`,
      );
    if (retroactivityOf(ctx, actor.id, running.startAt).retroactive) {
      throw new RuleError(
        'R23',
        `the timer has run since ${localDayKey(running.startAt)}, a day already over or recorded; pause it (task pause) and correct the entry with a reason: task time edit ${running.id} --minutes 0 --comment TEXT --reason TEXT`,
      );
    }
    const stopped = stopTimer(ctx, running);
    const entryComment = running.comment ? `${running.comment}; cancelled: ${text}` : `cancelled: ${text}`;
    store.updateEntry(
      running.id,
      {
        startAt: running.startAt,
        endAt: running.startAt,
        comment: entryComment,
        retroactive: false,
        reason: null,
      },
      now,
    );
    store.insertEntryChange({
      entryId: running.id,
      actorId: actor.id,
      at: now,
      oldStart: running.startAt,
      oldEnd: stopped.entry.endAt,
      newStart: running.startAt,
      newEnd: running.startAt,
      comment: text,
      retroactive: false,
      reason: null,
    });
    return { ...stopped, entry: store.getEntry(running.id)! };
  });
}

export interface EntryTrail {
  entry: TimeEntry;
  task: Task;
  /** Every correction of the entry, oldest first (R22, R23). */
  changes: (EntryChange & { actor: string })[];
}

/** The correction trail of an entry: the person's own, or (R4) of someone who reports to the actor. */
export function entryTrail(ctx: CoreContext, entryId: number): EntryTrail {
  const { store } = ctx;
  return store.read(() => {
    const entry = store.getEntry(entryId);
    if (!entry) throw new NotFoundError(`time entry ${entryId} not found; see entries with: task time list`);
    const owner = store.getUser(entry.userId);
    if (owner) checkMaySee(ctx, owner);
    return { entry, task: requireAnyTask(store, entry.taskId), changes: store.changesOfEntry(entryId) };
  });
}

export interface EntryRow {
  entry: TimeEntry;
  task: Task;
  seconds: number;
}

/** An entry as `task time list` shows it: also whether it was changed by hand since it was recorded (R22). */
export interface ListedEntry extends EntryRow {
  corrected: boolean;
  /** The entry's whole length when `seconds` is only the part inside the listed period (it crosses its edge). */
  wholeSeconds: number;
}

export interface EntryListFilter {
  /** Every entry of this task (of whoever tracked it), within `period` when one is given. */
  taskId?: number;
  /** Default: today (local). */
  period?: Period;
  /** Whose entries (default the actor); a manager sees their own people's (R4). */
  userName?: string;
}

/** Time entries of a person over a period (default: the actor, today), or of one task. */
export function listEntries(ctx: CoreContext, filter: EntryListFilter): ListedEntry[] {
  const { store, now } = ctx;
  return store.read(() => {
    let entries: TimeEntry[];
    let period = filter.period;
    if (filter.taskId !== undefined) {
      checkMaySeeTask(ctx, requireTask(store, filter.taskId));
      const user = filter.userName === undefined ? undefined : subjectOf(ctx, filter.userName);
      // R4, R38: on a task the actor may see, only the time of the people whose time they see.
      const scope = visibleScope(store, ctx.actor);
      entries = store
        .entriesOfTask(filter.taskId)
        .filter(
          (e) =>
            (!user || e.userId === user.id) &&
            maySeeUser(scope, e.userId) &&
            (!period || (e.startAt < period.to && (e.endAt ?? now) > period.from)),
        );
    } else {
      period = filter.period ?? periodOf(now, now);
      entries = store.entriesOfUserBetween(subjectOf(ctx, filter.userName).id, period.from, period.to);
    }
    const tasks = new Map<number, Task>();
    const corrected = store.correctedEntryIds(entries.filter((e) => e.source === 'timer').map((e) => e.id));
    return entries.map((entry) => {
      if (!tasks.has(entry.taskId)) tasks.set(entry.taskId, store.getTask(entry.taskId)!);
      const wholeSeconds = entrySeconds(entry, now);
      // Midnight splits an entry as in every report: a day's list counts only the day's part of it.
      const seconds = period
        ? overlapSeconds(
            entry.startAt,
            entry.endAt ?? (now > entry.startAt ? now : entry.startAt),
            period.from,
            period.to,
          )
        : wholeSeconds;
      return {
        entry,
        task: tasks.get(entry.taskId)!,
        seconds,
        corrected: corrected.has(entry.id),
        wholeSeconds,
      };
    });
  });
}
