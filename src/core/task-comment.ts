import type { CoreContext } from './context.js';
import { UsageError } from './errors.js';
import { requireTaskActedOn } from './task-save.js';
import type { Task } from './types.js';

// A plain comment on a task.

export function addComment(ctx: CoreContext, id: number, body: string): { commentId: number; task: Task } {
  const { store, actor, now } = ctx;
  return store.write(() => {
    const task = requireTaskActedOn(ctx, id);
    const text = body.trim();
    if (text === '') throw new UsageError('the comment is empty; write what you want to say');
    const commentId = store.insertComment({
      taskId: id,
      authorId: actor.id,
      kind: 'comment',
      body: text,
      replyToId: null,
      createdAt: now,
    });
    store.updateTask(id, { updatedAt: now });
    return { commentId, task };
  });
}
