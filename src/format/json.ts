import { secondsToMinutes } from '../core/duration.js';
import type { TimerStatus } from '../core/timers.js';
import type { Comment, HistoryEntry, Task, TaskResult, TimeEntry, User } from '../core/types.js';
import type { TaskTreeNode } from '../core/compound.js';
import type { TaskDetails } from '../core/views.js';
import type { DayGaps } from '../core/gaps.js';
import type { MonthOverview } from '../core/calendar.js';

/** The task shape of every --json output (docs/json.md). Keys are stable; instants are ISO 8601 UTC. */
export function taskJson(task: Task, spentSeconds: number) {
  return {
    id: task.id,
    title: task.title,
    project: task.project,
    kind: task.kind,
    generalLevel: task.generalLevel,
    internalProject: task.internalProject,
    part: task.part,
    text: task.text,
    status: task.status,
    priority: task.priority,
    deadline: iso(task.deadline),
    deadlineAllDay: task.deadlineAllDay,
    deadlineHard: task.deadlineHard,
    plannedMinutes: task.plannedMinutes,
    spentMinutes: secondsToMinutes(spentSeconds),
    timeTracking: task.timeTracking,
    acceptRequired: task.acceptRequired,
    management: task.management,
    review: task.review,
    director: task.director,
    responsible: task.responsible,
    parentId: task.parentId,
    previousPartId: task.previousPartId,
    tags: task.tags,
    description: task.description,
    mark: task.mark,
    seen: task.seenAt !== null,
    createdAt: task.createdAt.toISOString(),
    updatedAt: task.updatedAt.toISOString(),
    closedAt: iso(task.closedAt),
    deletedAt: iso(task.deletedAt),
  };
}

export function commentJson(comment: Comment) {
  return {
    id: comment.id,
    kind: comment.kind,
    author: comment.author,
    body: comment.body,
    replyTo: comment.replyToId,
    createdAt: comment.createdAt.toISOString(),
  };
}

export function resultJson(result: TaskResult) {
  return {
    result: result.result,
    proposal: result.proposal,
    abstract: result.abstract,
    links: result.links,
    explanation: result.explanation,
    conclusion: result.conclusion,
    author: result.author,
    createdAt: result.createdAt.toISOString(),
  };
}

export function entryJson(entry: TimeEntry, seconds: number) {
  return {
    id: entry.id,
    taskId: entry.taskId,
    start: entry.startAt.toISOString(),
    end: iso(entry.endAt),
    running: entry.endAt === null,
    minutes: secondsToMinutes(seconds),
    source: entry.source,
    comment: entry.comment,
    retroactive: entry.retroactive,
    reason: entry.reason,
    recordedAt: entry.createdAt.toISOString(),
  };
}

export function taskDetailsJson(details: TaskDetails, entrySecondsOf: (e: TimeEntry) => number) {
  return {
    ...taskJson(details.task, details.spentSeconds),
    flags: details.flags,
    deadlineMoves: details.deadlineMoves,
    handovers: details.handovers,
    holders: details.holdings.map((h) => ({ user: h.user, from: h.from.toISOString(), to: iso(h.to) })),
    observers: details.observers,
    crm: details.crm.map((l) => `${l.kind}:${l.ref}`),
    dependsOn: details.dependsOn.map((t) => t.id),
    blocks: details.blocks.map((t) => t.id),
    coExecutors: details.coExecutors,
    subtasks: details.subtasks.map(treeJson),
    subtaskTotals: details.subtaskTotals
      ? {
          plannedMinutes: details.subtaskTotals.plannedMinutes,
          spentMinutes: secondsToMinutes(details.subtaskTotals.spentSeconds),
          open: details.subtaskTotals.open,
          done: details.subtaskTotals.done,
        }
      : null,
    result: details.result ? resultJson(details.result) : null,
    comments: details.comments.map(commentJson),
    entries: details.entries.map((e) => ({
      ...entryJson(e, entrySecondsOf(e)),
      corrected: details.correctedEntryIds.has(e.id),
    })),
  };
}

type TreeJson = ReturnType<typeof taskJson> & { subtasks: TreeJson[] };
export function treeJson(node: TaskTreeNode): TreeJson {
  return { ...taskJson(node.task, node.spentSeconds), subtasks: node.children.map(treeJson) };
}

export function historyJson(entry: HistoryEntry) {
  return {
    id: entry.id,
    taskId: entry.taskId,
    at: entry.at.toISOString(),
    actor: entry.actor,
    field: entry.field,
    old: entry.oldValue,
    new: entry.newValue,
    note: entry.note,
    /** R38: who was at the keyboard when the change was made with --as (null: the actor themselves). */
    via: entry.via,
  };
}

export function statusJson(status: TimerStatus) {
  return {
    running: status.running
      ? {
          taskId: status.running.task.id,
          title: status.running.task.title,
          startedAt: status.running.entry.startAt.toISOString(),
          elapsedMinutes: secondsToMinutes(status.running.elapsedSeconds),
        }
      : null,
    todayMinutes: secondsToMinutes(status.todaySeconds),
    day: status.day,
    idleSince: status.idle ? status.idle.since.toISOString() : null,
  };
}

export function userJson(user: User, managerName: string | null) {
  return {
    id: user.id,
    name: user.name,
    fullName: user.fullName,
    role: user.role,
    manager: managerName,
    createdAt: user.createdAt.toISOString(),
  };
}

function iso(value: Date | null): string | null {
  return value ? value.toISOString() : null;
}

/** `time gaps`: the working day and its untracked stretches. */
export function gapsJson(result: DayGaps) {
  const { workDay } = result;
  return {
    user: result.user,
    day: result.day,
    workDay: workDay
      ? { start: workDay.startedAt.toISOString(), end: workDay.endedAt?.toISOString() ?? null }
      : null,
    gaps: result.gaps.map((g) => ({
      start: g.start.toISOString(),
      end: g.end.toISOString(),
      minutes: secondsToMinutes(g.seconds),
    })),
    totalMinutes: secondsToMinutes(result.totalSeconds),
  };
}

/** `calendar`: the days of the month with open tasks due. */
export function monthJson(overview: MonthOverview) {
  return {
    user: overview.user,
    month: overview.month.slice(0, 7),
    days: overview.days
      .filter((d) => d.due.length > 0)
      .map((d) => ({
        day: d.day,
        plannedMinutes: d.plannedMinutes,
        tasks: d.due.map((t) => ({ id: t.id, title: t.title })),
      })),
  };
}

/**
 * An array written a page at a time exactly as `JSON.stringify(array, null, 2)` writes it, then a newline:
 * a list of 100,000 tasks is never one value or one string in memory.
 */
export function writeJsonArray<T>(
  pages: Iterable<readonly T[]>,
  shape: (item: T) => unknown,
  write: (chunk: string) => void,
): void {
  let first = true;
  for (const items of pages) {
    if (items.length === 0) continue;
    // A page as an array, without its brackets: "  {...},\n  {...}", indented as inside the whole array.
    const text = JSON.stringify(items.map(shape), null, 2);
    write(`${first ? '[\n' : ',\n'}${text.slice(2, -2)}`);
    first = false;
  }
  write(first ? '[]\n' : '\n]\n');
}
