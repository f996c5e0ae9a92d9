import { changeEachTask } from './batch.js';
import type { CoreContext } from './context.js';
import { UsageError } from './errors.js';
import { endOfLocalDay, formatLocalDateTime } from './local-time.js';
import { editTask, requireTask, type TaskChanges, type TaskOutcome } from './tasks.js';
import { CRM_KINDS, PRIORITIES, type CrmLink, type HistoryEntry, type Priority } from './types.js';

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

export function undoLastChange(ctx: CoreContext, override: { force?: boolean; reason?: string } = {}): UndoOutcome[] {
  const { store, actor } = ctx;
  return store.write(() => {
    const last = store.lastChangeBy(actor.id);
    // Undo takes back task edits only: when the person's last change was to tracked time, going back to an
    // older task edit would surprise them (Timewarrior's undo takes back the last command, whatever it was).
    const correction = store.lastEntryChangeBy(actor.id);
    if (correction && (!last || correction.at.getTime() >= last.at.getTime())) {
      throw new UsageError(
        `cannot undo: your last change corrected time entry ${correction.entryId} (at ${formatLocalDateTime(correction.at)}); undo takes back task edits only - see task time history ${correction.entryId} and correct it again with task time edit ${correction.entryId}`,
      );
    }
    if (!last) throw new UsageError('you have changed nothing yet; there is nothing to undo');
    const change = store.changeEndingWith(last);
    const taskIds = [...new Set(change.map((h) => h.taskId))];
    const rowsOf = (id: number) => change.filter((h) => h.taskId === id);
    for (const id of taskIds) {
      const later = store.historyOf(id).find((h) => h.field !== 'seen' && h.id > last.id);
      if (later) {
        throw new UsageError(`task ${id} was changed after your change (${later.field}, by ${later.actor} at ${formatLocalDateTime(later.at)}); see task history ${id} and change it with task edit`);
      }
      checkIsFieldEdit(id, rowsOf(id));
    }
    const reason = override.reason ?? `undo of the change at ${formatLocalDateTime(last.at)}`;
    // A command that changed several tasks (task 1-3 modify) is undone as a whole, in one transaction.
    return changeEachTask(ctx, taskIds, (id) => ({ ...editTask(ctx, id, { ...changesBack(ctx, id, rowsOf(id)), force: override.force, reason }), undone: rowsOf(id) }));
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
        if (!PRIORITIES.includes(old as Priority)) throw new UsageError(`cannot undo: priority "${old}" is not one regula knows`);
        changes.priority = old as Priority;
        break;
      case 'timeTracking':
        changes.timeTracking = old === 'true';
        break;
      case 'acceptRequired':
        changes.acceptRequired = old === 'true';
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
        Object.assign(changes, listBack(ctx.store.observersOf(id), list(old), 'addObservers', 'removeObservers'));
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
  if (!CRM_KINDS.includes(kind as CrmLink['kind'])) throw new UsageError(`cannot undo: "${text}" is not a CRM link`);
  return { kind: kind as CrmLink['kind'], ref: ref.join(':') };
}

/** What to add and remove so `current` becomes `wanted`. */
function listBack<A extends string, R extends string>(current: readonly string[], wanted: readonly string[], addKey: A, removeKey: R): Partial<Record<A | R, string[]>> {
  const add = wanted.filter((v) => !current.includes(v));
  const remove = current.filter((v) => !wanted.includes(v));
  return { ...(add.length ? { [addKey]: add } : {}), ...(remove.length ? { [removeKey]: remove } : {}) } as Partial<Record<A | R, string[]>>;
}
