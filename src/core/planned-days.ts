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
  // R34: past days carry in what was overdue when they began; today's carry-in is summed below.
  const rows = ctx.store.plannedByDay(ids, period.from, period.to, dayStartFromKey(today));
  if (today < localDayKey(period.from) || ctx.now >= period.to) return rows;
  const others = rows.filter((r) => r.day !== today);
  const from = dayStartFromKey(today);
  // Summed in SQL: reading every overdue task in full made a month's report grow with the backlog.
  const todays = ctx.store.plannedMinutesToday(ids, today, from, startOfLocalDay(addLocalDays(from, 1)));
  return [
    ...others,
    ...ids.flatMap((userId) =>
      todays.has(userId) ? [{ userId, day: today, minutes: todays.get(userId)! }] : [],
    ),
  ];
}
