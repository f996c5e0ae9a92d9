import type { CoreContext } from './context.js';
import { NotFoundError, UsageError } from './errors.js';
import { requireUser } from './identity.js';
import { addLocalDays, dayStartFromKey, endOfLocalDay, localDayKey } from './local-time.js';
import { maySeeUser, visibleScope } from './rules/visibility.js';
import { dueDays, parseSchedule } from './schedule.js';
import type { TemplateFields, TemplateRecord } from './store.js';
import { copyTask } from './compound.js';
import type { DateInput } from './dates.js';
import {
  completeTask,
  createTask,
  normaliseTags,
  titlePartsFor,
  type CloseInput,
  type TaskOutcome,
} from './tasks.js';
import type { Priority, Task } from './types.js';

export interface TemplateInput {
  title?: string;
  every?: string;
  plannedMinutes?: number | null;
  project?: string | null;
  tags?: string[];
  priority?: Priority;
  deadlineOffsetDays?: number;
  description?: string | null;
  responsible?: string;
  start?: Date;
  /** R33: the tasks it makes are management tasks. */
  management?: boolean;
  /** R33: the tasks it makes are reviews of reports or compound tasks (a review is a management task). */
  review?: boolean;
}

function requireTemplate(ctx: CoreContext, id: number): TemplateRecord {
  const template = ctx.store.getTemplate(id);
  if (!template) throw new NotFoundError(`template ${id} not found; see them with: task template list`);
  return template;
}

/** R19: a periodic task described once, with its schedule. */
export function addTemplate(ctx: CoreContext, input: TemplateInput): TemplateRecord {
  const { store, actor, now } = ctx;
  return store.write(() => {
    if (!input.title?.trim())
      throw new UsageError(
        'the template needs a title, e.g. task template add "Sales: Weekly pipeline review" --every mon',
      );
    if (!input.every)
      throw new UsageError(`the template needs a schedule: --every day|weekday|mon,wed|month:15|3d`);
    parseSchedule(input.every);
    titlePartsFor(input.title, input.project ?? undefined);
    const responsible = input.responsible ? requireUser(store, input.responsible) : actor;
    const fields: TemplateFields = {
      title: input.title.trim(),
      project: input.project ?? null,
      tags: normaliseTags(input.tags ?? []),
      priority: input.priority ?? 'medium',
      plannedMinutes: input.plannedMinutes ?? null,
      description: input.description ?? null,
      schedule: input.every.trim().toLowerCase(),
      deadlineOffsetDays: input.deadlineOffsetDays ?? 0,
      startDay: localDayKey(input.start ?? now),
      responsibleId: responsible.id,
      directorId: actor.id,
      paused: false,
      management: (input.management ?? false) || input.review === true,
      review: input.review ?? false,
      createdAt: now,
      updatedAt: now,
    };
    return store.getTemplate(store.insertTemplate(fields))!;
  });
}

export function editTemplate(ctx: CoreContext, id: number, input: TemplateInput): TemplateRecord {
  const { store, now } = ctx;
  return store.write(() => {
    const template = requireTemplate(ctx, id);
    const changes: Partial<TemplateFields> = { updatedAt: now };
    if (input.every !== undefined) {
      parseSchedule(input.every);
      changes.schedule = input.every.trim().toLowerCase();
    }
    if (input.title !== undefined) changes.title = input.title.trim();
    if (input.project !== undefined) changes.project = input.project;
    titlePartsFor(
      changes.title ?? template.title,
      (changes.project !== undefined ? changes.project : template.project) ?? undefined,
    );
    if (input.tags !== undefined) changes.tags = normaliseTags(input.tags);
    if (input.priority !== undefined) changes.priority = input.priority;
    if (input.plannedMinutes !== undefined) changes.plannedMinutes = input.plannedMinutes;
    if (input.description !== undefined) changes.description = input.description;
    if (input.deadlineOffsetDays !== undefined) changes.deadlineOffsetDays = input.deadlineOffsetDays;
    if (input.responsible !== undefined) changes.responsibleId = requireUser(store, input.responsible).id;
    if (input.start !== undefined) changes.startDay = localDayKey(input.start);
    if (input.management !== undefined) changes.management = input.management;
    // R33: a review is a management task, as on tasks.
    if (input.management === false && input.review === undefined) changes.review = false;
    if (input.review !== undefined) {
      changes.review = input.review;
      if (input.review) changes.management = true;
    }
    store.updateTemplate(template.id, changes);
    return requireTemplate(ctx, id);
  });
}

export function pauseTemplate(ctx: CoreContext, id: number, paused: boolean): TemplateRecord {
  return ctx.store.write(() => {
    requireTemplate(ctx, id);
    ctx.store.updateTemplate(id, { paused, updatedAt: ctx.now });
    return requireTemplate(ctx, id);
  });
}

export function deleteTemplate(ctx: CoreContext, id: number): TemplateRecord {
  return ctx.store.write(() => {
    const template = requireTemplate(ctx, id);
    ctx.store.deleteTemplate(id, ctx.now);
    return template;
  });
}

export interface TemplateGroup {
  project: string | null;
  tag: string | null;
  templates: TemplateRecord[];
}

/** R19: template lists stay navigable - grouped by project, then by first tag - not one flat list. */
export function templateGroups(ctx: CoreContext): TemplateGroup[] {
  // R4: the templates of tasks the actor may see made (their people's, or those the actor directs).
  const scope = visibleScope(ctx.store, ctx.actor);
  const templates = ctx.store
    .read(() => ctx.store.listTemplates())
    .filter((template) => maySeeUser(scope, template.responsibleId) || template.directorId === ctx.actor.id);
  const groups = new Map<string, TemplateGroup>();
  for (const template of templates) {
    const project = template.project ?? titlePartsFor(template.title, undefined).project;
    const tag = template.tags[0] ?? null;
    const key = `${project ?? ''}\u0000${tag ?? ''}`;
    if (!groups.has(key)) groups.set(key, { project, tag, templates: [] });
    groups.get(key)!.templates.push(template);
  }
  return [...groups.values()].sort(
    (a, b) =>
      (a.project ?? '\uffff').localeCompare(b.project ?? '\uffff') ||
      (a.tag ?? '\uffff').localeCompare(b.tag ?? '\uffff'),
  );
}

export interface TemplateRun {
  created: { templateId: number; day: string; task: Task }[];
  warnings: string[];
}

/**
 * R19: makes the tasks every active template owes up to `until` (default today). Idempotent: an
 * occurrence is keyed by template and day, and the whole run is one write transaction, so running it
 * twice - or from two terminals at once - never makes a task twice.
 */
export function runTemplates(
  ctx: CoreContext,
  options: { until?: Date; responsibleId?: number } = {},
): TemplateRun {
  const { store, now, policy } = ctx;
  return store.write(() => {
    const until = localDayKey(options.until ?? now);
    const run: TemplateRun = { created: [], warnings: [] };
    for (const template of store.listTemplates()) {
      if (template.paused) continue;
      if (options.responsibleId !== undefined && template.responsibleId !== options.responsibleId) continue;
      const last = store.lastOccurrenceDay(template.id);
      const from =
        last && last >= template.startDay
          ? localDayKey(addLocalDays(dayStartFromKey(last), 1))
          : template.startDay;
      const schedule = parseSchedule(template.schedule);
      for (const day of dueDays(schedule, from, until, template.startDay, policy.workingDays)) {
        if (store.hasOccurrence(template.id, day)) continue;
        const director = store.getUser(template.directorId);
        const outcome = createTask(ctx, {
          title: template.title,
          project: template.project ?? undefined,
          tags: template.tags,
          priority: template.priority,
          plannedMinutes: template.plannedMinutes ?? undefined,
          description: template.description ?? undefined,
          deadline: {
            at: endOfLocalDay(addLocalDays(dayStartFromKey(day), template.deadlineOffsetDays)),
            allDay: true,
          },
          responsible: template.responsible,
          director: director?.name,
          management: template.management,
          review: template.review,
        });
        if (!store.insertOccurrence(template.id, day, outcome.task.id, now))
          throw new Error(`template ${template.id} already has a task for ${day}`);
        run.created.push({ templateId: template.id, day, task: outcome.task });
      }
    }
    return run;
  });
}

/**
 * R19: a periodic task that has no schedule - the next occurrence is made by copying the task before it
 * is closed. One transaction: when the close is refused (R31, R32, R33) no copy is left behind.
 */
export function completeWithNextOccurrence(
  ctx: CoreContext,
  id: number,
  input: CloseInput,
  next: DateInput,
): TaskOutcome & { next: Task } {
  return ctx.store.write(() => {
    if (next.at.getTime() <= ctx.now.getTime())
      throw new UsageError(
        `--next: the next occurrence is due ${localDayKey(next.at)}, which has passed; give a later date`,
      );
    const copy = copyTask(ctx, id, { withSubtasks: false, deadline: next });
    const closed = completeTask(ctx, id, input);
    // R17: the occurrence is the task alone (copyTask's own hint names a flag `done` does not have).
    const steps = copy.subtasksLeftOut;
    const note = steps
      ? [
          `R17: the next occurrence (task ${copy.task.id}) has none of the ${steps} subtask(s) of task ${id}; add the ones it needs with: task add --parent ${copy.task.id}`,
        ]
      : [];
    return { task: closed.task, next: copy.task, warnings: [...note, ...closed.warnings] };
  });
}
