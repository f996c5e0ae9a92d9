import type { TaskStatus } from './status.js';
import type { TaskKind } from './title.js';

export type Priority = 'high' | 'medium' | 'low';
export const PRIORITIES: readonly Priority[] = ['high', 'medium', 'low'];

/** employee: plans and tracks own work; manager: also sees the people who report to them (R4). */
export type Role = 'employee' | 'manager' | 'admin';
export const ROLES: readonly Role[] = ['employee', 'manager', 'admin'];

export interface User {
  id: number;
  name: string;
  fullName: string | null;
  role: Role;
  managerId: number | null;
  createdAt: Date;
}

export type CrmKind = 'lead' | 'contact' | 'company' | 'deal';
export const CRM_KINDS: readonly CrmKind[] = ['lead', 'contact', 'company', 'deal'];
export interface CrmLink {
  kind: CrmKind;
  ref: string;
}

export type RatingMark = 'positive' | 'negative';

/** A task as core sees it: the stored fields plus the names joined in (project, people, tags). */
export interface Task {
  id: number;
  title: string;
  projectId: number | null;
  project: string | null;
  kind: TaskKind;
  generalLevel: number;
  internalProject: boolean;
  part: number | null;
  previousPartId: number | null;
  text: string;
  status: TaskStatus;
  priority: Priority;
  deadline: Date | null;
  deadlineAllDay: boolean;
  deadlineHard: boolean;
  plannedMinutes: number | null;
  timeTracking: boolean;
  acceptRequired: boolean;
  directorId: number;
  director: string;
  responsibleId: number;
  responsible: string;
  parentId: number | null;
  description: string | null;
  mark: RatingMark | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  seenAt: Date | null;
  deletedAt: Date | null;
  /** R33: a management task (reviewing others' plans and reports, control), marked explicitly. */
  management: boolean;
  /** R33: a management task that reviews reports or compound tasks, marked explicitly: closes with a GENERAL CONCLUSION. */
  review: boolean;
  tags: string[];
  /** Seconds of finished time entries, kept by the database (a running timer adds to it). */
  trackedSeconds: number;
}

/** What a list view shows of a task: a narrow read, so that listing thousands of tasks stays fast. */
export type TaskSummary = Pick<
  Task,
  | 'id'
  | 'title'
  | 'status'
  | 'priority'
  | 'deadline'
  | 'deadlineAllDay'
  | 'deadlineHard'
  | 'plannedMinutes'
  | 'responsibleId'
  | 'responsible'
  | 'seenAt'
  | 'trackedSeconds'
>;

/**
 * One row of `task list`'s table: what its columns and its R37 colour show, nothing more (issue 22: the
 * list of every task reads this for each one). The responsible is an id (the names are read once per
 * list), the deadline an instant in epoch milliseconds (no Date per row).
 */
export interface TaskListRow {
  readonly id: number;
  readonly title: string;
  readonly status: Task['status'];
  readonly priority: Task['priority'];
  /** The deadline as epoch milliseconds; null when the task has none. */
  readonly deadlineAt: number | null;
  readonly deadlineAllDay: boolean;
  readonly deadlineHard: boolean;
  readonly plannedMinutes: number | null;
  readonly responsibleId: number;
  /** Seen by its responsible (R37: a task not yet seen shows as new). */
  readonly seen: boolean;
  readonly trackedSeconds: number;
}

/** The columns a write may set on a task (names as in Task). */
export type TaskFields = Omit<
  Task,
  'id' | 'project' | 'director' | 'responsible' | 'tags' | 'trackedSeconds'
>;

export type EntrySource = 'timer' | 'manual' | 'import';

export interface TimeEntry {
  id: number;
  taskId: number;
  userId: number;
  startAt: Date;
  /** null while the timer runs. */
  endAt: Date | null;
  source: EntrySource;
  comment: string | null;
  /** R23: entered or changed after its day's report was recorded or the day had ended. */
  retroactive: boolean;
  reason: string | null;
  createdAt: Date;
}

export type CommentKind = 'comment' | 'result' | 'progress' | 'rating' | 'reply';

export interface Comment {
  id: number;
  taskId: number;
  authorId: number;
  author: string;
  kind: CommentKind;
  body: string;
  replyToId: number | null;
  createdAt: Date;
}

/** R31-R33: the structured parts of a result; the result text itself is the comment body. */
export interface ResultParts {
  proposal: string | null;
  abstract: string | null;
  links: string[];
  explanation: string | null;
  conclusion: string | null;
}

export interface TaskResult extends ResultParts {
  commentId: number;
  result: string;
  author: string;
  createdAt: Date;
}

/** R36: one change of one field. */
export interface HistoryEntry {
  id: number;
  taskId: number;
  actorId: number;
  actor: string;
  at: Date;
  field: string;
  oldValue: string | null;
  newValue: string | null;
  note: string | null;
  /** R38: who was at the keyboard when the change was made under this person's name with --as. */
  via: string | null;
}

export type NewHistoryEntry = Omit<HistoryEntry, 'id' | 'actor' | 'via'> & { via?: string | null };

export interface WorkBreak {
  id: number;
  startAt: Date;
  endAt: Date | null;
}

/** R20: one person's working day - started, possibly interrupted by breaks, ended. */
export interface WorkDay {
  userId: number;
  day: string;
  startedAt: Date;
  endedAt: Date | null;
  breaks: WorkBreak[];
}

export type PlanItemKind = 'added' | 'unplanned' | 'removed';

export interface PlanItem {
  taskId: number;
  kind: PlanItemKind;
  addedAt: Date;
}

/** A plan item with whose day it belongs to (a team's period read at once). */
export interface DatedPlanItem extends PlanItem {
  userId: number;
  day: string;
}

/** R35: a recorded (frozen) day report and the manager's approval of it. */
export interface RecordedDayReport {
  userId: number;
  day: string;
  recordedAt: Date;
  snapshot: string;
  approvedBy: string | null;
  approvedAt: Date | null;
  mark: RatingMark | null;
  comment: string | null;
}

/** One change to a time entry (R22, R23), as written to the change log with who made it. */
export interface EntryChange {
  entryId: number;
  actorId: number;
  at: Date;
  oldStart: Date | null;
  oldEnd: Date | null;
  newStart: Date;
  newEnd: Date | null;
  comment: string;
  retroactive: boolean;
  reason: string | null;
  /** When the time was moved to another task (`time edit --task`): from which task to which. */
  taskMove?: { from: number; to: number };
  /** R38: who was at the keyboard when the change was made with --as. */
  via?: string | null;
}

/** R23, R35: a change that altered a recorded day's report after it was recorded, and why. */
export interface DayAmendment {
  userId: number;
  day: string;
  at: Date;
  actorId: number;
  actor: string;
  via: string | null;
  what: string;
  reason: string;
}

export type NewDayAmendment = Omit<DayAmendment, 'actor'>;

/** A change to a time entry as a report lists it among a day's amendments (R23): with the entry's task. */
export type EntryCorrection = Omit<EntryChange, 'actorId' | 'retroactive'> & { taskId: number };

/** Tracked seconds of one person on one task in one local day. */
export interface DayTaskSeconds {
  userId: number;
  day: string;
  taskId: number;
  seconds: number;
}
