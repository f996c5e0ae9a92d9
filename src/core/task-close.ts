import type { CoreContext } from './context.js';
import { UsageError } from './errors.js';
import { controlledBy } from './dependencies.js';
import { requireTask } from './task-lookup.js';
import { requireTaskActedOn, setStatus, type TaskOutcome } from './task-save.js';
import {
  isBlankText,
  checkNotClosingAwaitingControl,
  actsAsDirector,
  checkConclusion,
  checkGeneralConclusion,
  conclusionText,
  checkExplanation,
  checkMayClose,
  checkResultGiven,
  explanationNeeded,
  isManagementTask,
  needsGeneralConclusion,
} from './rules/index.js';
import { assertStatusChange } from './status.js';
import type { Store } from './store.js';
import { relationsOf, relationTo } from './relation.js';
import { explanationBasis, stopRunningEntriesOnTask } from './time-entries.js';
import type { ResultParts, Task } from './types.js';

// Closing a task with its result (R27, R31-R33) and reviving a closed one (R36).

export interface CloseInput extends Partial<ResultParts> {
  result?: string;
  /** R33: the GENERAL CONCLUSION of a review, kept with the findings. */
  generalConclusion?: string | null;
}

/** R33: a review needs a GENERAL CONCLUSION: marked `--review`, or a Control task over a compound task. */
export function reviewNeedsGeneralConclusion(store: Store, task: Task): boolean {
  return needsGeneralConclusion(
    task,
    task.kind === 'control' && controlledBy(store, task).some((t) => t.kind === 'general'),
  );
}

/**
 * R31: closes a task with its result. A running timer on it stops first; with accept-after-completion on
 * and a responsible who is not the director, the task goes to awaiting control instead (R27).
 */
export function completeTask(ctx: CoreContext, id: number, input: CloseInput): TaskOutcome {
  const { store, actor, now } = ctx;
  return store.write(() => {
    const task = requireTaskActedOn(ctx, id);
    checkMayClose(task, relationsOf(store, actor, task));
    checkNotClosingAwaitingControl(task, actsAsDirector(relationTo(ctx, task)));
    const result = checkResultGiven(input.result, id);
    const basis = explanationBasis(ctx, task);
    checkExplanation(
      { id, plannedMinutes: basis.plannedMinutes },
      basis.spentSeconds,
      ctx.policy.explanationFactor,
      blankToNull(input.explanation),
    );
    checkConclusion(task, blankToNull(input.conclusion));
    checkGeneralConclusion(
      id,
      reviewNeedsGeneralConclusion(store, task),
      blankToNull(input.generalConclusion),
    );
    const target = task.acceptRequired && actor.id !== task.directorId ? 'awaiting_control' : 'completed';
    assertStatusChange(id, task.status, target);
    stopRunningEntriesOnTask(store, task.id, now);
    const commentId = store.insertComment({
      taskId: id,
      authorId: actor.id,
      kind: 'result',
      body: result,
      replyToId: null,
      createdAt: now,
    });
    store.insertResult(commentId, {
      proposal: blankToNull(input.proposal),
      abstract: blankToNull(input.abstract),
      links: (input.links ?? []).map((l) => l.trim()).filter(Boolean),
      explanation: blankToNull(input.explanation),
      conclusion: conclusionText(blankToNull(input.conclusion), blankToNull(input.generalConclusion)),
    });
    const closed = setStatus(ctx, requireTask(store, id), target);
    const warnings =
      target === 'awaiting_control'
        ? [`R27: task ${id} now awaits control by its director (${task.director})`]
        : [];
    return { task: closed, warnings };
  });
}

/** What closing this task will ask for (R32, R33), so a terminal can prompt before core refuses. */
export function resultRequirements(
  ctx: CoreContext,
  id: number,
): { explanation: boolean; conclusion: boolean; generalConclusion: boolean } {
  return ctx.store.read(() => {
    const task = requireTask(ctx.store, id);
    const basis = explanationBasis(ctx, task);
    return {
      explanation: explanationNeeded(basis, basis.spentSeconds, ctx.policy.explanationFactor),
      conclusion: isManagementTask(task),
      generalConclusion: reviewNeedsGeneralConclusion(ctx.store, task),
    };
  });
}

/** R36: a closed task is revived with a new comment saying why. */
export function reopenTask(ctx: CoreContext, id: number, comment: string | undefined): TaskOutcome {
  const { store, actor, now } = ctx;
  return store.write(() => {
    const task = requireTask(store, id);
    const text = comment?.trim() ?? '';
    if (text === '') throw new UsageError(`say why the task is revived: task reopen ${id} --comment "..."`);
    if (task.status !== 'completed' && task.status !== 'declined')
      throw new UsageError(
        `task ${id} is ${task.status.replace('_', ' ')}, not closed; there is nothing to reopen`,
      );
    store.insertComment({
      taskId: id,
      authorId: actor.id,
      kind: 'comment',
      body: text,
      replyToId: null,
      createdAt: now,
    });
    const reopened = setStatus(ctx, task, 'pending');
    return { task: reopened, warnings: [] };
  });
}

function blankToNull(value: string | null | undefined): string | null {
  return value && !isBlankText(value) ? value.trim() : null;
}
