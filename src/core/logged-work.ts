import type { CoreContext } from './context.js';
import { formatLocalTime } from './local-time.js';
import { checkManualComment, checkRetroactiveReason, missingPlanWarning } from './rules/index.js';
import { completeTask, createTask, type CloseInput, type CreatedTask, type NewTaskInput } from './tasks.js';
import { addManualTime } from './time-corrections.js';
import { retroactivityOf } from './time-entries.js';
import { carveRunningTimer, type CarvedTimer } from './timers.js';
import type { Task, TimeEntry } from './types.js';

export interface LoggedWorkInput {
  task: NewTaskInput;
  /** How long the work took (R22: entered by hand). */
  minutes: number;
  /** When it started; default: it ended now. */
  at?: Date;
  /** What the time was spent on (default: that the work was done before the task was entered). */
  comment?: string;
  /** R23: needed when the work lies in a day that has ended or whose report was recorded. */
  reason?: string;
  result: CloseInput;
}

const DEFAULT_COMMENT = 'entered with task log: the work was done before the task was entered';

/**
 * R0, R5: work already done that never was a task (a call that came in, a quick fix) is entered in one go -
 * the task, its time by hand (R22, R23) and its result (R31-R33) - in one transaction: when any rule
 * refuses, nothing is written.
 */
export function logDoneWork(
  ctx: CoreContext,
  input: LoggedWorkInput,
): CreatedTask & { entry: TimeEntry; interrupted: CarvedTimer | null } {
  return ctx.store.write(() => {
    const created = createTask(ctx, input.task);
    const comment = input.comment ?? DEFAULT_COMMENT;
    const interrupted = pauseRunningTimerFor(ctx, created.task, input, comment);
    const time = addManualTime(ctx, created.task.id, {
      minutes: input.minutes,
      at: input.at,
      comment,
      reason: input.reason,
    });
    const closed = completeTask(ctx, created.task.id, input.result);
    // A task that is already done is not planned any more: the R8 reminder to add a plan would be noise.
    const planReminder = missingPlanWarning(created.task);
    return {
      task: closed.task,
      entry: time.entry,
      warnings: [...created.warnings.filter((w) => w !== planReminder), ...closed.warnings],
      defaultsUsed: created.defaultsUsed,
      interrupted,
    };
  });
}

/**
 * R0, R5: an interruption is captured while the timer runs; the running task pauses for the logged stretch
 * and goes on (R21: no time counted twice). The carve is a correction: the logged work's comment (R22),
 * its reason in a day over or recorded (R23).
 */
function pauseRunningTimerFor(
  ctx: CoreContext,
  task: Task,
  input: LoggedWorkInput,
  comment: string,
): CarvedTimer | null {
  const from = input.at ?? new Date(ctx.now.getTime() - input.minutes * 60_000);
  const to = new Date(from.getTime() + input.minutes * 60_000);
  if (!ctx.store.runningEntryOf(ctx.actor.id)) return null;
  const { retroactive, day } = retroactivityOf(ctx, ctx.actor.id, from);
  const reason = checkRetroactiveReason(retroactive, input.reason, day);
  const told = input.comment === undefined ? '' : `: ${checkManualComment(comment)}`;
  const why = `paused ${formatLocalTime(from)}-${formatLocalTime(to)} for task ${task.id} ${task.title} (task log)${told}`;
  return carveRunningTimer(ctx, from, to, { comment: why, retroactive, reason });
}
