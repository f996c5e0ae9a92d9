import type { CoreContext } from './context.js';
import { dayTaskLines, remarkOf } from './day-lines.js';
import { secondsToMinutes } from './duration.js';
import { RuleError, UsageError } from './errors.js';
import { untrackedSecondsOf } from './gaps.js';
import { handSecondsOf } from './hand-time.js';
import { requireUser } from './identity.js';
import { addLocalDays, dayStartFromKey, localDayKey, startOfLocalDay } from './local-time.js';
import type { Period } from './period.js';
import type { WorkCalendar } from './plan.js';
import { daysOf, plannedWithToday } from './planned-days.js';
import { REPORT_VERSION, ratioOf, type DayReport, type PeriodReport } from './report-types.js';
import { subjectOf } from './rules/visibility.js';
import type { Store } from './store.js';
import { entrySeconds } from './time-entries.js';
import type { RecordedDayReport, User } from './types.js';
import { presentSeconds } from './workday-state.js';

export { monthOf, periodOf, weekOf, type Period } from './period.js';

const iso = (d: Date) => d.toISOString();

/** R35: one person's end-of-day report, computed from the data as it stands now. */
export function buildDayReport(
  store: Store,
  user: User,
  day: string,
  ctx: { now: Date; calendar: WorkCalendar },
): DayReport {
  const { now } = ctx;
  const from = dayStartFromKey(day);
  const to = startOfLocalDay(addLocalDays(from, 1));
  const { plan, tracked, lines } = dayTaskLines(store, user, day, ctx);

  const entries = store.entriesOfUserBetween(user.id, from, to);
  const titles = new Map(lines.map((l) => [l.id, l.title]));
  // R22: time entered or changed by hand is flagged - manual entries, and timer entries corrected since.
  const changes = store.changesOfEntries(entries.filter((e) => e.source === 'timer').map((e) => e.id));
  const corrected = new Set(changes.keys());
  const flaggedEntries = entries
    .filter((e) => e.source !== 'timer' || e.retroactive || corrected.has(e.id))
    .map((e) => ({
      id: e.id,
      taskId: e.taskId,
      title: titles.get(e.taskId) ?? store.getTask(e.taskId)?.title ?? '',
      start: iso(e.startAt),
      end: e.endAt ? iso(e.endAt) : null,
      minutes: secondsToMinutes(entrySeconds(e, now)),
      handMinutes: secondsToMinutes(handSecondsOf(e, changes.get(e.id) ?? [], from, to, now)),
      source: e.source,
      comment: e.comment,
      retroactive: e.retroactive,
      corrected: corrected.has(e.id),
      reason: e.reason,
    }));

  const trackedSeconds = [...tracked.values()].reduce((a, b) => a + b, 0);
  const unplannedSeconds = lines
    .filter((l) => l.plan === 'unplanned')
    .reduce((sum, l) => sum + (tracked.get(l.id) ?? 0), 0);
  const workDay = store.getWorkDay(user.id, day);
  const present = workDay ? presentSeconds(workDay, now < to ? now : to) : null;
  const overdueBefore = now < to ? now : to;
  const recorded = store.getDayReport(user.id, day);

  return {
    schema: 'regula.day-report',
    version: REPORT_VERSION,
    user: user.name,
    day,
    generatedAt: iso(now),
    workday: workDay
      ? {
          startedAt: iso(workDay.startedAt),
          endedAt: workDay.endedAt ? iso(workDay.endedAt) : null,
          breakMinutes: secondsToMinutes(
            workDay.breaks.reduce((s, b) => s + ((b.endAt ?? now).getTime() - b.startAt.getTime()) / 1000, 0),
          ),
          presentMinutes: secondsToMinutes(present ?? 0),
        }
      : null,
    tasks: lines,
    flaggedEntries,
    overdue: store
      .overdueTasks([user.id], overdueBefore)
      .map((t) => ({ id: t.id, title: t.title, deadline: iso(t.deadline!) })),
    negativeRatings: store
      .negativeRatingsBetween([user.id], from, to)
      .map((r) => remarkOf(r.taskId, r.taskTitle, r.comment)),
    unansweredRemarks: store.openRemarksFor(user.id).map((r) => remarkOf(r.taskId, r.taskTitle, r.comment)),
    totals: {
      plannedMinutes: plan.plannedMinutes,
      plannedLateMinutes: plan.plannedLateMinutes,
      trackedMinutes: secondsToMinutes(trackedSeconds),
      unplannedMinutes: secondsToMinutes(unplannedSeconds),
      workdayMinutes: ctx.calendar.workdayMinutes,
      presentMinutes: present === null ? null : secondsToMinutes(present),
      untrackedMinutes: workDay ? secondsToMinutes(untrackedSecondsOf(store, workDay, now)) : null,
      ratio: ratioOf(trackedSeconds / 60, plan.plannedMinutes),
    },
    recorded: recorded ? recordedState(store, user.id, recorded, from, to) : null,
  };
}

/** R23: a recorded report is amended by every time correction made after it that touches its day. */
function recordedState(
  store: Store,
  userId: number,
  recorded: RecordedDayReport,
  from: Date,
  to: Date,
): DayReport['recorded'] {
  const amendments = store.correctionsAfter(userId, recorded.recordedAt, from, to).map((c) => ({
    entryId: c.entryId,
    taskId: c.taskId,
    at: iso(c.at),
    before: c.oldStart ? { start: iso(c.oldStart), end: c.oldEnd ? iso(c.oldEnd) : null } : null,
    after: { start: iso(c.newStart), end: c.newEnd ? iso(c.newEnd) : null },
    taskMove: c.taskMove ?? null,
    comment: c.comment,
    reason: c.reason,
  }));
  // A time correction writes its own detailed row; the gate's note of the same command is not repeated.
  const correctionInstants = new Set(amendments.map((a) => a.at));
  const changes = store
    .amendmentsOf(userId, recorded.day)
    .filter((c) => !correctionInstants.has(iso(c.at)))
    .map((c) => ({ at: iso(c.at), by: c.actor, via: c.via, what: c.what, reason: c.reason }));
  return {
    recordedAt: iso(recorded.recordedAt),
    amended: amendments.length > 0 || changes.length > 0,
    amendments,
    changes,
    recordedTotals: recordedTotalsOf(recorded.snapshot),
    approval:
      recorded.approvedBy && recorded.approvedAt && recorded.mark
        ? {
            by: recorded.approvedBy,
            at: iso(recorded.approvedAt),
            mark: recorded.mark,
            comment: recorded.comment,
          }
        : null,
  };
}

/** The totals the report had when it was recorded (a snapshot from an older version may lack them). */
function recordedTotalsOf(snapshot: string): DayReport['totals'] | null {
  try {
    const parsed = JSON.parse(snapshot) as { totals?: DayReport['totals'] };
    return parsed.totals ?? null;
  } catch {
    return null;
  }
}

/** The person a report is about: yourself, or someone who reports to you (R4). */
export function dayReport(ctx: CoreContext, day: Date, userName?: string): DayReport {
  return ctx.store.read(() =>
    buildDayReport(ctx.store, subjectOf(ctx, userName), localDayKey(day), {
      now: ctx.now,
      calendar: ctx.policy,
    }),
  );
}

/** R35: freezes the day's report; later corrections of that day become retroactive (R23). */
export function recordDayReport(ctx: CoreContext, day: Date): DayReport {
  const { store, actor, now } = ctx;
  return store.write(() => {
    const key = localDayKey(day);
    if (key > localDayKey(now))
      throw new UsageError(`${key} has not come yet; a report is recorded at the end of its day`);
    const existing = store.getDayReport(actor.id, key);
    if (existing) {
      throw new RuleError(
        'R35',
        `the report of ${key} was recorded at ${iso(existing.recordedAt)} and is frozen; later corrections show as amendments`,
      );
    }
    const report = buildDayReport(store, actor, key, { now, calendar: ctx.policy });
    store.insertDayReport(actor.id, key, now, JSON.stringify(report));
    return buildDayReport(store, actor, key, { now, calendar: ctx.policy });
  });
}

/** R4, R29: the manager approves a person's recorded report with a mark; negative needs the reason. */
export function approveDayReport(
  ctx: CoreContext,
  userName: string,
  day: Date,
  mark: 'positive' | 'negative',
  comment: string | undefined,
): DayReport {
  const { store, actor, now } = ctx;
  return store.write(() => {
    const user = requireUser(store, userName);
    if (user.managerId !== actor.id)
      throw new RuleError(
        'R4',
        `${user.name} does not report to you; only their manager approves their reports`,
      );
    const key = localDayKey(day);
    if (!store.getDayReport(user.id, key))
      throw new RuleError(
        'R35',
        `${user.name} has not recorded the report of ${key} yet; ask for: task report record ${key}`,
      );
    const reason = comment?.trim() || null;
    if (mark === 'negative' && !reason)
      throw new RuleError('R29', 'a negative mark needs the reason: --comment "..."');
    store.approveDayReport(user.id, key, actor.id, now, mark, reason);
    return buildDayReport(store, user, key, { now, calendar: ctx.policy });
  });
}

export interface PeriodOptions {
  users?: string[];
  /** Everyone in the database (an admin's view, R4). */
  everyone?: boolean;
  excludeTags?: string[];
}

/** Totals per day and per project, tag and CRM link over a period; tasks with an excluded tag (R9: NO) left out. */
export function periodReport(ctx: CoreContext, period: Period, options: PeriodOptions = {}): PeriodReport {
  const { store, now } = ctx;
  return store.read(() => {
    if (options.everyone && ctx.actor.role !== 'admin')
      throw new RuleError(
        'R4',
        "only an admin sees everyone's time; a manager names their people with --user or uses --team",
      );
    const users = options.everyone
      ? store.listUsers()
      : (options.users?.length ? options.users : [ctx.actor.name]).map((name) => subjectOf(ctx, name));
    const ids = users.map((u) => u.id);
    const excluded = new Set((options.excludeTags ?? []).map((t) => t.toLowerCase()));
    // R9: tasks carrying an excluded tag (e.g. NO) are left out of every total.
    const excludedTasks = excluded.size
      ? store.tasksTagged(store.tagNames().filter((t) => excluded.has(t.toLowerCase())))
      : [];
    // Three period-wide reads, each one query: over years of a team's data each takes seconds.
    const part = (done: number) =>
      ctx.progress?.({ work: 'report', done, total: 3, unit: ['part', 'parts'] });
    part(0);
    const dayTracked = store.trackedPerDay(ids, period.from, period.to, now, excludedTasks);
    part(1);
    const facets = store.trackedPerFacet(ids, period.from, period.to, now, excludedTasks);
    part(2);
    const planned = new Map<string, number>();
    for (const row of plannedWithToday(ctx, users, period))
      planned.set(row.day, (planned.get(row.day) ?? 0) + row.minutes);
    const days = daysOf(period).map((day) => ({
      day,
      plannedMinutes: planned.get(day) ?? 0,
      trackedMinutes: secondsToMinutes(dayTracked.get(day) ?? 0),
    }));
    // Largest first; equal totals by name (none last), so the same data always prints the same report.
    const toList = <K extends string | null>(totals: [K, number][]) =>
      [...totals]
        .sort((a, b) => b[1] - a[1] || (a[0] === null ? 1 : b[0] === null ? -1 : a[0].localeCompare(b[0])))
        .map(([key, seconds]) => ({ key, minutes: secondsToMinutes(seconds) }));
    const trackedSeconds = [...dayTracked.values()].reduce((a, b) => a + b, 0);
    const plannedMinutes = days.reduce((a, d) => a + d.plannedMinutes, 0);
    return {
      schema: 'regula.period-report',
      version: REPORT_VERSION,
      users: users.map((u) => u.name),
      from: localDayKey(period.from),
      to: localDayKey(addLocalDays(period.to, -1)),
      generatedAt: iso(now),
      excludedTags: [...excluded],
      days,
      byProject: toList(facets.projects).map(({ key, minutes }) => ({ project: key, minutes })),
      byTag: toList(facets.tags).map(({ key, minutes }) => ({ tag: key, minutes })),
      byCrm: toList(facets.crm).map(({ key, minutes }) => ({ link: key, minutes })),
      totals: {
        plannedMinutes,
        trackedMinutes: secondsToMinutes(trackedSeconds),
        ratio: ratioOf(trackedSeconds / 60, plannedMinutes),
      },
    };
  });
}
