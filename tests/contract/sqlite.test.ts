import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from '../support/scratch.js';
import { openStore } from '../../src/db/index.js';
import { describeStoreContract } from './store-contract.js';

// The factory the command line uses (src/db/index.ts), on both kinds of SQLite location.
describeStoreContract('SQLite in memory', () => openStore(':memory:', { createParent: false }));

describeStoreContract('SQLite file', () => {
  const dir = scratchDir('regula-contract-');
  const path = join(dir, 'contract.db');
  const opened = openStore(path, { createParent: false });
  return {
    ...opened,
    another: () => openStore(path, { createParent: false }),
    close: () => {
      opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
