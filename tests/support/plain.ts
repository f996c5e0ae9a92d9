import type { Comment, Task, TimeEntry, User } from '../../src/core/types.js';

// Plain data for the rule tests of src/core/rules: the rules take values, not a store.

const TASK: Task = {
  id: 7,
  title: 'Sales: Call Ivan',
  projectId: 1,
  project: 'Sales',
  kind: 'ordinary',
  generalLevel: 0,
  internalProject: false,
  part: null,
  text: 'Call Ivan',
  previousPartId: null,
  status: 'pending',
  priority: 'medium',
  deadline: new Date('2026-12-01T17:00:00'),
  deadlineAllDay: false,
  deadlineHard: false,
  plannedMinutes: 30,
  timeTracking: true,
  acceptRequired: false,
  management: false,
  review: false,
  directorId: 1,
  director: 'boss',
  responsibleId: 2,
  responsible: 'anna',
  parentId: null,
  description: 'Ask about the tender',
  mark: null,
  createdAt: new Date('2026-11-20T09:00:00'),
  updatedAt: new Date('2026-11-20T09:00:00'),
  closedAt: null,
  seenAt: null,
  deletedAt: null,
  tags: [],
  trackedSeconds: 0,
};

/** Task 7, "Sales: Call Ivan": boss (1) set it for anna (2), 30 minutes planned, due 1 December. */
export const plainTask = (patch: Partial<Task> = {}): Task => ({ ...TASK, ...patch });

export const plainUser = (patch: Partial<User> & Pick<User, 'id' | 'name'>): User => ({
  fullName: null,
  role: 'employee',
  managerId: null,
  createdAt: new Date('2026-11-01T09:00:00'),
  ...patch,
});

/** A finished (or, with endAt null, running) entry of anna's on task 7. */
export const plainEntry = (id: number, startAt: string, endAt: string | null): TimeEntry => ({
  id,
  taskId: 7,
  userId: 2,
  startAt: new Date(startAt),
  endAt: endAt === null ? null : new Date(endAt),
  source: 'timer',
  comment: null,
  retroactive: false,
  reason: null,
  createdAt: new Date(startAt),
});

export const plainComment = (patch: Partial<Comment> & Pick<Comment, 'kind'>): Comment => ({
  id: 30,
  taskId: 7,
  authorId: 2,
  author: 'anna',
  body: 'Half of it is done',
  replyToId: null,
  createdAt: new Date('2026-11-27T10:00:00'),
  ...patch,
});
