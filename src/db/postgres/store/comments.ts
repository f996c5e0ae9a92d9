import type { Store } from '../../../core/store.js';
import { notYet } from './base.js';
import { PgTasks } from './tasks.js';

/** The team server's comments (PostgreSQL): the same meaning as src/db/sqlite/comments.ts. */
export abstract class PgComments extends PgTasks {
  ratingsBetween(..._args: Parameters<Store['ratingsBetween']>): ReturnType<Store['ratingsBetween']> {
    throw notYet('ratingsBetween');
  }

  negativeRatingsBetween(
    ..._args: Parameters<Store['negativeRatingsBetween']>
  ): ReturnType<Store['negativeRatingsBetween']> {
    throw notYet('negativeRatingsBetween');
  }

  closedBetween(..._args: Parameters<Store['closedBetween']>): ReturnType<Store['closedBetween']> {
    throw notYet('closedBetween');
  }

  resultsMadeBetween(
    ..._args: Parameters<Store['resultsMadeBetween']>
  ): ReturnType<Store['resultsMadeBetween']> {
    throw notYet('resultsMadeBetween');
  }

  insertComment(..._args: Parameters<Store['insertComment']>): ReturnType<Store['insertComment']> {
    throw notYet('insertComment');
  }

  getComment(..._args: Parameters<Store['getComment']>): ReturnType<Store['getComment']> {
    throw notYet('getComment');
  }

  openRemarksFor(..._args: Parameters<Store['openRemarksFor']>): ReturnType<Store['openRemarksFor']> {
    throw notYet('openRemarksFor');
  }

  lastSubmissionOf(..._args: Parameters<Store['lastSubmissionOf']>): ReturnType<Store['lastSubmissionOf']> {
    throw notYet('lastSubmissionOf');
  }

  commentsOf(..._args: Parameters<Store['commentsOf']>): ReturnType<Store['commentsOf']> {
    throw notYet('commentsOf');
  }

  insertResult(..._args: Parameters<Store['insertResult']>): ReturnType<Store['insertResult']> {
    throw notYet('insertResult');
  }

  lastResultOf(..._args: Parameters<Store['lastResultOf']>): ReturnType<Store['lastResultOf']> {
    throw notYet('lastResultOf');
  }

  setResultExplanation(
    ..._args: Parameters<Store['setResultExplanation']>
  ): ReturnType<Store['setResultExplanation']> {
    throw notYet('setResultExplanation');
  }
}
