import type { CoreContext } from '../context.js';
import { historyRow } from '../history.js';
import { isOpen } from '../status.js';
import { firstClash } from '../rules/index.js';
import { ensureProject, normaliseTags, setStatus, titleColumns, titlePartsFor } from '../tasks.js';
import type { TitleParts } from '../title.js';
import type { Task } from '../types.js';
import type { ImportTally } from './summary.js';
import { untrackedReason } from './imported-task.js';

/** A stretch of tracked time from another tool (a Timewarrior interval, a Watson frame), ready to import. */
export interface IncomingInterval {
  /** Stable across exports of the same data: re-importing changes nothing. */
  key: string;
  /** How the import summary names it (made only for the few it skips). */
  label: () => string;
  start: Date;
  /** null: still running there - it becomes the running timer. */
  end: Date | null;
  /**
   * What work it was, the same for every stretch of the same work (Timewarrior: the annotation, or the
   * tags; Watson: the project and tags): the task made or found for the first is found again for the next
   * and on a re-import, even when it was renamed since (issue 21: one task per interval before).
   */
  work: string;
  /** Task ids ("12", "#12") or titles the time may belong to, in order of preference. */
  candidates: string[];
  /** When none matches: the task made for it. */
  newTask: { title: string; tags: string[] };
  comment: string;
  /** Changes when the source record changes. */
  fingerprint: string;
}

/**
 * What one import knows as it goes: the acting user's tasks by lower-case title and title text (open ones
 * preferred) and by work, as found in this import; the keys of the stretches imported from this source
 * before (read once, not asked per stretch); and the latest end of the person's time so far.
 */
export interface TaskIndex {
  byTitle: Map<string, Task>;
  byWork: Map<string, Task>;
  importedKeys: Set<string>;
  /**
   * No entry of the person ends later (epoch ms; Infinity while a timer runs): a stretch starting at or
   * after it overlaps nothing, so the stretches of a history, taken in order, are checked without a
   * query each. Only stretches starting earlier ask the database.
   */
  latestEnd: number;
}

/** The index for importing `stretches` (taken in order of their start) from `source`. */
export function taskIndex(
  ctx: CoreContext,
  source: string,
  stretches: readonly { start: Date; end: Date | null }[],
): TaskIndex {
  const importedKeys = new Set(ctx.store.externalIdsOf(source, 'entry').values());
  return {
    byTitle: tasksByTitle(ctx),
    byWork: new Map(),
    importedKeys,
    latestEnd: latestEndAround(ctx, stretches),
  };
}

/** The latest end of the person's entries that reach into the stretches' span (the others overlap none of them). */
function latestEndAround(ctx: CoreContext, stretches: readonly { start: Date; end: Date | null }[]): number {
  if (stretches.length === 0) return -Infinity;
  let from = Infinity;
  let to = -Infinity;
  for (const { start, end } of stretches) {
    from = Math.min(from, start.getTime());
    to = Math.max(to, (end ?? ctx.now).getTime(), start.getTime());
  }
  const entries = ctx.store.entriesOfUserBetween(
    ctx.actor.id,
    new Date(from),
    new Date(Math.max(to, from + 1)),
  );
  return entries.reduce((latest, e) => Math.max(latest, e.endAt?.getTime() ?? Infinity), -Infinity);
}

function tasksByTitle(ctx: CoreContext): Map<string, Task> {
  const byTitle = new Map<string, Task>();
  const remember = (key: string, task: Task) => {
    const known = byTitle.get(key);
    if (!known || (isOpen(task.status) && !isOpen(known.status))) byTitle.set(key, task);
  };
  const tasks = ctx.store.findTasks({});
  // A name may carry the whole title ("Sales: Call Ivan") or only its text ("Call Ivan").
  for (const task of tasks) remember(task.text.toLocaleLowerCase(), task);
  for (const task of tasks) remember(task.title.toLocaleLowerCase(), task);
  return byTitle;
}

/**
 * One interval becomes a time entry of the acting user on the task it names (or a task made for it). It is
 * skipped, with the reason, when it was imported before, overlaps time already tracked (R21: time is never
 * counted twice), or would land on someone else's task (R2) or a compound task (R16).
 */
export function importInterval(
  ctx: CoreContext,
  source: { id: string; name: string },
  interval: IncomingInterval,
  index: TaskIndex,
  tally: ImportTally,
): void {
  const { store, actor, now } = ctx;
  const { label } = interval;
  const known = index.importedKeys.has(interval.key)
    ? store.findExternal(source.id, 'entry', interval.key)
    : undefined;
  if (known) {
    if (known.fingerprint === interval.fingerprint)
      return tally.skip(label(), 'unchanged since the last import');
    const entry = store.getEntry(known.localId);
    if (entry && entry.endAt === null && interval.end) {
      // Stopped in the other tool since the last import.
      store.setEntryEnd(entry.id, interval.end, now);
      store.setExternal(source.id, 'entry', interval.key, entry.id, interval.fingerprint);
      return tally.updated('entries');
    }
    return tally.skip(
      label(),
      'already imported; changes to imported time are corrected with task time edit',
    );
  }
  if (interval.end && interval.end <= interval.start) return tally.skip(label(), 'it ends before it starts');

  const workKey = `${actor.id}/${interval.work}`;
  const task = taskForWork(ctx, source, interval, workKey, index, tally);
  if (task.responsibleId !== actor.id)
    return tally.skip(
      label(),
      `task ${task.id} is ${task.responsible}'s; time is counted for its responsible only (R2)`,
    );
  const untracked = untrackedReason(task);
  if (untracked) return tally.skip(label(), untracked);
  const end = interval.end;
  const clash =
    interval.start.getTime() >= index.latestEnd
      ? undefined
      : firstClash(
          store.entriesOfUserBetween(actor.id, interval.start, end ?? now),
          interval.start,
          end ?? now,
          now,
        );
  if (clash)
    return tally.skip(
      label(),
      `overlaps entry ${clash.id} (task ${clash.taskId}); time is never counted twice`,
    );
  if (!end && store.runningEntryOf(actor.id))
    return tally.skip(label(), 'still running there, but a timer is already running here (R21)');
  const entryId = store.insertEntry({
    taskId: task.id,
    userId: actor.id,
    startAt: interval.start,
    endAt: end,
    source: end ? 'import' : 'timer',
    comment: interval.comment,
    retroactive: false,
    reason: null,
    createdAt: now,
  });
  if (!end && task.status !== 'in_progress')
    store.updateTask(task.id, { status: 'in_progress', updatedAt: now });
  else if (end && task.status === 'new') {
    // Work on it has begun. An earlier interval of this import may have moved it already (a status never
    // goes back to new): read it again before changing it.
    const current = store.getTask(task.id)!;
    if (current.status === 'new') index.byWork.set(workKey, setStatus(ctx, current, 'pending'));
  }
  store.setExternal(source.id, 'entry', interval.key, entryId, interval.fingerprint);
  index.importedKeys.add(interval.key);
  index.latestEnd = Math.max(index.latestEnd, end?.getTime() ?? Infinity);
  tally.created('entries');
}

/**
 * The task of the interval's work: the one an earlier interval of the same work went to (this import or
 * an earlier one, kept as an external id), else the one its candidates name, else a new one.
 */
function taskForWork(
  ctx: CoreContext,
  source: { id: string; name: string },
  interval: IncomingInterval,
  workKey: string,
  index: TaskIndex,
  tally: ImportTally,
): Task {
  const { store } = ctx;
  const seen = index.byWork.get(workKey);
  if (seen) return seen;
  const linked = store.findExternal(source.id, 'task', workKey);
  const earlier = linked ? store.getTask(linked.localId) : undefined;
  let task =
    earlier && earlier.deletedAt === null ? earlier : matchTask(ctx, interval.candidates, index.byTitle);
  if (!task) {
    task = createFor(ctx, source.name, interval.newTask.title, interval.newTask.tags, tally);
    index.byTitle.set(task.title.toLocaleLowerCase(), task);
  }
  if (task.id !== earlier?.id) store.setExternal(source.id, 'task', workKey, task.id, null);
  index.byWork.set(workKey, task);
  return task;
}

function matchTask(
  ctx: CoreContext,
  candidates: readonly string[],
  index: Map<string, Task>,
): Task | undefined {
  for (const candidate of candidates) {
    const id = /^#?(\d{1,9})$/.exec(candidate.trim());
    if (id) {
      const task = ctx.store.getTask(Number(id[1]));
      if (task && task.deletedAt === null) return task;
    }
    const byName = index.get(candidate.trim().toLocaleLowerCase());
    if (byName) return byName;
  }
  return undefined;
}

/** R6 parts of a title made from tags or an annotation; anything unreadable stays plain text. */
export function titleFrom(title: string): TitleParts {
  try {
    return titlePartsFor(title, undefined);
  } catch {
    return {
      project: null,
      kind: 'ordinary',
      generalLevel: 0,
      internalProject: false,
      part: null,
      text: title,
    };
  }
}

function createFor(
  ctx: CoreContext,
  sourceName: string,
  title: string,
  tags: readonly string[],
  tally: ImportTally,
): Task {
  const { store, actor, now } = ctx;
  // Time was tracked on it, so it is neither a compound task (R16) nor a backlog item (R12).
  const read = titleFrom(title);
  const parts: TitleParts =
    read.kind === 'general' || read.kind === 'stec'
      ? { ...read, kind: 'ordinary', generalLevel: 0, internalProject: false }
      : read;
  const project = ensureProject(store, parts.project, now);
  const columns = titleColumns(parts, project);
  const id = store.insertTask({
    ...columns,
    previousPartId: null,
    status: 'pending',
    priority: 'medium',
    deadline: null,
    deadlineAllDay: false,
    deadlineHard: false,
    management: false,
    review: false,
    plannedMinutes: null,
    timeTracking: true,
    acceptRequired: false,
    directorId: actor.id,
    responsibleId: actor.id,
    parentId: null,
    description: null,
    mark: null,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    seenAt: now,
    deletedAt: null,
  });
  const taskTags = normaliseTags(tags.filter((t) => !/[\s,]/.test(t) && t !== title));
  if (taskTags.length) store.setTags(id, taskTags);
  store.insertHistory([
    historyRow(id, actor.id, now, 'created', null, columns.title, `imported from ${sourceName}`),
  ]);
  tally.created('tasks');
  return store.getTask(id)!;
}
