import type { ReviewItem } from '../core/control.js';
import type { Inbox } from '../core/remarks.js';
import { commentJson, taskJson } from './json.js';
import type { Renderers } from './renderers.js';
import { terminalSafe } from './safe-text.js';
import { palette } from './style.js';
import type { TasksWritten } from './task-outcomes.js';
import { writtenRenderers } from './workflow-view.js';

/** What the control and review commands say (R26-R30). */

export const controlCreatedRenderers = writtenRenderers(
  ({ task }) => `Created control task ${task.id}: ${task.title}`,
);

export const progressSubmittedRenderers = writtenRenderers(
  ({ task }) => `Submitted progress of task ${task.id} for control.`,
);

/** R27, R29: the task accepted with its mark. */
export interface AcceptedView extends TasksWritten {
  readonly mark: 'positive' | 'negative';
}

export const acceptedRenderers: Renderers<AcceptedView> = {
  text: (view, textView) =>
    writtenRenderers(({ task }) => `Accepted task ${task.id} (${view.mark}).`).text(view, textView),
  json: writtenRenderers(() => '').json,
};

export const returnedRenderers = writtenRenderers(
  ({ task }) => `Returned task ${task.id} to ${task.responsible}.`,
);

/** What the manager is to do about one review item (R27-R30). */
function reviewLabel(kind: ReviewItem['kind'], id: number): string {
  switch (kind) {
    case 'progress':
      return 'PROGRESS (answer and return with a deadline)';
    case 'completion':
      return 'DONE (accept --mark positive|negative, or return)';
    case 'rating':
      return `RATE (task accept ${id} --mark positive|negative)`;
    case 'remark':
      return 'REMARK not answered yet (R30)';
  }
}

function reviewItemLines(item: ReviewItem): string[] {
  const lines = [
    terminalSafe(`${String(item.task.id).padStart(5)}  ${item.task.title}  [${item.task.responsible}]`),
    `       ${reviewLabel(item.kind, item.task.id)}`,
  ];
  if (item.submission) {
    const what =
      item.kind === 'remark'
        ? 'your remark, not answered'
        : item.submission.kind === 'progress'
          ? 'progress'
          : 'result';
    lines.push(terminalSafe(`       ${what}: ${item.submission.body}`));
  }
  return lines;
}

/** R27-R30: what awaits the manager. */
export const reviewQueueRenderers: Renderers<readonly ReviewItem[]> = {
  text: (items) =>
    items.length === 0
      ? 'Nothing awaits your control, rating or answer.'
      : items.flatMap(reviewItemLines).join('\n'),
  json: (items) =>
    items.map((i) => ({
      kind: i.kind,
      task: taskJson(i.task, 0),
      submission: i.submission ? commentJson(i.submission) : null,
    })),
};

/** R30: a reply to the remarks on a task, or to the remark on a day report. */
export type ReplyView =
  | { readonly kind: 'day'; readonly day: string }
  | { readonly kind: 'task'; readonly commentId: number; readonly taskId: number; readonly answered: number };

export const replyRenderers: Renderers<ReplyView> = {
  text: (view) =>
    view.kind === 'day'
      ? `Answered the remark on your report of ${view.day}.`
      : `Reply #${view.commentId} added; ${view.answered} remark(s) answered.`,
  json: (view) =>
    view.kind === 'day'
      ? { day: view.day, kind: 'reply' }
      : { id: view.commentId, taskId: view.taskId, kind: 'reply', answered: view.answered },
};

/** R30, R37: remarks to answer and tasks newly assigned. */
export const inboxRenderers: Renderers<Inbox> = {
  text: (box, view) => {
    const paint = palette(view.color);
    const lines: string[] = [];
    if (box.dayRemarks.length) {
      lines.push(paint.bold('Remarks on your day reports to answer (task reply --day DAY TEXT):'));
      for (const r of box.dayRemarks)
        lines.push(terminalSafe(`  ${r.day} ${r.by}: ${[r.mark, r.comment].filter(Boolean).join(': ')}`));
    }
    if (box.remarks.length === 0 && box.newAssignments.length === 0 && box.dayRemarks.length === 0)
      return 'Inbox empty: no remarks to answer, no new assignments.';
    if (box.remarks.length) {
      lines.push(paint.bold('Remarks to answer (task reply ID TEXT):'));
      for (const r of box.remarks)
        lines.push(
          terminalSafe(
            `  task ${r.taskId} ${r.taskTitle}\n    #${r.comment.id} ${r.comment.author}: ${r.comment.body}`,
            { multiline: true },
          ),
        );
    }
    if (box.newAssignments.length) {
      lines.push(paint.bold('Newly assigned to you:'));
      for (const t of box.newAssignments)
        lines.push(
          paint.green(terminalSafe(`  ${String(t.id).padStart(4)}  ${t.title}  (from ${t.director})`)),
        );
    }
    return lines.join('\n');
  },
  json: (box) => ({
    remarks: box.remarks.map((r) => ({
      taskId: r.taskId,
      taskTitle: r.taskTitle,
      comment: commentJson(r.comment),
    })),
    dayRemarks: box.dayRemarks.map((r) => ({
      day: r.day,
      mark: r.mark,
      comment: r.comment,
      by: r.by,
      at: r.at.toISOString(),
    })),
    newAssignments: box.newAssignments.map((t) => taskJson(t, 0)),
  }),
};
