import type { CoreContext } from './context.js';
import { NotFoundError, UsageError } from './errors.js';
import type { DayRemark, OpenRemark } from './store.js';
import { requireTaskActedOn } from './tasks.js';
import type { Task } from './types.js';

/**
 * R30: the executor answers every remark of the reviewer ("OK / will do", an answer, or an objection).
 * Without --to, the reply answers every remark on the task written before it.
 */
export function replyToRemark(
  ctx: CoreContext,
  taskId: number,
  text: string,
  toCommentId?: number,
): { commentId: number; answered: number } {
  const { store, actor, now } = ctx;
  return store.write(() => {
    requireTaskActedOn(ctx, taskId);
    const body = text.trim();
    if (body === '')
      throw new UsageError('the reply is empty: answer, "OK / accepted / will do", or your objection');
    if (toCommentId !== undefined) {
      const target = store.getComment(toCommentId);
      if (!target || target.taskId !== taskId)
        throw new NotFoundError(
          `comment ${toCommentId} is not on task ${taskId}; see its comments with: task show ${taskId}`,
        );
    }
    const open = store.openRemarksFor(actor.id).filter((r) => r.taskId === taskId);
    const commentId = store.insertComment({
      taskId,
      authorId: actor.id,
      kind: 'reply',
      body,
      replyToId: toCommentId ?? null,
      createdAt: now,
    });
    store.updateTask(taskId, { updatedAt: now });
    const answered =
      toCommentId !== undefined ? open.filter((r) => r.comment.id === toCommentId).length : open.length;
    return { commentId, answered };
  });
}

/** R30: the answer to the manager's remark on one's day report (a negative mark or a comment). */
export function replyToDayRemark(ctx: CoreContext, day: string, text: string): void {
  const { store, actor, now } = ctx;
  store.write(() => {
    const body = text.trim();
    if (body === '')
      throw new UsageError('the reply is empty: answer, "OK / accepted / will do", or your objection');
    if (!store.replyToDayReport(actor.id, day, body, now))
      throw new NotFoundError(
        `no remark on your report of ${day} waits for an answer; see them with: task inbox`,
      );
  });
}

export interface Inbox {
  /** R30: remarks waiting for the acting user's answer. */
  remarks: OpenRemark[];
  /** R30: the manager's remarks on the acting user's day reports, not yet answered. */
  dayRemarks: DayRemark[];
  /** R37: tasks assigned to the acting user and not yet seen. */
  newAssignments: Task[];
}

export function inbox(ctx: CoreContext): Inbox {
  const { store, actor } = ctx;
  return store.read(() => ({
    remarks: store.openRemarksFor(actor.id),
    dayRemarks: store.openDayRemarksFor(actor.id),
    newAssignments: store
      .findTasks({ responsibleId: actor.id, statuses: ['new', 'pending', 'in_progress'] })
      .filter((t) => t.seenAt === null),
  }));
}
