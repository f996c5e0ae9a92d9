import { UsageError } from '../../core/errors.js';
import type { NewUserInput, UserChanges } from '../../core/identity.js';
import type { PersonView } from '../../core/people.js';
import { ROLES, type Role } from '../../core/types.js';
import { defineCommand, defineGroup, defineModule } from '../command-module.js';

/** People, roles and who reports to whom (R1-R4). */

/** `--role`: one of the roles, any letter case. */
export function parseRole(text: string | undefined): Role | undefined {
  const role = text?.trim().toLowerCase();
  if (role !== undefined && !ROLES.includes(role as Role))
    throw new UsageError(`--role: "${text}" is not one of ${ROLES.join(', ')}`);
  return role as Role | undefined;
}

export const userAddCommand = defineModule({
  definition: defineCommand({
    name: 'add',
    summary: 'add a person',
    arguments: [{ name: 'name', kind: 'one', description: 'login name used with --as / REGULA_USER' }],
    options: {
      fullName: { kind: 'text', value: 'text', description: 'full name' },
      role: { kind: 'text', value: 'role', description: `role: ${ROLES.join(', ')} (default employee)` },
      manager: { kind: 'text', value: 'user', description: 'whom this person reports to (R4)' },
    },
  }),
  parse: ({ args, options }): NewUserInput => ({
    name: args.name,
    fullName: options.fullName ?? null,
    role: parseRole(options.role),
    manager: options.manager ?? null,
  }),
  async run(ctx, input: NewUserInput): Promise<PersonView> {
    const { addPerson } = await import('../../core/people.js');
    return addPerson(await ctx.core(), input);
  },
  renderers: async () => (await import('../../format/users-view.js')).personRenderers('Added'),
});

export const userEditCommand = defineModule({
  definition: defineCommand({
    name: 'edit',
    summary: 'change a person: full name, role (admin only), whom they report to (R4)',
    arguments: [{ name: 'name', kind: 'one', description: 'login name' }],
    options: {
      fullName: { kind: 'text', value: 'text', description: 'full name ("" removes it)' },
      role: { kind: 'text', value: 'role', description: `role: ${ROLES.join(', ')} (admin only)` },
      manager: { kind: 'text', value: 'user', description: 'whom this person reports to ("none": nobody)' },
    },
  }),
  parse: ({ args, options }): { name: string; changes: UserChanges } => {
    if (options.fullName === undefined && options.role === undefined && options.manager === undefined)
      throw new UsageError(
        'nothing to change; pass --full-name, --role or --manager (see task user edit --help)',
      );
    const manager =
      options.manager === undefined
        ? undefined
        : options.manager.trim().toLowerCase() === 'none'
          ? null
          : options.manager;
    return {
      name: args.name,
      changes: { fullName: options.fullName, role: parseRole(options.role), manager },
    };
  },
  async run(ctx, input: { name: string; changes: UserChanges }): Promise<PersonView> {
    const { editPerson } = await import('../../core/people.js');
    return editPerson(await ctx.core(), input.name, input.changes);
  },
  renderers: async () => (await import('../../format/users-view.js')).personRenderers('Updated'),
});

export const userListCommand = defineModule({
  definition: defineCommand({
    name: 'list',
    summary: 'everyone in this database',
    arguments: [],
    options: {},
  }),
  parse: () => ({}),
  async run(ctx): Promise<readonly PersonView[]> {
    const { listPeople } = await import('../../core/people.js');
    return listPeople(await ctx.core());
  },
  renderers: async () => (await import('../../format/users-view.js')).peopleRenderers,
});

export const COMMANDS = [
  defineGroup({
    name: 'user',
    summary: 'people, roles and who reports to whom (R1-R4)',
    commands: [userAddCommand, userEditCommand, userListCommand],
  }),
];
