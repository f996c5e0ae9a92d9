import { StorageError } from '../../core/errors.js';
import type { ConnectedIdentity, OpenedStore, StoreMaintenance } from '../../core/store.js';
import { type ClientClass, connectWith, loadDriver, type PgConnection } from './connection.js';
import { latestServerSchemaVersion } from './migrations.js';
import { PostgresStore } from './store/store.js';

/** The team server's store, as openStore gives it, with who is connected (users.login = session_user). */
export interface OpenedServerStore extends OpenedStore {
  identity(): ConnectedIdentity;
}

/** The team server at `conninfo` (a postgres:// URL or '' for the libpq environment): the driver loaded lazily. */
export async function openPostgresStore(conninfo: string): Promise<OpenedServerStore> {
  return openPostgresStoreWith(await loadDriver(), conninfo);
}

/** The team server's store over one connection (the driver already loaded: see connection.ts loadDriver). */
export function openPostgresStoreWith(
  Client: ClientClass,
  conninfo: string,
  options: { checkSchema?: boolean } = {},
): OpenedServerStore {
  const db = connectWith(Client, conninfo);
  try {
    db.query('SET search_path = regula, pg_catalog');
    // JIT compiling a report query whose estimated cost is high adds about half a second; the queries are short.
    db.query('SET jit = off');
    if (options.checkSchema !== false) checkSchemaVersion(db);
  } catch (error) {
    db.close();
    throw error;
  }
  const store = new PostgresStore(db, db.where);
  return {
    store,
    maintenance: postgresMaintenance(db.where),
    close: () => store.close(),
    identity: () => identityOf(db, store),
  };
}

/** A person cannot migrate the server (its administrator runs `task server init`): its schema must be this program's. */
function checkSchemaVersion(db: PgConnection): void {
  const [row] = db.query<{ version: string | null }>(
    "SELECT CASE WHEN to_regclass('regula.schema_migrations') IS NULL THEN NULL ELSE (SELECT coalesce(max(version), 0) FROM regula.schema_migrations)::text END AS version",
  );
  const version = row?.version === null || row?.version === undefined ? 0 : Number(row.version);
  const latest = latestServerSchemaVersion();
  if (version === 0)
    throw new StorageError(
      `regula is not set up on the PostgreSQL server ${db.where}; its database administrator runs: task server init URL`,
    );
  if (version > latest)
    throw new StorageError(
      `the server's regula schema is at version ${version}, newer than this program knows (${latest}); upgrade regula (npm install) before using it`,
    );
  if (version < latest)
    throw new StorageError(
      `the server's regula schema is at version ${version}, this program needs ${latest}; its database administrator runs: task server init URL`,
    );
}

function identityOf(db: PgConnection, store: PostgresStore): ConnectedIdentity {
  const [row] = db.query<{ login: string; name: string | null; people: string }>(
    'SELECT session_user::text AS login, (SELECT name FROM users WHERE login = session_user) AS name, (SELECT count(*) FROM users)::text AS people',
  );
  const person = row?.name ? store.read(() => store.findUserByName(row.name!)) : undefined;
  return { login: row?.login ?? '', person, people: Number(row?.people ?? 0), where: db.where };
}

/**
 * StorageMaintenance on the server: PostgreSQL enforces every reference itself (foreign keys are never off
 * there) and keeps its indexes - the search index included - so there is nothing to find; copies are the
 * server's own business (pg_dump, docs/team-server.md).
 */
function postgresMaintenance(where: string): StoreMaintenance {
  return {
    storageProblems: () => [],
    searchIndexDrift: () => 0,
    backupTo: () =>
      Promise.reject(
        new StorageError(
          `task backup copies SQLite files; the team server ${where} is backed up with PostgreSQL's own tools: pg_dump --format=custom --file=regula.dump URL (docs/team-server.md, Backups)`,
        ),
      ),
  };
}
