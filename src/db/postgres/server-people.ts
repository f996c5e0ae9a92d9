import type { NewServerPerson, ServerPeople, ServerPersonRecord } from '../../core/server.js';
import type { Role } from '../../core/types.js';
import type { PgConnection } from './connection.js';

/** People and their logins on the server, over a connection of its administrator. */
export class PostgresPeople implements ServerPeople {
  constructor(private readonly db: PgConnection) {}

  together<T>(work: () => T): T {
    return this.db.transaction(work);
  }

  findPerson(name: string): ServerPersonRecord | undefined {
    const [row] = this.db.query<{ id: string; name: string; role: Role }>(
      'SELECT id, name, role FROM regula.users WHERE name = $1',
      [name],
    );
    return row ? { id: Number(row.id), name: row.name, role: row.role } : undefined;
  }

  loginExists(login: string): boolean {
    return this.db.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [login]).length > 0;
  }

  createPerson(person: NewServerPerson): number {
    const role = this.db.quoteIdentifier(person.login);
    // Who you are on the server is who you logged in as: the login's only right is being a person.
    this.db.query(`CREATE ROLE ${role} LOGIN IN ROLE regula_person`);
    const [row] = this.db.query<{ id: string }>(
      'INSERT INTO regula.users (name, login, full_name, role, manager_id, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [person.name, person.login, person.fullName, person.role, person.managerId, person.createdAt.getTime()],
    );
    return Number(row!.id);
  }
}
