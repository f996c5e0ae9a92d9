import type { CoreContext } from './context.js';
import { subjectOf } from './visibility.js';
import { addLocalDays, dayStartFromKey, localDayKey, startOfLocalDay } from './local-time.js';
import { buildDayPlan, type DayPlan } from './plan.js';
import type { Period } from './reports.js';
import { OPEN_STATUSES } from './status.js';
import type { Task } from './types.js';

export interface CalendarData {
  instanceId: string;
  tasks: Task[];
  plans: { plan: DayPlan; dayStart: Date }[];
}

const DEFAULT_DAY_START_HOUR = 9;

/**
 * What goes into a person's calendar: their open tasks with a deadline plus every task due in the
 * period, and each day's plan, laid out from the start of that working day (or 09:00).
 */
export function calendarData(ctx: CoreContext, period: Period, userName?: string): CalendarData {
  const { store, now } = ctx;
  return store.read(() => {
    const user = subjectOf(ctx, userName);
    const open = store.findTasks({ responsibleId: user.id, statuses: OPEN_STATUSES }).filter((t) => t.deadline !== null);
    const due = store.tasksDueBetween(user.id, period.from, period.to);
    const tasks = [...new Map([...open, ...due].map((t) => [t.id, t])).values()].sort((a, b) => a.id - b.id);
    const today = localDayKey(now);
    const plans: CalendarData['plans'] = [];
    for (let day = period.from; day < period.to; day = startOfLocalDay(addLocalDays(day, 1))) {
      const key = localDayKey(day);
      const plan = buildDayPlan(store, user, key, today, ctx.config);
      if (plan.entries.length === 0) continue;
      const workDay = store.getWorkDay(user.id, key);
      const start = dayStartFromKey(key);
      start.setHours(DEFAULT_DAY_START_HOUR);
      plans.push({ plan, dayStart: workDay?.startedAt ?? start });
    }
    return { instanceId: store.instanceId(), tasks, plans };
  });
}
