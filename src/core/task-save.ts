import type { CoreContext } from './context.js';
import { diffTask, historyRow } from './history.js';
import { requireTask } from './task-lookup.js';
import { assertTransition, isOpen } from './status.js';
import { localDayKey } from './local-time.js';
import type { Store } from './store.js';
import type { Task } from './types.js';

// Writing a task's changed state: its fields and tags, its status with the history row, the R37 seen mark.

/** What a write did: the task as it now stands and the reminders to show the user. */
export interface TaskOutcome {
  task: Task;
  warnings: string[];
}

/** Writes the changed state of a task (fields and tags); history is the caller's. */
export function saveTask(store: Store, before: Task, after: Task, now: Date): void {
  keepInTodaysPlan(store, before, after, now);
  const { id: _id, project: _p, director: _d, responsible: _r, tags, ...fields } = after;
  store.updateTask(before.id, { ...fields, updatedAt: now });
  if (tags.join('\u0000') !== before.tags.join('\u0000')) store.setTags(before.id, tags);
}

/**
 * R34, R35: a task in today's plan (due today or overdue) whose deadline moves to a later day stays in
 * today's plan, so the day's report can show where the unfinished work went.
 */
function keepInTodaysPlan(store: Store, before: Task, after: Task, now: Date): void {
  if (!before.deadline || before.deadline.getTime() === after.deadline?.getTime() || !isOpen(before.status))
    return;
  const today = localDayKey(now);
  if (localDayKey(before.deadline) > today) return;
  if (after.deadline && localDayKey(after.deadline) <= today) return;
  if (store.planItems(before.responsibleId, today).some((item) => item.taskId === before.id)) return;
  store.setPlanItem(before.responsibleId, today, before.id, 'added', now);
}

/** Changes the status with its history row; closing and reviving keep closedAt in step. */
export function setStatus(ctx: CoreContext, task: Task, status: Task['status']): Task {
  assertTransition(task.id, task.status, status);
  if (task.status === status) return task;
  // R12, R15, R26 (a backlog item, a compound task with open steps, a Control task before its controlled
  // task) are checked on the final state by the gate (rules/invariants.ts), whatever path changes the status.
  const closed = status === 'completed' || status === 'declined';
  const after: Task = { ...task, status, closedAt: closed ? ctx.now : null };
  saveTask(ctx.store, task, after, ctx.now);
  ctx.store.insertHistory(diffTask(task, after, ctx.actor.id, ctx.now));
  return after;
}

/** A task the actor is acting on (comment, reply, close, time...): its responsible has now seen it (R37). */
export function requireTaskActedOn(ctx: CoreContext, id: number): Task {
  return markSeen(ctx, requireTask(ctx.store, id));
}

/** R37: the responsible has now seen the task; it stops being shown as newly assigned. */
export function markSeen(ctx: CoreContext, task: Task): Task {
  if (task.seenAt !== null || task.responsibleId !== ctx.actor.id) return task;
  ctx.store.updateTask(task.id, { seenAt: ctx.now });
  ctx.store.insertHistory([historyRow(task.id, ctx.actor.id, ctx.now, 'seen', null, ctx.now.toISOString())]);
  return { ...task, seenAt: ctx.now };
}
