import type { CoreContext } from './context.js';
import type { DateInput } from './dates.js';
import { diffTask, historyRow } from './history.js';
import { formatLocalDateTime } from './local-time.js';
import {
  checkDeadlineMove,
  checkMayClose,
  continuationDeadline,
  continuationNeedsNewPart,
  nextPartNumber,
} from './rules/index.js';
import { relationsOf, relationTo } from './relation.js';
import { assertStatusChange, isOpen } from './status.js';
import { UsageError } from './errors.js';
import { requireTask, requireTaskActedOn, saveTask, setStatus } from './tasks.js';
import { spentSecondsOf, stopRunningEntriesOnTask } from './time-entries.js';
import { renderTitle } from './title.js';
import type { Task, TaskFields } from './types.js';
import { nextWorkingDay } from './working-days.js';

const PART_LINK = /^Previous part: task \d+ /;

/** The description without the link to an earlier part: each part links to the one before it only. */
function withoutPartLink(description: string | null): string | null {
  if (!description) return null;
  const kept = description.split('\n').filter((line) => !PART_LINK.test(line));
  return kept.join('\n').trim() || null;
}

export interface ContinueInput {
  deadline?: DateInput;
  force?: boolean;
  reason?: string;
}

/**
 * R24, R10: the deadline a continuation gets - never earlier than the task's own; a new part never
 * moves a hard deadline (only the director does, by edit), just moving it is checked by R10 as any move.
 */
function deadlineOfContinuation(
  task: Task,
  input: ContinueInput,
  next: Date,
  newPart: boolean,
): { at: Date; allDay: boolean } {
  const requested = input.deadline?.at;
  const hard = task.deadlineHard && !newPart ? { ...task, deadlineHard: false } : task;
  const at = continuationDeadline(hard, requested, next);
  const keepsOwn =
    task.deadline !== null && at.getTime() === task.deadline.getTime() && requested === undefined;
  return { at, allDay: input.deadline?.allDay ?? (keepsOwn ? task.deadlineAllDay : true) };
}

export type ContinueOutcome =
  | { mode: 'deadline_moved'; task: Task; spentSeconds: number; warnings: string[] }
  | { mode: 'new_part'; task: Task; previous: Task; spentSeconds: number; warnings: string[] };

/**
 * R24: an unfinished task either only moves its deadline (at most the threshold spent - a call that did
 * not get through) or becomes a "(Part N)" continuation, after which the current part is completed -
 * last, so no tracked time falls into a gap. One transaction.
 */
export function continueTask(ctx: CoreContext, id: number, input: ContinueInput): ContinueOutcome {
  const { store, actor, now, policy } = ctx;
  return store.write(() => {
    const task = requireTaskActedOn(ctx, id);
    checkMayClose(task, relationsOf(store, actor, task));
    if (!isOpen(task.status) || task.status === 'awaiting_control') {
      throw new UsageError(`task ${id} is ${task.status.replace('_', ' ')}; only open work is continued`);
    }
    stopRunningEntriesOnTask(store, id, now);
    const spentSeconds = spentSecondsOf(ctx, requireTask(store, id));
    const newPart = continuationNeedsNewPart(spentSeconds, policy.continuationThresholdMinutes);
    const deadline = deadlineOfContinuation(task, input, nextWorkingDay(now, policy), newPart);

    if (!newPart) {
      checkDeadlineMove(
        task,
        deadline.at,
        { force: input.force ?? false, reason: input.reason ?? null },
        relationTo(ctx, task),
      );
      const current = requireTask(store, id);
      const after: Task = {
        ...current,
        deadline: deadline.at,
        deadlineAllDay: deadline.allDay,
        status: current.status === 'in_progress' ? 'pending' : current.status,
      };
      saveTask(store, current, after, now);
      store.insertHistory(
        diffTask(
          current,
          after,
          actor.id,
          now,
          input.reason ?? `R24: continued with ${Math.round(spentSeconds / 60)} min spent`,
        ),
      );
      return { mode: 'deadline_moved', task: requireTask(store, id), spentSeconds, warnings: [] };
    }

    assertStatusChange(id, task.status, 'completed');
    const part = nextPartNumber(task);
    const { id: _id, project: _p, director: _d, responsible: _r, tags, ...fields } = task;
    const remainder =
      task.plannedMinutes === null
        ? null
        : Math.max(task.plannedMinutes - Math.floor(spentSeconds / 60), 0) || null;
    const link = `Previous part: task ${task.id} "${task.title}"`;
    const newFields: TaskFields = {
      ...fields,
      part,
      title: renderTitle({
        project: task.project,
        kind: task.kind,
        generalLevel: task.generalLevel,
        internalProject: task.internalProject,
        part,
        text: task.text,
      }),
      previousPartId: task.id,
      status: 'new',
      deadline: deadline.at,
      deadlineAllDay: deadline.allDay,
      plannedMinutes: remainder,
      // Inside a compound task the parent already ties the parts together (R24).
      description:
        task.parentId === null
          ? [withoutPartLink(task.description), link].filter(Boolean).join('\n')
          : task.description,
      mark: null,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      seenAt: task.responsibleId === actor.id ? now : null,
      deletedAt: null,
    };
    const newId = store.insertTask(newFields);
    if (tags.length) store.setTags(newId, tags);
    for (const link of store.crmLinksOf(id)) store.addCrmLink(newId, link);
    store.insertHistory([
      historyRow(newId, actor.id, now, 'created', null, newFields.title, `R24: continuation of task ${id}`),
    ]);

    const commentId = store.insertComment({
      taskId: id,
      authorId: actor.id,
      kind: 'result',
      body: `Continued in task ${newId} (Part ${part}) on ${formatLocalDateTime(now)}`,
      replyToId: null,
      createdAt: now,
    });
    store.insertResult(commentId, {
      proposal: null,
      abstract: null,
      links: [],
      explanation: null,
      conclusion: null,
    });
    setStatus(ctx, requireTask(store, id), 'completed');
    const warnings =
      remainder === null && task.plannedMinutes !== null
        ? [`R8: the plan of task ${id} is used up; set one for the new part: task edit ${newId} --plan 30m`]
        : [];
    return {
      mode: 'new_part',
      task: requireTask(store, newId),
      previous: requireTask(store, id),
      spentSeconds,
      warnings,
    };
  });
}
