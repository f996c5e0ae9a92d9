import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { ROLES, type Role } from '../../core/types.js';
import type { App } from '../app.js';

export function registerUserCommands(program: Command, app: App): void {
  const user = program.command('user').description('people, roles and who reports to whom (R1-R4)');

  user
    .command('add')
    .description('add a person')
    .argument('<name>', 'login name used with --as / REGULA_USER')
    .option('--full-name <text>', 'full name')
    .option('--role <role>', `role: ${ROLES.join(', ')} (default employee)`)
    .option('--manager <user>', 'whom this person reports to (R4)')
    .action(
      async (
        name: string,
        options: { fullName?: string; role?: string; manager?: string },
        command: Command,
      ) => {
        const ctx = await app.context(command);
        const { addUser } = await import('../../core/identity.js');
        const added = addUser(
          ctx.store,
          {
            name,
            fullName: options.fullName ?? null,
            role: parseRole(options.role),
            manager: options.manager ?? null,
          },
          ctx.now,
        );
        if (app.json(command)) {
          const { userJson } = await import('../../format/json.js');
          app.printJson(userJson(added, options.manager ?? null));
        } else
          app.print(
            `Added user ${added.name} (${added.role}${options.manager ? `, reports to ${options.manager}` : ''}).`,
          );
      },
    );

  user
    .command('edit')
    .description('change a person: full name, role (admin only), whom they report to (R4)')
    .argument('<name>', 'login name')
    .option('--full-name <text>', 'full name ("" removes it)')
    .option('--role <role>', `role: ${ROLES.join(', ')} (admin only)`)
    .option('--manager <user>', 'whom this person reports to ("none": nobody)')
    .action(
      async (
        name: string,
        options: { fullName?: string; role?: string; manager?: string },
        command: Command,
      ) => {
        const ctx = await app.context(command);
        const { editUser } = await import('../../core/identity.js');
        if (options.fullName === undefined && options.role === undefined && options.manager === undefined) {
          throw new UsageError(
            'nothing to change; pass --full-name, --role or --manager (see task user edit --help)',
          );
        }
        const manager =
          options.manager === undefined
            ? undefined
            : options.manager.trim().toLowerCase() === 'none'
              ? null
              : options.manager;
        const edited = editUser(ctx.store, ctx.actor, name, {
          fullName: options.fullName,
          role: parseRole(options.role),
          manager,
        });
        const managerName =
          edited.managerId === null
            ? null
            : (ctx.store.read(() => ctx.store.getUser(edited.managerId!))?.name ?? null);
        if (app.json(command)) {
          const { userJson } = await import('../../format/json.js');
          app.printJson(userJson(edited, managerName));
        } else
          app.print(
            `Updated user ${edited.name} (${edited.role}${managerName ? `, reports to ${managerName}` : ''}).`,
          );
      },
    );

  user
    .command('list')
    .description('everyone in this database')
    .action(async (_options: object, command: Command) => {
      const ctx = await app.context(command);
      const users = ctx.store.read(() => ctx.store.listUsers());
      const nameOf = new Map(users.map((u) => [u.id, u.name]));
      const managerName = (id: number | null) => (id === null ? null : (nameOf.get(id) ?? null));
      if (app.json(command)) {
        const { userJson } = await import('../../format/json.js');
        app.printJson(users.map((u) => userJson(u, managerName(u.managerId))));
        return;
      }
      const { terminalSafe } = await import('../../format/safe-text.js');
      for (const u of users) {
        const marker = u.id === ctx.actor.id ? '*' : ' ';
        const manager = managerName(u.managerId);
        app.print(
          terminalSafe(
            `${marker} ${u.name.padEnd(16)} ${u.role.padEnd(9)} ${manager ? `reports to ${manager}` : ''}${u.fullName ? `  (${u.fullName})` : ''}`.trimEnd(),
          ),
        );
      }
    });
}

function parseRole(text: string | undefined): Role | undefined {
  const role = text?.trim().toLowerCase();
  if (role !== undefined && !ROLES.includes(role as Role))
    throw new UsageError(`--role: "${text}" is not one of ${ROLES.join(', ')}`);
  return role as Role | undefined;
}
