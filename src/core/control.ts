import type { CoreContext } from './context.js';
import type { DateInput } from './dates.js';
import { relationsOf } from './parties.js';
import { diffTask } from './history.js';
import {
  checkAwaitingControl,
  checkIsDirector,
  checkMaySubmitProgress,
  checkNotProgressTransfer,
  checkRating,
  checkReturnDeadline,
} from './rules/index.js';
import { UsageError } from './errors.js';
import { assertStatusChange } from './status.js';
import { createTask, requireTask, requireTaskActedOn, saveTask, setStatus, type TaskOutcome } from './tasks.js';
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
export function createControlTask(ctx: CoreContext, controlledId: number, text: string, input: ControlInput = {}): TaskOutcome {
  const { store } = ctx;
  return store.write(() => {
    const controlled = requireTask(store, controlledId);
    const body = text.trim();
    if (body === '') throw new UsageError(`say what is controlled: task control ${controlledId} "Monthly report submitted on time"`);
    const parent = controlled.parentId !== null ? store.getTask(controlled.parentId) : undefined;
    const insideCompound = parent?.kind === 'general';
    const deadline = input.deadline ?? (controlled.deadline ? { at: controlled.deadline, allDay: controlled.deadlineAllDay } : undefined);
    return createTask(ctx, {
      title: controlled.project ? `${controlled.project}: Control: ${body}` : `Control: ${body}`,
      kind: 'control',
      parentId: insideCompound ? parent!.id : controlled.id,
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
    if (text === '') throw new UsageError(`describe the intermediate results: task submit ${id} --progress "Waiting for a reaction to ..."`);
    assertStatusChange(id, task.status, 'awaiting_control');
    stopRunningEntriesOnTask(store, id, now);
    store.insertComment({ taskId: id, authorId: actor.id, kind: 'progress', body: text, replyToId: null, createdAt: now });
    const submitted = setStatus(ctx, requireTask(store, id), 'awaiting_control');
    return { task: submitted, warnings: [`R28: task ${id} awaits ${task.director}'s reaction to the progress`] };
  });
}

export interface ReviewItem {
  task: Task;
  /** Finished work (a result) or a transfer of progress (R28). */
  kind: 'completion' | 'progress';
  submission: Comment | null;
}

/** R27, R28: what awaits the acting director's control, transfers of progress marked as such. */
export function reviewQueue(ctx: CoreContext): ReviewItem[] {
  const { store, actor } = ctx;
  return store.read(() =>
    store.findTasks({ directorId: actor.id, statuses: ['awaiting_control'] }).map((task) => {
      const submission = store.lastSubmissionOf(task.id) ?? null;
      return { task, kind: submission?.kind === 'progress' ? 'progress' : 'completion', submission };
    }),
  );
}

/** R27, R29: the director accepts finished work and rates it; a completed, unrated task can be rated too. */
export function acceptTask(ctx: CoreContext, id: number, mark: RatingMark, comment: string | undefined): TaskOutcome {
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
    store.insertComment({ taskId: id, authorId: actor.id, kind: 'rating', body: reason ? `${mark}: ${reason}` : mark, replyToId: null, createdAt: now });
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
export function returnTask(ctx: CoreContext, id: number, deadline: DateInput | undefined, comment: string | undefined): TaskOutcome {
  const { store, actor, now } = ctx;
  return store.write(() => {
    const task = requireTask(store, id);
    checkIsDirector(task, relationsOf(store, actor, task), 'return');
    checkAwaitingControl(task, 'return');
    const due = checkReturnDeadline(deadline?.at, now);
    const answer = comment?.trim() ?? '';
    if (answer === '') throw new UsageError(`answer the executor when returning the work: --comment "..."`);
    store.insertComment({ taskId: id, authorId: actor.id, kind: 'comment', body: answer, replyToId: null, createdAt: now });
    const pending = setStatus(ctx, task, 'pending');
    const moved: Task = { ...pending, deadline: due, deadlineAllDay: deadline!.allDay };
    saveTask(store, pending, moved, now);
    store.insertHistory(diffTask(pending, moved, actor.id, now, `returned to work: ${answer}`));
    return { task: requireTask(store, id), warnings: [] };
  });
}
