import { UsageError } from './errors.js';
import type { Store } from './store.js';
import { isValidProjectName, parseTitle, renderTitle, verbatimTitle, type TitleParts } from './title.js';
import type { Task, TaskFields } from './types.js';

// A task's stored title columns from its R6 title: the parts, the project (made on first use), the tags.

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

export function normaliseTags(tags: readonly string[]): string[] {
  const clean = tags.map((t) => t.trim()).filter((t) => t !== '');
  for (const tag of clean) {
    if (/[\s,]/.test(tag)) throw new UsageError(`--tag: "${tag}" must be one word without spaces or commas`);
  }
  return [...new Map(clean.map((t) => [t.toLowerCase(), t])).values()];
}

/** The R6 parts a stored task's title is made of. */
export function partsOf(
  task: Pick<Task, 'project' | 'kind' | 'generalLevel' | 'internalProject' | 'part' | 'text'>,
): TitleParts {
  const { project, kind, generalLevel, internalProject, part, text } = task;
  return { project, kind, generalLevel, internalProject, part, text };
}
