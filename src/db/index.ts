import { openDatabase, type OpenOptions } from './open.js';
import { SqliteStore } from './sqlite-store.js';

export { latestSchemaVersion, migrate } from './migrations.js';
export { openDatabase } from './open.js';
export { SqliteStore } from './sqlite-store.js';

/** Opens the database file and wraps it in the Store that core works with. */
export function openStore(path: string, options: OpenOptions): SqliteStore {
  return new SqliteStore(openDatabase(path, options), path);
}
