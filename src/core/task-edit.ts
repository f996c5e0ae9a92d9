import type { CoreContext } from './context.js';
import type { DateInput } from './dates.js';
import { RuleError, UsageError } from './errors.js';
import { diffTask, historyRow } from './history.js';
import { changeDependencies } from './dependencies.js';
import { requireTask } from './task-lookup.js';
import { ensureProject, normaliseTags, partsOf } from './task-fields.js';
import { requireTaskActedOn, saveTask, type TaskOutcome } from './task-save.js';
import { requireUser } from './identity.js';
import {
  checkKindChange,
  checkStepParent,
  generalLevelUnder,
  type CompoundFacts,
  handoverStopsTimers,
  checkDeadlineMoveNeedsContinuation,
  checkDeadlineMove,
  observerWarning,
} from './rules/index.js';
import { isOpen } from './status.js';
import type { Store } from './store.js';
import { relationTo } from './relation.js';
import { isValidProjectName, parseTitle, renderTitle, verbatimTitle, type TitleParts } from './title.js';
import { spentSecondsOf, stopRunningEntriesOnTask } from './time-entries.js';
import type { CrmLink, NewHistoryEntry, Priority, Task } from './types.js';

// Changing a task: its title, deadline (R10), plan, people, place under a compound task (R15), tags,
// dependencies, observers (R3) and CRM links (R9), with a history row per change (R36).

export interface TaskChanges {
  title?: string;
  /** R6: the new title is all text - a colon in it is not read as a project prefix. */
  verbatim?: boolean;
  /** Taskwarrior's append and prepend: words added after or before the title's text (project and marker stay). */
  appendText?: string;
  prependText?: string;
  project?: string | null;
  deadline?: DateInput | null;
  hard?: boolean;
  plannedMinutes?: number | null;
  priority?: Priority;
  description?: string | null;
  acceptRequired?: boolean;
  /** R33: marks or unmarks a management task. */
  management?: boolean;
  /** R33: marks or unmarks a review of reports or compound tasks (marking makes it a management task too). */
  review?: boolean;
  timeTracking?: boolean;
  director?: string;
  responsible?: string;
  parentId?: number | null;
  addTags?: string[];
  removeTags?: string[];
  /** Taskwarrior's depends: tasks this one waits for, added and removed. */
  addDepends?: number[];
  removeDepends?: number[];
  /** R3: observers added (with the R3 warning) and removed. */
  addObservers?: string[];
  removeObservers?: string[];
  /** R9: CRM links added and removed. */
  addCrm?: CrmLink[];
  removeCrm?: CrmLink[];
  /** R10: override for moving a hard deadline, with the reason kept in history. */
  force?: boolean;
  reason?: string;
}

/** What R15-R16 look at besides the task: its steps and its tracked time. */
export function compoundFacts(ctx: CoreContext, task: Task): CompoundFacts {
  const steps = ctx.store.findTasks({ parentId: task.id });
  return {
    steps: steps.length,
    openSteps: steps.filter((s) => isOpen(s.status)).map((s) => s.id),
    trackedSeconds: spentSecondsOf(ctx, task),
  };
}

/** The title a change asks for: a new one, or the words appended or prepended to the text of the current one. */
function requestedTitle(before: Task, changes: TaskChanges): string | undefined {
  if (changes.appendText === undefined && changes.prependText === undefined) return changes.title;
  const parts: TitleParts = changes.title !== undefined ? parseTitle(changes.title) : partsOf(before);
  const text = [changes.prependText, parts.text, changes.appendText]
    .filter((words) => words !== undefined && words.trim() !== '')
    .join(' ');
  return renderTitle({ ...parts, text });
}

export function editTask(
  ctx: CoreContext,
  id: number,
  changes: TaskChanges,
): TaskOutcome & { changed: boolean } {
  const { store, actor, now } = ctx;
  return store.write(() => {
    const before = requireTaskActedOn(ctx, id);
    const after: Task = { ...before, tags: [...before.tags] };
    const warnings: string[] = [];

    const title = requestedTitle(before, changes);
    if (title !== undefined || changes.project !== undefined) {
      const parts =
        title === undefined ? partsOf(before) : changes.verbatim ? verbatimTitle(title) : parseTitle(title);
      if (title !== undefined && parts.project === null) parts.project = before.project;
      if (changes.project !== undefined) {
        if (changes.project !== null && !isValidProjectName(changes.project))
          throw new UsageError(`--project: "${changes.project}" is not a project name`);
        parts.project = changes.project;
      }
      if (parts.text === '') throw new UsageError('--title: the title is empty');
      checkKindChange(before, parts.kind, compoundFacts(ctx, before));
      parts.generalLevel = parts.kind === 'general' ? Math.max(before.generalLevel, 1) : 0;
      const project = ensureProject(store, parts.project, now);
      parts.internalProject = parts.kind === 'general' && project !== null;
      Object.assign(after, {
        project: project?.name ?? null,
        projectId: project?.id ?? null,
        kind: parts.kind,
        generalLevel: parts.generalLevel,
        internalProject: parts.internalProject,
        part: parts.part,
        text: parts.text,
        title: renderTitle({ ...parts, project: project?.name ?? null }),
      });
      if (parts.kind === 'general' && before.kind !== 'general')
        Object.assign(after, { timeTracking: false, plannedMinutes: null });
      // R8: a compound task without steps that becomes an ordinary one tracks time again.
      if (parts.kind !== 'general' && before.kind === 'general') after.timeTracking = true;
    }
    if (changes.deadline !== undefined) {
      after.deadline = changes.deadline?.at ?? null;
      after.deadlineAllDay = changes.deadline?.allDay ?? false;
      checkDeadlineMove(
        before,
        after.deadline,
        { force: changes.force ?? false, reason: changes.reason ?? null },
        relationTo(ctx, before),
      );
      checkDeadlineMoveNeedsContinuation(
        before,
        after.deadline,
        spentSecondsOf(ctx, before),
        ctx.policy.continuationThresholdMinutes,
      );
      if (after.deadline === null) after.deadlineHard = false;
    }
    if (changes.hard !== undefined) {
      if (changes.hard && after.deadline === null)
        throw new UsageError('--hard needs a deadline; pass --deadline too');
      if (!changes.hard && before.deadlineHard)
        checkDeadlineMove(
          before,
          null,
          { force: changes.force ?? false, reason: changes.reason ?? null },
          relationTo(ctx, before),
        );
      after.deadlineHard = changes.hard;
    }
    if (changes.plannedMinutes !== undefined) {
      if (after.kind === 'general')
        throw new RuleError(
          'R16',
          `task ${id} is a compound task: its planned total belongs in the description, not --plan (it is never summed into plans)`,
        );
      after.plannedMinutes = changes.plannedMinutes;
    }
    if (changes.priority !== undefined) after.priority = changes.priority;
    if (changes.description !== undefined)
      after.description = changes.description?.trim() ? changes.description : null;
    if (changes.acceptRequired !== undefined) after.acceptRequired = changes.acceptRequired;
    if (changes.management !== undefined) after.management = changes.management || after.kind === 'control';
    // R33: a review is a management task: marking it marks management, unmarking management unmarks it.
    if (changes.management === false && changes.review === undefined) after.review = false;
    if (changes.review !== undefined) {
      after.review = changes.review;
      if (changes.review) after.management = true;
    }
    if (changes.timeTracking !== undefined) {
      if (changes.timeTracking && after.kind === 'general')
        throw new RuleError(
          'R16',
          `task ${id} is a compound task: it tracks no time itself, only its steps do`,
        );
      after.timeTracking = changes.timeTracking;
    }
    if (changes.director !== undefined) {
      const director = requireUser(store, changes.director);
      Object.assign(after, { directorId: director.id, director: director.name });
    }
    if (changes.responsible !== undefined) {
      const responsible = requireUser(store, changes.responsible);
      if (responsible.id !== before.responsibleId) {
        // R37: the new responsible has not seen the task yet.
        Object.assign(after, {
          responsibleId: responsible.id,
          responsible: responsible.name,
          seenAt: responsible.id === actor.id ? now : null,
        });
        const running = store.runningEntriesOnTask(id);
        if (
          handoverStopsTimers(
            before.responsibleId,
            responsible.id,
            running.map((e) => e.userId),
          )
        ) {
          stopRunningEntriesOnTask(store, id, now);
          if (after.status === 'in_progress') after.status = 'pending';
          warnings.push(
            `R2: ${before.responsible}'s running timer on task ${id} was stopped at the handover; that time stays ${before.responsible}'s`,
          );
        }
      }
    }
    if (changes.parentId !== undefined) {
      if (changes.parentId !== null) {
        assertNoCycle(store, id, changes.parentId);
        if (changes.parentId !== before.parentId) checkStepParent(requireTask(store, changes.parentId));
      }
      after.parentId = changes.parentId;
    }
    placeCompoundByDepth(store, after);
    if (changes.addTags?.length || changes.removeTags?.length) {
      const removed = new Set((changes.removeTags ?? []).map((t) => t.toLowerCase()));
      after.tags = normaliseTags([
        ...after.tags.filter((t) => !removed.has(t.toLowerCase())),
        ...(changes.addTags ?? []),
      ]);
    }

    const rows = diffTask(before, after, actor.id, now, changes.reason ?? null);
    const linkRows = [
      ...changeObservers(ctx, id, changes, warnings),
      ...changeCrmLinks(ctx, id, changes),
      ...changeDependencies(ctx, id, changes),
    ];
    if (rows.length === 0 && linkRows.length === 0) return { task: before, warnings: [], changed: false };
    if (rows.length) saveTask(store, before, after, now);
    else store.updateTask(id, { updatedAt: now });
    const stepRows =
      after.generalLevel !== before.generalLevel || after.kind !== before.kind
        ? relevelSteps(ctx, after)
        : [];
    store.insertHistory([...rows, ...linkRows, ...stepRows]);
    return { task: requireTask(store, id), warnings, changed: true };
  });
}

/** R3: adds and removes observers; one history row with the list before and after (R36). */
function changeObservers(
  ctx: CoreContext,
  id: number,
  changes: TaskChanges,
  warnings: string[],
): NewHistoryEntry[] {
  if (!changes.addObservers?.length && !changes.removeObservers?.length) return [];
  const { store, actor, now } = ctx;
  const before = store.observersOf(id);
  for (const name of changes.removeObservers ?? []) store.removeObserver(id, requireUser(store, name).id);
  const added = (changes.addObservers ?? []).map((name) => requireUser(store, name));
  for (const person of added) store.addObserver(id, person.id);
  const after = store.observersOf(id);
  const newcomers = after.filter((name) => !before.includes(name));
  const note = observerWarning(newcomers);
  if (note) warnings.push(note);
  return listChange(id, actor.id, now, 'observers', before, after);
}

/** R9: adds and removes CRM links; one history row with the links before and after (R36). */
function changeCrmLinks(ctx: CoreContext, id: number, changes: TaskChanges): NewHistoryEntry[] {
  if (!changes.addCrm?.length && !changes.removeCrm?.length) return [];
  const { store, actor, now } = ctx;
  const text = (links: CrmLink[]) => links.map((l) => `${l.kind}:${l.ref}`);
  const before = text(store.crmLinksOf(id));
  for (const link of changes.removeCrm ?? []) store.removeCrmLink(id, link);
  for (const link of changes.addCrm ?? []) store.addCrmLink(id, link);
  return listChange(id, actor.id, now, 'crm', before, text(store.crmLinksOf(id)));
}

function listChange(
  id: number,
  actorId: number,
  now: Date,
  field: string,
  before: string[],
  after: string[],
): NewHistoryEntry[] {
  const oldValue = before.join(',') || null;
  const newValue = after.join(',') || null;
  return oldValue === newValue ? [] : [historyRow(id, actorId, now, field, oldValue, newValue)];
}

function assertNoCycle(store: Store, id: number, parentId: number): void {
  let cursor: Task | undefined = requireTask(store, parentId);
  for (let depth = 0; cursor && depth < 1000; depth++) {
    if (cursor.id === id)
      throw new UsageError(
        `--parent: task ${parentId} is inside task ${id}; a task cannot be its own ancestor`,
      );
    cursor = cursor.parentId !== null ? store.getTask(cursor.parentId) : undefined;
  }
}

/** R15: a compound task's depth (`General-N:`) follows where it sits: one deeper than a compound parent. */
function placeCompoundByDepth(store: Store, task: Task): void {
  if (task.kind !== 'general') return;
  const level = generalLevelUnder(task.parentId === null ? undefined : store.getTask(task.parentId));
  if (level === task.generalLevel) return;
  task.generalLevel = level;
  task.title = renderTitle(partsOf(task));
}

/**
 * R15: after a compound task moved (or became or stopped being one), the compound tasks inside it take
 * their new depth, each with a history row of its new title (R36). Returns those rows.
 */
function relevelSteps(ctx: CoreContext, parent: Task): NewHistoryEntry[] {
  const rows: NewHistoryEntry[] = [];
  for (const step of ctx.store.findTasks({ parentId: parent.id })) {
    if (step.kind !== 'general') continue;
    const moved: Task = { ...step, tags: [...step.tags], parentId: parent.id };
    placeCompoundByDepth(ctx.store, moved);
    if (moved.generalLevel === step.generalLevel) continue;
    saveTask(ctx.store, step, moved, ctx.now);
    rows.push(
      ...diffTask(step, moved, ctx.actor.id, ctx.now, `task ${parent.id} moved`),
      ...relevelSteps(ctx, moved),
    );
  }
  return rows;
}
