import type { CoreContext } from './context.js';
import type { DateInput } from './dates.js';
import { formatMinutes } from './duration.js';
import { UsageError } from './errors.js';
import { historyRow } from './history.js';
import { changeDependencies } from './dependencies.js';
import { requireTask } from './task-lookup.js';
import { ensureProject, normaliseTags, titleColumns, titlePartsFor } from './task-fields.js';
import type { TaskOutcome } from './task-save.js';
import { requireUser } from './identity.js';
import {
  checkStepParent,
  generalLevelUnder,
  stecDefaults,
  checkCoExecutors,
  checkTitleHasProject,
  missingPlanWarning,
  observerWarning,
} from './rules/index.js';
import { localDayKey } from './local-time.js';
import { parseTitle, type TaskKind } from './title.js';
import type { CrmLink, Priority, TaskFields } from './types.js';

// Creating a task (R1, R6, R12, R15, R16, R37): `task add` and every command that makes one.

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
