import { RuleError } from '../errors.js';
import type { Task, User } from '../types.js';

/**
 * R38: who may do what. A person's relation to a task decides what they may do with it; the table below
 * is the whole of it, and docs/permissions.md shows the same table. Nothing else grants a right.
 */
export type TaskRelation = 'responsible' | 'director' | 'manager' | 'observer' | 'admin' | 'other';

/** What can be done with a task, in the words of R38. */
export type TaskAction =
  /** See the task, its history, comments and time (R4). */
  | 'view'
  /** Comment on it, reply to remarks (R30). */
  | 'comment'
  /** Run a timer and enter time on it: the responsible's own time (R2, R38). */
  | 'track'
  /** Work it: title, plan, description, soft deadline, tags, steps, close with a result, continue, submit. */
  | 'work'
  /** Set what the task is: responsible, director, accept flag, hard deadline (and moving it later), deletion. */
  | 'define'
  /** Accept, return and rate the work (R27-R29). */
  | 'review';

export const TASK_RELATIONS: readonly TaskRelation[] = [
  'responsible',
  'director',
  'manager',
  'observer',
  'admin',
  'other',
];
export const TASK_ACTIONS: readonly TaskAction[] = ['view', 'comment', 'track', 'work', 'define', 'review'];

/**
 * R38 as data: relation -> the actions it allows. The director's rights belong to the responsible's
 * managers up the chain too; an administrator manages people and company rules (R39) and reads
 * everything (backups, whole exports), but gets no rights over other people's tasks from the role.
 */
export const TASK_PERMISSIONS: Readonly<Record<TaskRelation, readonly TaskAction[]>> = {
  responsible: ['view', 'comment', 'track', 'work'],
  director: ['view', 'comment', 'work', 'define', 'review'],
  manager: ['view', 'comment', 'work', 'define', 'review'],
  observer: ['view', 'comment'],
  admin: ['view'],
  other: [],
};

const ACTION_WORDS: Record<TaskAction, string> = {
  view: 'see',
  comment: 'comment on',
  track: 'track time on',
  work: 'change',
  define:
    'change who is responsible for, the director, the accept flag, the hard deadline or the deletion of',
  review: 'accept, return or rate',
};

/** Who on the task may do it, said to the person who may not (the way forward of a refusal). */
const WHO_MAY: Record<TaskAction, string> = {
  view: 'its responsible, director, observers and their managers',
  comment: "its responsible, director, observers and the responsible's managers",
  track: 'its responsible only (R2); make your own task for your part of the work',
  work: "its responsible, its director or the responsible's manager",
  define: "its director or the responsible's manager",
  review: "its director or the responsible's manager",
};

/** Whether any of the person's relations to a task allows the action. */
export function relationsAllow(relations: ReadonlySet<TaskRelation>, action: TaskAction): boolean {
  for (const relation of relations) if (TASK_PERMISSIONS[relation].includes(action)) return true;
  return false;
}

/** Facts about the actor and the task from which the relations follow (read by the caller from the store). */
export interface TaskParties {
  actor: Pick<User, 'id' | 'role'>;
  task: Pick<Task, 'responsibleId' | 'directorId'>;
  /** The actor observes the task (R3). */
  observes: boolean;
  /** The actor is the responsible's manager, or theirs, up the chain (R4, R38). */
  managesResponsible: boolean;
}

export function taskRelations(parties: TaskParties): Set<TaskRelation> {
  const { actor, task } = parties;
  const relations = new Set<TaskRelation>();
  if (task.responsibleId === actor.id) relations.add('responsible');
  if (task.directorId === actor.id) relations.add('director');
  if (parties.managesResponsible) relations.add('manager');
  if (parties.observes) relations.add('observer');
  if (actor.role === 'admin') relations.add('admin');
  if (relations.size === 0) relations.add('other');
  return relations;
}

/** R38: refuses an action the person's relations to the task do not allow, naming who may. */
export function checkTaskAction(
  relations: ReadonlySet<TaskRelation>,
  action: TaskAction,
  task: Pick<Task, 'id'>,
  what?: string,
): void {
  if (relationsAllow(relations, action)) return;
  throw new RuleError(
    'R38',
    `you may not ${what ?? ACTION_WORDS[action]} task ${task.id}: that is for ${WHO_MAY[action]}`,
  );
}

/**
 * Walks from a person up the reporting chain: true when `managerId` is their manager, or their manager's
 * manager, and so on (R4, R38). Cycle-safe.
 */
export function isAboveInChain(
  managerOf: (userId: number) => number | null,
  managerId: number,
  userId: number,
): boolean {
  const seen = new Set<number>([userId]);
  for (let current = managerOf(userId); current !== null; current = managerOf(current)) {
    if (current === managerId) return true;
    if (seen.has(current)) return false;
    seen.add(current);
  }
  return false;
}

/** What a person may do to people (R38): only an administrator creates managers and administrators. */
export type PersonAction =
  | 'add-employee'
  | 'add-manager'
  | 'change-role'
  | 'change-manager'
  | 'approve-day'
  | 'own-data';

export interface PersonParties {
  actor: Pick<User, 'id' | 'role'>;
  /** The person acted on; for a new person, who they will report to. */
  subjectId: number | null;
  subjectManagerId: number | null;
  /** The actor is above the subject in the reporting chain. */
  managesSubject: boolean;
}

/** R38: the people part of the permission table. */
export function personActionAllowed(action: PersonAction, parties: PersonParties): boolean {
  const { actor } = parties;
  const admin = actor.role === 'admin';
  switch (action) {
    case 'add-employee':
      // A manager adds people to their own team.
      return admin || (actor.role === 'manager' && parties.subjectManagerId === actor.id);
    case 'add-manager':
    case 'change-role':
      return admin;
    case 'change-manager':
      return admin || (parties.subjectManagerId !== null && parties.subjectManagerId === actor.id);
    case 'approve-day':
      return parties.managesSubject;
    case 'own-data':
      return parties.subjectId === actor.id;
  }
}

const PERSON_REFUSALS: Record<PersonAction, string> = {
  'add-employee':
    'only an administrator, or a manager adding a person to their own team (--manager YOU), adds people',
  'add-manager': 'only an administrator creates managers and administrators',
  'change-role': 'only an administrator changes roles',
  'change-manager': "only an administrator or the person's current manager changes whom they report to",
  'approve-day': "only the person's manager (or theirs, up the chain) approves their day report",
  'own-data': "each person's time, working day and plan are theirs alone",
};

export function checkPersonAction(action: PersonAction, parties: PersonParties): void {
  if (!personActionAllowed(action, parties)) throw new RuleError('R38', PERSON_REFUSALS[action]);
}

/**
 * R38: restoring a backup puts every record and the whole history back as the backup has them - the one
 * change no history row can record. So it is an administrator's act wherever the database being replaced
 * names administrators (where it cannot be read, the backup's administrators), and the person at the
 * keyboard's own: `--as` lends nobody the right, since nothing would record the switch. A database with
 * no administrator (or none at all) is guarded by its file's permissions only.
 */
export function checkMayRestore(
  person: string,
  people: readonly { name: string; role: string }[],
  whose: 'database' | 'backup',
): void {
  const admins = people.filter((p) => p.role === 'admin').map((p) => p.name);
  if (admins.length === 0 || admins.includes(person)) return;
  throw new RuleError(
    'R38',
    `only an administrator of the ${whose === 'database' ? 'database' : 'backup (the database cannot be read)'} restores a backup, and ${person} is not one; ask ${admins.join(' or ')}`,
  );
}

/**
 * R38: a restore is the person at the keyboard's own act - `--as` someone else is refused, since the
 * restore replaces the very history that would record the switch.
 */
export function checkRestoresAsSelf(person: string, as: string | undefined): void {
  if (as === undefined || as.trim() === person) return;
  throw new RuleError(
    'R38',
    `restore-backup is done as yourself (${person}), not --as ${as.trim()}: a restore replaces the history that would record the switch`,
  );
}
