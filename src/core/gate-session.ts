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
import { checkTaskInvariants, type TaskState, type TaskSurroundings } from './rules/invariants.js';
import { controlledBy } from './dependencies.js';
import { isOpen } from './status.js';
import { MadeTasks } from './gate-made-tasks.js';
import type { Store } from './store.js';
import type { Task, TaskFields, TimeEntry, User } from './types.js';

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

/**
 * The gate of one gated store (one command): who acts, and what the current transaction touched. The
 * checks of gate-checks.ts ask it their questions - may this actor do this (R38), does this alter a
 * recorded day (R23) - and \`finish\` checks the regulations on the touched tasks when the transaction ends.
 */
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
  /** Tasks made in this transaction, followed through its writes: checked at its end without reading them back. */
  private readonly made = new MadeTasks();

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

  /** A task made in this transaction with these columns: its rules are checked on it as a new task. */
  touchNew(taskId: number, fields: TaskFields): void {
    this.touched.set(taskId, null);
    this.made.add(taskId, fields);
  }

  /** Follows a write that went through on the tasks made in this transaction (gate-made-tasks.ts). */
  followWrite(method: string, args: readonly unknown[]): void {
    this.made.follow(method, args);
  }

  /** A nested write failed and rolled back what it wrote: the made tasks are read back at the end. */
  forgetMade(): void {
    this.made.clear();
  }

  /** A task as the transaction leaves it: a made task's plain state, any other read from the store. */
  private stateAtEnd(id: number, before: Task | null): TaskState | undefined {
    return (before === null ? this.made.state(id) : undefined) ?? this.store.getTask(id);
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
        const after = this.stateAtEnd(id, before);
        if (after) checkTaskInvariants(before, after, this.surroundings(after));
      }
    } finally {
      this.abandon();
    }
  }

  abandon(): void {
    this.touched.clear();
    this.made.clear();
    this.amended.clear();
    this.deadlineNotes.clear();
  }

  /** What the invariants may ask about a task, read from the store only when asked. */
  private surroundings(task: TaskState): TaskSurroundings {
    const { store, made } = this;
    return {
      openSteps: () =>
        made.openSteps(task.id) ??
        store
          .findTasks({ parentId: task.id })
          .filter((step) => isOpen(step.status))
          .map((step) => ({
            id: step.id,
            controls: step.kind === 'control' ? controlledBy(store, step).map((t) => t.id) : [],
          })),
      parent: () =>
        task.parentId === null ? undefined : (made.parentOf(task.id) ?? store.getTask(task.parentId)),
      runningTimers: () => made.runningTimers(task.id) ?? store.runningEntriesOnTask(task.id).length,
      resultText: () => store.lastResultOf(task.id)?.result ?? null,
      openControlled: () =>
        made.openControlled(task.id) ??
        controlledBy(store, task)
          .filter((t) => isOpen(t.status))
          .map((t) => t.id),
      deadlineReason: () => this.deadlineNotes.get(task.id) ?? this.ctx.reason,
      importing: this.ctx.importing,
    };
  }
}
