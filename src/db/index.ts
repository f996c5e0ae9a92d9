import type { OpenedStore } from '../core/store.js';
import { openDatabase, type OpenOptions } from './open.js';
import { SqliteMaintenance } from './sqlite/maintenance.js';
import { SqliteStore } from './sqlite/store.js';

export { latestSchemaVersion, migrate } from './migrations.js';
export { openDatabase } from './open.js';
export type { OpenOptions } from './open.js';

/**
 * Opens the store at `location` - the one place that decides which engine serves it (today every
 * location is an SQLite file path; a team server's URL would choose its own store, issue 23).
 */
export function openStore(location: string, options: OpenOptions): OpenedStore {
  const db = openDatabase(location, options);
  const store = new SqliteStore(db, location);
  return { store, maintenance: new SqliteMaintenance(db), close: () => store.close() };
}
