import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { formatLocalTime, localDayKey } from '../../core/local-time.js';
import { formatMinutes } from '../../core/duration.js';
import type { TaskChanges } from '../../core/tasks.js';
import type { Task } from '../../core/types.js';
import * as flag from '../flags.js';

/**
 * Taskwarrior's `task 12 edit`: the task's fields as a text form in the person's editor ($VISUAL,
 * $EDITOR, else vi); what they change becomes one ordinary edit (history rows, R10 for a hard deadline).
 */
export interface EditableFields {
  title: string;
  deadline: string;
  hard: string;
  plan: string;
  priority: string;
  tags: string;
  depends: string;
  responsible: string;
  director: string;
  accept: string;
  description: string;
}

const KEYS: readonly (keyof EditableFields)[] = [
  'title',
  'deadline',
  'hard',
  'plan',
  'priority',
  'tags',
  'depends',
  'responsible',
  'director',
  'accept',
  'description',
];

const HINTS: Partial<Record<keyof EditableFields, string>> = {
  deadline: 'today, fri, 2026-12-01, "2026-12-01 14:00" or none',
  hard: 'yes or no (R10: moving a hard deadline needs task edit ID --force --reason TEXT)',
  plan: '25m, 1h30m or none',
  priority: 'high, medium or low',
  tags: 'comma-separated',
  depends: 'task ids this one waits for, comma-separated',
  accept: 'yes or no: done goes to the director for control (R27)',
};

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

export function editableFields(task: Task, dependsOn: readonly number[]): EditableFields {
  const deadline =
    task.deadline === null
      ? 'none'
      : task.deadlineAllDay
        ? localDayKey(task.deadline)
        : `${localDayKey(task.deadline)} ${formatLocalTime(task.deadline)}`;
  return {
    title: task.title,
    deadline,
    hard: yesNo(task.deadlineHard),
    plan: task.plannedMinutes === null ? 'none' : formatMinutes(task.plannedMinutes),
    priority: task.priority,
    tags: task.tags.join(', '),
    depends: dependsOn.join(', '),
    responsible: task.responsible,
    director: task.director,
    accept: yesNo(task.acceptRequired),
    description: task.description ?? '',
  };
}

export function renderEditForm(id: number, fields: EditableFields): string {
  const lines = [
    `# regula: task ${id}. Change what you need, save and quit; an unchanged form changes nothing.`,
    '# Lines starting with # are ignored (except inside the description). Every change goes to the history (R36).',
  ];
  for (const key of KEYS) {
    if (key === 'description') continue;
    if (HINTS[key]) lines.push(`# ${key}: ${HINTS[key]}`);
    lines.push(`${`${key}:`.padEnd(13)}${fields[key]}`);
  }
  lines.push(
    '# description: the action plan or a link to the instruction (R7); every line below is part of it',
    'description:',
    fields.description,
  );
  return `${lines.join('\n')}\n`;
}

/** Reads the form back; a line that is not `key: value` is refused, naming it. */
export function parseEditForm(text: string): EditableFields {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const fields: Partial<EditableFields> = {};
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '' || line.startsWith('#')) continue;
    const match = /^([a-z]+):\s?(.*)$/i.exec(line);
    const key = match?.[1]?.toLowerCase() as keyof EditableFields | undefined;
    if (!match || !key || !KEYS.includes(key))
      throw new UsageError(
        `the edited form, line ${i + 1}: "${line.slice(0, 60)}" is not "field: value" (fields: ${KEYS.join(', ')})`,
      );
    if (key === 'description') {
      fields.description = [match[2]!, ...lines.slice(i + 1)].join('\n').trim();
      break;
    }
    fields[key] = match[2]!.trim();
  }
  const missing = KEYS.filter((k) => fields[k] === undefined && k !== 'description');
  if (missing.length)
    throw new UsageError(
      `the edited form has no ${missing.join(', ')} line; keep every field (an empty value where none is wanted)`,
    );
  return { description: '', ...fields } as EditableFields;
}

const list = (text: string) =>
  text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);

function yes(key: string, value: string): boolean {
  const text = value.trim().toLowerCase();
  if (['yes', 'y', 'on', 'true'].includes(text)) return true;
  if (['no', 'n', 'off', 'false', ''].includes(text)) return false;
  throw new UsageError(`the edited form: ${key} is "${value}"; write yes or no`);
}

const isNone = (value: string) => ['none', ''].includes(value.trim().toLowerCase());

/** The fields that differ, as the changes `task edit` would make from flags. */
export function formChanges(before: EditableFields, after: EditableFields, now: Date): TaskChanges {
  const changes: TaskChanges = {};
  const changed = (key: keyof EditableFields) => before[key].trim() !== after[key].trim();
  if (changed('title')) changes.title = after.title;
  if (changed('deadline'))
    changes.deadline = isNone(after.deadline) ? null : flag.deadline(after.deadline, now, 'deadline');
  if (changed('hard')) changes.hard = yes('hard', after.hard);
  if (changed('plan')) changes.plannedMinutes = isNone(after.plan) ? null : flag.duration(after.plan, 'plan');
  if (changed('priority')) changes.priority = flag.priority(after.priority);
  if (changed('responsible')) changes.responsible = after.responsible;
  if (changed('director')) changes.director = after.director;
  if (changed('accept')) changes.acceptRequired = yes('accept', after.accept);
  if (changed('description')) changes.description = after.description;
  const [tagsBefore, tagsAfter] = [list(before.tags), list(after.tags)];
  const addTags = tagsAfter.filter((t) => !tagsBefore.includes(t));
  const removeTags = tagsBefore.filter((t) => !tagsAfter.includes(t));
  if (addTags.length) changes.addTags = addTags;
  if (removeTags.length) changes.removeTags = removeTags;
  const [dependsBefore, dependsAfter] = [list(before.depends), list(after.depends)].map((ids) =>
    ids.length ? flag.taskIds(ids, 'depends') : [],
  );
  const addDepends = dependsAfter!.filter((id) => !dependsBefore!.includes(id));
  const removeDepends = dependsBefore!.filter((id) => !dependsAfter!.includes(id));
  if (addDepends.length) changes.addDepends = addDepends;
  if (removeDepends.length) changes.removeDepends = removeDepends;
  return changes;
}

/** Saves an edited form whose edit was refused, so the person can copy from it; returns its path. */
export function keepEditedForm(id: number, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'regula-edit-')), `task-${id}.txt`);
  writeFileSync(file, text, { mode: 0o600 });
  return file;
}

/** Opens the text in the person's editor and returns what they saved. */
export function editText(text: string, env: NodeJS.ProcessEnv): string {
  const dir = mkdtempSync(join(tmpdir(), 'regula-edit-'));
  const file = join(dir, 'task.txt');
  try {
    writeFileSync(file, text, { mode: 0o600 });
    const editor = env.VISUAL || env.EDITOR || 'vi';
    // Through the shell, as git does, so an editor with arguments ("code --wait") works.
    const run = spawnSync('sh', ['-c', `${editor} "$1"`, 'sh', file], { stdio: 'inherit' });
    if (run.error || run.status !== 0)
      throw new UsageError(
        `the editor (${editor}) did not finish cleanly; nothing was changed (set VISUAL or EDITOR to the editor you use)`,
      );
    return readFileSync(file, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
