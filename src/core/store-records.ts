import type { Comment, CommentKind, Priority } from './types.js';

// The records the store keeps besides tasks and time: company policy (R39), templates, remarks (R30),
// new comments. Part of the Store port (src/core/store.ts re-exports every name).

/** A company policy key as stored (R39): its value as JSON text, who set it last and when. */
export interface PolicyRecord {
  key: string;
  value: string;
  updatedAt: Date;
  updatedBy: string;
}

/** One change of company policy; oldValue null while the key had its default. */
export interface PolicyChange {
  key: string;
  oldValue: string | null;
  newValue: string;
  actorId: number;
  at: Date;
  reason: string;
}

export interface PolicyHistoryRecord {
  key: string;
  oldValue: string | null;
  newValue: string;
  actor: string;
  at: Date;
  reason: string;
}

export interface TemplateRecord {
  id: number;
  title: string;
  project: string | null;
  tags: string[];
  priority: Priority;
  plannedMinutes: number | null;
  description: string | null;
  schedule: string;
  deadlineOffsetDays: number;
  startDay: string;
  responsibleId: number;
  responsible: string;
  directorId: number;
  paused: boolean;
  /** R33: the tasks it makes are management tasks. */
  management: boolean;
  /** R33: the tasks it makes are reviews of reports or compound tasks (GENERAL CONCLUSION). */
  review: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type TemplateFields = Omit<TemplateRecord, 'id' | 'responsible'>;

/** A comment by a task's director awaiting its responsible's answer (R30). */
export interface OpenRemark {
  comment: Comment;
  taskId: number;
  taskTitle: string;
}

/** R30: a manager's remark on a recorded day report (a negative mark or a comment) not yet answered. */
export interface DayRemark {
  day: string;
  mark: 'positive' | 'negative' | null;
  comment: string | null;
  by: string;
  at: Date;
}

export interface NewComment {
  taskId: number;
  authorId: number;
  kind: CommentKind;
  body: string;
  replyToId: number | null;
  createdAt: Date;
}
