import type { CoreContext } from './context.js';
import type { DateInput } from './dates.js';
import { diffTask } from './history.js';
import { relationsOf, relationTo } from './relation.js';
import {
  actsAsDirector,
  checkMayCreateControl,
  awaitsRating,
  checkAwaitingControl,
  checkIsDirector,
  checkMaySubmitProgress,
  checkNotProgressTransfer,
  checkRating,
  checkReturnDeadline,
} from './rules/index.js';
import { UsageError } from './errors.js';
import { assertStatusChange } from './status.js';
import {
  createTask,
  requireTask,
  requireTaskActedOn,
  saveTask,
  setStatus,
  type TaskOutcome,
} from './tasks.js';
import { stopRunningEntriesOnTask } from './time-entries.js';
import type { Comment, RatingMark, Task } from './types.js';

export interface ControlInput {
  deadline?: DateInput;
  plannedMinutes?: number;
}

/**
 * R26: a control task `<Project>: Control: TEXT` for the acting manager - a subtask of the controlled
 * task, or its sibling when both sit inside a compound task. Due with the controlled task by default.
 */
export function createControlTask(
  ctx: CoreContext,
  controlledId: number,
  text: string,
  input: ControlInput = {},
): TaskOutcome {
  const { store } = ctx;
  return store.write(() => {
    const controlled = requireTask(store, controlledId);
    checkMayCreateControl(controlled, actsAsDirector(relationTo(ctx, controlled)));
    const body = text.trim();
    if (body === '')
      throw new UsageError(
        `say what is controlled: task control ${controlledId} "Monthly report submitted on time"`,
      );
    const parent = controlled.parentId !== null ? store.getTask(controlled.parentId) : undefined;
    const insideCompound = parent?.kind === 'general';
    const deadline =
      input.deadline ??
      (controlled.deadline ? { at: controlled.deadline, allDay: controlled.deadlineAllDay } : undefined);
    return createTask(ctx, {
      title: controlled.project ? `${controlled.project}: Control: ${body}` : `Control: ${body}`,
      kind: 'control',
      parentId: insideCompound ? parent!.id : controlled.id,
      // R26: the Control task waits for the task it controls, and is not closed before it.
      depends: [controlled.id],
      deadline,
      plannedMinutes: input.plannedMinutes,
      tags: controlled.tags.includes('CONTROL') ? controlled.tags : [...controlled.tags, 'CONTROL'],
    });
  });
}

/**
 * R28: a transfer of progress - the executor needs the director's reaction to intermediate results.
 * The task awaits control like finished work but is shown as a transfer, and must come back with a deadline.
 */
export function submitProgress(ctx: CoreContext, id: number, progress: string | undefined): TaskOutcome {
  const { store, actor, now } = ctx;
  return store.write(() => {
    const task = requireTaskActedOn(ctx, id);
    checkMaySubmitProgress(task, actor);
    const text = progress?.trim() ?? '';
    if (text === '')
      throw new UsageError(
        `describe the intermediate results: task submit ${id} --progress "Waiting for a reaction to ..."`,
      );
    assertStatusChange(id, task.status, 'awaiting_control');
    stopRunningEntriesOnTask(store, id, now);
    store.insertComment({
      taskId: id,
      authorId: actor.id,
      kind: 'progress',
      body: text,
      replyToId: null,
      createdAt: now,
    });
    const submitted = setStatus(ctx, requireTask(store, id), 'awaiting_control');
    return {
      task: submitted,
      warnings: [`R28: task ${id} awaits ${task.director}'s reaction to the progress`],
    };
  });
}

export interface ReviewItem {
  task: Task;
  /**
   * Finished work (a result) or a transfer of progress awaiting control (R27, R28); a completed task the
   * director set for someone else and has not rated (R29); a remark the person has not answered (R30).
   */
  kind: 'completion' | 'progress' | 'rating' | 'remark';
  /** The result or progress submitted; for a remark, the remark itself. */
  submission: Comment | null;
}

/** R27-R30: what the acting manager has to do about other people's work, in one list. */
export function reviewQueue(ctx: CoreContext): ReviewItem[] {
  const { store, actor } = ctx;
  return store.read(() => [...awaitingControl(ctx), ...awaitingRating(ctx), ...unansweredRemarks(ctx)]);

  function awaitingControl(ctx: CoreContext): ReviewItem[] {
    return ctx.store.findTasks({ directorId: actor.id, statuses: ['awaiting_control'] }).map((task) => {
      const submission = store.lastSubmissionOf(task.id) ?? null;
      return { task, kind: submission?.kind === 'progress' ? 'progress' : 'completion', submission };
    });
  }
}

/** R29: completed tasks the actor set for someone else, not rated yet - a part continued in the next is rated there. */
function awaitingRating(ctx: CoreContext): ReviewItem[] {
  const set = ctx.store.findTasks({ directorId: ctx.actor.id, statuses: ['completed'] });
  const continued = new Set(
    ctx.store
      .findTasks({ directorId: ctx.actor.id })
      .map((t) => t.previousPartId)
      .filter((id) => id !== null),
  );
  return set
    .filter((task) => awaitsRating(task) && !continued.has(task.id))
    .map((task) => ({ task, kind: 'rating' as const, submission: null }));
}

/** R30: the actor's remarks their people (and the responsibles of tasks the actor set) have not answered. */
function unansweredRemarks(ctx: CoreContext): ReviewItem[] {
  const { store, actor } = ctx;
  const people = new Set([
    ...store.reportsOf(actor.id).map((u) => u.id),
    ...store
      .findTasks({
        directorId: actor.id,
        statuses: ['new', 'pending', 'in_progress', 'awaiting_control', 'completed', 'deferred', 'declined'],
      })
      .map((t) => t.responsibleId),
  ]);
  people.delete(actor.id);
  const items: ReviewItem[] = [];
  for (const person of people) {
    for (const remark of store.openRemarksFor(person)) {
      if (remark.comment.authorId !== actor.id) continue;
      const task = store.getTask(remark.taskId);
      if (task) items.push({ task, kind: 'remark', submission: remark.comment });
    }
  }
  return items.sort((a, b) => a.submission!.id - b.submission!.id);
}

/** R27, R29: the director accepts finished work and rates it; a completed, unrated task can be rated too. */
export function acceptTask(
  ctx: CoreContext,
  id: number,
  mark: RatingMark,
  comment: string | undefined,
): TaskOutcome {
  const { store, actor, now } = ctx;
  return store.write(() => {
    const task = requireTask(store, id);
    checkIsDirector(task, relationsOf(store, actor, task), 'accept');
    const reason = comment?.trim() || null;
    checkRating(mark, reason);
    // R29: work closed without control (no accept flag) is still rated by its director.
    const ratingOnly = task.status === 'completed' && task.mark === null;
    if (!ratingOnly) {
      checkAwaitingControl(task, 'accept');
      checkNotProgressTransfer(task, store.lastSubmissionOf(id));
    }
    store.insertComment({
      taskId: id,
      authorId: actor.id,
      kind: 'rating',
      body: reason ? `${mark}: ${reason}` : mark,
      replyToId: null,
      createdAt: now,
    });
    const accepted = task.status === 'completed' ? task : setStatus(ctx, task, 'completed');
    const rated: Task = { ...accepted, mark };
    saveTask(store, accepted, rated, now);
    store.insertHistory(diffTask(accepted, rated, actor.id, now));
    return { task: requireTask(store, id), warnings: [] };
  });
}

/**
 * R27, R28: the director returns the work with an answer and a deadline of today or later - otherwise
 * the task is lost. The answer is a remark the executor must reply to (R30).
 */
export function returnTask(
  ctx: CoreContext,
  id: number,
  deadline: DateInput | undefined,
  comment: string | undefined,
): TaskOutcome {
  const { store, actor, now } = ctx;
  return store.write(() => {
    const task = requireTask(store, id);
    checkIsDirector(task, relationsOf(store, actor, task), 'return');
    checkAwaitingControl(task, 'return');
    const due = checkReturnDeadline(deadline?.at, now);
    const answer = comment?.trim() ?? '';
    if (answer === '') throw new UsageError(`answer the executor when returning the work: --comment "..."`);
    store.insertComment({
      taskId: id,
      authorId: actor.id,
      kind: 'comment',
      body: answer,
      replyToId: null,
      createdAt: now,
    });
    const pending = setStatus(ctx, task, 'pending');
    const moved: Task = { ...pending, deadline: due, deadlineAllDay: deadline!.allDay };
    saveTask(store, pending, moved, now);
    store.insertHistory(diffTask(pending, moved, actor.id, now, `returned to work: ${answer}`));
    return { task: requireTask(store, id), warnings: [] };
  });
}
