import type { Store } from '../../../core/store.js';
import { notYet } from './base.js';
import { PgDays } from './days.js';

/** The team server's search (PostgreSQL): the same meaning as src/db/sqlite/search.ts. */
export abstract class PgSearch extends PgDays {
  searchWords(..._args: Parameters<Store['searchWords']>): ReturnType<Store['searchWords']> {
    throw notYet('searchWords');
  }
}
