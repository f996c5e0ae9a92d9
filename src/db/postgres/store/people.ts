import type { Store } from '../../../core/store.js';
import { notYet, PgBase } from './base.js';

/** The team server's people (PostgreSQL): the same meaning as src/db/sqlite/people.ts. */
export abstract class PgPeople extends PgBase {
  findExternal(..._args: Parameters<Store['findExternal']>): ReturnType<Store['findExternal']> {
    throw notYet('findExternal');
  }

  setExternal(..._args: Parameters<Store['setExternal']>): ReturnType<Store['setExternal']> {
    throw notYet('setExternal');
  }

  externalIdsOf(..._args: Parameters<Store['externalIdsOf']>): ReturnType<Store['externalIdsOf']> {
    throw notYet('externalIdsOf');
  }

  orphanExternalIds(
    ..._args: Parameters<Store['orphanExternalIds']>
  ): ReturnType<Store['orphanExternalIds']> {
    throw notYet('orphanExternalIds');
  }

  deleteUserIfUnused(
    ..._args: Parameters<Store['deleteUserIfUnused']>
  ): ReturnType<Store['deleteUserIfUnused']> {
    throw notYet('deleteUserIfUnused');
  }

  countUsers(..._args: Parameters<Store['countUsers']>): ReturnType<Store['countUsers']> {
    throw notYet('countUsers');
  }

  listUsers(..._args: Parameters<Store['listUsers']>): ReturnType<Store['listUsers']> {
    throw notYet('listUsers');
  }

  findUserByName(..._args: Parameters<Store['findUserByName']>): ReturnType<Store['findUserByName']> {
    throw notYet('findUserByName');
  }

  getUser(..._args: Parameters<Store['getUser']>): ReturnType<Store['getUser']> {
    throw notYet('getUser');
  }

  insertUser(..._args: Parameters<Store['insertUser']>): ReturnType<Store['insertUser']> {
    throw notYet('insertUser');
  }

  updateUser(..._args: Parameters<Store['updateUser']>): ReturnType<Store['updateUser']> {
    throw notYet('updateUser');
  }

  policyValues(..._args: Parameters<Store['policyValues']>): ReturnType<Store['policyValues']> {
    throw notYet('policyValues');
  }

  policyRecords(..._args: Parameters<Store['policyRecords']>): ReturnType<Store['policyRecords']> {
    throw notYet('policyRecords');
  }

  setPolicyValue(..._args: Parameters<Store['setPolicyValue']>): ReturnType<Store['setPolicyValue']> {
    throw notYet('setPolicyValue');
  }

  policyHistory(..._args: Parameters<Store['policyHistory']>): ReturnType<Store['policyHistory']> {
    throw notYet('policyHistory');
  }

  hasPolicyHistory(..._args: Parameters<Store['hasPolicyHistory']>): ReturnType<Store['hasPolicyHistory']> {
    throw notYet('hasPolicyHistory');
  }

  clearPolicy(..._args: Parameters<Store['clearPolicy']>): ReturnType<Store['clearPolicy']> {
    throw notYet('clearPolicy');
  }

  reportsOf(..._args: Parameters<Store['reportsOf']>): ReturnType<Store['reportsOf']> {
    throw notYet('reportsOf');
  }
}
