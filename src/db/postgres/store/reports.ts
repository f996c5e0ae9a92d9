import type { DayRemark } from '../../../core/store.js';
import type { DayAmendment, NewDayAmendment, RecordedDayReport } from '../../../core/types.js';
import { instant, num } from './base.js';
import { arrayLiteral } from './params.js';
import { rowToDayReport } from './time-rows.js';
import { PgTracked } from './tracked.js';

/** A day report's columns, its snapshot as the JSON text it was written as, and its approver's name. */
const DAY_REPORT = `SELECT r.user_id, r.day, r.recorded_at, r.snapshot::text AS snapshot, r.approved_at, r.mark, r.comment,
  a.name AS approver_name FROM day_reports r LEFT JOIN users a ON a.id = r.approved_by`;

/**
 * Recorded day reports (R35), their approval and remarks (R30), and the amendments of recorded days (R23):
 * src/db/sqlite/reports.ts on PostgreSQL.
 */
export abstract class PgReports extends PgTracked {
  dayRecordedAt(userId: number, day: string): Date | undefined {
    const row = this.row<{ recorded_at: string }>(
      'SELECT recorded_at FROM day_reports WHERE user_id = $1 AND day = $2',
      [userId, day],
    );
    return row ? instant(row.recorded_at) : undefined;
  }

  getDayReport(userId: number, day: string): RecordedDayReport | undefined {
    const row = this.row(`${DAY_REPORT} WHERE r.user_id = $1 AND r.day = $2`, [userId, day]);
    return row ? rowToDayReport(row) : undefined;
  }

  dayReportsBetween(userIds: readonly number[], fromDay: string, toDay: string): RecordedDayReport[] {
    return this.rows(
      `${DAY_REPORT} WHERE r.user_id = ANY ($1::bigint[]) AND r.day >= $2 AND r.day <= $3 ORDER BY r.day, r.user_id`,
      [arrayLiteral(userIds), fromDay, toDay],
    ).map(rowToDayReport);
  }

  recordedDays(userId: number, fromDay: string, toDay: string): { day: string; recordedAt: Date }[] {
    return this.rows<{ day: string; recorded_at: string }>(
      'SELECT day, recorded_at FROM day_reports WHERE user_id = $1 AND day BETWEEN $2 AND $3 ORDER BY day',
      [userId, fromDay, toDay],
    ).map((row) => ({ day: row.day, recordedAt: instant(row.recorded_at) }));
  }

  amendmentsOf(userId: number, day: string): DayAmendment[] {
    const rows = this.rows(
      `SELECT a.*, u.name AS actor_name FROM day_amendments a JOIN users u ON u.id = a.actor_id
        WHERE a.user_id = $1 AND a.day = $2 ORDER BY a.at, a.id`,
      [userId, day],
    );
    return rows.map((row) => ({
      userId: num(row.user_id),
      day: row.day as string,
      at: instant(row.at),
      actorId: num(row.actor_id),
      actor: row.actor_name as string,
      via: row.via as string | null,
      what: row.what as string,
      reason: row.reason as string,
    }));
  }

  insertAmendment(a: NewDayAmendment): void {
    this.rows(
      'INSERT INTO day_amendments (user_id, day, at, actor_id, via, what, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [a.userId, a.day, a.at.getTime(), a.actorId, a.via, a.what, a.reason],
    );
  }

  insertDayReport(userId: number, day: string, recordedAt: Date, snapshot: string): void {
    this.rows('INSERT INTO day_reports (user_id, day, recorded_at, snapshot) VALUES ($1, $2, $3, $4)', [
      userId,
      day,
      recordedAt.getTime(),
      snapshot,
    ]);
  }

  approveDayReport(
    userId: number,
    day: string,
    approverId: number,
    at: Date,
    mark: 'positive' | 'negative',
    comment: string | null,
  ): void {
    this.rows(
      'UPDATE day_reports SET approved_by = $1, approved_at = $2, mark = $3, comment = $4 WHERE user_id = $5 AND day = $6',
      [approverId, at.getTime(), mark, comment, userId, day],
    );
  }

  openDayRemarksFor(userId: number): DayRemark[] {
    const rows = this.rows<{
      day: string;
      mark: DayRemark['mark'];
      comment: string | null;
      approved_at: string;
      by_name: string;
    }>(
      `SELECT r.day, r.mark, r.comment, r.approved_at, u.name AS by_name FROM day_reports r JOIN users u ON u.id = r.approved_by
        WHERE r.user_id = $1 AND r.approved_by IS NOT NULL AND r.replied_at IS NULL AND (r.mark = 'negative' OR r.comment IS NOT NULL)
        ORDER BY r.day`,
      [userId],
    );
    return rows.map((row) => ({
      day: row.day,
      mark: row.mark,
      comment: row.comment,
      by: row.by_name,
      at: instant(row.approved_at),
    }));
  }

  replyToDayReport(userId: number, day: string, body: string, at: Date): boolean {
    const replied = this.rows(
      `UPDATE day_reports SET reply = $1, replied_at = $2
        WHERE user_id = $3 AND day = $4 AND approved_by IS NOT NULL AND replied_at IS NULL RETURNING day`,
      [body, at.getTime(), userId, day],
    );
    return replied.length > 0;
  }
}
