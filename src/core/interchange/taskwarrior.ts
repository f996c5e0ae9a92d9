import { createHash, hash as digest } from 'node:crypto';
import type { CoreContext } from '../context.js';
import { diffTask } from '../history.js';
import { isoDuration, MAX_PLANNED_MINUTES, parseTaskwarriorDuration } from '../duration.js';
import { visibleTo } from '../rules/visibility.js';
import { dependencyPath } from '../dependencies.js';
import { UsageError } from '../errors.js';
import { firstCircle } from './checks.js';
import { endOfLocalDay, localDayKey, startOfLocalDay } from '../local-time.js';
import type { TaskwarriorTask } from '../../schemas/import.js';
import type { TemplateFields } from '../store.js';
import { ensureProject, normaliseTags, titleColumns } from '../tasks.js';
import { isValidProjectName, parseTitle, renderTitle, type TitleParts } from '../title.js';
import type { Priority, Task } from '../types.js';
import { type ImportedColumns, newTaskFields, pulledIfWorked, writeImportedTask } from './imported-task.js';
import { fingerprintOf, runImport, type ImportSummary, type ImportTally } from './summary.js';

const SOURCE = 'taskwarrior';
const PRIORITY: Record<string, Priority> = { H: 'high', M: 'medium', L: 'low' };

/** Taskwarrior keeps a date-only due as local midnight; regula reads that as a whole-day deadline. */
function deadlineOf(due: Date | undefined): { deadline: Date | null; deadlineAllDay: boolean } {
  if (!due) return { deadline: null, deadlineAllDay: false };
  if (due.getHours() === 0 && due.getMinutes() === 0 && due.getSeconds() === 0)
    return { deadline: endOfLocalDay(due), deadlineAllDay: true };
  return { deadline: due, deadlineAllDay: false };
}

/** R6: the description is parsed as a title; Taskwarrior's project fills in a missing prefix. */
function titleOf(record: TaskwarriorTask): TitleParts {
  const parts = parseTitle(record.description);
  const project = record.project?.trim();
  if (project && isValidProjectName(project)) {
    if (parts.project === null) parts.project = project;
    else if (parts.project.toLowerCase() !== project.toLowerCase()) {
      // "Call: Ivan" in project Sales: keep the whole description as the text of a Sales task.
      return {
        project,
        kind: 'ordinary',
        generalLevel: 0,
        internalProject: false,
        part: null,
        text: record.description.trim(),
      };
    }
  }
  parts.internalProject = parts.kind === 'general' && parts.project !== null;
  return parts;
}

function statusOf(record: TaskwarriorTask, now: Date): Task['status'] {
  if (record.status === 'completed') return 'completed';
  if (record.status === 'deleted') return 'declined';
  if (record.status === 'waiting' || (record.wait && record.wait > now)) return 'deferred';
  return record.start ? 'in_progress' : 'new';
}

function dependsOf(record: TaskwarriorTask): string[] {
  if (!record.depends) return [];
  return Array.isArray(record.depends) ? record.depends : record.depends.split(',').filter(Boolean);
}

/** Taskwarrior recurrence periods regula's templates can express (R19). */
function scheduleOf(recur: string, due: Date | undefined): string | null {
  const text = recur.trim().toLowerCase();
  const weekday = due ? (['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][due.getDay()] ?? null) : null;
  if (['daily', 'day', '1d'].includes(text)) return 'day';
  if (['weekdays'].includes(text)) return 'weekday';
  if (['weekly', 'week', '1w', '7d'].includes(text)) return weekday;
  if (['biweekly', 'fortnight', '2w', '14d'].includes(text)) return '2w';
  if (['monthly', 'month', '1mo'].includes(text)) return due ? `month:${due.getDate()}` : null;
  const days = /^(\d{1,3})(d|days?)$/.exec(text);
  if (days) return `${days[1]}d`;
  const weeks = /^(\d{1,2})(w|wks?|weeks?)$/.exec(text);
  if (weeks) return `${weeks[1]}w`;
  return null;
}

/**
 * `task import --from taskwarrior`: Taskwarrior's `task export` JSON. The uuid is kept as an external id,
 * so importing the same file twice changes nothing; a record changed at the source updates the task.
 */
export function importTaskwarrior(
  context: CoreContext,
  records: readonly TaskwarriorTask[],
  dryRun: boolean,
): ImportSummary {
  const circle = firstCircle(new Map(records.map((r) => [r.uuid, dependsOf(r)])));
  if (circle)
    throw new UsageError(
      `task ${circle[0]}: field "depends": a circle - ${circle.join(' depends on ')}; a task cannot wait for itself`,
    );
  assertEstimatesPlausible(records);
  return runImport(context, SOURCE, dryRun, (tally, ctx) => {
    const { store } = ctx;
    const recurring = records.filter((r) => r.status === 'recurring');
    const own = ownTasks(ctx, records);
    const projectNamed = projectsByName(ctx);
    // The records imported before, read once: a record never imported is not looked up at all.
    const imported = new Set(store.externalIdsOf(SOURCE, 'task').values());
    for (const record of records.filter((r) => r.status !== 'recurring'))
      importOne(ctx, record, tally, { own, imported }, projectNamed);
    for (const record of recurring) importRecurring(ctx, record, records, tally);
    for (const record of records) {
      const depends = dependsOf(record);
      if (depends.length === 0) continue;
      const from = store.findExternal(SOURCE, 'task', record.uuid);
      for (const uuid of depends) {
        const to = store.findExternal(SOURCE, 'task', uuid);
        if (!from || !to) {
          if (from) tally.skip(`task ${record.uuid}`, `depends on ${uuid}, which is not in the file`);
          continue;
        }
        if (!store.linksOf(from.localId).some((l) => l.otherId === to.localId)) {
          const path = dependencyPath(store, to.localId, from.localId);
          if (path)
            throw new UsageError(
              `task ${record.uuid}: field "depends": ${uuid} would close a circle with the tasks here (task ${path.join(' depends on task ')}); a task cannot wait for itself`,
            );
          store.addLink(from.localId, to.localId, 'depends');
          tally.created('links');
        }
      }
    }
  });
}

/**
 * The tasks of this database by the uuid `export --format taskwarrior` gave them (uuidFor), for the records
 * of a file that came from here: reading regula's own export back finds its tasks instead of copying
 * them (issue 21). Built only when the file holds such a uuid (version 5; Taskwarrior's own are version 4).
 */
function ownTasks(ctx: CoreContext, records: readonly TaskwarriorTask[]): Map<string, number> {
  const own = new Map<string, number>();
  if (!records.some((r) => r.uuid[14] === '5')) return own;
  const instance = ctx.store.instanceId();
  for (const id of ctx.store.findTaskIds({ includeDeleted: true })) own.set(uuidFor(instance, id), id);
  return own;
}

/** How `export --format taskwarrior` writes a task's status. */
function exportedStatus(task: Task): 'pending' | 'completed' | 'deleted' {
  return task.deletedAt !== null || task.status === 'declined'
    ? 'deleted'
    : task.status === 'completed'
      ? 'completed'
      : 'pending';
}

/**
 * The task as the record says it should be. Only what Taskwarrior holds is taken from it: the fields it
 * has no word for (hard deadline, acceptance, management, time tracking, the description, the rating)
 * stay as they are here, and so do the status and its dates when the record's status is what regula's
 * own export writes for the task now (Taskwarrior's "pending" is new, pending, in progress or deferred).
 */
function updatedFrom(
  existing: Task,
  fields: ImportedColumns,
  record: TaskwarriorTask,
  project: string | null,
  tags: string[],
): Task {
  const sameStatus =
    record.status === exportedStatus(existing) &&
    Boolean(record.start) === (existing.status === 'in_progress');
  const {
    deadlineHard: _hard,
    acceptRequired: _accept,
    management: _management,
    review: _review,
    timeTracking: _tracking,
    description: _description,
    ...owned
  } = fields;
  return {
    ...existing,
    ...owned,
    ...(sameStatus
      ? { status: existing.status, closedAt: existing.closedAt, deletedAt: existing.deletedAt }
      : {}),
    project,
    tags,
    // A planned time is kept unless the record carries one (regula's own export, read back).
    plannedMinutes: fields.plannedMinutes ?? existing.plannedMinutes,
  };
}

/** Nothing Taskwarrior holds differs between the task and the record (regula's own export read back unchanged). */
function sameTask(before: Task, after: Task, actorId: number, now: Date): boolean {
  const same = (a: Date | null, b: Date | null) => a?.getTime() === b?.getTime();
  return (
    diffTask(before, after, actorId, now).length === 0 &&
    same(before.closedAt, after.closedAt) &&
    same(before.deletedAt, after.deletedAt)
  );
}

/**
 * An estimate is a planned time (R8): one that reads as a duration but is more than `--plan` accepts (a
 * number of seconds like 1e30, PT99999999H) is refused naming the record, never stored (issue 21: a plan
 * of 1.67e28 minutes). One that is no duration at all stays ignored - the UDA may mean something else.
 */
function assertEstimatesPlausible(records: readonly TaskwarriorTask[]): void {
  records.forEach((record, index) => {
    if (record.estimate === undefined) return;
    const minutes = parseTaskwarriorDuration(record.estimate);
    if (minutes !== null && !(Number.isSafeInteger(minutes) && minutes <= MAX_PLANNED_MINUTES)) {
      throw new UsageError(
        `task ${index + 1} (uuid ${record.uuid}): field "estimate": ${JSON.stringify(record.estimate)} is more than ${MAX_PLANNED_MINUTES / 60} hours of planned time; fix the record or leave it out`,
      );
    }
  });
}

/** The project of a name, made when missing (ensureProject), looked up once per name in an import. */
function projectsByName(ctx: CoreContext): (name: string | null) => { id: number; name: string } | null {
  const known = new Map<string, { id: number; name: string } | null>();
  return (name) => {
    if (name === null) return null;
    let project = known.get(name);
    if (project === undefined) {
      project = ensureProject(ctx.store, name, ctx.now);
      known.set(name, project);
    }
    return project;
  };
}

/** What an import knows of its records' tasks here: regula's own (by their export uuid), and the uuids imported before. */
interface KnownTasks {
  own: ReadonlyMap<string, number>;
  /** Grows as the import writes: a uuid twice in one file finds its first record's task. */
  imported: Set<string>;
}

function importOne(
  ctx: CoreContext,
  record: TaskwarriorTask,
  tally: ImportTally,
  { own, imported }: KnownTasks,
  projectNamed: (name: string | null) => { id: number; name: string } | null,
): void {
  const { store, actor, now } = ctx;
  const label = `task ${record.uuid} "${record.description.slice(0, 40)}"`;
  if (record.description.trim() === '') return tally.skip(label, 'the description is empty');
  const fingerprint = fingerprintOf(record);
  const ownId = own.get(record.uuid);
  const known =
    (imported.has(record.uuid) ? store.findExternal(SOURCE, 'task', record.uuid) : undefined) ??
    (ownId !== undefined ? { localId: ownId, fingerprint: null } : undefined);
  if (known?.fingerprint === fingerprint) return tally.skip(label, 'unchanged since the last import');

  const status = statusOf(record, now);
  const parts = pulledIfWorked(titleOf(record), status);
  const project = projectNamed(parts.project);
  const closedAt =
    status === 'completed' || status === 'declined' ? (record.end ?? record.modified ?? record.entry) : null;
  const title = titleColumns(parts, project);
  const due = deadlineOf(record.due);
  // Every column written out, no spread: V8 copies a spread object and then adds each further property
  // the slow way - ~40 microseconds for a task's columns, a tenth of a 10,000-task import (issue 22).
  const fields: ImportedColumns = {
    title: title.title,
    projectId: title.projectId,
    kind: title.kind,
    generalLevel: title.generalLevel,
    internalProject: title.internalProject,
    part: title.part,
    text: title.text,
    status,
    priority: PRIORITY[record.priority ?? ''] ?? 'medium',
    deadline: due.deadline,
    deadlineAllDay: due.deadlineAllDay,
    deadlineHard: false,
    plannedMinutes: record.estimate !== undefined ? parseTaskwarriorDuration(record.estimate) : null,
    timeTracking: parts.kind !== 'general',
    acceptRequired: false,
    description: null,
    management: false,
    review: false,
    updatedAt: record.modified ?? record.entry,
    closedAt,
    // Deleted in Taskwarrior: kept, but hidden like a task deleted here.
    deletedAt: record.status === 'deleted' ? closedAt : null,
  };
  const tags = normaliseTags((record.tags ?? []).filter((t) => !/[\s,]/.test(t)));
  const existing = known ? store.getTask(known.localId) : undefined;
  if (
    existing &&
    ownId !== undefined &&
    known?.fingerprint === null &&
    sameTask(existing, updatedFrom(existing, fields, record, project?.name ?? null, tags), actor.id, now)
  ) {
    store.setExternal(SOURCE, 'task', record.uuid, existing.id, fingerprint);
    imported.add(record.uuid);
    importAnnotations(ctx, record, existing.id, tally);
    return tally.skip(label, 'unchanged: exported from this database');
  }
  const taskId = writeImportedTask(ctx, tally, {
    existing,
    update: (task) => updatedFrom(task, fields, record, project?.name ?? null, tags),
    fields: newTaskFields(fields, record.entry, actor.id),
    tags,
    source: 'Taskwarrior',
    recordId: record.uuid,
  });
  store.setExternal(SOURCE, 'task', record.uuid, taskId, fingerprint);
  imported.add(record.uuid);
  importAnnotations(ctx, record, taskId, tally, known === undefined);
  // Taskwarrior's "scheduled" is the day the work is planned for: it goes into that day's plan (R34).
  if (record.scheduled && status !== 'completed' && status !== 'declined') {
    store.setPlanItem(actor.id, localDayKey(record.scheduled), taskId, 'added', now);
  }
}

/**
 * Annotations become comments, once: one imported before is known by its key, and one that is a comment
 * of the task already (regula's own export read back: the same second and text) is that comment.
 */
function importAnnotations(
  ctx: CoreContext,
  record: TaskwarriorTask,
  taskId: number,
  tally: ImportTally,
  newTask = false,
): void {
  const { store, actor } = ctx;
  const annotations = record.annotations ?? [];
  if (annotations.length === 0) return;
  const second = (at: Date) => Math.floor(at.getTime() / 1000);
  // A task this import just made has no comments yet, and none of its annotations was imported before
  // (their keys start with the record's uuid, which no earlier import knew): nothing to look up.
  const here = newTask
    ? new Set<string>()
    : new Set(
        store
          .commentsOf(taskId)
          .map((c) => `${second(c.createdAt)}/${c.kind === 'comment' ? c.body : `${c.kind}: ${c.body}`}`),
      );
  const seen = new Set<string>();
  for (const annotation of annotations) {
    const key = `${record.uuid}/${annotation.entry.toISOString()}/${hash(annotation.description)}`;
    const known = newTask ? seen.has(key) : store.findExternal(SOURCE, 'annotation', key) !== undefined;
    seen.add(key);
    if (known || here.has(`${second(annotation.entry)}/${annotation.description}`)) continue;
    const commentId = store.insertComment({
      taskId,
      authorId: actor.id,
      kind: 'comment',
      body: annotation.description,
      replyToId: null,
      createdAt: annotation.entry,
    });
    store.setExternal(SOURCE, 'annotation', key, commentId, null);
    tally.created('comments');
  }
}

/** A recurring parent becomes a template (R19); the instances Taskwarrior already made count as its occurrences. */
function importRecurring(
  ctx: CoreContext,
  record: TaskwarriorTask,
  all: readonly TaskwarriorTask[],
  tally: ImportTally,
): void {
  const { store, actor, now } = ctx;
  const label = `recurring task ${record.uuid} "${record.description.slice(0, 40)}"`;
  if (store.findExternal(SOURCE, 'template', record.uuid))
    return tally.skip(label, 'unchanged since the last import');
  const schedule = record.recur ? scheduleOf(record.recur, record.due) : null;
  if (!schedule)
    return tally.skip(
      label,
      `the recurrence "${record.recur ?? ''}" has no regula schedule; its instances were imported as tasks`,
    );
  const parts = titleOf(record);
  const fields: TemplateFields = {
    title: renderTitle(parts),
    project: null,
    tags: normaliseTags((record.tags ?? []).filter((t) => !/[\s,]/.test(t))),
    priority: PRIORITY[record.priority ?? ''] ?? 'medium',
    plannedMinutes: null,
    description: null,
    schedule,
    deadlineOffsetDays: 0,
    startDay: localDayKey(record.due ?? record.entry),
    responsibleId: actor.id,
    directorId: actor.id,
    paused: record.until !== undefined && record.until < now,
    management: false,
    review: false,
    createdAt: record.entry,
    updatedAt: now,
  };
  const templateId = store.insertTemplate(fields);
  store.setExternal(SOURCE, 'template', record.uuid, templateId, fingerprintOf(record));
  tally.created('templates');
  for (const instance of all.filter((r) => r.parent === record.uuid && r.due)) {
    const local = store.findExternal(SOURCE, 'task', instance.uuid);
    if (local)
      store.insertOccurrence(templateId, localDayKey(startOfLocalDay(instance.due!)), local.localId, now);
  }
}

function hash(text: string): string {
  // The one-shot digest: the same hex as createHash, about twice as fast for an annotation's text.
  return digest('sha1', text, 'hex').slice(0, 12);
}

/** A stable UUID for a task that did not come from Taskwarrior: derived from the database's id and the task id. */
export function uuidFor(instanceId: string, taskId: number): string {
  const hex = createHash('sha1').update(`regula:${instanceId}:${taskId}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function twTime(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** `task export --format taskwarrior`: JSON that Taskwarrior's `task import` accepts. */
export function exportTaskwarrior(ctx: CoreContext): Record<string, unknown>[] {
  const { store } = ctx;
  return store.read(() => {
    const instance = store.instanceId();
    const known = store.externalIdsOf(SOURCE, 'task');
    const tasks = store.findTasks({ includeDeleted: true, order: 'created', visibleTo: visibleTo(ctx) });
    const uuidOf = (id: number) => known.get(id) ?? uuidFor(instance, id);
    // R4: a dependency on a task the actor may not see is left out with that task.
    const exported = new Set(tasks.map((task) => task.id));
    const links = store.allLinks().filter((link) => exported.has(link.otherId));
    return tasks.map((task) => {
      const status =
        task.deletedAt !== null || task.status === 'declined'
          ? 'deleted'
          : task.status === 'completed'
            ? 'completed'
            : 'pending';
      const due = task.deadline
        ? task.deadlineAllDay
          ? startOfLocalDay(task.deadline)
          : task.deadline
        : null;
      const comments = store.commentsOf(task.id);
      const depends = links.filter((l) => l.taskId === task.id).map((l) => uuidOf(l.otherId));
      return {
        uuid: uuidOf(task.id),
        description: task.title,
        status,
        entry: twTime(task.createdAt),
        modified: twTime(task.updatedAt),
        ...(status !== 'pending' ? { end: twTime(task.closedAt ?? task.deletedAt ?? task.updatedAt) } : {}),
        ...(due ? { due: twTime(due) } : {}),
        ...(task.project ? { project: task.project } : {}),
        ...(task.priority !== 'medium'
          ? { priority: task.priority === 'high' ? 'H' : 'L' }
          : { priority: 'M' }),
        ...(task.tags.length ? { tags: task.tags } : {}),
        // The planned time as a duration UDA (uda.estimate.type=duration), read back by our import.
        ...(task.plannedMinutes !== null ? { estimate: isoDuration(task.plannedMinutes) } : {}),
        ...(task.status === 'in_progress' ? { start: twTime(task.updatedAt) } : {}),
        ...(comments.length
          ? {
              annotations: comments.map((c) => ({
                entry: twTime(c.createdAt),
                description: c.kind === 'comment' ? c.body : `${c.kind}: ${c.body}`,
              })),
            }
          : {}),
        ...(depends.length ? { depends } : {}),
      };
    });
  });
}
