import type { CoreContext } from './context.js';
import { UsageError } from './errors.js';
import { formatLocalDateTime } from './local-time.js';
import { maySeeUser, visibleScope, type VisibleScope } from './rules/visibility.js';
import { requireTask, setStatus } from './tasks.js';
import type { StoreMaintenance } from './store.js';
import type { TimeEntry } from './types.js';

export interface Finding {
  check: string;
  /** damaged: the file itself is broken; data: the data breaks a rule or an invariant. */
  severity: 'damaged' | 'data';
  message: string;
}

export interface LongTimer {
  entry: TimeEntry;
  title: string;
  user: string;
  hours: number;
}

export interface DoctorReport {
  ok: boolean;
  findings: Finding[];
  longTimers: LongTimer[];
}

/**
 * `task doctor`: is the file sound (integrity, foreign keys), and do the data hold the invariants -
 * no timer running longer than a working day, time only on the responsible's tasks (R2), no entries of
 * one person that overlap (R21, R22), no orphaned import ids, a search index in step with the tasks.
 * The findings about people's time name only the people the actor may see (R4, R38): their own, and
 * those below them in the reporting chain; an administrator sees everyone's.
 */
export function examine(ctx: CoreContext, maintenance: StoreMaintenance): DoctorReport {
  const { store, now, policy } = ctx;
  return store.read(() => {
    const findings: Finding[] = [];
    for (const problem of maintenance.storageProblems()) {
      findings.push({
        check: problem.check === 'references' ? 'foreign keys' : 'integrity',
        severity: 'damaged',
        message: problem.message,
      });
    }
    const people = store.listUsers();
    const users = new Map(people.map((u) => [u.id, u.name]));
    const scope = visibleScope(store, ctx.actor);
    const seesPerson = personFilter(scope, new Map(people.map((u) => [u.name, u.id])));
    const longTimers = store
      .runningEntries()
      .filter(
        (e) =>
          maySeeUser(scope, e.userId) && now.getTime() - e.startAt.getTime() > policy.workdayMinutes * 60_000,
      )
      .map((entry) => ({
        entry,
        title: store.getTask(entry.taskId)?.title ?? '',
        user: users.get(entry.userId) ?? '?',
        hours: Math.floor((now.getTime() - entry.startAt.getTime()) / 3_600_000),
      }));
    for (const t of longTimers) {
      findings.push({
        check: 'long timers',
        severity: 'data',
        message: `${t.user}'s timer on task ${t.entry.taskId} has run ${t.hours}h since ${formatLocalDateTime(t.entry.startAt)} (entry ${t.entry.id}); stop it with: task doctor --stop-timers-at "TIME"`,
      });
    }
    for (const e of store.entriesNotByResponsible().filter((row) => seesPerson(row.user))) {
      findings.push({
        check: 'R2',
        severity: 'data',
        message: `entry ${e.entryId} on task ${e.taskId} is ${e.user}'s, but the task's responsible is ${e.responsible}`,
      });
    }
    // Read past the first 21 when some are left out, so the actor's own people are not hidden behind others'.
    const overlaps = store
      .overlappingEntries(now, scope === 'all' ? 21 : 10_000)
      .filter((o) => seesPerson(o.user));
    for (const o of overlaps.slice(0, 20)) {
      findings.push({
        check: 'overlaps',
        severity: 'data',
        message: `${o.user}'s entry ${o.entryId} overlaps entry ${o.previousId}: time counted twice; correct one of them with task time edit`,
      });
    }
    if (overlaps.length > 20)
      findings.push({
        check: 'overlaps',
        severity: 'data',
        message: 'more overlapping entries than these 20',
      });
    const orphans = store.orphanExternalIds();
    if (orphans)
      findings.push({
        check: 'orphaned rows',
        severity: 'data',
        message: `${orphans} import id(s) point to rows that no longer exist`,
      });
    const drift = maintenance.searchIndexDrift();
    if (drift)
      findings.push({
        check: 'search index',
        severity: 'data',
        message: `${drift} task(s) missing from or stale in the search index`,
      });
    return { ok: findings.length === 0, findings, longTimers };
  });
}

/** R4: whether a finding about this person (by login) is the actor's to see. */
function personFilter(scope: VisibleScope, idByName: ReadonlyMap<string, number>): (name: string) => boolean {
  return (name) => {
    const id = idByName.get(name);
    return id !== undefined && maySeeUser(scope, id);
  };
}

/** Stops timers left running (forgotten over night) at a time the person chooses; never before they started. */
export function stopTimersAt(ctx: CoreContext, at: Date, entryIds: readonly number[]): TimeEntry[] {
  const { store, now } = ctx;
  return store.write(() => {
    const stopped: TimeEntry[] = [];
    for (const id of entryIds) {
      const entry = store.getEntry(id);
      if (!entry || entry.endAt !== null) continue;
      if (at < entry.startAt)
        throw new UsageError(
          `entry ${id} started at ${formatLocalDateTime(entry.startAt)}; it cannot stop before that - choose a later time`,
        );
      if (at > now) throw new UsageError('the stop time is in the future');
      store.stopEntry(id, at, now);
      store.insertEntryChange({
        entryId: id,
        actorId: ctx.actor.id,
        at: now,
        oldStart: entry.startAt,
        oldEnd: null,
        newStart: entry.startAt,
        newEnd: at,
        comment: 'stopped by task doctor: the timer was left running',
        retroactive: true,
        reason: 'timer left running',
      });
      const task = requireTask(store, entry.taskId);
      if (task.status === 'in_progress') setStatus({ ...ctx, now }, task, 'pending');
      stopped.push({ ...entry, endAt: at });
    }
    return stopped;
  });
}
