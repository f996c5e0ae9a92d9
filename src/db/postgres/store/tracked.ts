import type { Store } from '../../../core/store.js';
import { notYet } from './base.js';
import { PgTime } from './time.js';

/** The team server's tracked (PostgreSQL): the same meaning as src/db/sqlite/tracked.ts. */
export abstract class PgTracked extends PgTime {
  trackedByDay(..._args: Parameters<Store['trackedByDay']>): ReturnType<Store['trackedByDay']> {
    throw notYet('trackedByDay');
  }

  trackedPerUserDay(
    ..._args: Parameters<Store['trackedPerUserDay']>
  ): ReturnType<Store['trackedPerUserDay']> {
    throw notYet('trackedPerUserDay');
  }

  trackedPerDay(..._args: Parameters<Store['trackedPerDay']>): ReturnType<Store['trackedPerDay']> {
    throw notYet('trackedPerDay');
  }

  trackedPerFacet(..._args: Parameters<Store['trackedPerFacet']>): ReturnType<Store['trackedPerFacet']> {
    throw notYet('trackedPerFacet');
  }
}
