import type { CoreContext } from './context.js';
import { UsageError } from './errors.js';
import { formatLocalDateTime, localDayKey } from './local-time.js';
import { stopTimerForDay, type StoppedTimer } from './timers.js';
import { runTemplates } from './templates.js';
import type { Task, WorkDay } from './types.js';

export interface DayOutcome {
  workDay: WorkDay;
  /** R19: tasks that recurring templates made when the day started. */
  fromTemplates?: Task[];
  /** The task timer that pausing or ending the day paused. */
  paused: StoppedTimer | null;
  note: string | null;
}

/**
 * The moment a day command is dated to (`--at`, default now) and, for a moment in the past that cuts a
 * running timer short, the reason R23 asks when that moment lies in a closed day.
 */
export interface DayMoment {
  at?: Date;
  reason?: string;
}

function requireOpenDay(ctx: CoreContext, now: Date): WorkDay {
  const day = localDayKey(now);
  const workDay = ctx.store.getWorkDay(ctx.actor.id, day);
  if (!workDay || workDay.endedAt !== null)
    throw new UsageError(`your working day ${day} is not open; start it with: task day start`);
  return workDay;
}

/** R20: the working day starts (or starts again after it was ended by mistake); your templates run (R19). */
export function startDay(ctx: CoreContext, moment: DayMoment = {}): DayOutcome {
  const { store, actor } = ctx;
  const now = moment.at ?? ctx.now;
  return store.write(() => {
    const day = localDayKey(now);
    const existing = store.getWorkDay(actor.id, day);
    let note: string | null = null;
    if (!existing) store.insertWorkDay(actor.id, day, now);
    else if (existing.endedAt !== null) {
      store.setWorkDayEnd(actor.id, day, null);
      note = `the working day ${day} was ended at ${formatLocalDateTime(existing.endedAt)}; it is open again`;
    } else note = `the working day ${day} is already open`;
    const fromTemplates = runTemplates({ ...ctx, now }, { responsibleId: actor.id }).created.map(
      (c) => c.task,
    );
    return { workDay: store.getWorkDay(actor.id, day)!, paused: null, note, fromTemplates };
  });
}

/** A break: the running task timer pauses with it. */
export function pauseDay(ctx: CoreContext, moment: DayMoment = {}): DayOutcome {
  const { store, actor } = ctx;
  const now = moment.at ?? ctx.now;
  return store.write(() => {
    const workDay = requireOpenDay(ctx, now);
    if (store.openBreakOf(actor.id))
      throw new UsageError('you are already on a break; come back with: task day resume');
    const paused = stopTimerForDay(ctx, now, 'the break began', moment.reason);
    store.insertBreak(actor.id, workDay.day, now);
    return { workDay: store.getWorkDay(actor.id, workDay.day)!, paused, note: null };
  });
}

export function resumeDay(ctx: CoreContext, moment: DayMoment = {}): DayOutcome {
  const { store, actor } = ctx;
  const now = moment.at ?? ctx.now;
  return store.write(() => {
    const workDay = requireOpenDay(ctx, now);
    const open = store.openBreakOf(actor.id);
    if (!open) throw new UsageError('you are not on a break; pause the day with: task day pause');
    store.endBreak(open.id, now);
    return { workDay: store.getWorkDay(actor.id, workDay.day)!, paused: null, note: null };
  });
}

/** The working day ends: the running timer and an open break stop with it. */
export function endDay(ctx: CoreContext, moment: DayMoment = {}): DayOutcome {
  const { store, actor } = ctx;
  const now = moment.at ?? ctx.now;
  return store.write(() => {
    const workDay = requireOpenDay(ctx, now);
    const paused = stopTimerForDay(ctx, now, 'the working day ended', moment.reason);
    const open = store.openBreakOf(actor.id);
    if (open) store.endBreak(open.id, now);
    store.setWorkDayEnd(actor.id, workDay.day, now);
    return { workDay: store.getWorkDay(actor.id, workDay.day)!, paused, note: null };
  });
}

/** R20, R35: reminders about an earlier working day never ended or never reported. */
export function dayReminders(ctx: CoreContext): string[] {
  const { store, actor, now } = ctx;
  return store.read(() => {
    const today = localDayKey(now);
    const last = store.lastWorkDayBefore(actor.id, today);
    if (!last) return [];
    const reminders: string[] = [];
    if (last.endedAt === null)
      reminders.push(
        `your working day ${last.day} was never ended; end it at the time you left: task day end --at "${last.day} 18:00"`,
      );
    if (!store.dayRecordedAt(actor.id, last.day))
      reminders.push(`R35: the report of ${last.day} was never recorded: task report record ${last.day}`);
    return reminders;
  });
}
