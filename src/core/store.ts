import type { Reads, ReadsAhead } from './read-ahead.js';
import type { EntityKind, EntitySet } from './store-dump.js';
import type {
  SearchMatch,
  SearchQuery,
  NameSummary,
  TaskQuery,
  TaskVisibility,
  TrackedFacets,
} from './store-queries.js';
import type {
  DayRemark,
  NewComment,
  OpenRemark,
  PolicyChange,
  PolicyHistoryRecord,
  PolicyRecord,
  TemplateFields,
  TemplateRecord,
} from './store-records.js';
import type {
  DayTaskSeconds,
  EntryChange,
  EntryCorrection,
  DatedPlanItem,
  PlanItem,
  DayAmendment,
  NewDayAmendment,
  PlanItemKind,
  RecordedDayReport,
  WorkDay,
  Comment,
  CrmLink,
  HistoryEntry,
  NewHistoryEntry,
  ResultParts,
  Task,
  TaskFields,
  TaskResult,
  TaskListRow,
  TaskSummary,
  TimeEntry,
  User,
} from './types.js';

// The Store port, in four files: this one (the Store and StoreMaintenance interfaces, what openStore gives),
// the query and summary shapes (store-queries.ts), the whole-database dump (store-dump.ts) and the other
// records it keeps (store-records.ts). Every name is exported from here too: import the port from this file.
export { ENTITY_KINDS, INSTANT_FIELD } from './store-dump.js';
export type { EntityKind, EntitySet } from './store-dump.js';
export type {
  NameSummary,
  SearchMatch,
  SearchQuery,
  TaskQuery,
  TaskVisibility,
  TrackedFacets,
} from './store-queries.js';
export type {
  DayRemark,
  NewComment,
  OpenRemark,
  PolicyChange,
  PolicyHistoryRecord,
  PolicyRecord,
  TemplateFields,
  TemplateRecord,
} from './store-records.js';

/** Damage to the stored data itself (not a broken rule): said in the domain's words for `task doctor`. */
export interface StorageProblem {
  check: 'integrity' | 'references';
  message: string;
}

/**
 * The engine's own upkeep, kept apart from the Store that core works with: checks and copies only the
 * database behind it can make. The SQLite store implements it with SQLite's integrity and foreign-key
 * checks and its online backup; a server engine would use its own tools.
 */
export interface StoreMaintenance {
  /** What is damaged in the stored data: unreadable pages, records that refer to missing ones. */
  storageProblems(): StorageProblem[];
  /** Tasks missing from, or stale in, the search index the engine keeps beside them (0 when it keeps none). */
  searchIndexDrift(): number;
  /**
   * Copies the whole database to a file at `path`, consistent while others keep writing, checked before it
   * is put in place; resolves to how many tasks the copy holds.
   */
  backupTo(path: string, options: { force: boolean }): Promise<{ tasks: number }>;
}

/** A store as `openStore` (src/db) gives it: the port core works with, the engine's upkeep, and closing both. */
export interface OpenedStore {
  store: Store;
  maintenance: StoreMaintenance;
  close(): void;
  /**
   * Who the connection is, where the engine knows it (the team server: the login; R38). Undefined for a
   * file, where the acting user is named (--as, REGULA_USER, the config, the operating-system user).
   */
  identity?(): ConnectedIdentity;
}

/** Who a server connection is: its login, and the person mapped to it (undefined: the login is no person there). */
export interface ConnectedIdentity {
  login: string;
  person: User | undefined;
  /** How many people the store holds (0: nobody moved in or was added yet). */
  people: number;
  /** Where it is connected, for messages. */
  where: string;
}
/**
 * A private copy of the data to plan a change on (issue 21: an import's lookups never hold the write lock).
 * The writes made on `store` are recorded; `apply` replays them on the database the copy was taken from in
 * one short write transaction, after checking that no other connection committed since the copy was taken
 * - when one did, it writes nothing and returns false (plan again on a fresh copy). `discard` frees it.
 * A copy taken to be applied may leave on itself rows the plan never reads back (issue 22: each row is
 * then inserted once, by `apply`); a dry run's copy writes every one, so it meets every constraint a
 * real run would.
 */
export interface ScratchCopy {
  store: Store;
  apply(): boolean;
  discard(): void;
}

/**
 * What core needs from storage, in the domain's words: no SQL, table names or engine results cross it.
 * src/db implements it on SQLite; a team-server store (issue 23) implements the same port and passes the
 * same contract suite (tests/contract/store-contract.ts). Every method is synchronous and runs inside
 * the transaction opened by `write` or `read`. The engine's own upkeep is StoreMaintenance.
 */
export interface Store {
  /** Runs `fn` as one write transaction that takes the write lock up front (all or nothing). */
  write<T>(fn: () => T): T;
  /** Runs `fn` in a read transaction: one consistent snapshot. */
  read<T>(fn: () => T): T;
  /** Independent reads a caller will need, each answered when first asked for (read-ahead.ts). */
  readAhead<R extends Reads>(reads: R): ReadsAhead<R>;
  /**
   * A private copy of the data, taken in one read transaction - no write lock: an import plans on it (a
   * dry run stops there) while others keep writing. See ScratchCopy.
   */
  scratchCopy(purpose?: 'apply' | 'dry-run'): ScratchCopy;
  /**
   * Inside a write: runs a bulk insert (an import) and then fills the search index (R25) once for the
   * tasks and comments it added, instead of row by row.
   */
  fillingSearchIndexAfter<T>(fn: () => T): T;

  /** The random id of this database (iCalendar UIDs, exports). */
  instanceId(): string;
  /** Changes whenever another connection commits (SQLite's data_version): how a plan knows its copy is still current. */
  dataVersion(): number;

  /** The local id an imported record became, and the fingerprint it had then. */
  findExternal(
    source: string,
    entity: string,
    externalId: string,
  ): { localId: number; fingerprint: string | null } | undefined;
  setExternal(
    source: string,
    entity: string,
    externalId: string,
    localId: number,
    fingerprint: string | null,
  ): void;
  /** External ids of local records of one source and entity (for exports back to that tool). */
  externalIdsOf(source: string, entity: string): Map<number, string>;
  /** Every dependency whose prerequisite is not deleted, with whether that prerequisite is still open. */
  /** The dependency links of these tasks (a list's shown rows), deleted prerequisites left out. */
  dependencyLinks(taskIds: readonly number[]): { taskId: number; otherId: number; otherOpen: boolean }[];
  linksOf(taskId: number): { otherId: number; kind: 'depends' }[];
  allLinks(): { taskId: number; otherId: number; kind: 'depends' }[];
  addLink(taskId: number, otherId: number, kind: 'depends'): void;
  removeLink(taskId: number, otherId: number, kind: 'depends'): void;
  /** Tasks that depend on this one (it blocks them). */
  linksTo(otherId: number): { taskId: number; kind: 'depends' }[];
  /** A time entry's fields as they are changed by a re-import. */
  setEntryEnd(id: number, endAt: Date | null, updatedAt: Date): void;
  /**
   * The records of one kind, each as a JSON object text, in id (key) order: fields named as in the export
   * file (docs/import.md), instants as ISO 8601 UTC (INSTANT_FIELD), values the store derives (tracked
   * totals, the search index) left out. With `visibleTo`, only the records that person may see (R4): tasks
   * and what hangs on them, and the time, plans and reports of the people among `userIds`.
   */
  dumpEntities(kind: EntityKind, visibleTo?: TaskVisibility): IterableIterator<string>;
  /** Loads a dump into an empty store, every id kept (one transaction by the caller). */
  loadEntities(sets: readonly EntitySet[]): void;
  countTasks(): number;

  /** Time entries on a task by someone who is not its responsible (R2). */
  entriesNotByResponsible(): { entryId: number; taskId: number; user: string; responsible: string }[];
  /** One person's entries that overlap the entry that started just before (R21, R22: time counted twice); at most `limit`. */
  overlappingEntries(now: Date, limit: number): { entryId: number; previousId: number; user: string }[];
  /** External ids whose local row is gone. */
  orphanExternalIds(): number;
  runningEntries(): TimeEntry[];
  /** Removes a user that nothing refers to (the placeholder of an empty database before a full import). */
  deleteUserIfUnused(id: number): void;

  /**
   * R25: the tasks whose title, description or one comment holds every one of these words as a substring
   * (any letter case, 'ё' as 'е'), one match per task - where it matched best, a title match weighing
   * double - filtered before the limit (R4: nobody is shown fewer hits than they may see): open tasks
   * first, then the most relevant.
   */
  searchWords(words: readonly string[], query: SearchQuery): SearchMatch[];
  /** Every project (tag) name; with `visibleTo`, only those on tasks that person may see (R4). */
  projectNames(visibleTo?: TaskVisibility): string[];
  tagNames(visibleTo?: TaskVisibility): string[];
  /**
   * Every project (or tag) with its open and total task counts and finished tracked time; deleted tasks left
   * out; with `visibleTo`, counted over the tasks that person may see (R4).
   */
  projectSummaries(visibleTo?: TaskVisibility): NameSummary[];
  tagSummaries(visibleTo?: TaskVisibility): NameSummary[];

  insertTemplate(fields: TemplateFields): number;
  updateTemplate(id: number, fields: Partial<TemplateFields>): void;
  getTemplate(id: number): TemplateRecord | undefined;
  listTemplates(): TemplateRecord[];
  deleteTemplate(id: number, at: Date): void;
  lastOccurrenceDay(templateId: number): string | undefined;
  /** Records a template's occurrence; false when that day already has one (another run made it). */
  insertOccurrence(templateId: number, day: string, taskId: number, at: Date): boolean;
  hasOccurrence(templateId: number, day: string): boolean;

  countUsers(): number;
  /** When the earliest time entry began (anyone's); undefined in a database without time. */
  firstEntryStart(): Date | undefined;
  listUsers(): User[];
  findUserByName(name: string): User | undefined;
  getUser(id: number): User | undefined;
  insertUser(user: Omit<User, 'id'>): User;
  updateUser(user: User): void;

  /** R39: the company policy keys that are set, each value as JSON text (keys never set are not there). */
  policyValues(): Record<string, string>;
  /** The same keys with who set each last, and when. */
  policyRecords(): PolicyRecord[];
  /** Sets one policy key and appends the change to the policy history. */
  setPolicyValue(change: PolicyChange): void;
  /** The changes of company policy, oldest first; of one key when given. */
  policyHistory(key?: string): PolicyHistoryRecord[];
  hasPolicyHistory(): boolean;
  /** Removes the policy and its history (an empty database before a full import brings its own). */
  clearPolicy(): void;

  findProjectByName(name: string): { id: number; name: string } | undefined;
  insertProject(name: string, createdAt: Date): { id: number; name: string };

  getTask(id: number): Task | undefined;
  /** Who stands where on a task (its director and responsible), read narrowly: what a permission check needs (R38). */
  taskParties(id: number): Pick<Task, 'id' | 'directorId' | 'responsibleId'> | undefined;
  findTasks(query: TaskQuery): Task[];
  /** The same tasks as findTasks, read narrowly for list views. */
  findTaskSummaries(query: TaskQuery): TaskSummary[];
  /** The ids of the tasks a query matches, in its order (a long list is then read a page at a time). */
  findTaskIds(query: TaskQuery): number[];
  /**
   * The table rows of these tasks (`task list`), in the order of the ids given; an id without a task (or
   * one the reader may not see, on the team server) is left out. Deleted tasks are rows like any other.
   */
  taskListRows(ids: readonly number[]): TaskListRow[];
  /**
   * The table rows of the tasks a query matches, in its order, at most `pageSize` a page: one pass over
   * the tasks for the longest lists (`task list --all`). Read it to its end (or stop it) before asking the
   * store anything else: SQLite answers it from one statement still running between the pages.
   */
  taskListPages(query: TaskQuery, pageSize: number): Generator<TaskListRow[]>;
  insertTask(fields: TaskFields): number;
  updateTask(id: number, patch: Partial<TaskFields>): void;
  setTags(taskId: number, tags: readonly string[]): void;
  observersOf(taskId: number): string[];
  addObserver(taskId: number, userId: number): void;
  removeObserver(taskId: number, userId: number): void;
  crmLinksOf(taskId: number): CrmLink[];
  addCrmLink(taskId: number, link: CrmLink): void;
  removeCrmLink(taskId: number, link: CrmLink): void;
  coExecutorsOf(taskId: number): string[];
  addCoExecutor(taskId: number, userId: number): void;

  runningEntryOf(userId: number): TimeEntry | undefined;
  runningEntriesOnTask(taskId: number): TimeEntry[];
  /** The timer stretch that stopped last, zero-long ones (cancelled timers) left out: what `resume` restarts. */
  lastStoppedEntryOf(userId: number): TimeEntry | undefined;
  getEntry(id: number): TimeEntry | undefined;
  insertEntry(entry: Omit<TimeEntry, 'id'>): number;
  updateEntry(
    id: number,
    patch: Pick<TimeEntry, 'startAt' | 'endAt' | 'comment' | 'retroactive' | 'reason'>,
    updatedAt: Date,
  ): void;
  insertEntryChange(change: EntryChange): void;
  /** The latest correction of tracked time the person made (undo refuses to skip over it). */
  lastEntryChangeBy(actorId: number): { entryId: number; at: Date } | undefined;
  /** The corrections one person made at one instant - one command's (undo takes them back together). */
  entryChangesAt(actorId: number, at: Date): EntryChange[];
  /** The correction trail of one entry (R22, R23), oldest first, with who made each change. */
  changesOfEntry(entryId: number): (EntryChange & { actor: string })[];
  /** Which of these entries were changed by hand after they were recorded (a row in the change log). */
  correctedEntryIds(entryIds: readonly number[]): Set<number>;
  /** The change logs of several entries, each in order. */
  changesOfEntries(entryIds: readonly number[]): Map<number, EntryChange[]>;
  stopEntry(id: number, endAt: Date, updatedAt: Date): void;
  /** Puts an entry's time on another task (the tasks' tracked totals follow, by trigger). */
  moveEntry(id: number, taskId: number, updatedAt: Date): void;
  entriesOfTask(taskId: number): TimeEntry[];
  /** Every entry, oldest first (exports); with `visibleTo`, only those of its people on tasks they may see (R4). */
  allEntries(visibleTo?: TaskVisibility): TimeEntry[];
  /** Entries of one person that overlap [from, to); a running entry overlaps everything after its start. */
  entriesOfUserBetween(userId: number, from: Date, to: Date): TimeEntry[];
  /** entriesOfUserBetween for several people in one read (a team's period): by person, then start and id. */
  entriesOfUsersBetween(userIds: readonly number[], from: Date, to: Date): TimeEntry[];
  /** R20: the earliest moment an entry of the person overlapping [from, to) was made or started (each at the later of the two, at least `from`); null when none. */
  firstWorkMadeBetween(userId: number, from: Date, to: Date): Date | null;
  /** Seconds of the timers running now, per task (few rows: one per person at most). */
  runningSecondsByTask(now: Date): Map<number, number>;

  /** When the person's report for that local day was recorded (R23), if it was. */
  dayRecordedAt(userId: number, day: string): Date | undefined;
  getDayReport(userId: number, day: string): RecordedDayReport | undefined;
  dayReportsBetween(userIds: readonly number[], fromDay: string, toDay: string): RecordedDayReport[];
  insertDayReport(userId: number, day: string, recordedAt: Date, snapshot: string): void;
  approveDayReport(
    userId: number,
    day: string,
    approverId: number,
    at: Date,
    mark: 'positive' | 'negative',
    comment: string | null,
  ): void;
  /** The recorded days of one person from one local day to another (inclusive), with when each was recorded. */
  recordedDays(userId: number, fromDay: string, toDay: string): { day: string; recordedAt: Date }[];
  /** R23: what changed one person's recorded day after it was recorded, oldest first. */
  amendmentsOf(userId: number, day: string): DayAmendment[];
  /** Written by the gate only (src/core/gate.ts), with the reason the change was made. */
  insertAmendment(amendment: NewDayAmendment): void;
  /** Corrections of one person's time made after `after` that touch [from, to) (R23 amendments). */
  correctionsAfter(userId: number, after: Date, from: Date, to: Date): EntryCorrection[];
  /**
   * Tracked seconds per person, local day and task over [from, to): entries are split at local
   * midnight; a running entry counts up to `now`. Aggregated by the store (SQL), not row by row.
   */
  trackedByDay(userIds: readonly number[], from: Date, to: Date, now: Date): DayTaskSeconds[];
  /** The same, summed per person and day only (team reports). */
  trackedPerUserDay(
    userIds: readonly number[],
    from: Date,
    to: Date,
    now: Date,
  ): { userId: number; day: string; seconds: number }[];
  /** The same, summed per day over all these people, leaving out the given tasks (R9 exclusions). */
  trackedPerDay(
    userIds: readonly number[],
    from: Date,
    to: Date,
    now: Date,
    excludedTaskIds: readonly number[],
  ): Map<string, number>;
  /**
   * Tracked seconds within [from, to) of these people, totalled per project, per tag and per CRM link
   * ("deal:7") of the tasks the time was on (null: no project / no tag), leaving out the given tasks (R9).
   */
  trackedPerFacet(
    userIds: readonly number[],
    from: Date,
    to: Date,
    now: Date,
    excludedTaskIds: readonly number[],
  ): TrackedFacets;
  /** Ids of tasks carrying any of these tags (exact names). */
  tasksTagged(tags: readonly string[]): number[];

  /**
   * Planned minutes per person and local day: tasks due that day (not removed) plus tasks put in the plan;
   * compound tasks excluded (R16). Days that began before `carriedBefore` also count the work overdue and
   * open when they began, carried in (R34), as buildDayPlan counts a past day.
   */
  plannedByDay(
    userIds: readonly number[],
    from: Date,
    to: Date,
    carriedBefore?: Date,
  ): { userId: number; day: string; minutes: number }[];
  /** R34: today's planned minutes per person (overdue work carried in), as buildDayPlan counts them; only people with some. */
  plannedMinutesToday(userIds: readonly number[], day: string, from: Date, to: Date): Map<number, number>;

  getWorkDay(userId: number, day: string): WorkDay | undefined;
  /** The working days of these people from one local day to another (inclusive), with their breaks. */
  workDaysBetween(userIds: readonly number[], fromDay: string, toDay: string): WorkDay[];
  lastWorkDayBefore(userId: number, day: string): WorkDay | undefined;
  insertWorkDay(userId: number, day: string, startedAt: Date): void;
  setWorkDayEnd(userId: number, day: string, endedAt: Date | null): void;
  openBreakOf(userId: number): { id: number; day: string; startAt: Date } | undefined;
  insertBreak(userId: number, day: string, startAt: Date): void;
  endBreak(id: number, endAt: Date): void;

  planItems(userId: number, day: string): PlanItem[];
  /** The plan items of several people on the local days fromDay..toDay (both included): by person, day, then as planItems orders them. */
  planItemsBetween(userIds: readonly number[], fromDay: string, toDay: string): DatedPlanItem[];
  setPlanItem(userId: number, day: string, taskId: number, kind: PlanItemKind, at: Date): void;
  deletePlanItem(userId: number, day: string, taskId: number): void;
  /** Tasks of a responsible whose deadline falls in [from, to), deleted ones excluded. */
  tasksDueBetween(userId: number, from: Date, to: Date): Task[];
  /** tasksDueBetween for several responsibles in one read: by deadline, then id. */
  tasksDueFor(userIds: readonly number[], from: Date, to: Date): Task[];
  /** Tasks these people have an entry on overlapping [from, to) (a running one: from its start), or are responsible for and got a result in it; deleted ones too; by id. */
  tasksWorkedOrClosed(userIds: readonly number[], from: Date, to: Date): Task[];
  /** Open tasks of a responsible whose deadline is before `before`. */
  overdueTasks(userIds: readonly number[], before: Date): Task[];
  /**
   * R34: tasks of these responsibles whose deadline is before `dayStart` and that were open at that
   * moment (by their status history, R36) - what a past day's plan carried in. Deleted ones excluded.
   */
  overdueTasksAt(userIds: readonly number[], dayStart: Date): Task[];
  /**
   * The same for several day starts at once (a team report's month): which task was carried into whose
   * past day, by id, in order of the day start, then deadline and id.
   */
  overdueTaskIdsAt(
    userIds: readonly number[],
    dayStarts: readonly Date[],
  ): { userId: number; dayStart: Date; taskId: number }[];
  /** People who report to this manager (R4). */
  reportsOf(managerId: number): User[];
  /** How many open tasks each person observes (R3). */
  observedCounts(userIds: readonly number[]): Map<number, number>;
  /**
   * R22, R23: per person, the entries overlapping [from, to) that were entered or changed by hand -
   * manual, corrected since, or retroactive - and their seconds within the period.
   */
  /** Every rating (positive or negative) given in [from, to) on tasks of these people (R29). */
  ratingsBetween(
    userIds: readonly number[],
    from: Date,
    to: Date,
  ): { comment: Comment; taskId: number; taskTitle: string; responsibleId: number }[];
  /** R36: deadline moves (a deadline changed, not first set) made in [from, to) on tasks of these people, per task. */
  deadlineMovesBetween(
    userIds: readonly number[],
    from: Date,
    to: Date,
  ): { taskId: number; title: string; responsibleId: number; moves: number }[];
  /** R34: the tasks of these people put into a plan of this day or a later one. */
  plannedTaskIdsFrom(userIds: readonly number[], fromDay: string): Set<number>;
  /** Negative ratings given in [from, to) on tasks of these people (R29). */
  negativeRatingsBetween(
    userIds: readonly number[],
    from: Date,
    to: Date,
  ): { comment: Comment; taskId: number; taskTitle: string; responsibleId: number }[];
  /** Tasks of these people closed (completed or awaiting control) in [from, to), with their last result. */
  closedBetween(
    userIds: readonly number[],
    from: Date,
    to: Date,
  ): { task: Task; result: TaskResult | null }[];
  /** Every result recorded in [from, to) on the live tasks of these people (a task closed twice, twice): what closedBetween finds, with when. */
  resultsMadeBetween(
    userIds: readonly number[],
    from: Date,
    to: Date,
  ): { taskId: number; responsibleId: number; at: Date }[];
  insertComment(comment: NewComment): number;
  getComment(id: number): Comment | undefined;
  /** Remarks by directors on tasks this person is responsible for, with no reply after them (R30). */
  openRemarksFor(userId: number): OpenRemark[];
  /** openRemarksFor for several people in one read, each remark with whom it waits for: in the order of userIds, then as openRemarksFor orders them. */
  openRemarksOf(userIds: readonly number[]): (OpenRemark & { userId: number })[];
  /** R30: the remarks on a person's day reports they have not answered. */
  openDayRemarksFor(userId: number): DayRemark[];
  /** R30: the person's answer to the remark on their day report; false when there is none to answer. */
  replyToDayReport(userId: number, day: string, body: string, at: Date): boolean;
  /** The latest result or progress comment of a task: why it awaits control (R27, R28). */
  lastSubmissionOf(taskId: number): Comment | undefined;
  commentsOf(taskId: number, limit?: number): Comment[];
  insertResult(commentId: number, parts: ResultParts): void;
  lastResultOf(taskId: number): TaskResult | undefined;
  /** R32: the explanation given later, when time was added to a closed task. */
  setResultExplanation(commentId: number, explanation: string): void;

  insertHistory(entries: readonly NewHistoryEntry[]): void;
  historyOf(taskId: number): HistoryEntry[];
  /** The deadline changes of these tasks (R36), per task in the order they were made. */
  deadlineChanges(
    taskIds: readonly number[],
  ): { taskId: number; at: Date; oldValue: string | null; newValue: string | null }[];
  /** The most recent history row written by this person, "seen" marks left out (what `task undo` undoes). */
  lastChangeBy(actorId: number): HistoryEntry | undefined;
  /**
   * The rows one command of this person wrote with its last row `last` (same instant; a command naming
   * several tasks writes them one after another), "seen" marks left out, oldest first.
   */
  changeEndingWith(last: HistoryEntry): HistoryEntry[];
}
