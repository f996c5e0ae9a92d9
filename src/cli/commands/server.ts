import { UsageError } from '../../core/errors.js';
import type {
  AddedServerPerson,
  AddServerPersonInput,
  GiveLoginInput,
  GivenLogin,
} from '../../core/server.js';
import { ROLES, type Role } from '../../core/types.js';
import type { ServerInitOutcome } from '../../format/server-view.js';
import { type CommandContext, defineCommand, defineGroup, defineModule } from '../command-module.js';

/** The team server (issue 23): set up by a database administrator; docs/team-server.md. */

/** A PostgreSQL URL (postgres:// or postgresql://), as libpq takes it. */
export function isPostgresUrl(text: string): boolean {
  return /^postgres(ql)?:\/\//i.test(text.trim());
}

/** A URL given on the command line, checked: a PostgreSQL one. */
export function givenServerUrl(given: string): string {
  if (!isPostgresUrl(given))
    throw new UsageError(
      `"${given}" is not a PostgreSQL URL; give one like postgres://admin@db.example.com:5432/regula`,
    );
  return given.trim();
}

/**
 * The server a `task server` command talks to: the URL given, else --db / REGULA_DB when they name a
 * server, else libpq's own environment (PGHOST, PGPORT, PGUSER, PGDATABASE, ~/.pgpass) as ''.
 */
export function resolveServerUrl(
  given: string | undefined,
  flagDb: string | undefined,
  env: NodeJS.ProcessEnv,
): string {
  if (given !== undefined) return givenServerUrl(given);
  if (flagDb !== undefined) {
    if (!isPostgresUrl(flagDb))
      throw new UsageError(
        `--db ${flagDb} names a SQLite file; task server needs a PostgreSQL URL: --db postgres://HOST/DATABASE`,
      );
    return flagDb.trim();
  }
  if (env.REGULA_DB !== undefined && isPostgresUrl(env.REGULA_DB)) return env.REGULA_DB.trim();
  return '';
}

/** `--admin`, else `--role`, else an employee. */
export function serverRole(options: { admin?: boolean; role?: string }): Role {
  if (options.admin) {
    if (options.role !== undefined && options.role.trim().toLowerCase() !== 'admin')
      throw new UsageError(`--admin and --role ${options.role} disagree; give one of them`);
    return 'admin';
  }
  const role = (options.role ?? 'employee').trim().toLowerCase();
  if (!ROLES.includes(role as Role))
    throw new UsageError(`--role: "${options.role}" is not one of ${ROLES.join(', ')}`);
  return role as Role;
}

/** The server of this command: the URL given, else --db, REGULA_DB or the libpq environment. */
const serverOf = (ctx: CommandContext, given?: string) => resolveServerUrl(given, ctx.globals.db, ctx.env);

export const serverInitCommand = defineModule({
  definition: defineCommand({
    name: 'init',
    summary: 'create or update the regula schema, roles and policies on a PostgreSQL database (idempotent)',
    arguments: [
      {
        name: 'url',
        kind: 'optional',
        description:
          'postgres://ADMIN@HOST:PORT/DATABASE (default: --db, REGULA_DB or the libpq environment)',
      },
    ],
    options: {},
  }),
  parse: ({ args }) => ({ url: args.url === undefined ? undefined : givenServerUrl(args.url) }),
  async run(ctx, input: { url: string | undefined }): Promise<ServerInitOutcome> {
    const conninfo = serverOf(ctx, input.url);
    const { initServer } = await import('../../core/server.js');
    return ctx.serverSetup(conninfo, (server) => ({
      where: server.where,
      result: initServer(server.schema, server.latestVersion, ctx.now()),
    }));
  },
  renderers: async () => (await import('../../format/server-view.js')).serverInitRenderers,
});

export const serverUserAddCommand = defineModule({
  definition: defineCommand({
    name: 'add',
    summary: 'add a person: their login role and their user, in one transaction',
    arguments: [{ name: 'name', kind: 'one', description: 'login name (lower-case letters, digits, _ . -)' }],
    options: {
      manager: { kind: 'text', value: 'user', description: 'whom this person reports to (R4)' },
      admin: { kind: 'switch', description: 'an administrator (R38, R39)' },
      role: { kind: 'text', value: 'role', description: `role: ${ROLES.join(', ')} (default employee)` },
      fullName: { kind: 'text', value: 'text', description: 'full name' },
    },
  }),
  parse: ({ args, options }): AddServerPersonInput => ({
    name: args.name.trim(),
    managerName: options.manager?.trim() ?? null,
    role: serverRole(options),
    fullName: options.fullName ?? null,
  }),
  async run(ctx, input): Promise<AddedServerPerson> {
    const conninfo = serverOf(ctx);
    const { addServerPerson } = await import('../../core/server.js');
    return ctx.serverSetup(conninfo, (server) => addServerPerson(server.people, input, ctx.now()));
  },
  renderers: async () => (await import('../../format/server-view.js')).serverPersonRenderers,
});

export const serverUserLoginCommand = defineModule({
  definition: defineCommand({
    name: 'login',
    summary: 'give a person who has no login yet (moved in with task import) their login role',
    arguments: [{ name: 'name', kind: 'one', description: 'the person, as named on the server' }],
    options: {
      login: {
        kind: 'text',
        value: 'login',
        description: 'the login name (default: NAME; lower-case letters, digits, _ . -)',
      },
    },
  }),
  parse: ({ args, options }): GiveLoginInput => ({
    name: args.name.trim(),
    login: options.login?.trim() ?? null,
  }),
  async run(ctx, input): Promise<GivenLogin> {
    const conninfo = serverOf(ctx);
    const { giveServerLogin } = await import('../../core/server.js');
    return ctx.serverSetup(conninfo, (server) => giveServerLogin(server.people, input));
  },
  renderers: async () => (await import('../../format/server-view.js')).serverLoginRenderers,
});

export const COMMANDS = [
  defineGroup({
    name: 'server',
    summary: 'the team server on PostgreSQL: set-up and people (run by its database administrator)',
    commands: [
      serverInitCommand,
      defineGroup({
        name: 'user',
        summary: 'people on the server: each one a login role and a user together',
        commands: [serverUserAddCommand, serverUserLoginCommand],
      }),
    ],
  }),
];
