import type { Store } from '../../../core/store.js';
import { notYet } from './base.js';
import { PgTracked } from './tracked.js';

/** The team server's reports (PostgreSQL): the same meaning as src/db/sqlite/reports.ts. */
export abstract class PgReports extends PgTracked {
  dayRecordedAt(..._args: Parameters<Store['dayRecordedAt']>): ReturnType<Store['dayRecordedAt']> {
    throw notYet('dayRecordedAt');
  }

  getDayReport(..._args: Parameters<Store['getDayReport']>): ReturnType<Store['getDayReport']> {
    throw notYet('getDayReport');
  }

  dayReportsBetween(
    ..._args: Parameters<Store['dayReportsBetween']>
  ): ReturnType<Store['dayReportsBetween']> {
    throw notYet('dayReportsBetween');
  }

  insertDayReport(..._args: Parameters<Store['insertDayReport']>): ReturnType<Store['insertDayReport']> {
    throw notYet('insertDayReport');
  }

  approveDayReport(..._args: Parameters<Store['approveDayReport']>): ReturnType<Store['approveDayReport']> {
    throw notYet('approveDayReport');
  }

  recordedDays(..._args: Parameters<Store['recordedDays']>): ReturnType<Store['recordedDays']> {
    throw notYet('recordedDays');
  }

  amendmentsOf(..._args: Parameters<Store['amendmentsOf']>): ReturnType<Store['amendmentsOf']> {
    throw notYet('amendmentsOf');
  }

  insertAmendment(..._args: Parameters<Store['insertAmendment']>): ReturnType<Store['insertAmendment']> {
    throw notYet('insertAmendment');
  }

  openDayRemarksFor(
    ..._args: Parameters<Store['openDayRemarksFor']>
  ): ReturnType<Store['openDayRemarksFor']> {
    throw notYet('openDayRemarksFor');
  }

  replyToDayReport(..._args: Parameters<Store['replyToDayReport']>): ReturnType<Store['replyToDayReport']> {
    throw notYet('replyToDayReport');
  }
}
