import { input, select } from '@inquirer/prompts';
import { parseDateInput, DATE_FORMS } from '../../core/dates.js';
import { DURATION_FORMS, parseDurationMinutes } from '../../core/duration.js';
import type { NewTaskDefaults, NewTaskInput } from '../../core/tasks.js';
import { parseTitle } from '../../core/title.js';
import type { Priority } from '../../core/types.js';

const NONE = '\u0000none';
const NEW = '\u0000new';

/**
 * R0, R5: the interactive capture form of `task add -i` (only ever shown on a terminal). The context's
 * project, priority and tags (`filing`) are the form's defaults, shown, so what is kept is the answer.
 */
export async function askNewTask(defaults: {
  title: string;
  projects: string[];
  tags: string[];
  now: Date;
  filing?: NewTaskDefaults;
}): Promise<NewTaskInput> {
  const filing = defaults.filing ?? {};
  const title = await input({
    message: 'Title (what to do):',
    default: defaults.title || undefined,
    required: true,
  });
  const typedProject = parseTitle(title).project;
  let project: string | undefined;
  if (typedProject === null) {
    const known =
      filing.project === undefined ||
      defaults.projects.some((p) => p.toLowerCase() === filing.project!.toLowerCase());
    const projects = known ? defaults.projects : [filing.project!, ...defaults.projects];
    const choice = await select({
      message: 'Project:',
      choices: [
        ...projects.map((p) => ({ name: p, value: p })),
        { name: '(new project)', value: NEW },
        { name: '(no project)', value: NONE },
      ],
      default: projects.find((p) => p.toLowerCase() === filing.project?.toLowerCase()),
      pageSize: 12,
    });
    if (choice === NEW) project = (await input({ message: 'New project name:', required: true })).trim();
    else if (choice !== NONE) project = choice;
  }
  const plan = await input({
    message: 'Planned time (e.g. 30m, 1h30m; empty for none):',
    validate: (v) => v.trim() === '' || parseDurationMinutes(v) !== null || `use ${DURATION_FORMS}`,
  });
  const deadline = await input({
    message: 'Deadline (e.g. today, fri, 2026-12-01; empty for none):',
    default: 'today',
    validate: (v) => v.trim() === '' || parseDateInput(v, defaults.now) !== null || `use ${DATE_FORMS}`,
  });
  const priority = await select<Priority>({
    message: 'Priority:',
    default: filing.priority,
    choices: [
      { name: 'medium', value: 'medium' },
      { name: 'high', value: 'high' },
      { name: 'low', value: 'low' },
    ],
  });
  const tags = await input({
    message: `Tags, comma-separated${defaults.tags.length ? ` (known: ${defaults.tags.slice(0, 8).join(', ')})` : ''}:`,
    default: filing.tags?.length ? filing.tags.join(', ') : undefined,
  });
  return {
    title,
    project,
    plannedMinutes: plan.trim() ? (parseDurationMinutes(plan) ?? undefined) : undefined,
    deadline: deadline.trim() ? (parseDateInput(deadline, defaults.now) ?? undefined) : undefined,
    priority,
    tags: tags
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
  };
}
