import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { ROLES, type Role } from '../../core/types.js';
import type { App } from '../app.js';

/** A PostgreSQL URL (postgres:// or postgresql://), as libpq takes it. */
export function isPostgresUrl(text: string): boolean {
  return /^postgres(ql)?:\/\//i.test(text.trim());
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
  if (given !== undefined) {
    if (!isPostgresUrl(given))
      throw new UsageError(
        `"${given}" is not a PostgreSQL URL; give one like postgres://admin@db.example.com:5432/regula`,
      );
    return given.trim();
  }
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

/** The team server (issue 23): set up by a database administrator; docs/team-server.md. */
export function registerServerCommands(program: Command, app: App): void {
  const server = program
    .command('server')
    .description('the team server on PostgreSQL: set-up and people (run by its database administrator)');

  server
    .command('init')
    .description(
      'create or update the regula schema, roles and policies on a PostgreSQL database (idempotent)',
    )
    .argument(
      '[url]',
      'postgres://ADMIN@HOST:PORT/DATABASE (default: --db, REGULA_DB or the libpq environment)',
    )
    .action(async (url: string | undefined, _options: object, command: Command) => {
      const conninfo = resolveServerUrl(url, app.flags(command).db, app.env);
      const { connectPostgres } = await import('../../db/postgres/connection.js');
      const { PostgresSchema, latestServerSchemaVersion } = await import('../../db/postgres/migrations.js');
      const { initServer } = await import('../../core/server.js');
      const view = await import('../../format/server-view.js');
      const db = await connectPostgres(conninfo);
      try {
        const result = initServer(new PostgresSchema(db), latestServerSchemaVersion(), app.now());
        if (app.json(command)) app.printJson(view.serverInitJson(result, db.where));
        else app.print(view.serverInitText(result, db.where));
      } finally {
        db.close();
      }
    });

  const user = server
    .command('user')
    .description('people on the server: each one a login role and a user together');
  user
    .command('add')
    .description('add a person: their login role and their user, in one transaction')
    .argument('<name>', 'login name (lower-case letters, digits, _ . -)')
    .option('--manager <user>', 'whom this person reports to (R4)')
    .option('--admin', 'an administrator (R38, R39)')
    .option('--role <role>', `role: ${ROLES.join(', ')} (default employee)`)
    .option('--full-name <text>', 'full name')
    .action(
      async (
        name: string,
        options: { manager?: string; admin?: boolean; role?: string; fullName?: string },
        command: Command,
      ) => {
        const role = serverRole(options);
        const conninfo = resolveServerUrl(undefined, app.flags(command).db, app.env);
        const { connectPostgres } = await import('../../db/postgres/connection.js');
        const { PostgresPeople } = await import('../../db/postgres/server-people.js');
        const { addServerPerson } = await import('../../core/server.js');
        const view = await import('../../format/server-view.js');
        const db = await connectPostgres(conninfo);
        try {
          const added = addServerPerson(
            new PostgresPeople(db),
            {
              name: name.trim(),
              managerName: options.manager?.trim() ?? null,
              role,
              fullName: options.fullName ?? null,
            },
            app.now(),
          );
          if (app.json(command)) app.printJson(view.serverPersonJson(added));
          else app.print(view.serverPersonText(added));
        } finally {
          db.close();
        }
      },
    );
}
