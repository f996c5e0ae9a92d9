import { format } from 'date-fns/format';
import { getISODay } from 'date-fns/getISODay';
import { isSunday } from 'date-fns/isSunday';
import type { MonthOverview } from '../core/calendar.js';
import { formatMinutes } from '../core/duration.js';
import { dayStartFromKey } from '../core/local-time.js';
import { terminalSafe } from './safe-text.js';
import { palette } from './style.js';
import { fitWidth } from './width.js';

/**
 * `task calendar`: the month as a grid (weeks from Monday; today in brackets, a day with open tasks due
 * marked * - red when those are overdue, blue when due today, R37), then the days with tasks due and
 * their planned time. Fits 80 columns.
 */
export function renderMonth(overview: MonthOverview, options: { color: boolean; width: number }): string {
  const paint = palette(options.color);
  const first = dayStartFromKey(overview.month);
  const due = overview.days.filter((d) => d.due.length > 0);
  const plannedMinutes = due.reduce((sum, d) => sum + d.plannedMinutes, 0);
  const taskCount = due.reduce((sum, d) => sum + d.due.length, 0);
  const lines = [
    terminalSafe(
      `${format(first, 'MMMM yyyy')} - ${overview.user}: ${taskCount} open task${taskCount === 1 ? '' : 's'} due, ${formatMinutes(plannedMinutes)} planned`,
    ),
    ' Mon  Tue  Wed  Thu  Fri  Sat  Sun',
  ];
  let week = '     '.repeat(getISODay(first) - 1);
  for (const day of overview.days) {
    const date = Number(day.day.slice(8));
    const number = String(date).padStart(2);
    let cell = day.day === overview.today ? `[${number}]` : ` ${number} `;
    cell += day.due.length ? '*' : ' ';
    if (day.due.length)
      cell = (day.day < overview.today ? paint.red : day.day === overview.today ? paint.blue : paint.bold)(
        cell,
      );
    week += cell;
    if (isSunday(dayStartFromKey(day.day))) {
      lines.push(week.trimEnd());
      week = '';
    }
  }
  if (week) lines.push(week.trimEnd());
  if (due.length === 0) return [...lines, '', 'No open task is due this month.'].join('\n');
  lines.push('');
  for (const day of due) {
    const weekday = format(dayStartFromKey(day.day), 'EEE');
    const head = `${day.day} ${weekday}  ${String(day.due.length).padStart(2)} task${day.due.length === 1 ? ' ' : 's'} ${formatMinutes(day.plannedMinutes).padStart(6)}  `;
    const titles = day.due.map((t) => `${t.id} ${terminalSafe(t.title)}`).join('; ');
    lines.push(head + fitWidth(titles, Math.max(10, options.width - head.length)));
  }
  return lines.join('\n');
}
