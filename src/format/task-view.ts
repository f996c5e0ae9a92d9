import { attentionOf } from '../core/attention.js';
import { formatMinutes } from '../core/duration.js';
import { historyFieldLabel, historyValueWords } from '../core/history.js';
import { formatLocalDateTime, formatLocalTime } from '../core/local-time.js';
import { entrySeconds } from '../core/time-entries.js';
import type { DayState, TeamMemberStatus, TimerStatus } from '../core/timers.js';
import type { HistoryEntry, Task } from '../core/types.js';
import type { TaskTreeNode } from '../core/compound.js';
import type { TaskDetails } from '../core/views.js';
import { terminalSafe } from './safe-text.js';
import { attentionColor, palette } from './style.js';
import { deadlineText, planText, spentText, statusLabel } from './text.js';
import { displayWidth, padToWidth } from './width.js';

const safe = (text: string) => terminalSafe(text);
const safeBlock = (text: string) => terminalSafe(text, { multiline: true });

/** `task show`: everything about one task, as labelled lines. */
export function renderTaskDetails(details: TaskDetails, options: { color: boolean; now: Date }): string {
  const { task } = details;
  const paint = palette(options.color);
  const colour = attentionColor(paint, attentionOf(task, options.now));
  const lines: string[] = [];
  const field = (label: string, value: string) => lines.push(`  ${paint.dim(label.padEnd(12))} ${value}`);

  lines.push(colour(paint.bold(`Task ${task.id}  ${safe(task.title)}`)));
  field(
    'status',
    statusLabel(task.status) +
      (task.mark ? ` (rated ${task.mark})` : '') +
      (task.seenAt === null ? ' - not yet seen by the responsible' : ''),
  );
  field('project', task.project ? safe(task.project) : '-');
  field(
    'kind',
    task.kind +
      (task.part !== null ? `, part ${task.part}` : '') +
      (task.kind === 'general' ? ` (level ${task.generalLevel})` : ''),
  );
  field('priority', task.priority);
  if (task.deadline)
    field(
      'deadline',
      `${deadlineText(task, options.now)}${task.deadlineHard ? ' (hard)' : ''} - ${details.deadlineMoves === 0 ? 'never moved' : `moved ${times(details.deadlineMoves)}`}`,
    );
  else field('deadline', '-');
  field(
    'time',
    `planned ${planText(task.plannedMinutes)}, spent ${spentText(details.spentSeconds)}${task.timeTracking ? '' : ' (time tracking off)'}`,
  );
  field('director', safe(task.director));
  field(
    'responsible',
    `${safe(task.responsible)}${details.handovers ? ` - changed hands ${times(details.handovers)}` : ''}`,
  );
  if (task.acceptRequired) field('control', 'accept after completion (R27)');
  if (details.parent) field('parent', `${details.parent.id} ${safe(details.parent.title)}`);
  if (task.tags.length) field('tags', task.tags.map(safe).join(', '));
  if (details.observers.length) field('observers', details.observers.map(safe).join(', '));
  if (details.coExecutors.length) field('co-executors', details.coExecutors.map(safe).join(', '));
  if (details.crm.length) field('crm', details.crm.map((l) => `${l.kind}:${safe(l.ref)}`).join(', '));
  const linked = (tasks: readonly Task[]) =>
    tasks.map((t) => `${t.id} ${safe(t.title)} (${statusLabel(t.status)})`).join('; ');
  if (details.dependsOn.length) field('depends on', linked(details.dependsOn));
  if (details.blocks.length) field('blocks', linked(details.blocks));
  field('created', formatLocalDateTime(task.createdAt));
  if (task.closedAt) field('closed', formatLocalDateTime(task.closedAt));
  if (task.deletedAt)
    field('deleted', `${formatLocalDateTime(task.deletedAt)} (bring it back with: task restore ${task.id})`);
  for (const flag of details.flags) lines.push(`  ${paint.yellow('! ' + flag)}`);

  if (task.description) {
    lines.push('', paint.bold('Description'));
    lines.push(...indent(safeBlock(task.description)));
  }
  if (details.holdings.length > 1) {
    lines.push('', paint.bold('In whose hands (R36)'));
    for (const h of details.holdings) {
      const until = h.to ?? options.now;
      lines.push(
        `  ${safe(h.user).padEnd(14)} ${formatLocalDateTime(h.from)} - ${h.to ? formatLocalDateTime(h.to) : 'now'.padEnd(16)}  ${heldText(until.getTime() - h.from.getTime())}`,
      );
    }
  }
  if (details.subtasks.length && details.subtaskTotals) {
    const totals = details.subtaskTotals;
    lines.push(
      '',
      paint.bold(
        `Subtasks (${totals.done} done, ${totals.open} open; planned ${planText(totals.plannedMinutes)}, spent ${spentText(totals.spentSeconds)})`,
      ),
    );
    lines.push(
      `  ${'ID'.padStart(4)}  ${'status'.padEnd(16)} ${'plan'.padStart(6)} / ${'spent'.padEnd(6)} title`,
    );
    lines.push(...renderTree(details.subtasks, 0));
  }
  if (details.result) {
    const r = details.result;
    lines.push('', paint.bold(`Result (${safe(r.author)}, ${formatLocalDateTime(r.createdAt)})`));
    lines.push(...indent(safeBlock(r.result)));
    if (r.proposal) lines.push(`  proposal: ${safeBlock(r.proposal)}`);
    if (r.abstract) lines.push(`  abstract: ${safe(r.abstract)}`);
    for (const link of r.links) lines.push(`  link: ${safe(link)}`);
    if (r.explanation) lines.push(`  explanation: ${safeBlock(r.explanation)}`);
    // R33: a review's GENERAL CONCLUSION is kept on its own line of the conclusion text.
    if (r.conclusion) lines.push(`  conclusion: ${safeBlock(r.conclusion)}`);
  }
  const comments = details.comments.filter((c) => c.kind !== 'result');
  if (comments.length) {
    lines.push('', paint.bold('Last comments'));
    for (const c of comments) {
      lines.push(
        `  ${formatLocalDateTime(c.createdAt)} ${safe(c.author)} [${c.kind} #${c.id}]: ${safeBlock(c.body)}`,
      );
    }
  }
  if (details.entries.length) {
    lines.push('', paint.bold('Time'));
    for (const e of details.entries.slice(-10)) {
      const end = e.endAt ? formatLocalTime(e.endAt) : 'running';
      const flags = [
        e.source !== 'timer' ? e.source : '',
        details.correctedEntryIds.has(e.id) ? 'corrected' : '',
        e.retroactive ? 'retroactive' : '',
      ]
        .filter(Boolean)
        .join(', ');
      lines.push(
        `  ${formatLocalDateTime(e.startAt)}-${end}  ${formatMinutes(Math.floor(entrySeconds(e, options.now) / 60)).padStart(6)}${flags ? `  (${flags})` : ''}${e.comment ? `  ${safe(e.comment)}` : ''}`,
      );
    }
  }
  return lines.join('\n');
}

/** How long someone held a task: minutes and hours, or days and hours past a day. */
function heldText(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 24 * 60) return formatMinutes(minutes);
  const days = Math.floor(minutes / (24 * 60));
  const hours = Math.floor((minutes % (24 * 60)) / 60);
  return hours ? `${days}d ${hours}h` : `${days}d`;
}

function times(count: number): string {
  return count === 1 ? 'once' : `${count} times`;
}

function renderTree(nodes: readonly TaskTreeNode[], depth: number): string[] {
  return nodes.flatMap(({ task, spentSeconds, children }) => [
    `  ${String(task.id).padStart(4)}  ${statusLabel(task.status).padEnd(16)} ${(task.kind === 'general' ? '' : planText(task.plannedMinutes)).padStart(6)} / ${spentText(spentSeconds).padEnd(6)} ${'  '.repeat(depth)}${safe(task.title)}`,
    ...renderTree(children, depth + 1),
  ]);
}

function indent(block: string): string[] {
  return block.split('\n').map((line) => `  ${line}`);
}

/** `task history`: one line per change, oldest first. */
export function renderHistory(taskTitle: string, history: readonly HistoryEntry[]): string {
  const lines = [`History of ${safe(taskTitle)}`];
  for (const h of history) {
    const change =
      h.field === 'created'
        ? `created "${safe(h.newValue ?? '')}"`
        : `${historyFieldLabel(h.field)}: ${showValue(h.field, h.oldValue)} -> ${showValue(h.field, h.newValue)}`;
    lines.push(
      `  ${formatLocalDateTime(h.at)}  ${safe(h.actor).padEnd(12)} ${change}${h.note ? ` (${safe(h.note)})` : ''}${h.via ? ` [made by ${safe(h.via)} acting as ${safe(h.actor)}]` : ''}`,
    );
  }
  return lines.join('\n');
}

function showValue(field: string, value: string | null): string {
  if (value === null) return '-';
  if (/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(value)) return formatLocalDateTime(new Date(value));
  if (field === 'plannedMinutes') return formatMinutes(Number(value));
  const words = historyValueWords(field, value)!;
  return words.quoted ? `"${safe(words.text)}"` : safe(words.text);
}

/** `task status`: the running task and today's total. */
const DAY_STATE: Record<DayState, string> = {
  not_started: 'day not started',
  working: 'working',
  on_break: 'on a break',
  ended: 'day ended',
};

/** R4: one line per person - what runs now (or nothing), today's tracked time, where the working day stands. */
export function renderTeamStatus(team: readonly TeamMemberStatus[]): string {
  const nameWidth = Math.max(...team.map((m) => displayWidth(safe(m.user.name))));
  return team
    .map((member) => {
      const name = padToWidth(safe(member.user.name), nameWidth);
      const today = `today ${spentText(member.todaySeconds)}`.padEnd(14);
      const state = DAY_STATE[member.day].padEnd(15);
      const running = member.running
        ? `▶ ${member.running.task.id} ${safe(member.running.task.title)} (since ${formatLocalTime(member.running.entry.startAt)}, ${spentText(member.running.elapsedSeconds)})`
        : member.idle
          ? `no timer since ${formatLocalTime(member.idle.since)} (${spentText(member.idle.seconds)})`
          : 'no timer running';
      return `${name}  ${today}  ${state}  ${running}`;
    })
    .join('\n');
}

export function renderStatus(status: TimerStatus): string {
  const today = `Today: ${spentText(status.todaySeconds)} tracked.`;
  if (status.breakSince)
    return `On a break since ${formatLocalTime(status.breakSince)} (back with: task day resume). ${today}`;
  if (status.idle)
    return `No timer is running since ${formatLocalTime(status.idle.since)} - ${spentText(status.idle.seconds)} not tracked (task resume, or task start ID). ${today}`;
  if (!status.running) return `No timer is running. ${today}`;
  const { task, entry, elapsedSeconds } = status.running;
  return `Running: task ${task.id} ${safe(task.title)} (since ${formatLocalTime(entry.startAt)}, ${spentText(elapsedSeconds)}).\n${today}`;
}
