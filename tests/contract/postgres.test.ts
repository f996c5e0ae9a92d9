import PgNative from 'pg-native';
import { afterAll, beforeAll, describe } from 'vitest';
import { connectWith } from '../../src/db/postgres/connection.js';
import { PostgresSchema, latestServerSchemaVersion } from '../../src/db/postgres/migrations.js';
import { openPostgresStoreWith } from '../../src/db/postgres/open.js';
import { noServerNotice, SERVER_URL, TestServer } from '../pg/server.js';
import { describeStoreContract } from './store-contract.js';

// The same contract the SQLite store passes (sqlite.test.ts), against a real PostgreSQL: one database for
// this file, emptied before each test. Connected as the administrator (the owner bypasses row-level
// security; what a person may do through it is tests/pg's business).
// Without a server it is skipped and says so (a failure under .ci/run's REGULA_REQUIRE_PG=1).
if (SERVER_URL === undefined) {
  describe('the store contract: PostgreSQL', () => noServerNotice());
} else {
  const server = new TestServer(SERVER_URL);
  beforeAll(async () => {
    await server.create();
    const db = connectWith(PgNative, server.url());
    try {
      const schema = new PostgresSchema(db);
      schema.exclusively(() => schema.migrate(0, latestServerSchemaVersion(), new Date()));
    } finally {
      db.close();
    }
  }, 120_000);
  afterAll(() => server.drop(), 60_000);

  describeStoreContract('PostgreSQL', () => {
    const opened = openPostgresStoreWith(PgNative, server.url());
    emptyAllTables(opened.store as unknown as { db: { query(sql: string): unknown[] } });
    return { ...opened, another: () => openPostgresStoreWith(PgNative, server.url()) };
  });
}

/** Every table of the regula schema emptied, identities restarted; the one-row tables put back. */
function emptyAllTables(store: { db: { query(sql: string): unknown[] } }): void {
  const tables = store.db.query(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'regula' AND tablename NOT IN ('schema_migrations', 'meta', 'time_entry_bounds')",
  ) as { tablename: string }[];
  store.db.query(
    `TRUNCATE ${tables.map((t) => `regula.${t.tablename}`).join(', ')} RESTART IDENTITY CASCADE`,
  );
  store.db.query('UPDATE regula.time_entry_bounds SET longest_ms = 0');
}
