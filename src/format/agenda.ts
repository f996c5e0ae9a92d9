import { format } from 'date-fns/format';
import { attentionOf } from '../core/attention.js';
import type { Agenda } from '../core/agenda.js';
import type { DayPlan } from '../core/plan.js';
import { dayStartFromKey, formatLocalTime } from '../core/local-time.js';
import { minutes } from './report-common.js';
import { terminalSafe } from './safe-text.js';
import { attentionColor, palette } from './style.js';
import { spentText, truncate } from './text.js';

/** "Today, Fri 2026-11-27 - planned 1h of 8h (spare 7h), tracked 20m"; days off say so instead of counting spare time. */
function dayHeading(plan: DayPlan, index: number, todaySeconds: number): string {
  const weekday = format(dayStartFromKey(plan.day), 'EEE');
  const label = index === 0 ? `Today, ${weekday}` : index === 1 ? `Tomorrow, ${weekday}` : weekday;
  const tracked = index === 0 ? `, tracked ${spentText(todaySeconds)}` : '';
  if (!plan.workingDay)
    return `${label} ${plan.day} - day off${plan.plannedMinutes > 0 ? `, planned ${minutes(plan.plannedMinutes)}` : ''}${tracked}`;
  const fit =
    plan.overMinutes > 0 ? `OVER ${minutes(plan.overMinutes)}` : `spare ${minutes(plan.spareMinutes)}`;
  return `${label} ${plan.day} - planned ${minutes(plan.plannedMinutes)} of ${minutes(plan.workdayMinutes)} (${fit})${tracked}`;
}

/** `task today` / `task week`: each day's plan, R37 colours, fitted to the terminal width. */
export function renderAgenda(agenda: Agenda, options: { color: boolean; now: Date; width: number }): string {
  const paint = palette(options.color);
  const width = Math.max(40, options.width);
  const lines: string[] = [];
  const running = agenda.status.running;
  if (running) {
    const head = `▶ ${running.task.id} `;
    const tail = ` running ${spentText(running.elapsedSeconds)}`;
    lines.push(
      paint.bold(head + truncate(terminalSafe(running.task.title), width - head.length - tail.length) + tail),
    );
  } else if (agenda.status.breakSince) {
    lines.push(
      paint.bold(
        `On a break since ${formatLocalTime(agenda.status.breakSince)} (back with: task day resume)`,
      ),
    );
  } else if (agenda.status.idle) {
    lines.push(
      paint.bold(
        `No timer since ${formatLocalTime(agenda.status.idle.since)} - ${spentText(agenda.status.idle.seconds)} not tracked`,
      ),
    );
  }
  for (const [index, { plan, spentSeconds }] of agenda.days.entries()) {
    if (index > 0) lines.push('');
    lines.push(paint.bold(dayHeading(plan, index, agenda.status.todaySeconds)));
    if (plan.entries.length === 0 && plan.workingDay) lines.push('  nothing planned');
    for (const entry of plan.entries) {
      const task = entry.task;
      const mark = task.id === running?.task.id ? '▶' : task.status === 'completed' ? '✓' : ' ';
      const note =
        entry.source === 'overdue'
          ? 'OVERDUE '
          : entry.source === 'unplanned'
            ? 'unplanned '
            : entry.addedLate
              ? `added ${formatLocalTime(entry.addedLate)} `
              : '';
      const planned = task.kind === 'general' ? 'compound' : minutes(task.plannedMinutes);
      const prefix = `${mark} ${String(task.id).padStart(4)} ${planned.padStart(6)} ${spentText(spentSeconds.get(task.id) ?? 0).padStart(6)}  ${note}`;
      const line = prefix + truncate(terminalSafe(task.title), width - [...prefix].length);
      lines.push(attentionColor(paint, attentionOf(task, options.now))(line));
    }
  }
  return lines.join('\n');
}
