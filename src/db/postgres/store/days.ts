import type { Store } from '../../../core/store.js';
import { notYet } from './base.js';
import { PgReports } from './reports.js';

/** The team server's days (PostgreSQL): the same meaning as src/db/sqlite/days.ts. */
export abstract class PgDays extends PgReports {
  plannedByDay(..._args: Parameters<Store['plannedByDay']>): ReturnType<Store['plannedByDay']> {
    throw notYet('plannedByDay');
  }

  plannedMinutesToday(
    ..._args: Parameters<Store['plannedMinutesToday']>
  ): ReturnType<Store['plannedMinutesToday']> {
    throw notYet('plannedMinutesToday');
  }

  getWorkDay(..._args: Parameters<Store['getWorkDay']>): ReturnType<Store['getWorkDay']> {
    throw notYet('getWorkDay');
  }

  workDaysBetween(..._args: Parameters<Store['workDaysBetween']>): ReturnType<Store['workDaysBetween']> {
    throw notYet('workDaysBetween');
  }

  lastWorkDayBefore(
    ..._args: Parameters<Store['lastWorkDayBefore']>
  ): ReturnType<Store['lastWorkDayBefore']> {
    throw notYet('lastWorkDayBefore');
  }

  insertWorkDay(..._args: Parameters<Store['insertWorkDay']>): ReturnType<Store['insertWorkDay']> {
    throw notYet('insertWorkDay');
  }

  setWorkDayEnd(..._args: Parameters<Store['setWorkDayEnd']>): ReturnType<Store['setWorkDayEnd']> {
    throw notYet('setWorkDayEnd');
  }

  openBreakOf(..._args: Parameters<Store['openBreakOf']>): ReturnType<Store['openBreakOf']> {
    throw notYet('openBreakOf');
  }

  insertBreak(..._args: Parameters<Store['insertBreak']>): ReturnType<Store['insertBreak']> {
    throw notYet('insertBreak');
  }

  endBreak(..._args: Parameters<Store['endBreak']>): ReturnType<Store['endBreak']> {
    throw notYet('endBreak');
  }

  planItems(..._args: Parameters<Store['planItems']>): ReturnType<Store['planItems']> {
    throw notYet('planItems');
  }

  setPlanItem(..._args: Parameters<Store['setPlanItem']>): ReturnType<Store['setPlanItem']> {
    throw notYet('setPlanItem');
  }

  deletePlanItem(..._args: Parameters<Store['deletePlanItem']>): ReturnType<Store['deletePlanItem']> {
    throw notYet('deletePlanItem');
  }

  observedCounts(..._args: Parameters<Store['observedCounts']>): ReturnType<Store['observedCounts']> {
    throw notYet('observedCounts');
  }

  plannedTaskIdsFrom(
    ..._args: Parameters<Store['plannedTaskIdsFrom']>
  ): ReturnType<Store['plannedTaskIdsFrom']> {
    throw notYet('plannedTaskIdsFrom');
  }
}
