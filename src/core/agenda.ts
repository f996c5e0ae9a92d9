import type { CoreContext } from './context.js';
import { addLocalDays, localDayKey } from './local-time.js';
import { buildDayPlan, type DayPlan } from './plan.js';
import { timerStatus, type TimerStatus } from './timers.js';
import { withSpent } from './time-entries.js';

export interface AgendaDay {
  plan: DayPlan;
  spentSeconds: Map<number, number>;
}

export interface Agenda {
  status: TimerStatus;
  days: AgendaDay[];
}

/** `task today` (one day) and `task week` (seven days from today): the plan of each day, the running timer on top. */
export function agenda(ctx: CoreContext, dayCount: number): Agenda {
  const { store, actor, now } = ctx;
  const status = timerStatus(ctx);
  return store.read(() => {
    const today = localDayKey(now);
    const days = Array.from({ length: dayCount }, (_, i) => {
      const date = addLocalDays(now, i);
      const plan = buildDayPlan(store, actor, localDayKey(date), today, ctx.policy);
      const spent = new Map(
        withSpent(
          ctx,
          plan.entries.map((e) => e.task),
        ).map((w) => [w.task.id, w.spentSeconds]),
      );
      return { plan, spentSeconds: spent };
    });
    return { status, days };
  });
}
