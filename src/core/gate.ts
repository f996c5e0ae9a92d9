import { RuleError } from './errors.js';
import { formatLocalTime, localDayKey } from './local-time.js';
import { managesUser, relationsOf } from './relation.js';
import {
  checkPersonAction,
  checkTaskAction,
  type PersonAction,
  type TaskAction,
  type TaskRelation,
} from './rules/permissions.js';
import { checkTaskInvariants, type TaskSurroundings } from './rules/invariants.js';
import { checkMayChangePolicy } from './rules/policy.js';
import { controlledBy } from './dependencies.js';
import { isOpen } from './status.js';
import type { Store } from './store.js';
import type { Task, TaskFields, TimeEntry, User } from './types.js';

/**
 * The one gate every change passes (R38, R23). Core use cases get a store wrapped by `gateStore`: each
 * write method is described as a change by an actor - what it touches, before and after - and asked
 * three questions before it reaches storage: may this actor make it (R38)? does it alter a recorded
 * day (R23: then it needs a reason and is written down as an amendment)? and, when the transaction
 * ends, do the regulations still hold on the tasks it touched? Reads pass through. A store method the
 * gate does not know is refused, so a new write method cannot slip around it
 * (tests/unit/gate.test.ts lists them).
 */
export interface GateContext {
  /** Who acts; null only while an empty database gets its first person. */
  actor: User | null;
  now: Date;
  /** The person really at the keyboard when `--as` names someone else (kept with every change, R36). */
  via: string | null;
  /** The command's --reason: why a recorded day is corrected (R23), why a hard deadline moves (R10). */
  reason: string | null;
  /** An import: an administrator may write other people's time, comments and tasks (R38). */
  importing: boolean;
}

/** The store methods that only read; everything else is a write and must have a check below. */
export const READ_METHODS = [
  'instanceId',
  'dataVersion',
  'findExternal',
  'externalIdsOf',
  'dependencyLinks',
  'linksOf',
  'allLinks',
  'linksTo',
  'dumpEntities',
  'countTasks',
  'entriesNotByResponsible',
  'overlappingEntries',
  'orphanExternalIds',
  'runningEntries',
  'searchWords',
  'projectNames',
  'tagNames',
  'projectSummaries',
  'tagSummaries',
  'getTemplate',
  'listTemplates',
  'lastOccurrenceDay',
  'hasOccurrence',
  'countUsers',
  'firstEntryStart',
  'listUsers',
  'findUserByName',
  'getUser',
  'findProjectByName',
  'getTask',
  'taskParties',
  'findTasks',
  'findTaskSummaries',
  'findTaskIds',
  'observersOf',
  'crmLinksOf',
  'coExecutorsOf',
  'runningEntryOf',
  'runningEntriesOnTask',
  'lastStoppedEntryOf',
  'getEntry',
  'lastEntryChangeBy',
  'entryChangesAt',
  'changesOfEntry',
  'correctedEntryIds',
  'entriesOfTask',
  'allEntries',
  'entriesOfUserBetween',
  'firstWorkMadeBetween',
  'runningSecondsByTask',
  'dayRecordedAt',
  'getDayReport',
  'dayReportsBetween',
  'recordedDays',
  'amendmentsOf',
  'correctionsAfter',
  'trackedByDay',
  'trackedPerUserDay',
  'trackedPerDay',
  'trackedPerFacet',
  'tasksTagged',
  'plannedByDay',
  'plannedMinutesToday',
  'getWorkDay',
  'workDaysBetween',
  'lastWorkDayBefore',
  'openBreakOf',
  'planItems',
  'tasksDueBetween',
  'overdueTasks',
  'overdueTasksAt',
  'reportsOf',
  'observedCounts',
  'changesOfEntries',
  'negativeRatingsBetween',
  'ratingsBetween',
  'deadlineMovesBetween',
  'plannedTaskIdsFrom',
  'closedBetween',
  'resultsMadeBetween',
  'getComment',
  'openRemarksFor',
  'openDayRemarksFor',
  'lastSubmissionOf',
  'commentsOf',
  'lastResultOf',
  'historyOf',
  'deadlineChanges',
  'lastChangeBy',
  'changeEndingWith',
  'policyValues',
  'policyRecords',
  'policyHistory',
  'hasPolicyHistory',
] as const satisfies readonly (keyof Store)[];

type ReadMethod = (typeof READ_METHODS)[number];
/**
 * Methods that frame a transaction; the gate wraps them to check the touched tasks at the end. A
 * scratch copy (where an import plans, and a dry run stops, issue 21) is gated like the store it copies,
 * so a plan meets the same checks as a direct write.
 */
type FrameMethod = 'write' | 'read' | 'scratchCopy';
/** Written only by the gate itself, never by a use case. */
type GateOnlyMethod = 'insertAmendment';
export type WriteMethod = Exclude<keyof Store, ReadMethod | FrameMethod | GateOnlyMethod>;

type Checks = { [K in WriteMethod]: (gate: Gate, ...args: Parameters<Store[K]>) => void };

/** A minute: a timer stopped at most this long before now is stopped "now", not dated back. */
const NOW_TOLERANCE_MS = 60_000;

export class Gate {
  /**
   * Tasks changed in the current transaction, each as the transaction found it (null: made in it): the
   * regulations are checked on them at its end.
   */
  private readonly touched = new Map<number, Task | null>();
  /** R10: the reason a history row of this transaction gives for a task's deadline change. */
  private readonly deadlineNotes = new Map<number, string>();
  /** Amendments already written in this transaction (one per person, day and change). */
  private readonly amended = new Set<string>();

  constructor(
    readonly store: Store,
    readonly ctx: GateContext,
  ) {}

  actor(): User {
    if (!this.ctx.actor)
      throw new RuleError('R38', 'nobody is acting; name the acting user with --as or REGULA_USER');
    return this.ctx.actor;
  }

  /** An administrator importing data: the one case where another person's records are written (R38). */
  adminImport(): boolean {
    return this.ctx.importing && this.ctx.actor?.role === 'admin';
  }

  managesUser(managerId: number, userId: number): boolean {
    return managesUser(this.store, managerId, userId);
  }

  relationsTo(task: Pick<Task, 'id' | 'responsibleId' | 'directorId'>): Set<TaskRelation> {
    return relationsOf(this.store, this.actor(), task);
  }

  task(id: number): Task {
    const task = this.store.getTask(id);
    if (!task) throw new RuleError('R38', `task ${id} does not exist`);
    return task;
  }

  requireTaskAction(taskId: number, action: TaskAction, what?: string): void {
    // Only the parties are read (not the whole task): an import checks every comment and tag it writes.
    const task = this.store.taskParties(taskId);
    if (!task) throw new RuleError('R38', `task ${taskId} does not exist`);
    if (!this.adminImport()) checkTaskAction(this.relationsTo(task), action, task, what);
    this.touch(taskId);
  }

  /** Notes a task a change is about to alter, as it stands before the change. */
  touch(taskId: number, current?: Task): void {
    if (!this.touched.has(taskId)) this.touched.set(taskId, current ?? this.store.getTask(taskId) ?? null);
  }

  /** A task made in this transaction: its rules are checked on it as a new task. */
  touchNew(taskId: number): void {
    this.touched.set(taskId, null);
  }

  /** R10: remembers the reason a history row keeps for a change of a task's deadline. */
  noteHistory(rows: readonly { taskId: number; field: string; note: string | null }[]): void {
    for (const row of rows)
      if ((row.field === 'deadline' || row.field === 'deadlineHard') && row.note?.trim())
        this.deadlineNotes.set(row.taskId, row.note);
  }

  requirePersonAction(action: PersonAction, subject: { id: number | null; managerId: number | null }): void {
    if (this.adminImport()) return;
    const actor = this.actor();
    checkPersonAction(action, {
      actor,
      subjectId: subject.id,
      subjectManagerId: subject.managerId,
      managesSubject: subject.id !== null && this.managesUser(actor.id, subject.id),
    });
  }

  /** Each person's time, working day and plan are theirs alone (R38). */
  requireOwn(userId: number): void {
    if (this.adminImport()) return;
    this.requirePersonAction('own-data', { id: userId, managerId: null });
  }

  /**
   * R1, R38: a task is created by its director, or by its responsible naming who gave it, or by a
   * manager for their people.
   */
  requireMayAssign(directorId: number, responsibleId: number): void {
    if (this.adminImport()) return;
    const actor = this.actor();
    if (directorId === actor.id || responsibleId === actor.id || this.managesUser(actor.id, responsibleId))
      return;
    throw new RuleError(
      'R38',
      'a task is set by its director (you, by default) or entered by its responsible naming who gave it; you may not set a task between two other people',
    );
  }

  /**
   * R23: a change that alters the report of a recorded day needs a reason and is written down as an
   * amendment of that day. `stretch` is the time the change touches.
   */
  amendRecordedDays(
    userId: number,
    from: Date,
    to: Date,
    what: string,
    reason: string | null | undefined,
    options: { automatic?: string } = {},
  ): void {
    const first = from.getTime() <= to.getTime() ? from : to;
    const last = from.getTime() <= to.getTime() ? to : from;
    const days = this.store.recordedDays(userId, localDayKey(first), localDayKey(last));
    if (days.length === 0) return;
    const why = reason?.trim() || this.ctx.reason?.trim() || options.automatic || '';
    if (why === '') {
      const day = days[0]!;
      throw new RuleError(
        'R23',
        `the report of ${day.day} was recorded at ${formatLocalTime(day.recordedAt)}; ${what} changes it - give --reason "why it is corrected now" and it shows in that report as an amendment`,
      );
    }
    const actor = this.actor();
    for (const { day } of days) {
      const key = `${userId}|${day}|${what}`;
      if (this.amended.has(key)) continue;
      this.amended.add(key);
      this.store.insertAmendment({
        userId,
        day,
        at: this.ctx.now,
        actorId: actor.id,
        via: this.ctx.via,
        what,
        reason: why,
      });
    }
  }

  /** The local days a task's plan stands in for its responsible: its deadline's day, before and after. */
  amendPlannedDays(before: Task, after: Partial<TaskFields>, what: string): void {
    const deadlines = [before.deadline, after.deadline ?? null].filter((d): d is Date => d instanceof Date);
    for (const deadline of deadlines)
      this.amendRecordedDays(before.responsibleId, deadline, deadline, what, null);
  }

  /** Every entry's stretch of a task, per owner: deleting or restoring the task changes those days. */
  amendTaskTime(taskId: number, what: string): void {
    for (const entry of this.store.entriesOfTask(taskId)) {
      this.amendRecordedDays(entry.userId, entry.startAt, entry.endAt ?? this.ctx.now, what, null);
    }
  }

  entry(id: number): TimeEntry {
    const entry = this.store.getEntry(id);
    if (!entry) throw new RuleError('R38', `time entry ${id} does not exist`);
    return entry;
  }

  requireEntryOwner(entry: TimeEntry): void {
    if (this.adminImport()) return;
    if (entry.userId !== this.actor().id) {
      throw new RuleError(
        'R38',
        `time entry ${entry.id} is another person's; each person's time entries are theirs alone`,
      );
    }
  }

  /** R36: history rows and correction rows name the person who acted, and who was at the keyboard. */
  requireActsAsSelf(actorId: number): void {
    if (this.adminImport()) return;
    if (actorId !== this.actor().id)
      throw new RuleError('R38', 'a change is recorded in the name of the person who makes it');
  }

  /** Ends a transaction: the regulations are checked on every task it touched (src/core/rules/invariants.ts). */
  finish(): void {
    try {
      for (const [id, before] of this.touched) {
        const after = this.store.getTask(id);
        if (after) checkTaskInvariants(before, after, this.surroundings(after));
      }
    } finally {
      this.abandon();
    }
  }

  abandon(): void {
    this.touched.clear();
    this.amended.clear();
    this.deadlineNotes.clear();
  }

  /** What the invariants may ask about a task, read from the store only when asked. */
  private surroundings(task: Task): TaskSurroundings {
    const { store } = this;
    return {
      openSteps: () =>
        store
          .findTasks({ parentId: task.id })
          .filter((step) => isOpen(step.status))
          .map((step) => ({
            id: step.id,
            controls: step.kind === 'control' ? controlledBy(store, step).map((t) => t.id) : [],
          })),
      parent: () => (task.parentId === null ? undefined : store.getTask(task.parentId)),
      runningTimers: () => store.runningEntriesOnTask(task.id).length,
      resultText: () => store.lastResultOf(task.id)?.result ?? null,
      openControlled: () =>
        controlledBy(store, task)
          .filter((t) => isOpen(t.status))
          .map((t) => t.id),
      deadlineReason: () => this.deadlineNotes.get(task.id) ?? this.ctx.reason,
      importing: this.ctx.importing,
    };
  }
}

/** Which fields of a task patch really change, compared with the task as it is. */
function changedFields(before: Task, patch: Partial<TaskFields>): Set<keyof TaskFields> {
  const changed = new Set<keyof TaskFields>();
  for (const key of Object.keys(patch) as (keyof TaskFields)[]) {
    if (key === 'updatedAt') continue;
    if (!sameValue(before[key], patch[key])) changed.add(key);
  }
  return changed;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date)
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  return a === b;
}

/** Fields that say what the task is (R38): its people, the accept flag, the hard deadline, its deletion. */
const DEFINING_FIELDS: readonly (keyof TaskFields)[] = [
  'responsibleId',
  'directorId',
  'acceptRequired',
  'deadlineHard',
  'deletedAt',
];

/** What a change of a task's fields needs of the person making it (R38, R10, R27-R29). */
export function actionsForTaskChange(
  before: Task,
  patch: Partial<TaskFields>,
): { actions: Set<TaskAction>; changed: Set<keyof TaskFields> } {
  const changed = changedFields(before, patch);
  const actions = new Set<TaskAction>();
  for (const key of changed) {
    if (DEFINING_FIELDS.includes(key)) actions.add('define');
    else if (key === 'mark') actions.add('review');
    else if (key === 'status') actions.add(before.status === 'awaiting_control' ? 'review' : 'work');
    else if (key === 'deadline')
      actions.add(postponesHardDeadline(before, patch.deadline ?? null) ? 'define' : 'work');
    else if (key === 'seenAt' || key === 'closedAt') continue;
    else actions.add('work');
  }
  // R37: only the responsible marks a task as seen; anyone who may comment touches updatedAt.
  if (changed.has('seenAt') && actions.size === 0) actions.add('track');
  if (actions.size === 0) actions.add('comment');
  return { actions, changed };
}

/** R10: a hard deadline moved later, or removed, is the director's decision. */
function postponesHardDeadline(before: Task, deadline: Date | null): boolean {
  if (!before.deadlineHard || before.deadline === null) return false;
  return deadline === null || deadline.getTime() > before.deadline.getTime();
}

const ACTION_ORDER: readonly TaskAction[] = ['define', 'review', 'work', 'track', 'comment', 'view'];

const CHECKS: Checks = {
  setExternal: () => {},
  // Fills the derived search index (R25) after an import; every row written inside passes its own check.
  fillingSearchIndexAfter: () => {},
  insertOccurrence: () => {},
  insertProject: () => {},
  addLink: (gate, taskId, otherId) => {
    gate.requireTaskAction(taskId, 'work');
    gate.requireTaskAction(otherId, 'view');
  },
  removeLink: (gate, taskId) => {
    gate.requireTaskAction(taskId, 'work');
  },
  setEntryEnd: (gate, id, endAt) => {
    const entry = gate.entry(id);
    gate.touch(entry.taskId);
    gate.requireEntryOwner(entry);
    gate.amendRecordedDays(
      entry.userId,
      entry.startAt,
      endAt ?? gate.ctx.now,
      `the time of entry ${id} (task ${entry.taskId})`,
      null,
    );
  },
  loadEntities: (gate) => {
    if (gate.actor().role !== 'admin')
      throw new RuleError('R38', 'only an administrator loads a whole database');
  },
  // R39: company policy is changed by an administrator only (a new database's starting policy is
  // written for its first person, its administrator).
  setPolicyValue: (gate) => checkMayChangePolicy(gate.actor(), gate.store.listUsers()),
  clearPolicy: (gate) => {
    if (gate.actor().role !== 'admin')
      throw new RuleError('R38', 'only an administrator loads a whole database');
  },
  deleteUserIfUnused: (gate) => {
    if (gate.actor().role !== 'admin') throw new RuleError('R38', 'only an administrator removes people');
  },
  insertTemplate: (gate, fields) => gate.requireMayAssign(fields.directorId, fields.responsibleId),
  updateTemplate: (gate, id, patch) => {
    const template = gate.store.getTemplate(id);
    if (!template) return;
    gate.requireMayAssign(template.directorId, template.responsibleId);
    gate.requireMayAssign(
      patch.directorId ?? template.directorId,
      patch.responsibleId ?? template.responsibleId,
    );
  },
  deleteTemplate: (gate, id) => {
    const template = gate.store.getTemplate(id);
    if (template) gate.requireMayAssign(template.directorId, template.responsibleId);
  },
  insertUser: (gate, user) => {
    // The first person of an empty database sets it up (R38: as its administrator).
    if (gate.store.countUsers() === 0) return;
    gate.requirePersonAction(user.role === 'employee' ? 'add-employee' : 'add-manager', {
      id: null,
      managerId: user.managerId,
    });
  },
  updateUser: (gate, user) => {
    const current = gate.store.getUser(user.id);
    if (!current) return;
    if (current.role !== user.role)
      gate.requirePersonAction('change-role', { id: user.id, managerId: current.managerId });
    if (current.managerId !== user.managerId)
      gate.requirePersonAction('change-manager', { id: user.id, managerId: current.managerId });
    if (
      current.fullName !== user.fullName &&
      user.id !== gate.actor().id &&
      gate.actor().role !== 'admin' &&
      !gate.managesUser(gate.actor().id, user.id)
    ) {
      throw new RuleError('R38', `only ${user.name}, their manager or an administrator changes their name`);
    }
  },
  insertTask: (gate, fields) => {
    gate.requireMayAssign(fields.directorId, fields.responsibleId);
    if (fields.parentId !== null) gate.requireTaskAction(fields.parentId, 'work', 'add a step under');
  },
  updateTask: (gate, id, patch) => {
    const before = gate.task(id);
    const { actions, changed } = actionsForTaskChange(before, patch);
    const needed = ACTION_ORDER.filter((a) => actions.has(a));
    for (const action of needed) gate.requireTaskAction(id, action, describeChange(changed, action));
    if (changed.has('deletedAt'))
      gate.amendTaskTime(id, patch.deletedAt ? `deleting task ${id}` : `restoring task ${id}`);
    if (changed.has('plannedMinutes') || changed.has('deadline'))
      gate.amendPlannedDays(
        before,
        patch,
        `the ${changed.has('plannedMinutes') ? 'planned time' : 'deadline'} of task ${id}`,
      );
  },
  setTags: (gate, taskId) => {
    gate.requireTaskAction(taskId, 'work');
  },
  addObserver: (gate, taskId) => {
    gate.requireTaskAction(taskId, 'work', 'add observers to');
  },
  removeObserver: (gate, taskId, userId) => {
    if (userId !== gate.actor().id) gate.requireTaskAction(taskId, 'work', 'remove observers from');
  },
  addCrmLink: (gate, taskId) => {
    gate.requireTaskAction(taskId, 'work');
  },
  removeCrmLink: (gate, taskId) => {
    gate.requireTaskAction(taskId, 'work');
  },
  addCoExecutor: (gate, taskId) => {
    gate.requireTaskAction(taskId, 'define', 'add co-executors to');
  },
  insertEntry: (gate, entry) => {
    gate.touch(entry.taskId);
    gate.requireOwn(entry.userId);
    if (!gate.adminImport()) gate.requireTaskAction(entry.taskId, 'track');
    gate.amendRecordedDays(
      entry.userId,
      entry.startAt,
      entry.endAt ?? gate.ctx.now,
      `time on task ${entry.taskId}`,
      entry.reason,
    );
  },
  updateEntry: (gate, id, patch) => {
    const entry = gate.entry(id);
    gate.touch(entry.taskId);
    gate.requireEntryOwner(entry);
    const from = Math.min(entry.startAt.getTime(), patch.startAt.getTime());
    const to = Math.max((entry.endAt ?? gate.ctx.now).getTime(), (patch.endAt ?? gate.ctx.now).getTime());
    gate.amendRecordedDays(
      entry.userId,
      new Date(from),
      new Date(to),
      `the time of entry ${id} (task ${entry.taskId})`,
      patch.reason,
    );
  },
  insertEntryChange: (gate, change) => gate.requireActsAsSelf(change.actorId),
  stopEntry: (gate, id, endAt) => {
    const entry = gate.entry(id);
    gate.touch(entry.taskId);
    const actor = gate.actor();
    // A timer stops with its owner, or as the consequence of a change its task's director may make
    // (handover, deletion); an administrator stops timers left running for days (task doctor).
    if (entry.userId !== actor.id && actor.role !== 'admin')
      gate.requireTaskAction(
        entry.taskId,
        'define',
        `stop ${entry.userId === actor.id ? 'your' : "another person's"} timer on`,
      );
    const now = gate.ctx.now;
    const datedBack = now.getTime() - endAt.getTime() > NOW_TOLERANCE_MS;
    gate.amendRecordedDays(
      entry.userId,
      entry.startAt,
      datedBack ? now : endAt,
      `stopping the timer of entry ${id} (task ${entry.taskId})${datedBack ? ` at ${formatLocalTime(endAt)}` : ''}`,
      null,
      {
        automatic: datedBack ? undefined : 'the timer was still running when the report was recorded',
      },
    );
  },
  moveEntry: (gate, id, taskId) => {
    const entry = gate.entry(id);
    gate.touch(entry.taskId);
    gate.requireEntryOwner(entry);
    gate.requireTaskAction(taskId, 'track');
    gate.amendRecordedDays(
      entry.userId,
      entry.startAt,
      entry.endAt ?? gate.ctx.now,
      `moving entry ${id} from task ${entry.taskId} to task ${taskId}`,
      null,
    );
  },
  insertDayReport: (gate, userId) => gate.requireOwn(userId),
  approveDayReport: (gate, userId) => {
    const user = gate.store.getUser(userId);
    gate.requirePersonAction('approve-day', { id: userId, managerId: user?.managerId ?? null });
  },
  // R30: a person answers the remark on their own day report.
  replyToDayReport: (gate, userId) => gate.requireOwn(userId),
  insertWorkDay: (gate, userId) => gate.requireOwn(userId),
  setWorkDayEnd: (gate, userId) => gate.requireOwn(userId),
  insertBreak: (gate, userId) => gate.requireOwn(userId),
  endBreak: (gate, id) => {
    if (gate.store.openBreakOf(gate.actor().id)?.id !== id)
      throw new RuleError('R38', 'a break is ended by the person taking it');
  },
  setPlanItem: (gate, userId, day, taskId) => {
    if (userId !== gate.actor().id) gate.requireTaskAction(taskId, 'work', "put into another person's plan");
    gate.amendRecordedDays(userId, dayStart(day), dayStart(day), `the plan of ${day} (task ${taskId})`, null);
  },
  deletePlanItem: (gate, userId, day, taskId) => {
    if (userId !== gate.actor().id)
      gate.requireTaskAction(taskId, 'work', "take out of another person's plan");
    gate.amendRecordedDays(userId, dayStart(day), dayStart(day), `the plan of ${day} (task ${taskId})`, null);
  },
  insertComment: (gate, comment) => {
    gate.requireActsAsSelf(comment.authorId);
    gate.requireTaskAction(comment.taskId, 'comment');
  },
  insertResult: (gate, commentId) => {
    const comment = gate.store.getComment(commentId);
    if (comment) gate.requireActsAsSelf(comment.authorId);
  },
  // R32: the explanation added to a result when time is added to a closed task - the responsible's work.
  setResultExplanation: (gate, commentId) => {
    const comment = gate.store.getComment(commentId);
    if (comment) gate.requireTaskAction(comment.taskId, 'work');
  },
  insertHistory: (gate, rows) => {
    for (const row of rows) gate.requireActsAsSelf(row.actorId);
    gate.noteHistory(rows);
  },
};

/** Midday of a local day key: inside that day whatever the time zone's DST does at its edges. */
function dayStart(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 12);
}

/** What a refused change was about, said as "change the responsible and director of" (R38). */
function describeChange(changed: Set<keyof TaskFields>, action: TaskAction): string | undefined {
  if (action !== 'define') return undefined;
  const nouns: [keyof TaskFields, string][] = [
    ['responsibleId', 'responsible'],
    ['directorId', 'director'],
    ['acceptRequired', 'accept flag'],
    ['deadlineHard', 'hard deadline'],
    ['deadline', 'hard deadline'],
    ['deletedAt', 'deletion'],
  ];
  const said = [...new Set(nouns.filter(([key]) => changed.has(key)).map(([, noun]) => noun))];
  if (said.length === 0) return undefined;
  const list = said.length === 1 ? said[0]! : `${said.slice(0, -1).join(', ')} and ${said.at(-1)!}`;
  return `change the ${list} of`;
}

/** The history and correction rows of a change made with `--as`, marked with who was at the keyboard. */
function withVia<T extends object>(rows: readonly T[], via: string | null): T[] {
  return via === null ? [...rows] : rows.map((row) => ({ ...row, via }));
}

/**
 * The store every use case gets: reads pass through; writes pass the gate first. `write` also checks
 * the regulations on the touched tasks before it commits (a refusal rolls everything back).
 */
export function gateStore(store: Store, ctx: GateContext): Store {
  const gate = new Gate(store, ctx);
  const reads = new Set<string>(READ_METHODS);
  // A use case may call another inside its transaction (undo edits, a batch): the rules are checked once,
  // when the outermost write ends, on the tasks as that transaction found them.
  let depth = 0;
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof property !== 'string' || typeof value !== 'function') return value;
      if (reads.has(property)) return (value as (...args: unknown[]) => unknown).bind(target);
      if (property === 'write') {
        return <T>(fn: () => T): T =>
          target.write(() => {
            depth++;
            try {
              const result = fn();
              if (depth === 1) gate.finish();
              return result;
            } catch (error) {
              if (depth === 1) gate.abandon();
              throw error;
            } finally {
              depth--;
            }
          });
      }
      if (property === 'read') return target.read.bind(target);
      if (property === 'scratchCopy') {
        // The plan meets every check on the copy; `apply` replays the writes that passed, on data found
        // unchanged since the copy was taken - so they pass again without asking inside the write lock.
        return () => {
          const copy = target.scratchCopy();
          return { store: gateStore(copy.store, ctx), discard: copy.discard, apply: copy.apply };
        };
      }
      const check = (CHECKS as Partial<Record<string, (gate: Gate, ...args: unknown[]) => void>>)[property];
      if (!check) throw new Error(`the store method ${property} has no check in the gate (src/core/gate.ts)`);
      return (...args: unknown[]) => {
        check(gate, ...args);
        if (property === 'insertHistory')
          return target.insertHistory(withVia(args[0] as Parameters<Store['insertHistory']>[0], ctx.via));
        if (property === 'insertTask') {
          const id = target.insertTask(...(args as Parameters<Store['insertTask']>));
          gate.touchNew(id);
          return id;
        }
        if (property === 'insertEntryChange')
          return target.insertEntryChange({
            ...(args[0] as Parameters<Store['insertEntryChange']>[0]),
            via: ctx.via,
          });
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/** The write methods the gate checks (for the test that no write goes around it). */
export const GATED_WRITE_METHODS: readonly string[] = Object.keys(CHECKS);
