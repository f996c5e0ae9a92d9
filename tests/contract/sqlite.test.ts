import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/db/index.js';
import { describeStoreContract } from './store-contract.js';

// The factory the command line uses (src/db/index.ts), on both kinds of SQLite location.
describeStoreContract('SQLite in memory', () => openStore(':memory:', { createParent: false }));

describeStoreContract('SQLite file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'regula-contract-'));
  const opened = openStore(join(dir, 'contract.db'), { createParent: false });
  return {
    ...opened,
    close: () => {
      opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
