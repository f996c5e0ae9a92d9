import type { PolicyChange, PolicyHistoryRecord, PolicyRecord } from '../../core/store.js';
import type { User } from '../../core/types.js';
import { SqliteBase } from './base.js';
import { EXTERNAL_ROW, insertSql } from './insert-rows.js';
import { type Row, rowToUser } from './rows.js';

const INSERT_EXTERNAL = insertSql(EXTERNAL_ROW, 1);

/** People and who they report to (R4), the company policy (R39), and the ids records had in the tools they were imported from. */
export abstract class SqlitePeople extends SqliteBase {
  countUsers(): number {
    return (this.sql('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  }

  listUsers(): User[] {
    return (this.sql('SELECT * FROM users ORDER BY name').all() as Row[]).map(rowToUser);
  }

  findUserByName(name: string): User | undefined {
    const row = this.sql('SELECT * FROM users WHERE name = ?').get(name) as Row | undefined;
    return row ? rowToUser(row) : undefined;
  }

  getUser(id: number): User | undefined {
    const row = this.sql('SELECT * FROM users WHERE id = ?').get(id) as Row | undefined;
    return row ? rowToUser(row) : undefined;
  }

  insertUser(user: Omit<User, 'id'>): User {
    const info = this.sql(
      'INSERT INTO users (name, full_name, role, manager_id, created_at) VALUES (?, ?, ?, ?, ?)',
    ).run(user.name, user.fullName, user.role, user.managerId, user.createdAt.getTime());
    return { ...user, id: Number(info.lastInsertRowid) };
  }

  updateUser(user: User): void {
    this.sql('UPDATE users SET full_name = ?, role = ?, manager_id = ? WHERE id = ?').run(
      user.fullName,
      user.role,
      user.managerId,
      user.id,
    );
  }

  reportsOf(managerId: number): User[] {
    return (this.sql('SELECT * FROM users WHERE manager_id = ? ORDER BY name').all(managerId) as Row[]).map(
      rowToUser,
    );
  }

  deleteUserIfUnused(id: number): void {
    this.sql(
      `DELETE FROM users WHERE id = ? AND NOT EXISTS (SELECT 1 FROM tasks WHERE director_id = ? OR responsible_id = ?)
         AND NOT EXISTS (SELECT 1 FROM users WHERE manager_id = ?) AND NOT EXISTS (SELECT 1 FROM templates WHERE responsible_id = ? OR director_id = ?)`,
    ).run(id, id, id, id, id, id);
  }

  policyValues(): Record<string, string> {
    return Object.fromEntries(this.sql('SELECT key, value FROM policy').raw().all() as [string, string][]);
  }

  policyRecords(): PolicyRecord[] {
    return (
      this.sql(
        'SELECT p.key, p.value, p.updated_at, u.name FROM policy p JOIN users u ON u.id = p.updated_by ORDER BY p.key',
      )
        .raw()
        .all() as [string, string, number, string][]
    ).map(([key, value, updatedAt, updatedBy]) => ({
      key,
      value,
      updatedAt: new Date(updatedAt),
      updatedBy,
    }));
  }

  setPolicyValue(change: PolicyChange): void {
    this.sql(
      `INSERT INTO policy (key, value, updated_at, updated_by) VALUES (@key, @newValue, @at, @actorId)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ).run({ key: change.key, newValue: change.newValue, at: change.at.getTime(), actorId: change.actorId });
    this.sql(
      'INSERT INTO policy_history (key, old_value, new_value, actor_id, at, reason) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(change.key, change.oldValue, change.newValue, change.actorId, change.at.getTime(), change.reason);
  }

  policyHistory(key?: string): PolicyHistoryRecord[] {
    const rows = this.sql(
      `SELECT h.key, h.old_value, h.new_value, u.name, h.at, h.reason FROM policy_history h JOIN users u ON u.id = h.actor_id
       WHERE @key IS NULL OR h.key = @key ORDER BY h.at, h.id`,
    )
      .raw()
      .all({ key: key ?? null }) as [string, string | null, string, string, number, string][];
    return rows.map(([key, oldValue, newValue, actor, at, reason]) => ({
      key,
      oldValue,
      newValue,
      actor,
      at: new Date(at),
      reason,
    }));
  }

  hasPolicyHistory(): boolean {
    return this.sql('SELECT 1 FROM policy_history LIMIT 1').get() !== undefined;
  }

  clearPolicy(): void {
    this.sql('DELETE FROM policy').run();
    this.sql('DELETE FROM policy_history').run();
  }

  findExternal(
    source: string,
    entity: string,
    externalId: string,
  ): { localId: number; fingerprint: string | null } | undefined {
    const row = this.sql(
      'SELECT local_id, fingerprint FROM external_ids WHERE source = ? AND entity = ? AND external_id = ?',
    ).get(source, entity, externalId) as { local_id: number; fingerprint: string | null } | undefined;
    return row ? { localId: row.local_id, fingerprint: row.fingerprint } : undefined;
  }

  setExternal(
    source: string,
    entity: string,
    externalId: string,
    localId: number,
    fingerprint: string | null,
  ): void {
    this.sql(INSERT_EXTERNAL).run(EXTERNAL_ROW.values(source, entity, externalId, localId, fingerprint));
  }

  externalIdsOf(source: string, entity: string): Map<number, string> {
    const rows = this.sql(
      'SELECT local_id, external_id FROM external_ids WHERE source = ? AND entity = ?',
    ).all(source, entity) as { local_id: number; external_id: string }[];
    return new Map(rows.map((r) => [r.local_id, r.external_id]));
  }

  orphanExternalIds(): number {
    return (
      this.sql(
        `SELECT count(*) AS n FROM external_ids x WHERE
           (x.entity = 'task' AND NOT EXISTS (SELECT 1 FROM tasks WHERE id = x.local_id)) OR
           (x.entity = 'entry' AND NOT EXISTS (SELECT 1 FROM time_entries WHERE id = x.local_id)) OR
           (x.entity IN ('comment', 'annotation') AND NOT EXISTS (SELECT 1 FROM comments WHERE id = x.local_id)) OR
           (x.entity = 'user' AND NOT EXISTS (SELECT 1 FROM users WHERE id = x.local_id)) OR
           (x.entity = 'template' AND NOT EXISTS (SELECT 1 FROM templates WHERE id = x.local_id))`,
      ).get() as { n: number }
    ).n;
  }
}
