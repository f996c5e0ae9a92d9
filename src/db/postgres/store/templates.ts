import type { Store } from '../../../core/store.js';
import { notYet } from './base.js';
import { PgPeople } from './people.js';

/** The team server's templates (PostgreSQL): the same meaning as src/db/sqlite/templates.ts. */
export abstract class PgTemplates extends PgPeople {
  insertTemplate(..._args: Parameters<Store['insertTemplate']>): ReturnType<Store['insertTemplate']> {
    throw notYet('insertTemplate');
  }

  updateTemplate(..._args: Parameters<Store['updateTemplate']>): ReturnType<Store['updateTemplate']> {
    throw notYet('updateTemplate');
  }

  getTemplate(..._args: Parameters<Store['getTemplate']>): ReturnType<Store['getTemplate']> {
    throw notYet('getTemplate');
  }

  listTemplates(..._args: Parameters<Store['listTemplates']>): ReturnType<Store['listTemplates']> {
    throw notYet('listTemplates');
  }

  deleteTemplate(..._args: Parameters<Store['deleteTemplate']>): ReturnType<Store['deleteTemplate']> {
    throw notYet('deleteTemplate');
  }

  lastOccurrenceDay(
    ..._args: Parameters<Store['lastOccurrenceDay']>
  ): ReturnType<Store['lastOccurrenceDay']> {
    throw notYet('lastOccurrenceDay');
  }

  insertOccurrence(..._args: Parameters<Store['insertOccurrence']>): ReturnType<Store['insertOccurrence']> {
    throw notYet('insertOccurrence');
  }

  hasOccurrence(..._args: Parameters<Store['hasOccurrence']>): ReturnType<Store['hasOccurrence']> {
    throw notYet('hasOccurrence');
  }
}
