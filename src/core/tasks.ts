import type { CoreContext } from './context.js';
import type { DateInput } from './dates.js';
import { formatMinutes } from './duration.js';
import { RuleError, UsageError } from './errors.js';
import { diffTask, historyRow } from './history.js';
import { changeDependencies, controlledBy } from './dependencies.js';
import { requireAnyTask, requireTask } from './task-lookup.js';
import { requireUser } from './identity.js';
import {
  checkKindChange,
  checkStepParent,
  generalLevelUnder,
  stecDefaults,
  type CompoundFacts,
  isBlankText,
  checkCoExecutors,
  checkNoOpenRemarks,
  checkNotClosingAwaitingControl,
  actsAsDirector,
  handoverStopsTimers,
  checkDeadlineMoveNeedsContinuation,
  checkConclusion,
  checkGeneralConclusion,
  conclusionText,
  checkDeadlineMove,
  checkExplanation,
  checkMayClose,
  checkMayDelete,
  checkResultGiven,
  checkTitleHasProject,
  explanationNeeded,
  isManagementTask,
  missingPlanWarning,
  needsGeneralConclusion,
  observerWarning,
} from './rules/index.js';
import { assertStatusChange, assertTransition, isOpen } from './status.js';
import { localDayKey } from './local-time.js';
import type { Store } from './store.js';
import { relationsOf, relationTo } from './relation.js';
import {
  isValidProjectName,
  parseTitle,
  renderTitle,
  verbatimTitle,
  type TaskKind,
  type TitleParts,
} from './title.js';
import { explanationBasis, spentSecondsOf, stopRunningEntriesOnTask } from './time-entries.js';
import type { CrmLink, NewHistoryEntry, Priority, ResultParts, Task, TaskFields } from './types.js';

// The look-ups live in task-lookup.ts so that dependencies.ts can use them without an import cycle.
export { requireAnyTask, requireTask } from './task-lookup.js';

export interface NewTaskInput {
  title: string;
  /** R6: the whole title is the text - a colon in it is not read as a project prefix. */
  verbatim?: boolean;
  /** Forces the kind (e.g. `task general`); otherwise the title's marker decides. */
  kind?: TaskKind;
  /** R15: `General (project):` - the compound task stands for an internal project. */
  internalProject?: boolean;
  project?: string;
  deadline?: DateInput;
  hard?: boolean;
  plannedMinutes?: number;
  priority?: Priority;
  tags?: string[];
  parentId?: number;
  director?: string;
  responsible?: string;
  observers?: string[];
  /** Tasks this one waits for (Taskwarrior's depends). */
  depends?: number[];
  /** R34: put the task into its responsible's plan of this day (Taskwarrior's scheduled). */
  planDay?: Date;
  coExecutors?: string[];
  description?: string;
  acceptRequired?: boolean;
  /** R33: a management task (reviewing others' plans and reports, control) closes with findings. */
  management?: boolean;
  /** R33: a review of reports or compound tasks (a management task) closes with a GENERAL CONCLUSION too. */
  review?: boolean;
  crm?: CrmLink[];
  /** What the task takes where the command names nothing: the active context's (Taskwarrior's write context). */
  defaults?: NewTaskDefaults;
}

/**
 * Defaults for new tasks. The command's own words win: a project in the title, --project or the parent
 * compound task's project; an explicit priority. Tags add up.
 */
export interface NewTaskDefaults {
  project?: string;
  tags?: readonly string[];
  priority?: Priority;
}

/** A created task, with the defaults it took (`project:Work`, `+office`, `priority:high`), to say so. */
export interface CreatedTask extends TaskOutcome {
  defaultsUsed: string[];
}

/** What a write did: the task as it now stands and the reminders to show the user. */
export interface TaskOutcome {
  task: Task;
  warnings: string[];
}

/** R6: the title's parts, with the project from --project filled in where the title has none. */
export function titlePartsFor(title: string, project: string | undefined, verbatim = false): TitleParts {
  const parts = verbatim ? verbatimTitle(title) : parseTitle(title);
  if (project !== undefined) {
    const wanted = project.trim();
    if (!isValidProjectName(wanted))
      throw new UsageError(
        `--project: "${project}" is not a project name; it must not contain a colon or a line break`,
      );
    if (parts.project !== null && parts.project.toLowerCase() !== wanted.toLowerCase()) {
      throw new UsageError(
        `the title names project "${parts.project}" but --project says "${wanted}"; keep one of them`,
      );
    }
    parts.project ??= wanted;
  }
  if (parts.text === '')
    throw new UsageError(
      'the title is empty; describe what to do, e.g. task add "Sales: Call client Ivan Petrov"',
    );
  return parts;
}

/** The id of the named project, created on first use; names match case-insensitively. */
export function ensureProject(
  store: Store,
  name: string | null,
  now: Date,
): { id: number; name: string } | null {
  if (name === null) return null;
  return store.findProjectByName(name) ?? store.insertProject(name, now);
}

/** The title columns of a task from its R6 parts and project (a compound task is at least General-1). */
export function titleColumns(
  parts: TitleParts,
  project: { id: number; name: string } | null,
): Pick<TaskFields, 'title' | 'projectId' | 'kind' | 'generalLevel' | 'internalProject' | 'part' | 'text'> {
  return {
    title: renderTitle({ ...parts, project: project?.name ?? null }),
    projectId: project?.id ?? null,
    kind: parts.kind,
    generalLevel: parts.kind === 'general' ? Math.max(parts.generalLevel, 1) : 0,
    internalProject: parts.internalProject,
    part: parts.part,
    text: parts.text,
  };
}

export function createTask(ctx: CoreContext, input: NewTaskInput): CreatedTask {
  const { store, actor, now } = ctx;
  return store.write(() => {
    const parent = input.parentId !== undefined ? requireTask(store, input.parentId) : undefined;
    checkStepParent(parent);
    const defaults = input.defaults ?? {};
    const defaultsUsed: string[] = [];
    // A step of a compound task belongs to the compound task's project unless told otherwise.
    let project = input.project;
    if (project === undefined && (input.verbatim || parseTitle(input.title).project === null)) {
      if (parent?.project) project = parent.project;
      else if (defaults.project !== undefined) {
        project = defaults.project;
        defaultsUsed.push(`project:${project}`);
      }
    }
    const parts = titlePartsFor(input.title, project, input.verbatim);
    if (input.kind) parts.kind = input.kind;
    if (input.internalProject && parts.project === null)
      throw new UsageError(
        '--internal-project names the project the compound task stands for: add --project NAME (R15: "General (NAME): ...")',
      );
    // R15: a compound task with a project stands for it: `General (Project): ...`.
    parts.internalProject = parts.kind === 'general' && parts.project !== null;
    const warnings: string[] = [];
    const titleWarning = checkTitleHasProject(parts, ctx.policy);
    if (titleWarning) warnings.push(titleWarning);
    checkCoExecutors(input.coExecutors ?? [], ctx.policy);

    if (parts.kind === 'general') parts.generalLevel = generalLevelUnder(parent);
    else parts.generalLevel = 0;

    const director = input.director ? requireUser(store, input.director) : actor;
    const responsible = input.responsible ? requireUser(store, input.responsible) : actor;
    const observers = (input.observers ?? []).map((name) => requireUser(store, name));
    const coExecutors = (input.coExecutors ?? []).map((name) => requireUser(store, name));
    const projectRow = ensureProject(store, parts.project, now);
    if (projectRow) parts.project = projectRow.name;
    const ownTags = new Set((input.tags ?? []).map((t) => t.trim().toLowerCase()));
    const tagsFromDefaults = (defaults.tags ?? []).filter((t) => !ownTags.has(t.trim().toLowerCase()));
    defaultsUsed.push(...tagsFromDefaults.map((t) => `+${t}`));
    const tags = [...tagsFromDefaults, ...(input.tags ?? [])];
    const priority = input.priority ?? defaults.priority;
    if (input.priority === undefined && defaults.priority !== undefined)
      defaultsUsed.push(`priority:${defaults.priority}`);

    const isCompound = parts.kind === 'general';
    // R12: a title typed with `STEC:` is the same backlog item as `task stec`: a year away, medium priority.
    const backlog = parts.kind === 'stec' ? stecDefaults(now) : undefined;
    const deadline = input.deadline ?? (backlog ? { at: backlog.deadline, allDay: true } : undefined);
    const fields: TaskFields = {
      ...titleColumns(parts, projectRow),
      previousPartId: null,
      status: 'new',
      priority: priority ?? 'medium',
      deadline: deadline?.at ?? null,
      deadlineAllDay: deadline?.allDay ?? false,
      deadlineHard: input.hard ?? false,
      // R16: a compound task's planned total lives in its description and is never summed into plans.
      plannedMinutes: isCompound ? null : (input.plannedMinutes ?? null),
      timeTracking: !isCompound,
      acceptRequired: input.acceptRequired ?? false,
      // R33: a Control task is management work by its nature; others are marked with --management.
      management: input.management === true || input.review === true || parts.kind === 'control',
      review: input.review === true,
      directorId: director.id,
      responsibleId: responsible.id,
      parentId: parent?.id ?? null,
      description: compoundDescription(isCompound, input.description, input.plannedMinutes),
      mark: null,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      // R37: a task someone else assigned stays "new" (green) until its responsible has seen it.
      seenAt: responsible.id === actor.id ? now : null,
      deletedAt: null,
    };
    if (input.hard && !fields.deadline) throw new UsageError('--hard needs a --deadline to make hard');
    const id = store.insertTask(fields);
    if (tags.length) store.setTags(id, normaliseTags(tags));
    for (const observer of observers) store.addObserver(id, observer.id);
    for (const person of coExecutors) store.addCoExecutor(id, person.id);
    for (const link of input.crm ?? []) store.addCrmLink(id, link);
    store.insertHistory([
      historyRow(id, actor.id, now, 'created', null, fields.title),
      ...changeDependencies(ctx, id, { addDepends: input.depends }),
    ]);
    if (input.planDay) store.setPlanItem(responsible.id, localDayKey(input.planDay), id, 'added', now);

    const task = requireTask(store, id);
    const planWarning = missingPlanWarning(task);
    if (planWarning) warnings.push(planWarning);
    const observersNote = observerWarning(observers.map((o) => o.name));
    if (observersNote) warnings.push(observersNote);
    return { task, warnings, defaultsUsed };
  });
}

function compoundDescription(
  isCompound: boolean,
  description: string | undefined,
  plannedMinutes: number | undefined,
): string | null {
  const text = description?.trim() ? description : null;
  if (!isCompound || plannedMinutes === undefined) return text;
  const total = `Planned total: ${formatMinutes(plannedMinutes)}`;
  return text ? `${text}\n${total}` : total;
}

export function normaliseTags(tags: readonly string[]): string[] {
  const clean = tags.map((t) => t.trim()).filter((t) => t !== '');
  for (const tag of clean) {
    if (/[\s,]/.test(tag)) throw new UsageError(`--tag: "${tag}" must be one word without spaces or commas`);
  }
  return [...new Map(clean.map((t) => [t.toLowerCase(), t])).values()];
}

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

/** The R6 parts a stored task's title is made of. */
export function partsOf(
  task: Pick<Task, 'project' | 'kind' | 'generalLevel' | 'internalProject' | 'part' | 'text'>,
): TitleParts {
  const { project, kind, generalLevel, internalProject, part, text } = task;
  return { project, kind, generalLevel, internalProject, part, text };
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

/** Writes the changed state of a task (fields and tags); history is the caller's. */
export function saveTask(store: Store, before: Task, after: Task, now: Date): void {
  keepInTodaysPlan(store, before, after, now);
  const { id: _id, project: _p, director: _d, responsible: _r, tags, ...fields } = after;
  store.updateTask(before.id, { ...fields, updatedAt: now });
  if (tags.join('\u0000') !== before.tags.join('\u0000')) store.setTags(before.id, tags);
}

/**
 * R34, R35: a task in today's plan (due today or overdue) whose deadline moves to a later day stays in
 * today's plan, so the day's report can show where the unfinished work went.
 */
function keepInTodaysPlan(store: Store, before: Task, after: Task, now: Date): void {
  if (!before.deadline || before.deadline.getTime() === after.deadline?.getTime() || !isOpen(before.status))
    return;
  const today = localDayKey(now);
  if (localDayKey(before.deadline) > today) return;
  if (after.deadline && localDayKey(after.deadline) <= today) return;
  if (store.planItems(before.responsibleId, today).some((item) => item.taskId === before.id)) return;
  store.setPlanItem(before.responsibleId, today, before.id, 'added', now);
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

/** Changes the status with its history row; closing and reviving keep closedAt in step. */
export function setStatus(ctx: CoreContext, task: Task, status: Task['status']): Task {
  assertTransition(task.id, task.status, status);
  if (task.status === status) return task;
  // R12, R15, R26 (a backlog item, a compound task with open steps, a Control task before its controlled
  // task) are checked on the final state by the gate (rules/invariants.ts), whatever path changes the status.
  const closed = status === 'completed' || status === 'declined';
  const after: Task = { ...task, status, closedAt: closed ? ctx.now : null };
  saveTask(ctx.store, task, after, ctx.now);
  ctx.store.insertHistory(diffTask(task, after, ctx.actor.id, ctx.now));
  return after;
}

/** A task the actor is acting on (comment, reply, close, time...): its responsible has now seen it (R37). */
export function requireTaskActedOn(ctx: CoreContext, id: number): Task {
  return markSeen(ctx, requireTask(ctx.store, id));
}

/** R37: the responsible has now seen the task; it stops being shown as newly assigned. */
export function markSeen(ctx: CoreContext, task: Task): Task {
  if (task.seenAt !== null || task.responsibleId !== ctx.actor.id) return task;
  ctx.store.updateTask(task.id, { seenAt: ctx.now });
  ctx.store.insertHistory([historyRow(task.id, ctx.actor.id, ctx.now, 'seen', null, ctx.now.toISOString())]);
  return { ...task, seenAt: ctx.now };
}

export interface CloseInput extends Partial<ResultParts> {
  result?: string;
  /** R33: the GENERAL CONCLUSION of a review, kept with the findings. */
  generalConclusion?: string | null;
}

/** R33: a review needs a GENERAL CONCLUSION: marked `--review`, or a Control task over a compound task. */
export function reviewNeedsGeneralConclusion(store: Store, task: Task): boolean {
  return needsGeneralConclusion(
    task,
    task.kind === 'control' && controlledBy(store, task).some((t) => t.kind === 'general'),
  );
}

/**
 * R31: closes a task with its result. A running timer on it stops first; with accept-after-completion on
 * and a responsible who is not the director, the task goes to awaiting control instead (R27).
 */
export function completeTask(ctx: CoreContext, id: number, input: CloseInput): TaskOutcome {
  const { store, actor, now } = ctx;
  return store.write(() => {
    const task = requireTaskActedOn(ctx, id);
    checkMayClose(task, relationsOf(store, actor, task));
    checkNotClosingAwaitingControl(task, actsAsDirector(relationTo(ctx, task)));
    const result = checkResultGiven(input.result, id);
    const basis = explanationBasis(ctx, task);
    checkExplanation(
      { id, plannedMinutes: basis.plannedMinutes },
      basis.spentSeconds,
      ctx.policy.explanationFactor,
      blankToNull(input.explanation),
    );
    checkConclusion(task, blankToNull(input.conclusion));
    checkGeneralConclusion(
      id,
      reviewNeedsGeneralConclusion(store, task),
      blankToNull(input.generalConclusion),
    );
    const target = task.acceptRequired && actor.id !== task.directorId ? 'awaiting_control' : 'completed';
    assertStatusChange(id, task.status, target);
    stopRunningEntriesOnTask(store, task.id, now);
    const commentId = store.insertComment({
      taskId: id,
      authorId: actor.id,
      kind: 'result',
      body: result,
      replyToId: null,
      createdAt: now,
    });
    store.insertResult(commentId, {
      proposal: blankToNull(input.proposal),
      abstract: blankToNull(input.abstract),
      links: (input.links ?? []).map((l) => l.trim()).filter(Boolean),
      explanation: blankToNull(input.explanation),
      conclusion: conclusionText(blankToNull(input.conclusion), blankToNull(input.generalConclusion)),
    });
    const closed = setStatus(ctx, requireTask(store, id), target);
    const warnings =
      target === 'awaiting_control'
        ? [`R27: task ${id} now awaits control by its director (${task.director})`]
        : [];
    return { task: closed, warnings };
  });
}

/** What closing this task will ask for (R32, R33), so a terminal can prompt before core refuses. */
export function resultRequirements(
  ctx: CoreContext,
  id: number,
): { explanation: boolean; conclusion: boolean; generalConclusion: boolean } {
  return ctx.store.read(() => {
    const task = requireTask(ctx.store, id);
    const basis = explanationBasis(ctx, task);
    return {
      explanation: explanationNeeded(basis, basis.spentSeconds, ctx.policy.explanationFactor),
      conclusion: isManagementTask(task),
      generalConclusion: reviewNeedsGeneralConclusion(ctx.store, task),
    };
  });
}

/** R36: a closed task is revived with a new comment saying why. */
export function reopenTask(ctx: CoreContext, id: number, comment: string | undefined): TaskOutcome {
  const { store, actor, now } = ctx;
  return store.write(() => {
    const task = requireTask(store, id);
    const text = comment?.trim() ?? '';
    if (text === '') throw new UsageError(`say why the task is revived: task reopen ${id} --comment "..."`);
    if (task.status !== 'completed' && task.status !== 'declined')
      throw new UsageError(
        `task ${id} is ${task.status.replace('_', ' ')}, not closed; there is nothing to reopen`,
      );
    store.insertComment({
      taskId: id,
      authorId: actor.id,
      kind: 'comment',
      body: text,
      replyToId: null,
      createdAt: now,
    });
    const reopened = setStatus(ctx, task, 'pending');
    return { task: reopened, warnings: [] };
  });
}

/** Deleting hides a task but keeps it and its history (R0: nothing is lost). */
export function deleteTask(ctx: CoreContext, id: number): TaskOutcome {
  const { store, actor, now } = ctx;
  return store.write(() => {
    const task = requireTask(store, id);
    checkMayDelete(task, relationsOf(store, actor, task));
    checkNoOpenRemarks(
      task,
      store
        .openRemarksFor(task.responsibleId)
        .filter((r) => r.taskId === id)
        .map((r) => r.comment.id),
    );
    const openChildren = store
      .findTasks({ parentId: id })
      .filter((t) => t.status !== 'completed' && t.status !== 'declined');
    if (openChildren.length)
      throw new UsageError(
        `task ${id} has open subtasks (${openChildren.map((t) => t.id).join(', ')}); close or move them first`,
      );
    const stopped = stopRunningEntriesOnTask(store, id, now);
    // A deleted task is not being worked on: it comes back (task restore) pending, not "in progress".
    if (task.status === 'in_progress') setStatus(ctx, task, 'pending');
    store.updateTask(id, { deletedAt: now, updatedAt: now });
    store.insertHistory([historyRow(id, actor.id, now, 'deleted', null, now.toISOString())]);
    const warnings = stopped ? [`the running timer on task ${id} was stopped first; its time is kept`] : [];
    return { task: requireAnyTask(store, id), warnings };
  });
}

/** Brings a deleted task back as it was (R0: nothing is lost; R36: the restore is in its history). */
export function restoreTask(ctx: CoreContext, id: number): TaskOutcome {
  const { store, actor, now } = ctx;
  return store.write(() => {
    const task = requireAnyTask(store, id);
    if (task.deletedAt === null) throw new UsageError(`task ${id} is not deleted`);
    checkMayDelete(task, relationsOf(store, actor, task), 'restore');
    store.updateTask(id, { deletedAt: null, updatedAt: now });
    store.insertHistory([historyRow(id, actor.id, now, 'deleted', task.deletedAt.toISOString(), null)]);
    return { task: { ...task, deletedAt: null }, warnings: [] };
  });
}

export function addComment(ctx: CoreContext, id: number, body: string): { commentId: number; task: Task } {
  const { store, actor, now } = ctx;
  return store.write(() => {
    const task = requireTaskActedOn(ctx, id);
    const text = body.trim();
    if (text === '') throw new UsageError('the comment is empty; write what you want to say');
    const commentId = store.insertComment({
      taskId: id,
      authorId: actor.id,
      kind: 'comment',
      body: text,
      replyToId: null,
      createdAt: now,
    });
    store.updateTask(id, { updatedAt: now });
    return { commentId, task };
  });
}

function blankToNull(value: string | null | undefined): string | null {
  return value && !isBlankText(value) ? value.trim() : null;
}
