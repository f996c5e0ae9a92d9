import type { Store } from '../../../core/store.js';
import { notYet } from './base.js';
import { PgHistory } from './history.js';

/** The team server's time (PostgreSQL): the same meaning as src/db/sqlite/time.ts. */
export abstract class PgTime extends PgHistory {
  setEntryEnd(..._args: Parameters<Store['setEntryEnd']>): ReturnType<Store['setEntryEnd']> {
    throw notYet('setEntryEnd');
  }

  entriesNotByResponsible(
    ..._args: Parameters<Store['entriesNotByResponsible']>
  ): ReturnType<Store['entriesNotByResponsible']> {
    throw notYet('entriesNotByResponsible');
  }

  overlappingEntries(
    ..._args: Parameters<Store['overlappingEntries']>
  ): ReturnType<Store['overlappingEntries']> {
    throw notYet('overlappingEntries');
  }

  runningEntries(..._args: Parameters<Store['runningEntries']>): ReturnType<Store['runningEntries']> {
    throw notYet('runningEntries');
  }

  firstEntryStart(..._args: Parameters<Store['firstEntryStart']>): ReturnType<Store['firstEntryStart']> {
    throw notYet('firstEntryStart');
  }

  runningEntryOf(..._args: Parameters<Store['runningEntryOf']>): ReturnType<Store['runningEntryOf']> {
    throw notYet('runningEntryOf');
  }

  runningEntriesOnTask(
    ..._args: Parameters<Store['runningEntriesOnTask']>
  ): ReturnType<Store['runningEntriesOnTask']> {
    throw notYet('runningEntriesOnTask');
  }

  lastStoppedEntryOf(
    ..._args: Parameters<Store['lastStoppedEntryOf']>
  ): ReturnType<Store['lastStoppedEntryOf']> {
    throw notYet('lastStoppedEntryOf');
  }

  getEntry(..._args: Parameters<Store['getEntry']>): ReturnType<Store['getEntry']> {
    throw notYet('getEntry');
  }

  insertEntry(..._args: Parameters<Store['insertEntry']>): ReturnType<Store['insertEntry']> {
    throw notYet('insertEntry');
  }

  updateEntry(..._args: Parameters<Store['updateEntry']>): ReturnType<Store['updateEntry']> {
    throw notYet('updateEntry');
  }

  insertEntryChange(
    ..._args: Parameters<Store['insertEntryChange']>
  ): ReturnType<Store['insertEntryChange']> {
    throw notYet('insertEntryChange');
  }

  lastEntryChangeBy(
    ..._args: Parameters<Store['lastEntryChangeBy']>
  ): ReturnType<Store['lastEntryChangeBy']> {
    throw notYet('lastEntryChangeBy');
  }

  entryChangesAt(..._args: Parameters<Store['entryChangesAt']>): ReturnType<Store['entryChangesAt']> {
    throw notYet('entryChangesAt');
  }

  changesOfEntry(..._args: Parameters<Store['changesOfEntry']>): ReturnType<Store['changesOfEntry']> {
    throw notYet('changesOfEntry');
  }

  correctedEntryIds(
    ..._args: Parameters<Store['correctedEntryIds']>
  ): ReturnType<Store['correctedEntryIds']> {
    throw notYet('correctedEntryIds');
  }

  changesOfEntries(..._args: Parameters<Store['changesOfEntries']>): ReturnType<Store['changesOfEntries']> {
    throw notYet('changesOfEntries');
  }

  stopEntry(..._args: Parameters<Store['stopEntry']>): ReturnType<Store['stopEntry']> {
    throw notYet('stopEntry');
  }

  moveEntry(..._args: Parameters<Store['moveEntry']>): ReturnType<Store['moveEntry']> {
    throw notYet('moveEntry');
  }

  entriesOfTask(..._args: Parameters<Store['entriesOfTask']>): ReturnType<Store['entriesOfTask']> {
    throw notYet('entriesOfTask');
  }

  allEntries(..._args: Parameters<Store['allEntries']>): ReturnType<Store['allEntries']> {
    throw notYet('allEntries');
  }

  entriesOfUserBetween(
    ..._args: Parameters<Store['entriesOfUserBetween']>
  ): ReturnType<Store['entriesOfUserBetween']> {
    throw notYet('entriesOfUserBetween');
  }

  firstWorkMadeBetween(
    ..._args: Parameters<Store['firstWorkMadeBetween']>
  ): ReturnType<Store['firstWorkMadeBetween']> {
    throw notYet('firstWorkMadeBetween');
  }

  runningSecondsByTask(
    ..._args: Parameters<Store['runningSecondsByTask']>
  ): ReturnType<Store['runningSecondsByTask']> {
    throw notYet('runningSecondsByTask');
  }

  correctionsAfter(..._args: Parameters<Store['correctionsAfter']>): ReturnType<Store['correctionsAfter']> {
    throw notYet('correctionsAfter');
  }
}
