import type { ServerSchema } from '../../core/server.js';
import type { PgConnection } from './connection.js';
import { EMBEDDED_MIGRATIONS } from './migrations-embedded.js';

/** The numbered team-server migrations shipped with this program (src/db/postgres/migrations/NNNN-name.sql). */
export function listServerMigrations(): readonly { version: number; name: string; sql: string }[] {
  return EMBEDDED_MIGRATIONS;
}

export function latestServerSchemaVersion(): number {
  return EMBEDDED_MIGRATIONS.at(-1)?.version ?? 0;
}

/** Any number, the same for every regula: two `server init` at once take turns on it. */
const SETUP_LOCK = 7_351_223;

/** The schema of a server, over one connection (as its administrator). */
export class PostgresSchema implements ServerSchema {
  constructor(private readonly db: PgConnection) {}

  exclusively<T>(work: () => T): T {
    return this.db.transaction(() => {
      this.db.query('SELECT pg_advisory_xact_lock($1)', [SETUP_LOCK]);
      return work();
    });
  }

  schemaVersion(): number {
    const [row] = this.db.query<{ version: number | null }>(
      `SELECT CASE WHEN to_regclass('regula.schema_migrations') IS NULL THEN 0 END AS version`,
    );
    if (row?.version === 0) return 0;
    const [latest] = this.db.query<{ version: number | null }>(
      'SELECT max(version) AS version FROM regula.schema_migrations',
    );
    return latest?.version ?? 0;
  }

  migrate(from: number, to: number, now: Date): string[] {
    this.db.query('CREATE SCHEMA IF NOT EXISTS regula');
    this.db.query(`CREATE TABLE IF NOT EXISTS regula.schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)`);
    const applied: string[] = [];
    for (const migration of listServerMigrations()) {
      if (migration.version <= from || migration.version > to) continue;
      this.db.query(migration.sql);
      this.db.query('INSERT INTO regula.schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        now.getTime(),
      ]);
      applied.push(`${String(migration.version).padStart(4, '0')}-${migration.name}`);
    }
    return applied;
  }
}
