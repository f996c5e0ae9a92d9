import type { CoreContext } from './context.js';
import { addLocalDays, dayStartFromKey, localDayKey, startOfLocalDay } from './local-time.js';
import type { Period } from './period.js';
import type { User } from './types.js';

/** The local days of a period, as day keys. */
export function daysOf(period: Period): string[] {
  const days: string[] = [];
  for (let d = period.from; d < period.to; d = startOfLocalDay(addLocalDays(d, 1))) days.push(localDayKey(d));
  return days;
}

/**
 * Planned minutes per person and day. Today's plan also carries open overdue tasks in (R34), exactly as
 * the day report counts them, so the manager's numbers and the person's own agree.
 */
export function plannedWithToday(
  ctx: CoreContext,
  users: readonly User[],
  period: Period,
): { userId: number; day: string; minutes: number }[] {
  const ids = users.map((u) => u.id);
  const today = localDayKey(ctx.now);
  const from = dayStartFromKey(today);
  const todayInPeriod = today >= localDayKey(period.from) && ctx.now < period.to;
  // Both named ahead: neither waits for the other's answer on the team server.
  const ahead = ctx.store.readAhead({
    // R34: past days carry in what was overdue when they began; today's carry-in is summed below.
    byDay: () => ctx.store.plannedByDay(ids, period.from, period.to, from),
    // Summed in SQL: reading every overdue task in full made a month's report grow with the backlog.
    today: () =>
      todayInPeriod
        ? ctx.store.plannedMinutesToday(ids, today, from, startOfLocalDay(addLocalDays(from, 1)))
        : new Map<number, number>(),
  });
  const rows = ahead.byDay();
  if (!todayInPeriod) return rows;
  const others = rows.filter((r) => r.day !== today);
  const todays = ahead.today();
  return [
    ...others,
    ...ids.flatMap((userId) =>
      todays.has(userId) ? [{ userId, day: today, minutes: todays.get(userId)! }] : [],
    ),
  ];
}
