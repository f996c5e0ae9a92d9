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
    .action(async (name: string, options: { fullName?: string; role?: string; manager?: string }, command: Command) => {
      const ctx = await app.context(command);
      const { addUser } = await import('../../core/identity.js');
      const role = options.role?.trim().toLowerCase();
      if (role !== undefined && !ROLES.includes(role as Role)) throw new UsageError(`--role: "${options.role}" is not one of ${ROLES.join(', ')}`);
      const added = addUser(ctx.store, { name, fullName: options.fullName ?? null, role: role as Role | undefined, manager: options.manager ?? null }, ctx.now);
      if (app.json(command)) {
        const { userJson } = await import('../../format/json.js');
        app.printJson(userJson(added, options.manager ?? null));
      } else app.print(`Added user ${added.name} (${added.role}${options.manager ? `, reports to ${options.manager}` : ''}).`);
    });

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
        app.print(terminalSafe(`${marker} ${u.name.padEnd(16)} ${u.role.padEnd(9)} ${manager ? `reports to ${manager}` : ''}${u.fullName ? `  (${u.fullName})` : ''}`.trimEnd()));
      }
    });
}
