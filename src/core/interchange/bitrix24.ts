import type { CoreContext } from '../context.js';
import { visibleTo } from '../rules/visibility.js';
import { UsageError } from '../errors.js';
import { assertTrackedTimeNotAhead, firstCircle } from './checks.js';
import { assertUserName, lookAlikeUser } from '../identity.js';
import { endOfLocalDay } from '../local-time.js';
import { firstClash } from '../rules/index.js';
import type { BitrixComment, BitrixElapsed, BitrixTask, BitrixUser } from '../../schemas/import.js';
import { ensureProject, normaliseTags, titleColumns } from '../tasks.js';
import type { Priority, Task, TaskFields, User } from '../types.js';
import { pulledIfWorked, untrackedReason, writeImportedTask } from './imported-task.js';
import { fingerprintOf, runImport, type ImportSummary, type ImportTally } from './summary.js';
import { titleFrom } from './intervals.js';

const SOURCE = 'bitrix24';
const STATUS: Record<number, Task['status']> = {
  1: 'new',
  2: 'pending',
  3: 'in_progress',
  4: 'awaiting_control',
  5: 'completed',
  6: 'deferred',
  7: 'declined',
};
const PRIORITY: Record<number, Priority> = { 0: 'low', 1: 'medium', 2: 'high' };

export interface BitrixData {
  tasks: BitrixTask[];
  elapsedItems: BitrixElapsed[];
  comments: BitrixComment[];
  users: BitrixUser[];
}

/**
 * `task import --from bitrix24`: tasks (tasks.task.list), time (task.elapseditem.getlist) and comments
 * (task.commentitem.getlist). People and projects (groups) are created by id and name; Bitrix24 ids are
 * kept as external ids, so a re-import changes only what changed there.
 */
export function importBitrix24(context: CoreContext, data: BitrixData, dryRun: boolean): ImportSummary {
  checkBitrixFile(data, context.now);
  return runImport(context, SOURCE, dryRun, (tally, ctx) => {
    const people = new PeopleMap(ctx, data, tally);
    for (const task of data.tasks) importTask(ctx, task, people, tally);
    for (const task of data.tasks) linkParent(ctx, task, tally);
    for (const item of [...data.elapsedItems].sort((a, b) => a.ID - b.ID))
      importElapsed(ctx, item, people, tally);
    for (const comment of [...data.comments].sort((a, b) => a.ID - b.ID))
      importComment(ctx, comment, people, tally);
  });
}

/** Refuses the whole file before anything is locked: tracked time ahead of now, a task inside its own subtask. */
function checkBitrixFile(data: BitrixData, now: Date): void {
  assertTrackedTimeNotAhead(
    data.elapsedItems.map((item) => ({
      record: `elapsed item ${item.ID}`,
      ...elapsedStretch(item),
      fields: { start: item.DATE_START ? 'DATE_START' : 'CREATED_DATE', end: 'SECONDS' },
    })),
    now,
  );
  const circle = firstCircle(new Map(data.tasks.map((t) => [t.id, t.parentId !== null ? [t.parentId] : []])));
  if (circle)
    throw new UsageError(
      `task ${circle[0]}: field "parentId": a circle - task ${circle.join(' is inside task ')}; a task cannot be inside itself`,
    );
}

/** When the work of an elapsed item happened: from DATE_START, or SECONDS before it was recorded. */
function elapsedStretch(item: BitrixElapsed): { start: Date; end: Date } {
  const start = item.DATE_START ?? new Date(item.CREATED_DATE.getTime() - item.SECONDS * 1000);
  return { start, end: new Date(start.getTime() + item.SECONDS * 1000) };
}

/**
 * Bitrix24 people become regula users, found again by their Bitrix24 id. A person already in regula -
 * one user whose full name (or login) is the Bitrix24 name, not yet linked to another Bitrix24 id - is
 * that user (a team adds its people first, then imports); anyone else is created.
 */
class PeopleMap {
  private readonly names = new Map<number, string>();
  constructor(
    private readonly ctx: CoreContext,
    data: BitrixData,
    private readonly tally: ImportTally,
  ) {
    for (const u of data.users)
      this.names.set(u.ID, [u.NAME, u.LAST_NAME].filter(Boolean).join(' ') || u.EMAIL || `user ${u.ID}`);
    for (const t of data.tasks) {
      if (t.responsible?.name) this.names.set(t.responsible.id, t.responsible.name);
      if (t.creator?.name) this.names.set(t.creator.id, t.creator.name);
    }
    for (const c of data.comments)
      if (c.AUTHOR_NAME && !this.names.has(c.AUTHOR_ID)) this.names.set(c.AUTHOR_ID, c.AUTHOR_NAME);
  }

  user(bitrixId: number): User {
    const { store, now } = this.ctx;
    const known = store.findExternal(SOURCE, 'user', String(bitrixId));
    const existing = known ? store.getUser(known.localId) : undefined;
    if (existing) return existing;
    const fullName = this.names.get(bitrixId) ?? null;
    const same = fullName ? this.unlinkedNamed(fullName, loginFrom(fullName, bitrixId)) : undefined;
    if (same) {
      store.setExternal(SOURCE, 'user', String(bitrixId), same.id, null);
      this.tally.warn(`Bitrix24 user ${bitrixId} "${fullName}" is the existing user ${same.name}`);
      return same;
    }
    const base = loginFrom(fullName, bitrixId);
    let name = base;
    for (let n = 2; store.findUserByName(name) || lookAlikeUser(store, name); n++) name = `${base}${n}`;
    const user = store.insertUser({
      name: assertUserName(name),
      fullName,
      role: 'employee',
      managerId: null,
      createdAt: now,
    });
    store.setExternal(SOURCE, 'user', String(bitrixId), user.id, null);
    this.tally.created('users');
    return user;
  }

  /** The one user of that full name or login who is not linked to a Bitrix24 id yet, if there is exactly one. */
  private unlinkedNamed(fullName: string, login: string): User | undefined {
    const { store } = this.ctx;
    const linked = new Set(store.externalIdsOf(SOURCE, 'user').keys());
    const wanted = fullName.trim().toLocaleLowerCase();
    const matches = store
      .listUsers()
      .filter(
        (u) =>
          !linked.has(u.id) && ((u.fullName ?? '').trim().toLocaleLowerCase() === wanted || u.name === login),
      );
    return matches.length === 1 ? matches[0] : undefined;
  }
}

/** "Иван Петров" -> "иван.петров": a login that --as accepts. */
function loginFrom(fullName: string | null, bitrixId: number): string {
  const slug = (fullName ?? '')
    .toLocaleLowerCase()
    .trim()
    .replace(/\s+/g, '.')
    .replace(/[^\p{L}\p{N}._@-]/gu, '')
    .slice(0, 48);
  return slug || `b24-${bitrixId}`;
}

function deadlineOf(deadline: Date | null): { deadline: Date | null; deadlineAllDay: boolean } {
  if (!deadline) return { deadline: null, deadlineAllDay: false };
  const wholeDay =
    (deadline.getHours() === 0 && deadline.getMinutes() === 0) ||
    (deadline.getHours() === 23 && deadline.getMinutes() === 59);
  return wholeDay
    ? {
        deadline: endOfLocalDay(deadline.getHours() === 0 ? new Date(deadline.getTime() - 1) : deadline),
        deadlineAllDay: true,
      }
    : { deadline, deadlineAllDay: false };
}

function importTask(ctx: CoreContext, record: BitrixTask, people: PeopleMap, tally: ImportTally): void {
  const { store, now, policy } = ctx;
  const label = `task ${record.id} "${record.title.slice(0, 40)}"`;
  const fingerprint = fingerprintOf(record);
  const known = store.findExternal(SOURCE, 'task', String(record.id));
  if (known?.fingerprint === fingerprint) return tally.skip(label, 'unchanged since the last import');

  const groupName = record.group?.name?.trim() || (record.groupId ? `Group ${record.groupId}` : null);
  // R6: a Bitrix24 project (group) becomes the title's project prefix.
  const status = STATUS[record.status]!;
  const parts = pulledIfWorked(
    titleFrom(
      groupName && !/^[^:]{1,60}: /.test(record.title)
        ? `${groupName.replace(/:/g, ' ')}: ${record.title}`
        : record.title,
    ),
    status,
  );
  const project = ensureProject(store, parts.project, now);
  const responsible = people.user(record.responsibleId);
  const director = people.user(record.createdBy);
  const closed = status === 'completed' || status === 'declined';
  const created = record.createdDate ?? now;
  const fields: TaskFields = {
    ...titleColumns(parts, project),
    previousPartId: null,
    status,
    priority: PRIORITY[record.priority ?? 1] ?? 'medium',
    ...deadlineOf(record.deadline),
    deadlineHard: false,
    plannedMinutes: record.timeEstimate ? Math.round(record.timeEstimate / 60) : null,
    timeTracking: parts.kind === 'general' ? false : record.allowTimeTracking,
    acceptRequired: record.taskControl,
    management: false,
    review: false,
    directorId: director.id,
    responsibleId: responsible.id,
    parentId: null,
    description: record.description?.trim() ? record.description : null,
    mark: record.mark === 'P' ? 'positive' : record.mark === 'N' ? 'negative' : null,
    createdAt: created,
    updatedAt: record.changedDate ?? created,
    closedAt: closed ? (record.closedDate ?? record.changedDate ?? created) : null,
    seenAt: created,
    deletedAt: null,
  };
  const tags = normaliseTags(
    (record.tags ?? [])
      .map((t) => (typeof t === 'string' ? t : t.title))
      .map((t) => t.replace(/[\s,]+/g, '_')),
  );
  const taskId = writeImportedTask(ctx, tally, {
    existing: known ? store.getTask(known.localId) : undefined,
    // The parent is linked after every task is in (linkParent); creation stays as first imported.
    update: (existing) => ({
      ...existing,
      ...fields,
      parentId: existing.parentId,
      createdAt: existing.createdAt,
      project: project?.name ?? null,
      director: director.name,
      responsible: responsible.name,
      tags,
    }),
    fields,
    tags,
    source: 'Bitrix24',
    recordId: `task ${record.id}`,
  });
  store.setExternal(SOURCE, 'task', String(record.id), taskId, fingerprint);
  for (const auditor of record.auditors ?? []) store.addObserver(taskId, people.user(auditor).id);
  const accomplices = record.accomplices ?? [];
  if (accomplices.length && policy.allowCoExecutors)
    for (const a of accomplices) store.addCoExecutor(taskId, people.user(a).id);
  else if (accomplices.length)
    tally.warn(
      `R2: co-executors of ${accomplices.length > 1 ? 'some tasks' : 'a task'} were not imported (co-executors are forbidden; allowCoExecutors is off) - first: task ${record.id}`,
    );
}

function linkParent(ctx: CoreContext, record: BitrixTask, tally: ImportTally): void {
  if (!record.parentId) return;
  const { store, now } = ctx;
  const child = store.findExternal(SOURCE, 'task', String(record.id));
  const parent = store.findExternal(SOURCE, 'task', String(record.parentId));
  if (!child) return;
  if (!parent)
    return tally.skip(`task ${record.id}`, `its parent task ${record.parentId} is not in the file`);
  const task = store.getTask(child.localId);
  if (task && task.parentId !== parent.localId)
    store.updateTask(task.id, { parentId: parent.localId, updatedAt: now });
}

function importElapsed(ctx: CoreContext, item: BitrixElapsed, people: PeopleMap, tally: ImportTally): void {
  const { store, now } = ctx;
  const label = `elapsed item ${item.ID} (task ${item.TASK_ID})`;
  if (store.findExternal(SOURCE, 'entry', String(item.ID))) return tally.skip(label, 'already imported');
  const task = store.findExternal(SOURCE, 'task', String(item.TASK_ID));
  if (!task) return tally.skip(label, `task ${item.TASK_ID} is not in the file`);
  if (item.SECONDS <= 0) return tally.skip(label, 'zero seconds');
  const untracked = untrackedReason(store.getTask(task.localId));
  if (untracked) return tally.skip(label, untracked);
  const user = people.user(item.USER_ID);
  const { start, end } = elapsedStretch(item);
  const clash = firstClash(store.entriesOfUserBetween(user.id, start, end), start, end, now);
  if (clash)
    return tally.skip(label, `overlaps entry ${clash.id} of ${user.name}; time is never counted twice`);
  const entryId = store.insertEntry({
    taskId: task.localId,
    userId: user.id,
    startAt: start,
    endAt: end,
    source: 'import',
    comment: item.COMMENT_TEXT?.trim() || 'Imported from Bitrix24',
    retroactive: false,
    reason: null,
    createdAt: now,
  });
  store.setExternal(SOURCE, 'entry', String(item.ID), entryId, null);
  tally.created('entries');
}

function importComment(
  ctx: CoreContext,
  comment: BitrixComment,
  people: PeopleMap,
  tally: ImportTally,
): void {
  const { store } = ctx;
  const label = `comment ${comment.ID} (task ${comment.TASK_ID})`;
  if (store.findExternal(SOURCE, 'comment', String(comment.ID))) return tally.skip(label, 'already imported');
  const task = store.findExternal(SOURCE, 'task', String(comment.TASK_ID));
  if (!task) return tally.skip(label, `task ${comment.TASK_ID} is not in the file`);
  if (!comment.POST_MESSAGE.trim()) return tally.skip(label, 'empty');
  const id = store.insertComment({
    taskId: task.localId,
    authorId: people.user(comment.AUTHOR_ID).id,
    kind: 'comment',
    body: comment.POST_MESSAGE,
    replyToId: null,
    createdAt: comment.POST_DATE,
  });
  store.setExternal(SOURCE, 'comment', String(comment.ID), id, null);
  tally.created('comments');
}

const STATUS_CODE = Object.fromEntries(
  Object.entries(STATUS).map(([code, status]) => [status, code]),
) as Record<Task['status'], string>;
const PRIORITY_CODE: Record<Priority, string> = { low: '0', medium: '1', high: '2' };
const yn = (flag: boolean) => (flag ? 'Y' : 'N');

/** "2026-11-27T18:00:00+03:00": Bitrix24's form of an instant, in local time with its offset. */
export function bitrixTime(at: Date): string {
  const offset = -at.getTimezoneOffset();
  const local = new Date(at.getTime() + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * `task export --format bitrix24`: the tasks, people, time and comments in the shapes of the Bitrix24 REST
 * answers `task import --from bitrix24` reads (tasks.task.list, task.elapseditem.getlist,
 * task.commentitem.getlist, user.get), with Bitrix24's conventions: ids and codes as strings, flags Y/N,
 * times with their offset. Ids are regula's. Deleted tasks, running timers and zero-length entries are left
 * out (Bitrix24 has no place for them); result, progress and rating comments are prefixed with their kind.
 */
export function exportBitrix24(ctx: CoreContext): {
  tasks: Record<string, unknown>[];
  elapsedItems: Record<string, unknown>[];
  comments: Record<string, unknown>[];
  users: Record<string, unknown>[];
} {
  const { store } = ctx;
  return store.read(() => {
    const users = store.listUsers();
    const idOf = new Map(users.map((u) => [u.name, u.id]));
    const person = (name: string) => ({
      id: String(idOf.get(name)),
      name: users.find((u) => u.name === name)?.fullName ?? name,
    });
    const visible = visibleTo(ctx);
    const tasks = store.findTasks({ order: 'created', visibleTo: visible });
    const exported = new Set(tasks.map((t) => t.id));
    return {
      tasks: tasks.map((task) => {
        const deadline =
          task.deadline && task.deadlineAllDay ? new Date(task.deadline.getTime() - 59_999) : task.deadline;
        return {
          id: String(task.id),
          title: task.title,
          description: task.description ?? '',
          status: STATUS_CODE[task.status],
          priority: PRIORITY_CODE[task.priority],
          deadline: deadline ? bitrixTime(deadline) : null,
          responsibleId: String(task.responsibleId),
          createdBy: String(task.directorId),
          groupId: task.projectId !== null ? String(task.projectId) : '0',
          parentId: task.parentId !== null && exported.has(task.parentId) ? String(task.parentId) : null,
          timeEstimate: String((task.plannedMinutes ?? 0) * 60),
          allowTimeTracking: yn(task.timeTracking),
          taskControl: yn(task.acceptRequired),
          mark: task.mark === 'positive' ? 'P' : task.mark === 'negative' ? 'N' : null,
          tags: task.tags,
          auditors: store.observersOf(task.id).map((name) => String(idOf.get(name))),
          accomplices: store.coExecutorsOf(task.id).map((name) => String(idOf.get(name))),
          createdDate: bitrixTime(task.createdAt),
          changedDate: bitrixTime(task.updatedAt),
          closedDate: task.closedAt ? bitrixTime(task.closedAt) : null,
          group:
            task.projectId !== null && task.project
              ? { id: String(task.projectId), name: task.project }
              : null,
          responsible: person(task.responsible),
          creator: person(task.director),
        };
      }),
      elapsedItems: store
        .allEntries(visible)
        .filter((e) => e.endAt !== null && e.endAt > e.startAt && exported.has(e.taskId))
        .map((e) => ({
          ID: String(e.id),
          TASK_ID: String(e.taskId),
          USER_ID: String(e.userId),
          SECONDS: String(Math.round((e.endAt!.getTime() - e.startAt.getTime()) / 1000)),
          COMMENT_TEXT: e.comment ?? '',
          CREATED_DATE: bitrixTime(e.createdAt),
          DATE_START: bitrixTime(e.startAt),
          DATE_STOP: bitrixTime(e.endAt!),
        })),
      comments: tasks.flatMap((task) =>
        store.commentsOf(task.id).map((c) => ({
          ID: String(c.id),
          TASK_ID: String(task.id),
          AUTHOR_ID: String(c.authorId),
          AUTHOR_NAME: users.find((u) => u.id === c.authorId)?.fullName ?? c.author,
          POST_MESSAGE:
            c.kind === 'comment' || c.kind === 'reply'
              ? c.body
              : `${c.kind[0]!.toUpperCase()}${c.kind.slice(1)}: ${c.body}`,
          POST_DATE: bitrixTime(c.createdAt),
        })),
      ),
      users: users.map((u) => ({ ID: String(u.id), NAME: u.fullName ?? u.name, LAST_NAME: '', EMAIL: '' })),
    };
  });
}
