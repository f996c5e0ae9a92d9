import type { CoreContext } from './context.js';
import { subjectOf } from './rules/visibility.js';
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
    const open = store
      .findTasks({ responsibleId: user.id, statuses: OPEN_STATUSES })
      .filter((t) => t.deadline !== null);
    const due = store.tasksDueBetween(user.id, period.from, period.to);
    const tasks = [...new Map([...open, ...due].map((t) => [t.id, t])).values()].sort((a, b) => a.id - b.id);
    const today = localDayKey(now);
    const plans: CalendarData['plans'] = [];
    for (let day = period.from; day < period.to; day = startOfLocalDay(addLocalDays(day, 1))) {
      const key = localDayKey(day);
      const plan = buildDayPlan(store, user, key, today, ctx.policy);
      if (plan.entries.length === 0) continue;
      const workDay = store.getWorkDay(user.id, key);
      const start = dayStartFromKey(key);
      start.setHours(DEFAULT_DAY_START_HOUR);
      plans.push({ plan, dayStart: workDay?.startedAt ?? start });
    }
    return { instanceId: store.instanceId(), tasks, plans };
  });
}

/** A day of `task calendar`: the open tasks due that day and their planned time. */
export interface MonthDay {
  day: string;
  /** Open tasks (of the person) whose deadline falls on the day. */
  due: Task[];
  plannedMinutes: number;
}

export interface MonthOverview {
  user: string;
  /** The first day of the month, `YYYY-MM-01`. */
  month: string;
  today: string;
  days: MonthDay[];
}

/**
 * Taskwarrior's `task calendar`, for planning ahead (R34): a month of a person's open tasks by the day
 * they are due, with the planned time of each day. Compound tasks are listed but, as in plans (R16),
 * their time is not summed.
 */
export function monthOverview(ctx: CoreContext, inMonth: Date, userName?: string): MonthOverview {
  const { store, now } = ctx;
  return store.read(() => {
    const user = subjectOf(ctx, userName);
    const from = new Date(inMonth.getFullYear(), inMonth.getMonth(), 1);
    const to = new Date(inMonth.getFullYear(), inMonth.getMonth() + 1, 1);
    const due = new Map<string, Task[]>();
    for (const task of store.tasksDueBetween(user.id, from, to)) {
      if (!OPEN_STATUSES.includes(task.status)) continue;
      const day = localDayKey(task.deadline!);
      due.set(day, [...(due.get(day) ?? []), task]);
    }
    const days: MonthDay[] = [];
    for (let day = from; day < to; day = startOfLocalDay(addLocalDays(day, 1))) {
      const key = localDayKey(day);
      const tasks = due.get(key) ?? [];
      days.push({
        day: key,
        due: tasks,
        plannedMinutes: tasks.reduce(
          (sum, t) => sum + (t.kind === 'general' ? 0 : (t.plannedMinutes ?? 0)),
          0,
        ),
      });
    }
    return { user: user.name, month: localDayKey(from), today: localDayKey(now), days };
  });
}
