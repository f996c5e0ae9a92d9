import type { Store } from '../../../core/store.js';
import { notYet } from './base.js';
import { PgComments } from './comments.js';

/** The team server's history (PostgreSQL): the same meaning as src/db/sqlite/history.ts. */
export abstract class PgHistory extends PgComments {
  deadlineMovesBetween(
    ..._args: Parameters<Store['deadlineMovesBetween']>
  ): ReturnType<Store['deadlineMovesBetween']> {
    throw notYet('deadlineMovesBetween');
  }

  insertHistory(..._args: Parameters<Store['insertHistory']>): ReturnType<Store['insertHistory']> {
    throw notYet('insertHistory');
  }

  historyOf(..._args: Parameters<Store['historyOf']>): ReturnType<Store['historyOf']> {
    throw notYet('historyOf');
  }

  deadlineChanges(..._args: Parameters<Store['deadlineChanges']>): ReturnType<Store['deadlineChanges']> {
    throw notYet('deadlineChanges');
  }

  lastChangeBy(..._args: Parameters<Store['lastChangeBy']>): ReturnType<Store['lastChangeBy']> {
    throw notYet('lastChangeBy');
  }

  changeEndingWith(..._args: Parameters<Store['changeEndingWith']>): ReturnType<Store['changeEndingWith']> {
    throw notYet('changeEndingWith');
  }
}
