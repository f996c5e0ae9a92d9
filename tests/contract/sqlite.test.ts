import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/db/open.js';
import { SqliteStore } from '../../src/db/sqlite-store.js';
import { describeStoreContract } from './store-contract.js';

describeStoreContract('SQLite in memory', () => {
  const store = new SqliteStore(openDatabase(':memory:', { createParent: false }), ':memory:');
  return { store, close: () => store.close() };
});

describeStoreContract('SQLite file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'regula-contract-'));
  const path = join(dir, 'contract.db');
  const store = new SqliteStore(openDatabase(path, { createParent: false }), path);
  return {
    store,
    close: () => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
