import { formatMinutes } from '../core/duration.js';
import { formatLocalDateTime, formatLocalTime } from '../core/local-time.js';
import { historyFieldLabel } from '../core/history.js';
import type { CarvedTimer } from '../core/timers.js';
import type { CreatedTask, TaskOutcome } from '../core/tasks.js';
import type { TaskWithSpent } from '../core/time-entries.js';
import type { Task } from '../core/types.js';
import type { UndoneCorrection, UndoResult } from '../core/undo.js';
import { entryJson, taskJson } from './json.js';
import type { Renderers } from './renderers.js';
import { terminalSafe } from './safe-text.js';
import { deadlineText } from './text.js';

/**
 * What the task commands that write say: a line per task (the warnings go to stderr first), or as JSON
 * the tasks as they now stand - one object for one task, an array for several (`task 12 13 done`).
 */

/** What a write did to one task or several, and those tasks as they now stand (for JSON). */
export interface TasksWritten<O extends TaskOutcome = TaskOutcome> {
  readonly outcomes: readonly O[];
  readonly current: readonly TaskWithSpent[];
}

const oneOrMany = <T>(shapes: readonly T[]) => (shapes.length === 1 ? shapes[0] : shapes);

function currentJson({ current }: TasksWritten<TaskOutcome>) {
  return oneOrMany(current.map(({ task, spentSeconds }) => taskJson(task, spentSeconds)));
}

function linesOf<O>(outcomes: readonly O[], lineOf: (outcome: O) => string): string {
  return outcomes.map((outcome) => terminalSafe(lineOf(outcome))).join('\n');
}

/** The warnings of every outcome, for stderr. */
export const outcomeWarnings = ({ outcomes }: { outcomes: readonly TaskOutcome[] }) =>
  outcomes.flatMap((outcome) => outcome.warnings);

/** The context a new task was filed under (Taskwarrior's write context), if it filled in any field. */
export interface Filing {
  readonly name: string;
}

/** " (context "work": project:Work +office)" when the context filled in some of the new task's fields. */
export function filedNote(filing: Filing | null, outcome: CreatedTask): string {
  return filing && outcome.defaultsUsed.length
    ? ` (context "${filing.name}": ${outcome.defaultsUsed.join(' ')})`
    : '';
}

export interface CreatedView extends TasksWritten<CreatedTask> {
  readonly filing: Filing | null;
}

export const createdRenderers: Renderers<CreatedView> = {
  text: ({ outcomes, filing }) =>
    linesOf(outcomes, (o) => `Created task ${o.task.id}: ${o.task.title}${filedNote(filing, o)}`),
  json: currentJson,
};

/** `task log`: the task entered done, its minutes, and the timer it interrupted. */
export interface LoggedView extends TasksWritten<CreatedTask & { interrupted: CarvedTimer | null }> {
  readonly filing: Filing | null;
  readonly minutes: number;
}

export const loggedRenderers: Renderers<LoggedView> = {
  text: ({ outcomes, filing, minutes }) =>
    linesOf(outcomes, (outcome) => {
      const verb = outcome.task.status === 'awaiting_control' ? 'submitted for control' : 'completed';
      const paused = outcome.interrupted;
      const pausedNote = paused
        ? `; the timer on task ${paused.task.id} ${paused.task.title} paused ${formatLocalTime(paused.from)}-${formatLocalTime(paused.to)} for it and runs on.`
        : '';
      return `Logged task ${outcome.task.id}: ${outcome.task.title} (${formatMinutes(minutes)}, ${verb})${filedNote(filing, outcome)}${pausedNote}`;
    }),
  json: currentJson,
};

/** `task edit`, `modify`, `append`, `prepend`: whether each task changed. */
export const updatedRenderers: Renderers<TasksWritten<TaskOutcome & { changed: boolean }>> = {
  text: ({ outcomes }) =>
    linesOf(outcomes, (o) =>
      o.changed
        ? `Updated task ${o.task.id}: ${o.task.title}`
        : `Task ${o.task.id} already reads so; nothing changed.`,
    ),
  json: currentJson,
};

const closedVerb = (task: Task) =>
  task.status === 'awaiting_control' ? 'Submitted for control' : 'Completed';

/** `task done`: each task closed (or submitted for control, R27). */
export const closedRenderers: Renderers<TasksWritten> = {
  text: ({ outcomes }) =>
    linesOf(outcomes, (o) => `${closedVerb(o.task)}: task ${o.task.id} ${o.task.title}`),
  json: currentJson,
};

/** `task done --next`: each task closed and the next occurrence made from it (R19); `now` the command's. */
export interface ClosedWithNext {
  readonly outcomes: readonly (TaskOutcome & { next: Task; spentSeconds: number })[];
  readonly now: Date;
}

export const closedWithNextRenderers: Renderers<ClosedWithNext> = {
  text: ({ outcomes, now }) =>
    outcomes
      .flatMap(({ task, next }) => [
        terminalSafe(`${closedVerb(task)}: task ${task.id} ${task.title}`),
        terminalSafe(`Next occurrence (R19): task ${next.id} ${next.title}, due ${deadlineText(next, now)}`),
      ])
      .join('\n'),
  json: ({ outcomes }) =>
    oneOrMany(
      outcomes.map((o) => ({ ...taskJson(o.task, o.spentSeconds), nextOccurrence: taskJson(o.next, 0) })),
    ),
};

/** `task comment`: the comment added to each task. */
export interface CommentedView {
  readonly added: readonly { commentId: number; task: Task }[];
  readonly body: string;
}

export const commentedRenderers: Renderers<CommentedView> = {
  text: ({ added }) =>
    added.map(({ commentId, task }) => `Comment #${commentId} added to task ${task.id}.`).join('\n'),
  json: ({ added, body }) =>
    oneOrMany(
      added.map(({ commentId, task }) => ({ id: commentId, taskId: task.id, kind: 'comment', body })),
    ),
};

/** `task undo`: the edits taken back (with the tasks as they now stand), or the time corrections. */
export type UndoneView =
  | ({ readonly kind: 'task' } & TasksWritten<Extract<UndoResult, { kind: 'task' }>['outcomes'][number]>)
  | { readonly kind: 'time'; readonly corrections: readonly UndoneCorrection[]; readonly seconds: number[] };

export const undoneRenderers: Renderers<UndoneView> = {
  text: (view) =>
    view.kind === 'task'
      ? linesOf(view.outcomes, ({ task, undone }) => {
          const fields = [...new Set(undone.map((h) => historyFieldLabel(h.field)))].join(', ');
          return `Undone on task ${task.id} ${task.title}: ${fields} set back (task history ${task.id} shows both changes).`;
        })
      : linesOf(view.corrections, ({ entry, task, undid }) => {
          const now =
            undid.oldStart === null
              ? 'taken back to 0m (it stays, as a cancelled timer does)'
              : `back to ${formatLocalDateTime(entry.startAt)}-${formatLocalTime(entry.endAt!)}`;
          return `Undone: time entry ${entry.id} (task ${task.id} ${task.title}) ${now}; task time history ${entry.id} shows both changes.`;
        }),
  json: (view) =>
    view.kind === 'task'
      ? currentJson(view)
      : oneOrMany(view.corrections.map((c, i) => entryJson(c.entry, view.seconds[i]!))),
};

/** `task done`: closed, or (`--next`, R19) closed with their next occurrences. */
export type DoneView =
  | ({ readonly kind: 'closed' } & TasksWritten)
  | ({ readonly kind: 'next' } & ClosedWithNext);

export const doneRenderers: Renderers<DoneView> = {
  text: (view, textView) =>
    view.kind === 'closed'
      ? closedRenderers.text(view, textView)
      : closedWithNextRenderers.text(view, textView),
  json: (view) => (view.kind === 'closed' ? closedRenderers.json(view) : closedWithNextRenderers.json(view)),
};
