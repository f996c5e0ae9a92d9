import { UsageError } from './errors.js';

/** The task status machine (statuses follow the Bitrix24 task module our users come from). */
export const TASK_STATUSES = [
  'new',
  'pending',
  'in_progress',
  'awaiting_control',
  'completed',
  'deferred',
  'declined',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const OPEN_STATUSES: readonly TaskStatus[] = ['new', 'pending', 'in_progress', 'awaiting_control'];

const TRANSITIONS: Record<TaskStatus, readonly TaskStatus[]> = {
  new: ['pending', 'in_progress', 'awaiting_control', 'completed', 'deferred', 'declined'],
  pending: ['in_progress', 'awaiting_control', 'completed', 'deferred', 'declined'],
  in_progress: ['pending', 'awaiting_control', 'completed', 'deferred', 'declined'],
  // R27: the director accepts (completed) or returns the work (pending).
  awaiting_control: ['completed', 'pending'],
  // R36: closed tasks can be revived.
  completed: ['pending'],
  deferred: ['pending', 'in_progress', 'completed', 'declined'],
  declined: ['pending'],
};

export function canTransition(from: TaskStatus, to: TaskStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Refuses an illegal status change with what the user can do instead. */
export function assertTransition(taskId: number, from: TaskStatus, to: TaskStatus): void {
  if (from === to || canTransition(from, to)) return;
  throw new UsageError(
    `task ${taskId} is ${statusLabel(from)} and cannot become ${statusLabel(to)}${hintFor(taskId, from)}`,
  );
}

/**
 * Like assertTransition, for a command whose whole point is the change (done, submit): a task that is
 * already completed is not completed again (a second result), one awaiting control is not submitted twice.
 */
export function assertStatusChange(taskId: number, from: TaskStatus, to: TaskStatus): void {
  if (from === to)
    throw new UsageError(`task ${taskId} is already ${statusLabel(from)}${hintFor(taskId, from)}`);
  assertTransition(taskId, from, to);
}

function hintFor(taskId: number, from: TaskStatus): string {
  if (from === 'completed' || from === 'declined')
    return `; revive it first with: task reopen ${taskId} --comment TEXT`;
  if (from === 'awaiting_control')
    return `; its director must accept or return it first (task accept / task return)`;
  return '';
}

export function statusLabel(status: TaskStatus): string {
  return status.replace('_', ' ');
}

export function isTaskStatus(value: string): value is TaskStatus {
  return (TASK_STATUSES as readonly string[]).includes(value);
}

export function isOpen(status: TaskStatus): boolean {
  return OPEN_STATUSES.includes(status);
}
