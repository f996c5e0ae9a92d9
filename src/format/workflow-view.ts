import type { ContinueOutcome } from '../core/continuation.js';
import type { CreatedTask, TaskOutcome } from '../core/tasks.js';
import type { BacklogItem } from '../core/stec.js';
import { taskJson } from './json.js';
import type { Renderers } from './renderers.js';
import { terminalSafe } from './safe-text.js';
import { type Filing, filedNote, type TasksWritten } from './task-outcomes.js';
import { deadlineText } from './text.js';

/**
 * What the workflow commands say (STEC R12-R14, compound tasks R15, copies R17, continuation R24,
 * revival and deletion R36): a line per task written, or as JSON the tasks as they now stand.
 */

const oneOrMany = <T>(shapes: readonly T[]) => (shapes.length === 1 ? shapes[0] : shapes);

/** A line per task written (through terminalSafe: titles are the user's); JSON: the tasks as they stand. */
export function writtenRenderers<O extends TaskOutcome>(
  lineOf: (outcome: O, now: Date) => string,
): Renderers<TasksWritten<O>> {
  return {
    text: ({ outcomes }, view) => outcomes.map((o) => terminalSafe(lineOf(o, view.now))).join('\n'),
    json: ({ current }) => oneOrMany(current.map(({ task, spentSeconds }) => taskJson(task, spentSeconds))),
  };
}

export const stecAddedRenderers = writtenRenderers(
  ({ task }) => `Added to STEC: task ${task.id} ${task.title}`,
);

export const stecPulledRenderers = writtenRenderers(
  ({ task }) => `Pulled into the plan: task ${task.id} ${task.title}`,
);

/** R13: the backlog, oldest first, with each item's age in calendar days. */
export const stecBacklogRenderers: Renderers<readonly BacklogItem[]> = {
  text: (items) =>
    items.length === 0
      ? 'The STEC backlog is empty.'
      : [
          'STEC backlog, oldest first (pull one with: task stec pull ID --project P --deadline D --plan 30m)',
          ...items.map(({ task, ageDays }) =>
            terminalSafe(`${String(task.id).padStart(5)}  ${`${ageDays}d`.padStart(5)}  ${task.title}`),
          ),
        ].join('\n'),
  json: (items) => items.map((i) => ({ ...taskJson(i.task, 0), ageDays: i.ageDays })),
};

/** `task stec`: a title added to the backlog, or the backlog listed. */
export type StecView =
  | ({ readonly kind: 'added' } & TasksWritten)
  | { readonly kind: 'backlog'; readonly items: readonly BacklogItem[] };

export const stecRenderers: Renderers<StecView> = {
  text: (view, textView) =>
    view.kind === 'added'
      ? stecAddedRenderers.text(view, textView)
      : stecBacklogRenderers.text(view.items, textView),
  json: (view) =>
    view.kind === 'added' ? stecAddedRenderers.json(view) : stecBacklogRenderers.json(view.items),
};

/** `task general`: the compound task made, and the context it was filed under (R15). */
export interface GeneralCreatedView extends TasksWritten<CreatedTask> {
  readonly filing: Filing | null;
}

export const generalCreatedRenderers: Renderers<GeneralCreatedView> = {
  text: ({ outcomes, filing }) =>
    outcomes
      .map((o) => terminalSafe(`Created compound task ${o.task.id}: ${o.task.title}${filedNote(filing, o)}`))
      .join('\n'),
  json: writtenRenderers<CreatedTask>(() => '').json,
};

/** R17: the copy, and how many tasks were copied with it. */
export type CopiedOutcome = TaskOutcome & { readonly sourceId: number; readonly copied: number };

export const copiedRenderers = writtenRenderers<CopiedOutcome>(({ task, sourceId, copied }) => {
  const extra = copied > 1 ? ` with ${copied - 1} subtask(s)` : '';
  return `Copied task ${sourceId} to task ${task.id}${extra}: ${task.title}`;
});

/** R24: a continuation as a new part, or the deadline only moved. */
export const continuedRenderers = writtenRenderers<ContinueOutcome>((outcome, now) =>
  outcome.mode === 'new_part'
    ? `Task ${outcome.previous.id} completed; continued as task ${outcome.task.id}: ${outcome.task.title} (due ${deadlineText(outcome.task, now)})`
    : `Only ${Math.round(outcome.spentSeconds / 60)} min spent: task ${outcome.task.id} moved to ${deadlineText(outcome.task, now)}`,
);

export const reopenedRenderers = writtenRenderers(({ task }) => `Reopened task ${task.id}: ${task.title}`);

export const restoredRenderers = writtenRenderers(({ task }) => `Restored task ${task.id}: ${task.title}`);

/** R36: the tasks hidden; JSON one `{ id, deleted }` for one task, an array for several. */
export const deletedRenderers: Renderers<readonly TaskOutcome[]> = {
  text: (outcomes) =>
    outcomes
      .map(({ task }) => `Deleted task ${task.id} (bring it back with: task restore ${task.id}).`)
      .join('\n'),
  json: (outcomes) => oneOrMany(outcomes.map((o) => ({ id: o.task.id, deleted: true }))),
};
