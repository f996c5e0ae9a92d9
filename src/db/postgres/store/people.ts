import { RuleError } from '../../../core/errors.js';
import type { PolicyChange, PolicyHistoryRecord, PolicyRecord } from '../../../core/store.js';
import type { User } from '../../../core/types.js';
import type { SqlValue } from '../connection.js';
import { instant, num, numOrNull, PgBase } from './base.js';

const USER_COLUMNS = 'id, name, full_name, role, manager_id, created_at';

/** A users row as a User (a person's login stays the server's business: 0002). */
function rowToUser(row: Record<string, unknown>): User {
  return {
    id: num(row.id),
    name: row.name as string,
    fullName: row.full_name as string | null,
    role: row.role as User['role'],
    managerId: numOrNull(row.manager_id),
    createdAt: instant(row.created_at),
  };
}

/**
 * The team server's people (PostgreSQL): the same meaning as src/db/sqlite/people.ts - people and who
 * they report to (R4), the company policy (R39), and the ids records had in the tools they came from.
 */
export abstract class PgPeople extends PgBase {
  /** Runs an INSERT with `RETURNING id` added: the new row's id. */
  protected insertReturningId(sql: string, params: readonly SqlValue[]): number {
    return num(this.row<{ id: string }>(`${sql} RETURNING id`, params)?.id);
  }

  countUsers(): number {
    return num(this.row<{ n: string }>('SELECT count(*) AS n FROM users')?.n);
  }

  listUsers(): User[] {
    return this.rows(`SELECT ${USER_COLUMNS} FROM users ORDER BY name COLLATE "C"`).map(rowToUser);
  }

  findUserByName(name: string): User | undefined {
    const row = this.row(`SELECT ${USER_COLUMNS} FROM users WHERE name = $1`, [name]);
    return row ? rowToUser(row) : undefined;
  }

  getUser(id: number): User | undefined {
    const row = this.row(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
    return row ? rowToUser(row) : undefined;
  }

  insertUser(user: Omit<User, 'id'>): User {
    try {
      const id = this.insertReturningId(
        'INSERT INTO users (name, full_name, role, manager_id, created_at) VALUES ($1, $2, $3, $4, $5)',
        [user.name, user.fullName, user.role, user.managerId, user.createdAt.getTime()],
      );
      return { ...user, id };
    } catch (error) {
      throw isUsersRefused(error) ? addedWithLogin(user.name) : error;
    }
  }

  updateUser(user: User): void {
    this.rows('UPDATE users SET full_name = $1, role = $2, manager_id = $3 WHERE id = $4', [
      user.fullName,
      user.role,
      user.managerId,
      user.id,
    ]);
  }

  reportsOf(managerId: number): User[] {
    return this.rows(`SELECT ${USER_COLUMNS} FROM users WHERE manager_id = $1 ORDER BY name COLLATE "C"`, [
      managerId,
    ]).map(rowToUser);
  }

  deleteUserIfUnused(id: number): void {
    this.rows(
      `DELETE FROM users WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM tasks WHERE director_id = $1 OR responsible_id = $1)
         AND NOT EXISTS (SELECT 1 FROM users WHERE manager_id = $1)
         AND NOT EXISTS (SELECT 1 FROM templates WHERE responsible_id = $1 OR director_id = $1)`,
      [id],
    );
  }

  /** Values are json on the server, kept as written: read back as the same JSON text. */
  policyValues(): Record<string, string> {
    return Object.fromEntries(
      this.rows<{ key: string; value: string }>('SELECT key, value::text AS value FROM policy').map((r) => [
        r.key,
        r.value,
      ]),
    );
  }

  policyRecords(): PolicyRecord[] {
    return this.rows<{ key: string; value: string; updated_at: string; name: string }>(
      `SELECT p.key, p.value::text AS value, p.updated_at, u.name FROM policy p JOIN users u ON u.id = p.updated_by
       ORDER BY p.key COLLATE "C"`,
    ).map((r) => ({ key: r.key, value: r.value, updatedAt: instant(r.updated_at), updatedBy: r.name }));
  }

  setPolicyValue(change: PolicyChange): void {
    this.rows(
      `INSERT INTO policy (key, value, updated_at, updated_by) VALUES ($1, $2::json, $3, $4)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      [change.key, change.newValue, change.at.getTime(), change.actorId],
    );
    this.rows(
      'INSERT INTO policy_history (key, old_value, new_value, actor_id, at, reason) VALUES ($1, $2::json, $3::json, $4, $5, $6)',
      [change.key, change.oldValue, change.newValue, change.actorId, change.at.getTime(), change.reason],
    );
  }

  policyHistory(key?: string): PolicyHistoryRecord[] {
    return this.rows<{
      key: string;
      old_value: string | null;
      new_value: string;
      name: string;
      at: string;
      reason: string;
    }>(
      `SELECT h.key, h.old_value::text AS old_value, h.new_value::text AS new_value, u.name, h.at, h.reason
       FROM policy_history h JOIN users u ON u.id = h.actor_id
       WHERE $1::text IS NULL OR h.key = $1 ORDER BY h.at, h.id`,
      [key ?? null],
    ).map((r) => ({
      key: r.key,
      oldValue: r.old_value,
      newValue: r.new_value,
      actor: r.name,
      at: instant(r.at),
      reason: r.reason,
    }));
  }

  hasPolicyHistory(): boolean {
    return this.row('SELECT 1 FROM policy_history LIMIT 1') !== undefined;
  }

  clearPolicy(): void {
    this.rows('DELETE FROM policy');
    this.rows('DELETE FROM policy_history');
  }

  findExternal(
    source: string,
    entity: string,
    externalId: string,
  ): { localId: number; fingerprint: string | null } | undefined {
    const row = this.row<{ local_id: string; fingerprint: string | null }>(
      'SELECT local_id, fingerprint FROM external_ids WHERE source = $1 AND entity = $2 AND external_id = $3',
      [source, entity, externalId],
    );
    return row ? { localId: num(row.local_id), fingerprint: row.fingerprint } : undefined;
  }

  setExternal(
    source: string,
    entity: string,
    externalId: string,
    localId: number,
    fingerprint: string | null,
  ): void {
    this.rows(
      `INSERT INTO external_ids (source, entity, external_id, local_id, fingerprint) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (source, entity, external_id) DO UPDATE SET local_id = excluded.local_id, fingerprint = excluded.fingerprint`,
      [source, entity, externalId, localId, fingerprint],
    );
  }

  externalIdsOf(source: string, entity: string): Map<number, string> {
    const rows = this.rows<{ local_id: string; external_id: string }>(
      'SELECT local_id, external_id FROM external_ids WHERE source = $1 AND entity = $2',
      [source, entity],
    );
    return new Map(rows.map((r) => [num(r.local_id), r.external_id]));
  }

  orphanExternalIds(): number {
    return num(
      this.row<{ n: string }>(
        `SELECT count(*) AS n FROM external_ids x WHERE
           (x.entity = 'task' AND NOT EXISTS (SELECT 1 FROM tasks WHERE id = x.local_id)) OR
           (x.entity = 'entry' AND NOT EXISTS (SELECT 1 FROM time_entries WHERE id = x.local_id)) OR
           (x.entity IN ('comment', 'annotation') AND NOT EXISTS (SELECT 1 FROM comments WHERE id = x.local_id)) OR
           (x.entity = 'user' AND NOT EXISTS (SELECT 1 FROM users WHERE id = x.local_id)) OR
           (x.entity = 'template' AND NOT EXISTS (SELECT 1 FROM templates WHERE id = x.local_id))`,
      )?.n,
    );
  }
}

/** A person's login may not write users (the grants): people are made with their login role, together. */
function isUsersRefused(error: unknown): boolean {
  return (
    error instanceof RuleError &&
    error.rule === 'R38' &&
    /permission denied for table users\b/.test(error.message)
  );
}

function addedWithLogin(name: string): RuleError {
  return new RuleError(
    'R38',
    `on the team server a person is added together with their login, by its database administrator: task server user add ${name} [--manager NAME]`,
  );
}
