import { RuleError } from './errors.js';
import { formatLocalTime } from './local-time.js';
import { checkMayChangePolicy } from './rules/policy.js';
import type { Gate } from './gate-session.js';
import type { WriteMethod } from './gate-reads.js';
import { ACTION_ORDER, actionsForTaskChange, describeChange } from './gate-task-changes.js';
import type { Store } from './store.js';

type Checks = { [K in WriteMethod]: (gate: Gate, ...args: Parameters<Store[K]>) => void };

/** A minute: a timer stopped at most this long before now is stopped "now", not dated back. */
const NOW_TOLERANCE_MS = 60_000;

/**
 * The check of every write method of the store, asked before the write reaches storage (R38, R23, R39).
 * A write method without an entry here is refused by the gate (tests/unit/gate.test.ts).
 */
export const CHECKS: Checks = {
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
