import { changeEachTask } from './batch.js';
import type { CoreContext } from './context.js';
import { NotFoundError, UsageError } from './errors.js';
import { historyFieldLabel } from './history.js';
import { endOfLocalDay, formatLocalDateTime } from './local-time.js';
import { editTask, requireTask, type TaskChanges, type TaskOutcome } from './tasks.js';
import { editTimeEntry } from './time-corrections.js';
import {
  CRM_KINDS,
  PRIORITIES,
  type CrmLink,
  type EntryChange,
  type HistoryEntry,
  type Priority,
  type Task,
  type TimeEntry,
} from './types.js';

/**
 * Taskwarrior's `task undo`, the regula way (R36: nothing is erased): your last change to a task's fields
 * is changed back by a new edit, so the undo is itself in the history (and undoing again redoes it).
 * What is not a field edit has its own way back, and the refusal names it: a start (task cancel), a
 * close (task reopen), a new task (task delete), a deleted one (task restore). A change that someone
 * made after yours is never overwritten. A command that changed several tasks is undone as a whole.
 * One command's rows are told apart by their instant: two commands at the very same millisecond (a
 * fixed REGULA_NOW) count as one change.
 */
export interface UndoOutcome extends TaskOutcome {
  changed: boolean;
  /** The history rows that were changed back. */
  undone: HistoryEntry[];
}

/** A correction of tracked time taken back: the entry as it now stands and the change it undid. */
export interface UndoneCorrection {
  entry: TimeEntry;
  task: Task;
  undid: EntryChange;
}

/** What `task undo` took back: edits of tasks, or - when that was the person's last change - a correction of their time. */
export type UndoResult =
  | { kind: 'task'; outcomes: UndoOutcome[] }
  | { kind: 'time'; corrections: UndoneCorrection[] };

/**
 * Takes back the person's last change, whatever it was (as Timewarrior's undo takes back the last
 * command): a correction of tracked time when that came last, otherwise the last edit of tasks.
 */
export function undoLast(ctx: CoreContext, override: { force?: boolean; reason?: string } = {}): UndoResult {
  const { store, actor } = ctx;
  return store.write(() => {
    const last = store.lastChangeBy(actor.id);
    const correction = store.lastEntryChangeBy(actor.id);
    if (correction && (!last || correction.at.getTime() >= last.at.getTime())) {
      if (last && last.at.getTime() === correction.at.getTime())
        checkOnlyTimeChanged(store.changeEndingWith(last), correction.entryId);
      return { kind: 'time', corrections: undoCorrection(ctx, correction.at, override.reason) };
    }
    return { kind: 'task', outcomes: undoLastChange(ctx, override) };
  });
}

/**
 * R22, R36: the corrections one command made (time add, time edit, time split) are changed back by new
 * corrections, logged like any other: an edited entry gets its old times and task again; an entry the
 * command made is taken back to nothing (0m) and stays, as a cancelled timer does. A change to a
 * running timer is not taken back here: starting it again is task resume's.
 */
function undoCorrection(ctx: CoreContext, at: Date, reason: string | undefined): UndoneCorrection[] {
  const { store } = ctx;
  const changes = store.entryChangesAt(ctx.actor.id, at);
  for (const change of changes) {
    const entry = store.getEntry(change.entryId);
    if (!entry) throw new NotFoundError(`time entry ${change.entryId} not found`);
    if (
      change.newEnd === null ||
      entry.endAt === null ||
      (change.oldStart !== null && change.oldEnd === null)
    ) {
      throw new UsageError(
        `cannot undo: your last change moved or stopped a running timer (entry ${change.entryId}, at ${formatLocalDateTime(at)}); start it again with task resume, or correct the entry with task time edit ${change.entryId} --comment TEXT`,
      );
    }
    const movedTo = change.taskMove?.to ?? entry.taskId;
    if (
      entry.startAt.getTime() !== change.newStart.getTime() ||
      entry.endAt.getTime() !== change.newEnd.getTime() ||
      entry.taskId !== movedTo
    ) {
      throw new UsageError(
        `cannot undo: time entry ${change.entryId} was changed after your change; see task time history ${change.entryId} and correct it with task time edit ${change.entryId}`,
      );
    }
  }
  const comment = `undo of the correction at ${formatLocalDateTime(at)}`;
  // Entries the command made are emptied first, so the ones it shortened can have their time back.
  const ordered = [
    ...changes.filter((c) => c.oldStart === null),
    ...changes.filter((c) => c.oldStart !== null),
  ];
  return ordered.map((change) => {
    const back =
      change.oldStart === null
        ? { start: change.newStart, end: change.newStart }
        : { start: change.oldStart, end: change.oldEnd!, taskId: change.taskMove?.from };
    const outcome = editTimeEntry(ctx, change.entryId, { ...back, comment, reason });
    return { entry: outcome.entry, task: outcome.task, undid: change };
  });
}

/** One command that changed a task and tracked time together (task log) is not half taken back. */
function checkOnlyTimeChanged(sameCommand: readonly HistoryEntry[], entryId: number): void {
  // Tracked time moves a new task to pending (and marks it seen): side effects, not the change itself.
  const other = sameCommand.find((h) => h.field !== 'status' && h.field !== 'seen');
  if (!other) return;
  throw new UsageError(
    other.field === 'created'
      ? `cannot undo: your last command created task ${other.taskId} with its time (task log); take it away with: task delete ${other.taskId} (it can be restored)`
      : `cannot undo: your last command changed task ${other.taskId} (${other.field}) and time entry ${entryId} together; see task history ${other.taskId} and task time history ${entryId}`,
  );
}

/** The last edit of tasks, changed back (see the module comment). */
function undoLastChange(
  ctx: CoreContext,
  override: { force?: boolean; reason?: string } = {},
): UndoOutcome[] {
  const { store, actor } = ctx;
  return store.write(() => {
    const last = store.lastChangeBy(actor.id);
    if (!last) throw new UsageError('you have changed nothing yet; there is nothing to undo');
    const change = store.changeEndingWith(last);
    const taskIds = [...new Set(change.map((h) => h.taskId))];
    const rowsOf = (id: number) => change.filter((h) => h.taskId === id);
    for (const id of taskIds) {
      const later = store.historyOf(id).find((h) => h.field !== 'seen' && h.id > last.id);
      if (later) {
        throw new UsageError(
          `task ${id} was changed after your change (${historyFieldLabel(later.field)}, by ${later.actor} at ${formatLocalDateTime(later.at)}); see task history ${id} and change it with task edit`,
        );
      }
      checkIsFieldEdit(id, rowsOf(id));
    }
    const reason = override.reason ?? `undo of the change at ${formatLocalDateTime(last.at)}`;
    // A command that changed several tasks (task 1-3 modify) is undone as a whole, in one transaction.
    return changeEachTask(ctx, taskIds, (id) => ({
      ...editTask(ctx, id, { ...changesBack(ctx, id, rowsOf(id)), force: override.force, reason }),
      undone: rowsOf(id),
    }));
  });
}

/** A change that is not a field edit is taken back another way; the refusal says which. */
function checkIsFieldEdit(id: number, group: readonly HistoryEntry[]): void {
  const fields = new Set(group.map((h) => h.field));
  const status = group.find((h) => h.field === 'status');
  const way = fields.has('created')
    ? `your last change created task ${id}; take it away with: task delete ${id} (it can be restored)`
    : fields.has('deleted')
      ? `your last change deleted or restored task ${id}; task restore ${id} or task delete ${id} does the opposite`
      : status?.newValue === 'in_progress'
        ? `your last change started task ${id}; a timer started by mistake is taken back with: task cancel --comment TEXT`
        : status?.newValue === 'completed' || status?.newValue === 'declined'
          ? `your last change closed task ${id}; revive it with: task reopen ${id} --comment TEXT`
          : status || fields.has('mark')
            ? `your last change moved task ${id} from ${status?.oldValue ?? 'its state'} to ${status?.newValue ?? 'a rating'}; a status is changed by its own command (task return, task reopen, task pause)`
            : null;
  if (way) throw new UsageError(`cannot undo: ${way}`);
}

const list = (text: string | null) => (text ? text.split(',').filter(Boolean) : []);

/** The edit that sets each field of the group back to its old value. */
function changesBack(ctx: CoreContext, id: number, group: readonly HistoryEntry[]): TaskChanges {
  const task = requireTask(ctx.store, id);
  const changes: TaskChanges = {};
  for (const row of group) {
    const old = row.oldValue;
    switch (row.field) {
      case 'title':
        changes.title = old ?? task.title;
        break;
      case 'project':
        changes.project = old;
        break;
      case 'kind':
      case 'part':
        // Parts of the title: the old title carries them back.
        break;
      case 'deadline':
        changes.deadline = old === null ? null : deadlineFrom(old);
        break;
      case 'deadlineHard':
        changes.hard = old === 'true';
        break;
      case 'plannedMinutes':
        changes.plannedMinutes = old === null ? null : Number(old);
        break;
      case 'priority':
        if (!PRIORITIES.includes(old as Priority))
          throw new UsageError(`cannot undo: priority "${old}" is not one regula knows`);
        changes.priority = old as Priority;
        break;
      case 'timeTracking':
        changes.timeTracking = old === 'true';
        break;
      case 'acceptRequired':
        changes.acceptRequired = old === 'true';
        break;
      case 'management':
        changes.management = old === 'true';
        break;
      case 'review':
        changes.review = old === 'true';
        break;
      case 'director':
      case 'responsible':
        if (old === null) throw new UsageError(`cannot undo: task ${id} had no ${row.field} before`);
        changes[row.field] = old;
        break;
      case 'parentId':
        changes.parentId = old === null ? null : Number(old);
        break;
      case 'description':
        changes.description = old;
        break;
      case 'tags':
        Object.assign(changes, listBack(task.tags, list(old), 'addTags', 'removeTags'));
        break;
      case 'observers':
        Object.assign(
          changes,
          listBack(ctx.store.observersOf(id), list(old), 'addObservers', 'removeObservers'),
        );
        break;
      case 'crm': {
        const current = ctx.store.crmLinksOf(id).map((l) => `${l.kind}:${l.ref}`);
        const back = listBack(current, list(old), 'add', 'remove');
        if (back.add) changes.addCrm = back.add.map(crmFrom);
        if (back.remove) changes.removeCrm = back.remove.map(crmFrom);
        break;
      }
      case 'depends': {
        const current = ctx.store.linksOf(id).map((l) => String(l.otherId));
        const back = listBack(current, list(old), 'add', 'remove');
        if (back.add) changes.addDepends = back.add.map(Number);
        if (back.remove) changes.removeDepends = back.remove.map(Number);
        break;
      }
      default:
        throw new UsageError(`cannot undo a change of ${row.field}; see task history ${id}`);
    }
  }
  return changes;
}

/** An instant from history; an all-day deadline is stored as the last millisecond of its day. */
function deadlineFrom(iso: string): { at: Date; allDay: boolean } {
  const at = new Date(iso);
  return { at, allDay: endOfLocalDay(at).getTime() === at.getTime() };
}

function crmFrom(text: string): CrmLink {
  const [kind, ...ref] = text.split(':');
  if (!CRM_KINDS.includes(kind as CrmLink['kind']))
    throw new UsageError(`cannot undo: "${text}" is not a CRM link`);
  return { kind: kind as CrmLink['kind'], ref: ref.join(':') };
}

/** What to add and remove so `current` becomes `wanted`. */
function listBack<A extends string, R extends string>(
  current: readonly string[],
  wanted: readonly string[],
  addKey: A,
  removeKey: R,
): Partial<Record<A | R, string[]>> {
  const add = wanted.filter((v) => !current.includes(v));
  const remove = current.filter((v) => !wanted.includes(v));
  return {
    ...(add.length ? { [addKey]: add } : {}),
    ...(remove.length ? { [removeKey]: remove } : {}),
  } as Partial<Record<A | R, string[]>>;
}
