// The Sandbox's PostgreSQL side (issue 23: the end-to-end rule and report tests run against both stores).
// In the vitest project "postgres" (vitest.config.ts) each Sandbox gets a database of its own on the test
// server, copied from one migrated template per test file, and every person of the test is a login role.
// Roles are cluster-wide, so a person's login carries the sandbox's suffix (`anna` logs in as
// `anna_1a2b3c4d`); the person's name is the test's own, so the output is the same text on both stores.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import {
  type AddedServerPerson,
  addServerPerson,
  type NewServerPerson,
  type ServerPeople,
} from '../../src/core/server.js';
import type { Role } from '../../src/core/types.js';
import { type ClientClass, connectWith, type PgConnection } from '../../src/db/postgres/connection.js';
import { latestServerSchemaVersion, PostgresSchema } from '../../src/db/postgres/migrations.js';
import { PostgresPeople } from '../../src/db/postgres/server-people.js';
import { initServer } from '../../src/core/server.js';
import { SERVER_URL } from '../pg/server.js';

const require = createRequire(import.meta.url);

/** Which store this test run's Sandboxes use: the vitest project sets REGULA_TEST_STORE. */
export const STORE_UNDER_TEST: 'sqlite' | 'postgres' =
  process.env.REGULA_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

/** pg-native, loaded only in the PostgreSQL pass. */
function driver(): ClientClass {
  return require('pg-native') as ClientClass;
}

/** The server's types read as SQLite gives them: bigint and numeric as numbers, json as its text. */
function sqliteLikeTypes() {
  const types = require('pg-types') as {
    getTypeParser: (oid: number, format?: string) => (value: string) => unknown;
  };
  const INT8 = 20;
  const NUMERIC = 1700;
  const JSON_OID = 114;
  return {
    getTypeParser(oid: number, format?: string) {
      if (oid === INT8 || oid === NUMERIC) return Number;
      if (oid === JSON_OID) return (value: string) => value;
      return types.getTypeParser(oid, format);
    },
  };
}

function adminUrl(): string {
  if (SERVER_URL === undefined)
    throw new Error(
      'the PostgreSQL pass needs REGULA_TEST_PG_URL (scripts/pg-test-cluster.sh start prints one)',
    );
  return SERVER_URL;
}

function databaseUrl(database: string, user?: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${database}`;
  if (user !== undefined) {
    url.username = user;
    url.password = '';
  }
  return url.toString();
}

/** One statement on the administrator's maintenance database (CREATE/DROP DATABASE, DROP ROLE). */
function onCluster(sql: string): void {
  const db = connectWith(driver(), adminUrl());
  try {
    db.query(sql);
  } finally {
    db.close();
  }
}

const endedClients: unknown[] = [];

/** The migrated database every sandbox of this test file is copied from (CREATE DATABASE ... TEMPLATE). */
let template: string | undefined;

function migratedTemplate(): string {
  if (template !== undefined) return template;
  const name = `regula_tpl_${randomBytes(4).toString('hex')}`;
  onCluster(`CREATE DATABASE ${name}`);
  template = name;
  const db = connectWith(driver(), databaseUrl(name));
  try {
    initServer(new PostgresSchema(db), latestServerSchemaVersion(), new Date());
  } finally {
    db.close();
  }
  return name;
}

/** Drops this file's template (vitest's afterAll in tests/e2e/server-pass.setup.ts). */
export function dropServerTemplate(): void {
  if (template === undefined) return;
  onCluster(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  template = undefined;
}

export interface PersonOptions {
  manager?: string | null;
  role?: Role;
  fullName?: string | null;
}

/** A sandbox's own database on the test server, its people and their logins. */
export class SandboxServer {
  readonly suffix = randomBytes(4).toString('hex');
  readonly database = `regula_sb_${this.suffix}`;
  private readonly logins = new Map<string, string>();
  private admin: PgConnection | undefined;
  private typedClient: InstanceType<ClientClass> | undefined;

  constructor() {
    onCluster(`CREATE DATABASE ${this.database} TEMPLATE ${migratedTemplate()}`);
  }

  /** The database administrator's URL (the owner who ran `task server init`). */
  get adminUrl(): string {
    return databaseUrl(this.database);
  }

  /** The URL a person connects with: their own login (R38: who you are on the server is the login). */
  urlOf(name: string): string {
    return databaseUrl(this.database, this.logins.get(name) ?? this.loginOf(name));
  }

  /** The login of a person of this sandbox (roles are cluster-wide: the suffix keeps files apart). */
  loginOf(name: string): string {
    return `${name.toLowerCase()}_${this.suffix}`;
  }

  knows(name: string): boolean {
    return this.logins.has(name);
  }

  get hasPeople(): boolean {
    return this.logins.size > 0;
  }

  /**
   * `task server user add NAME` as the database administrator - the same core and store code - with the
   * login suffixed; the person keeps the test's name.
   */
  addPerson(name: string, options: PersonOptions, now: Date): AddedServerPerson {
    const db = this.adminConnection();
    const login = this.loginOf(name);
    const real = new PostgresPeople(db);
    const people: ServerPeople = {
      together: (work) => real.together(work),
      findPerson: (person) => real.findPerson(person),
      personWithLogin: () => real.personWithLogin(login),
      loginRole: () => real.loginRole(login),
      createPerson: (person: NewServerPerson) => real.createPerson({ ...person, login }),
      createLoginRole: () => real.createLoginRole(login),
      setLogin: (personId) => real.setLogin(personId, login),
    };
    const added = addServerPerson(
      people,
      {
        name,
        managerName: options.manager ?? null,
        role: options.role ?? 'employee',
        fullName: options.fullName ?? null,
      },
      now,
    );
    this.logins.set(name, login);
    return { ...added, login };
  }

  /** A query as the database administrator, its values as SQLite gives them (numbers, 0/1 flags). */
  sql<T>(query: string, params: readonly unknown[] = []): T[] {
    const rows = this.reader().querySync(query, params as never[]) as Record<string, unknown>[];
    return rows.map((row) => sqliteLikeRow(row)) as T[];
  }

  /** Every row of every regula table, in a fixed order: proves a refused command changed nothing. */
  dump(): string {
    const tables = this.sql<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'regula' ORDER BY tablename",
    );
    return JSON.stringify(
      tables.map(({ name }) => [
        name,
        this.sql<{ row: string }>(
          `SELECT row_to_json(t)::text AS row FROM regula."${name}" t ORDER BY 1`,
        ).map((r) => r.row),
      ]),
    );
  }

  remove(): void {
    this.admin?.close();
    this.admin = undefined;
    if (this.typedClient !== undefined) {
      this.typedClient.end();
      // Kept, as src/db/postgres/connection.ts keeps its ended clients: libuv closes the socket later.
      endedClients.push(this.typedClient);
      this.typedClient = undefined;
    }
    onCluster(`DROP DATABASE IF EXISTS ${this.database} WITH (FORCE)`);
    for (const login of this.logins.values()) onCluster(`DROP ROLE IF EXISTS "${login}"`);
    this.logins.clear();
  }

  /** The administrator's connection with the server's types read as SQLite gives them. */
  private reader(): InstanceType<ClientClass> {
    if (this.typedClient === undefined) {
      const Client = driver();
      const client = new Client({ types: sqliteLikeTypes() } as never);
      client.connectSync(this.adminUrl);
      client.querySync('SET search_path = regula');
      this.typedClient = client;
    }
    return this.typedClient;
  }

  private adminConnection(): PgConnection {
    this.admin ??= connectWith(driver(), this.adminUrl);
    return this.admin;
  }
}

/** SQLite has no booleans: a flag is 0 or 1. */
function sqliteLikeRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row))
    out[key] = typeof value === 'boolean' ? Number(value) : value;
  return out;
}
