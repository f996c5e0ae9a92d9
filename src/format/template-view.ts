import { formatMinutes } from '../core/duration.js';
import type { TemplateRecord } from '../core/store.js';
import type { TemplateGroup, TemplateRun } from '../core/templates.js';
import type { Renderers } from './renderers.js';
import { terminalSafe } from './safe-text.js';

/** A template in JSON (docs/json.md): its schedule is `every`, its first day `start`. */
export function templateJson(t: TemplateRecord) {
  return {
    id: t.id,
    title: t.title,
    project: t.project,
    tags: t.tags,
    priority: t.priority,
    plannedMinutes: t.plannedMinutes,
    description: t.description,
    every: t.schedule,
    deadlineOffsetDays: t.deadlineOffsetDays,
    start: t.startDay,
    responsible: t.responsible,
    paused: t.paused,
    management: t.management,
    review: t.review,
  };
}

/** `task template add`: the template and how to make its tasks. */
export const templateAddedRenderers: Renderers<TemplateRecord> = {
  text: (t) =>
    terminalSafe(
      `Template ${t.id}: ${t.title} (every ${t.schedule}). Make its tasks with: task template run`,
    ),
  json: templateJson,
};

/** `task template edit`. */
export const templateEditedRenderers: Renderers<TemplateRecord> = {
  text: (t) => terminalSafe(`Template ${t.id}: ${t.title} (every ${t.schedule}).`),
  json: templateJson,
};

/** `task template pause` and `resume`. */
export const templatePausedRenderers: Renderers<TemplateRecord> = {
  text: (t) => `Template ${t.id} ${t.paused ? 'paused' : 'resumed'}.`,
  json: templateJson,
};

/** `task template delete`: the template is gone, the tasks it made stay. */
export const templateDeletedRenderers: Renderers<TemplateRecord> = {
  text: (t) => `Template ${t.id} deleted.`,
  json: (t) => ({ id: t.id, deleted: true }),
};

/** `task template list`: a heading a project (and tag), a line a template under it. */
export function renderTemplateGroups(groups: readonly TemplateGroup[]): string {
  if (groups.length === 0) return 'No templates. Add one with: task template add TITLE --every weekday';
  const lines: string[] = [];
  for (const group of groups) {
    lines.push(`${group.project ?? '(no project)'}${group.tag ? ` / ${group.tag}` : ''}`);
    for (const t of group.templates) {
      const plan = t.plannedMinutes ? formatMinutes(t.plannedMinutes) : '-';
      lines.push(
        `  ${String(t.id).padStart(4)}  every ${t.schedule.padEnd(12)} ${plan.padStart(6)}  ${t.title}${t.paused ? '  (paused)' : ''}  [${t.responsible}]`,
      );
    }
  }
  return lines.map((line) => terminalSafe(line)).join('\n');
}

export const templateListRenderers: Renderers<readonly TemplateGroup[]> = {
  text: (groups) => renderTemplateGroups(groups),
  json: (groups) =>
    groups.map((g) => ({ project: g.project, tag: g.tag, templates: g.templates.map(templateJson) })),
};

/** `task template run`: a line a task made, or that every template is up to date. */
export function renderTemplateRun(run: TemplateRun): string {
  if (run.created.length === 0) return 'Nothing to make: every template is up to date.';
  return run.created
    .map((c) => terminalSafe(`${c.day}  task ${c.task.id} ${c.task.title} (template ${c.templateId})`))
    .join('\n');
}

export const templateRunRenderers: Renderers<TemplateRun> = {
  text: renderTemplateRun,
  json: (run) => ({
    created: run.created.map((c) => ({
      templateId: c.templateId,
      day: c.day,
      taskId: c.task.id,
      title: c.task.title,
    })),
  }),
};
