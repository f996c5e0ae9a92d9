import type { CoreContext } from '../context.js';
import { historyRow } from '../history.js';
import { formatLocalDateTime } from '../local-time.js';
import { isOpen } from '../status.js';
import type { TimewarriorInterval } from '../../schemas/import.js';
import { ensureProject, normaliseTags, titleColumns, titlePartsFor } from '../tasks.js';
import type { TitleParts } from '../title.js';
import type { Task } from '../types.js';
import { fingerprintOf, runImport, type ImportSummary, type ImportTally } from './summary.js';

const SOURCE = 'timewarrior';

/**
 * `task import --from timewarrior`: `timew export` intervals become time entries of the acting user. An
 * interval belongs to the task whose id ("12", "#12") or title equals one of its tags or its annotation;
 * otherwise a task is made from the annotation (or the tags). An open interval becomes the running timer.
 */
export function importTimewarrior(ctx: CoreContext, intervals: readonly TimewarriorInterval[], dryRun: boolean): ImportSummary {
  return runImport(ctx, SOURCE, dryRun, (tally) => {
    // A tag may carry the whole title ("Sales: Call Ivan") or only its text ("Call Ivan").
    const byTitle = new Map<string, Task>();
    const remember = (key: string, task: Task) => {
      const known = byTitle.get(key);
      if (!known || (isOpen(task.status) && !isOpen(known.status))) byTitle.set(key, task);
    };
    const tasks = ctx.store.findTasks({});
    for (const task of tasks) remember(task.text.toLocaleLowerCase(), task);
    for (const task of tasks) remember(task.title.toLocaleLowerCase(), task);
    for (const interval of [...intervals].sort((a, b) => a.start.getTime() - b.start.getTime())) importInterval(ctx, interval, byTitle, tally);
  });
}

function importInterval(ctx: CoreContext, interval: TimewarriorInterval, byTitle: Map<string, Task>, tally: ImportTally): void {
  const { store, actor, now } = ctx;
  const tags = interval.tags ?? [];
  const label = `interval ${formatLocalDateTime(interval.start)}${tags.length ? ` [${tags.join(', ')}]` : ''}`;
  const key = `${actor.id}/${interval.start.toISOString()}`;
  const fingerprint = fingerprintOf(interval);
  const known = store.findExternal(SOURCE, 'entry', key);
  if (known) {
    if (known.fingerprint === fingerprint) return tally.skip(label, 'unchanged since the last import');
    const entry = store.getEntry(known.localId);
    if (entry && entry.endAt === null && interval.end) {
      // Stopped in Timewarrior since the last import.
      store.setEntryEnd(entry.id, interval.end, now);
      store.setExternal(SOURCE, 'entry', key, entry.id, fingerprint);
      return tally.updated('entries');
    }
    return tally.skip(label, 'already imported; changes to an imported interval are corrected with task time edit');
  }
  if (interval.end && interval.end <= interval.start) return tally.skip(label, 'it ends before it starts');

  const candidates = [interval.annotation, ...tags].filter((c): c is string => Boolean(c?.trim()));
  let task = matchTask(ctx, candidates, byTitle);
  if (!task) {
    const title = (interval.annotation?.trim() || tags.join(' ')).trim() || 'Imported time';
    task = createFor(ctx, title, tags.filter((t) => t !== interval.annotation), tally);
    byTitle.set(task.title.toLocaleLowerCase(), task);
  }
  if (task.responsibleId !== actor.id) return tally.skip(label, `task ${task.id} is ${task.responsible}'s; time is counted for its responsible only (R2)`);
  if (task.kind === 'general') return tally.skip(label, `task ${task.id} is a compound task and tracks no time (R16)`);
  const end = interval.end ?? null;
  const clash = store.entriesOfUserBetween(actor.id, interval.start, end ?? now).find((e) => e.startAt < (end ?? now) && (e.endAt ?? now) > interval.start);
  if (clash) return tally.skip(label, `overlaps entry ${clash.id} (task ${clash.taskId}); time is never counted twice`);
  if (!end && store.runningEntryOf(actor.id)) return tally.skip(label, 'an open interval, but a timer is already running (R21)');
  const comment = ['Imported from Timewarrior', interval.annotation, tags.length ? `tags: ${tags.join(', ')}` : null].filter(Boolean).join('; ');
  const entryId = store.insertEntry({
    taskId: task.id,
    userId: actor.id,
    startAt: interval.start,
    endAt: end,
    source: end ? 'import' : 'timer',
    comment,
    retroactive: false,
    reason: null,
    createdAt: now,
  });
  if (!end && task.status !== 'in_progress') store.updateTask(task.id, { status: 'in_progress', updatedAt: now });
  store.setExternal(SOURCE, 'entry', key, entryId, fingerprint);
  tally.created('entries');
}

function matchTask(ctx: CoreContext, candidates: readonly string[], byTitle: Map<string, Task>): Task | undefined {
  for (const candidate of candidates) {
    const id = /^#?(\d{1,9})$/.exec(candidate.trim());
    if (id) {
      const task = ctx.store.getTask(Number(id[1]));
      if (task && task.deletedAt === null) return task;
    }
    const byName = byTitle.get(candidate.trim().toLocaleLowerCase());
    if (byName) return byName;
  }
  return undefined;
}

/** R6 parts of a title made from tags or an annotation; anything unreadable stays plain text. */
export function titleFrom(title: string): TitleParts {
  try {
    return titlePartsFor(title, undefined);
  } catch {
    return { project: null, kind: 'ordinary', generalLevel: 0, internalProject: false, part: null, text: title };
  }
}

function createFor(ctx: CoreContext, title: string, tags: readonly string[], tally: ImportTally): Task {
  const { store, actor, now } = ctx;
  // Time was tracked on it, so it cannot be a compound task (R16).
  const read = titleFrom(title);
  const parts: TitleParts = read.kind === 'general' ? { ...read, kind: 'ordinary', generalLevel: 0, internalProject: false } : read;
  const project = ensureProject(store, parts.project, now);
  const columns = titleColumns(parts, project);
  const rendered = columns.title;
  const id = store.insertTask({
    ...columns,
    previousPartId: null,
    status: 'pending',
    priority: 'medium',
    deadline: null,
    deadlineAllDay: false,
    deadlineHard: false,
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
  store.insertHistory([historyRow(id, actor.id, now, 'created', null, rendered, 'imported from Timewarrior')]);
  tally.created('tasks');
  return store.getTask(id)!;
}
