import type { LoginRoleKind, NewServerPerson, ServerPeople, ServerPersonRecord } from '../../core/server.js';
import type { Role } from '../../core/types.js';
import type { PgConnection } from './connection.js';

/** People and their logins on the server, over a connection of its administrator. */
export class PostgresPeople implements ServerPeople {
  constructor(private readonly db: PgConnection) {}

  together<T>(work: () => T): T {
    return this.db.transaction(work);
  }

  findPerson(name: string): ServerPersonRecord | undefined {
    return this.personWhere('name', name);
  }

  personWithLogin(login: string): ServerPersonRecord | undefined {
    return this.personWhere('login', login);
  }

  loginRole(login: string): LoginRoleKind {
    // A member in so many words: pg_has_role counts a superuser as a member of every role.
    const [row] = this.db.query<{ person: boolean }>(
      `SELECT NOT r.rolsuper AND EXISTS (SELECT 1 FROM pg_auth_members m
         WHERE m.member = r.oid AND m.roleid = 'regula_person'::regrole) AS person
       FROM pg_roles r WHERE r.rolname = $1`,
      [login],
    );
    if (!row) return 'none';
    return row.person ? 'person' : 'other';
  }

  createPerson(person: NewServerPerson): number {
    this.createLoginRole(person.login);
    const [row] = this.db.query<{ id: string }>(
      'INSERT INTO regula.users (name, login, full_name, role, manager_id, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [person.name, person.login, person.fullName, person.role, person.managerId, person.createdAt.getTime()],
    );
    return Number(row!.id);
  }

  createLoginRole(login: string): void {
    // Who you are on the server is who you logged in as: the login's only right is being a person.
    this.db.query(`CREATE ROLE ${this.db.quoteIdentifier(login)} LOGIN IN ROLE regula_person`);
  }

  setLogin(personId: number, login: string): void {
    this.db.query('UPDATE regula.users SET login = $1 WHERE id = $2', [login, personId]);
  }

  private personWhere(column: 'name' | 'login', value: string): ServerPersonRecord | undefined {
    const [row] = this.db.query<{ id: string; name: string; role: Role; login: string | null }>(
      `SELECT id, name, role, login FROM regula.users WHERE ${column} = $1`,
      [value],
    );
    return row ? { id: Number(row.id), name: row.name, role: row.role, login: row.login } : undefined;
  }
}
