import type { OpenedStore, StoreMaintenance } from '../../core/store.js';
import { type ClientClass, connectWith } from './connection.js';
import { notYet } from './store/base.js';
import { PostgresStore } from './store/store.js';

/** The team server's store over one connection (the driver already loaded: see connection.ts loadDriver). */
export function openPostgresStoreWith(Client: ClientClass, conninfo: string): OpenedStore {
  const db = connectWith(Client, conninfo);
  db.query('SET search_path = regula, pg_catalog');
  const store = new PostgresStore(db, db.where);
  return { store, maintenance: postgresMaintenance(), close: () => store.close() };
}

function postgresMaintenance(): StoreMaintenance {
  return {
    storageProblems: () => {
      throw notYet('storageProblems');
    },
    searchIndexDrift: () => 0,
    backupTo: () => Promise.reject(notYet('backupTo')),
  };
}
