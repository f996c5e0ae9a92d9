import type { CoreContext } from '../context.js';
import { RuleError } from '../errors.js';
import { diffTask, historyRow } from '../history.js';
import { checkKindChange, movesLater, stecDefaults } from '../rules/index.js';
import { renderTitle, type TitleParts } from '../title.js';
import { partsOf, saveTask } from '../tasks.js';
import type { Task, TaskFields } from '../types.js';
import type { ImportTally } from './summary.js';

export interface ImportedTask {
  /** The task an earlier import of the same record made, if any. */
  existing: Task | undefined;
  /** The existing task as the record now says it should be (fields the import does not own kept). */
  update: (existing: Task) => Task;
  /** The columns of a new task. */
  fields: TaskFields;
  tags: string[];
  /** "Taskwarrior", "Bitrix24": named in the history rows. */
  source: string;
  /** The record's id in the other tool, for the history of a new task. */
  recordId: string;
}

/**
 * Writes one imported task: updates the task an earlier import made (a history row for every field that
 * changed, R36) or inserts a new one (a "created" row naming the record). Returns the task's id.
 */
export function writeImportedTask(ctx: CoreContext, tally: ImportTally, imported: ImportedTask): number {
  const { store, actor, now } = ctx;
  const { existing } = imported;
  if (existing) {
    const after = keepHardDeadline(
      existing,
      keepKindPerR16(ctx, existing, backlogItemAsAdded(imported.update(existing), now), tally, imported),
      tally,
      imported,
    );
    const rows = diffTask(existing, after, actor.id, now, `imported from ${imported.source}`);
    saveTask(store, existing, after, now);
    store.insertHistory(rows);
    tally.updated('tasks');
    return existing.id;
  }
  const fields = backlogItemAsAdded(imported.fields, now);
  const taskId = store.insertTask(fields);
  if (imported.tags.length) store.setTags(taskId, imported.tags);
  store.insertHistory([
    historyRow(
      taskId,
      actor.id,
      now,
      'created',
      null,
      fields.title,
      `imported from ${imported.source} ${imported.recordId}`,
    ),
  ]);
  tally.created('tasks');
  return taskId;
}

/** The columns an imported record sets; the others are the importer's (newTaskFields) or stay as they are on a re-import. */
export type ImportedColumns = Omit<
  TaskFields,
  'createdAt' | 'directorId' | 'responsibleId' | 'seenAt' | 'previousPartId' | 'parentId' | 'mark'
>;

/**
 * A new task of the record's columns, the importer its director and responsible. Every column written out,
 * no spread: V8 copies a spread object and then adds each further property the slow way (~40 microseconds
 * for a task's columns, a tenth of a 10,000-task import; issue 22).
 */
export function newTaskFields(columns: ImportedColumns, entry: Date, actorId: number): TaskFields {
  const c = columns;
  return {
    title: c.title,
    projectId: c.projectId,
    kind: c.kind,
    generalLevel: c.generalLevel,
    internalProject: c.internalProject,
    part: c.part,
    text: c.text,
    status: c.status,
    priority: c.priority,
    deadline: c.deadline,
    deadlineAllDay: c.deadlineAllDay,
    deadlineHard: c.deadlineHard,
    plannedMinutes: c.plannedMinutes,
    timeTracking: c.timeTracking,
    acceptRequired: c.acceptRequired,
    description: c.description,
    management: c.management,
    review: c.review,
    updatedAt: c.updatedAt,
    closedAt: c.closedAt,
    deletedAt: c.deletedAt,
    createdAt: entry,
    directorId: actorId,
    responsibleId: actorId,
    seenAt: entry,
    previousPartId: null,
    parentId: null,
    mark: null,
  };
}

const WORKED: readonly Task['status'][] = ['in_progress', 'awaiting_control', 'completed'];

/**
 * R12, R14: a `STEC:` record the other tool shows worked or closed was pulled out of the backlog there (a
 * backlog item is not worked): it comes without the marker. Call on the title's parts before the columns.
 */
export function pulledIfWorked(parts: TitleParts, status: Task['status']): TitleParts {
  return parts.kind === 'stec' && WORKED.includes(status) ? { ...parts, kind: 'ordinary' } : parts;
}

/**
 * R12: an imported backlog item is the one `task add "STEC: ..."` makes - due a year away when the record
 * names no due date (its priority is the record's, medium by default, as for add).
 */
export function backlogItemAsAdded<T extends Pick<TaskFields, 'kind' | 'deadline' | 'deadlineAllDay'>>(
  fields: T,
  now: Date,
): T {
  if (fields.kind !== 'stec' || fields.deadline !== null) return fields;
  return { ...fields, deadline: stecDefaults(now).deadline, deadlineAllDay: true };
}

/**
 * R16: a re-import does not turn a compound task with steps into an ordinary one, nor a task with tracked
 * time into a compound one (the rule `edit` asks, `checkKindChange`); the task keeps what it is, and the
 * summary says so.
 */
function keepKindPerR16(
  ctx: CoreContext,
  existing: Task,
  after: Task,
  tally: ImportTally,
  imported: ImportedTask,
): Task {
  if (after.kind === existing.kind) return after;
  const steps = ctx.store.findTasks({ parentId: existing.id }).length;
  try {
    // A running timer counts as tracked time.
    checkKindChange(existing, after.kind, {
      steps,
      trackedSeconds: existing.trackedSeconds + ctx.store.runningEntriesOnTask(existing.id).length,
    });
    return after;
  } catch (error) {
    if (!(error instanceof RuleError)) throw error;
    tally.warn(
      `${imported.source} ${imported.recordId}: ${error.message.replace(/;.*$/, '')}; it stays "${existing.title}"`,
    );
    const kept: Task = {
      ...after,
      kind: existing.kind,
      generalLevel: existing.generalLevel,
      internalProject: existing.kind === 'general' && after.project !== null,
      timeTracking: existing.timeTracking,
      plannedMinutes: existing.plannedMinutes,
    };
    return { ...kept, title: renderTitle(partsOf(kept)) };
  }
}

/** R12, R16: time does not go onto a backlog item or a compound task (only its steps track time). */
export function untrackedReason(task: Pick<Task, 'id' | 'kind'> | undefined): string | null {
  if (task?.kind === 'general') return `task ${task.id} is a compound task and tracks no time (R16)`;
  if (task?.kind === 'stec')
    return `task ${task.id} waits in the STEC backlog and tracks no time until pulled out (R12)`;
  return null;
}

/**
 * R10: a hard deadline set here is never postponed, by any path - the other tool knows no hard deadlines,
 * so a re-import keeps it hard and does not move it later (bringing it earlier is allowed); the summary
 * says so.
 */
function keepHardDeadline(existing: Task, after: Task, tally: ImportTally, imported: ImportedTask): Task {
  if (!existing.deadlineHard || existing.deadline === null) return after;
  if (!movesLater(existing.deadline, after.deadline)) return { ...after, deadlineHard: true };
  tally.warn(
    `R10: ${imported.source} ${imported.recordId}: task ${existing.id} has a hard deadline; the import does not move it later (its director does: task edit ${existing.id} --deadline DATE --force --reason "...")`,
  );
  return {
    ...after,
    deadline: existing.deadline,
    deadlineAllDay: existing.deadlineAllDay,
    deadlineHard: true,
  };
}
