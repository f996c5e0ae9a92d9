import type { TaskStatus } from './status.js';
import type { TaskKind } from './title.js';
import type {
  Comment,
  CommentKind,
  CrmLink,
  HistoryEntry,
  NewHistoryEntry,
  ResultParts,
  Task,
  TaskFields,
  TaskResult,
  TimeEntry,
  User,
} from './types.js';

/** Which tasks a view wants; every field narrows the set. */
export interface TaskQuery {
  ids?: readonly number[];
  responsibleId?: number;
  directorId?: number;
  statuses?: readonly TaskStatus[];
  kinds?: readonly TaskKind[];
  parentId?: number;
  /** Tasks whose previous part (R24) is this task. */
  previousPartId?: number;
  includeDeleted?: boolean;
  /** Default: deadline (none last), then priority, then id. */
  order?: 'deadline' | 'created';
  limit?: number;
}

/** A comment by a task's director awaiting its responsible's answer (R30). */
export interface OpenRemark {
  comment: Comment;
  taskId: number;
  taskTitle: string;
}

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
}

export interface NewComment {
  taskId: number;
  authorId: number;
  kind: CommentKind;
  body: string;
  replyToId: number | null;
  createdAt: Date;
}

/**
 * What core needs from storage. src/db implements it on SQLite; core never sees SQL or the driver, so a
 * shared-server store can implement the same port later. Every method is synchronous and runs inside
 * the transaction opened by `write` or `read`.
 */
export interface Store {
  /** Runs `fn` as one write transaction that takes the write lock up front (all or nothing). */
  write<T>(fn: () => T): T;
  /** Runs `fn` in a read transaction: one consistent snapshot. */
  read<T>(fn: () => T): T;

  countUsers(): number;
  listUsers(): User[];
  findUserByName(name: string): User | undefined;
  getUser(id: number): User | undefined;
  insertUser(user: Omit<User, 'id'>): User;

  findProjectByName(name: string): { id: number; name: string } | undefined;
  insertProject(name: string, createdAt: Date): { id: number; name: string };

  getTask(id: number): Task | undefined;
  findTasks(query: TaskQuery): Task[];
  insertTask(fields: TaskFields): number;
  updateTask(id: number, patch: Partial<TaskFields>): void;
  setTags(taskId: number, tags: readonly string[]): void;
  observersOf(taskId: number): string[];
  addObserver(taskId: number, userId: number): void;
  crmLinksOf(taskId: number): CrmLink[];
  addCrmLink(taskId: number, link: CrmLink): void;
  coExecutorsOf(taskId: number): string[];
  addCoExecutor(taskId: number, userId: number): void;

  runningEntryOf(userId: number): TimeEntry | undefined;
  runningEntriesOnTask(taskId: number): TimeEntry[];
  lastStoppedEntryOf(userId: number): TimeEntry | undefined;
  getEntry(id: number): TimeEntry | undefined;
  insertEntry(entry: Omit<TimeEntry, 'id'>): number;
  updateEntry(id: number, patch: Pick<TimeEntry, 'startAt' | 'endAt' | 'comment' | 'retroactive' | 'reason'>, updatedAt: Date): void;
  insertEntryChange(change: EntryChange): void;
  stopEntry(id: number, endAt: Date, updatedAt: Date): void;
  entriesOfTask(taskId: number): TimeEntry[];
  /** Entries of one person that overlap [from, to); a running entry overlaps everything after its start. */
  entriesOfUserBetween(userId: number, from: Date, to: Date): TimeEntry[];
  /** Total tracked seconds per task; running entries count up to `now`. */
  spentSeconds(taskIds: readonly number[], now: Date): Map<number, number>;

  /** When the person's report for that local day was recorded (R23), if it was. */
  dayRecordedAt(userId: number, day: string): Date | undefined;

  insertComment(comment: NewComment): number;
  getComment(id: number): Comment | undefined;
  /** Remarks by directors on tasks this person is responsible for, with no reply after them (R30). */
  openRemarksFor(userId: number): OpenRemark[];
  /** The latest result or progress comment of a task: why it awaits control (R27, R28). */
  lastSubmissionOf(taskId: number): Comment | undefined;
  commentsOf(taskId: number, limit?: number): Comment[];
  insertResult(commentId: number, parts: ResultParts): void;
  lastResultOf(taskId: number): TaskResult | undefined;

  insertHistory(entries: readonly NewHistoryEntry[]): void;
  historyOf(taskId: number): HistoryEntry[];
}
