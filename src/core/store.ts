import type { TaskStatus } from './status.js';
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
  statuses?: readonly TaskStatus[];
  parentId?: number;
  includeDeleted?: boolean;
  limit?: number;
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

  runningEntryOf(userId: number): TimeEntry | undefined;
  runningEntriesOnTask(taskId: number): TimeEntry[];
  lastStoppedEntryOf(userId: number): TimeEntry | undefined;
  insertEntry(entry: Omit<TimeEntry, 'id'>): number;
  stopEntry(id: number, endAt: Date, updatedAt: Date): void;
  entriesOfTask(taskId: number): TimeEntry[];
  /** Entries of one person that overlap [from, to); a running entry overlaps everything after its start. */
  entriesOfUserBetween(userId: number, from: Date, to: Date): TimeEntry[];
  /** Total tracked seconds per task; running entries count up to `now`. */
  spentSeconds(taskIds: readonly number[], now: Date): Map<number, number>;

  insertComment(comment: NewComment): number;
  commentsOf(taskId: number, limit?: number): Comment[];
  insertResult(commentId: number, parts: ResultParts): void;
  lastResultOf(taskId: number): TaskResult | undefined;

  insertHistory(entries: readonly NewHistoryEntry[]): void;
  historyOf(taskId: number): HistoryEntry[];
}
