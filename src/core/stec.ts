import type { CoreContext } from './context.js';
import type { DateInput } from './dates.js';
import { diffTask } from './history.js';
import { calendarDaysBetween } from './local-time.js';
import { checkPullHasPlan } from './rules/index.js';
import { RuleError, UsageError } from './errors.js';
import { visibleTo } from './rules/visibility.js';
import { OPEN_STATUSES } from './status.js';
import {
  createTask,
  ensureProject,
  requireTask,
  saveTask,
  titlePartsFor,
  type TaskOutcome,
} from './tasks.js';
import { isValidProjectName, renderTitle } from './title.js';
import type { Priority, Task } from './types.js';

/** R12: a task neither urgent nor important goes to the STEC backlog, due in a year (createTask sets it, as for `add "STEC: ..."`). */
export function addStecTask(
  ctx: CoreContext,
  title: string,
  options: { description?: string; tags?: string[] } = {},
): TaskOutcome {
  return createTask(ctx, {
    title,
    kind: 'stec',
    description: options.description,
    tags: options.tags,
  });
}

export interface BacklogItem {
  task: Task;
  ageDays: number;
}

/** R13: the backlog, oldest first, with how long each item has waited in calendar days (made yesterday evening: 1d). */
export function stecBacklog(ctx: CoreContext, options: { everyone?: boolean } = {}): BacklogItem[] {
  const { store, actor, now } = ctx;
  return store.read(() =>
    store
      .findTasks({
        kinds: ['stec'],
        statuses: OPEN_STATUSES,
        order: 'created',
        ...(options.everyone ? { visibleTo: visibleTo(ctx) } : { responsibleId: actor.id }),
      })
      .map((task) => ({ task, ageDays: calendarDaysBetween(task.createdAt, now) })),
  );
}

export interface PullInput {
  project?: string;
  deadline?: DateInput;
  plannedMinutes?: number;
  priority?: Priority;
}

/** R14: pulling renames the task by R6 (the STEC marker goes, a project prefix comes) and plans it. */
export function pullStecTask(ctx: CoreContext, id: number, input: PullInput): TaskOutcome {
  const { store, actor, now } = ctx;
  return store.write(() => {
    const before = requireTask(store, id);
    checkPullHasPlan(before, input.deadline, input.plannedMinutes);
    const projectName = input.project?.trim() || before.project;
    if (!projectName)
      throw new RuleError('R14', `a task pulled out of STEC gets a project prefix: add --project NAME`);
    if (!isValidProjectName(projectName))
      throw new UsageError(`--project: "${input.project}" is not a project name`);
    const parts = titlePartsFor(before.text, projectName);
    parts.kind = 'ordinary';
    parts.part = before.part;
    const project = ensureProject(store, parts.project, now)!;
    const after: Task = {
      ...before,
      kind: 'ordinary',
      generalLevel: 0,
      internalProject: false,
      projectId: project.id,
      project: project.name,
      title: renderTitle({ ...parts, project: project.name }),
      text: parts.text,
      deadline: input.deadline!.at,
      deadlineAllDay: input.deadline!.allDay,
      plannedMinutes: input.plannedMinutes!,
      priority: input.priority ?? (before.priority === 'low' ? 'medium' : before.priority),
      timeTracking: true,
    };
    saveTask(store, before, after, now);
    store.insertHistory(diffTask(before, after, actor.id, now, 'pulled out of STEC (R14)'));
    return { task: requireTask(store, id), warnings: [] };
  });
}
