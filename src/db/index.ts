import { UsageError } from '../core/errors.js';
import type { OpenedStore } from '../core/store.js';
import { openDatabase, type OpenOptions } from './open.js';
import { SqliteMaintenance } from './sqlite/maintenance.js';
import { SqliteStore } from './sqlite/store.js';

export { latestSchemaVersion, migrate } from './migrations.js';
export { openDatabase } from './open.js';
export type { OpenOptions } from './open.js';

/**
 * A team server's location: a PostgreSQL URL, postgres:// or postgresql:// (libpq reads it: an empty host,
 * `postgres:///regula`, is the local socket or PGHOST; `postgres://` alone takes everything from PGHOST,
 * PGPORT, PGUSER, PGDATABASE and ~/.pgpass). Anything else is an SQLite file path.
 */
export function isServerLocation(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location.trim());
}

/**
 * Opens the store at `location` - the one place that decides which engine serves it: a server URL opens
 * the team server's store (issue 23; its driver, pg-native, is loaded only then), anything else the
 * SQLite file.
 */
export async function openStoreAt(location: string, options: OpenOptions): Promise<OpenedStore> {
  if (!isServerLocation(location)) return openStore(location, options);
  const { openPostgresStore } = await import('./postgres/open.js');
  return openPostgresStore(location.trim());
}

/** Opens the SQLite file (or `:memory:`) at `location`. */
export function openStore(location: string, options: OpenOptions): OpenedStore {
  if (isServerLocation(location))
    throw new UsageError(`${location} is a team server: it is opened with openStoreAt (src/db/index.ts)`);
  const db = openDatabase(location, options);
  const store = new SqliteStore(db, location);
  return { store, maintenance: new SqliteMaintenance(db), close: () => store.close() };
}
