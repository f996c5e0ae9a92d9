import type { Store } from '../../../core/store.js';
import { notYet } from './base.js';
import { PgSearch } from './search.js';

/** The team server's dump (PostgreSQL): the same meaning as src/db/sqlite/dump.ts. */
export abstract class PgDump extends PgSearch {
  dumpEntities(..._args: Parameters<Store['dumpEntities']>): ReturnType<Store['dumpEntities']> {
    throw notYet('dumpEntities');
  }

  loadEntities(..._args: Parameters<Store['loadEntities']>): ReturnType<Store['loadEntities']> {
    throw notYet('loadEntities');
  }
}
