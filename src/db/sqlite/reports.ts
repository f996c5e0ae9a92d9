import type { DayRemark } from '../../core/store.js';
import type { DayAmendment, NewDayAmendment, RecordedDayReport } from '../../core/types.js';
import { date, type Row, rowToDayReport } from './rows.js';
import { SqliteTracked } from './tracked.js';

/** Recorded day reports (R35), their approval and remarks (R30), and the amendments of recorded days (R23). */
export abstract class SqliteReports extends SqliteTracked {
  dayRecordedAt(userId: number, day: string): Date | undefined {
    const row = this.sql('SELECT recorded_at FROM day_reports WHERE user_id = ? AND day = ?').get(
      userId,
      day,
    ) as { recorded_at: number } | undefined;
    return row ? new Date(row.recorded_at) : undefined;
  }

  getDayReport(userId: number, day: string): RecordedDayReport | undefined {
    const row = this.sql(
      `SELECT r.*, a.name AS approver_name FROM day_reports r LEFT JOIN users a ON a.id = r.approved_by WHERE r.user_id = ? AND r.day = ?`,
    ).get(userId, day) as Row | undefined;
    return row ? rowToDayReport(row) : undefined;
  }

  dayReportsBetween(userIds: readonly number[], fromDay: string, toDay: string): RecordedDayReport[] {
    const rows = this.sql(
      `SELECT r.*, a.name AS approver_name FROM day_reports r LEFT JOIN users a ON a.id = r.approved_by
       WHERE r.user_id IN (SELECT value FROM json_each(?)) AND r.day >= ? AND r.day <= ? ORDER BY r.day, r.user_id`,
    ).all(JSON.stringify(userIds), fromDay, toDay) as Row[];
    return rows.map(rowToDayReport);
  }

  recordedDays(userId: number, fromDay: string, toDay: string): { day: string; recordedAt: Date }[] {
    const rows = this.sql(
      'SELECT day, recorded_at FROM day_reports WHERE user_id = ? AND day BETWEEN ? AND ? ORDER BY day',
    )
      .raw()
      .all(userId, fromDay, toDay) as [string, number][];
    return rows.map(([day, at]) => ({ day, recordedAt: date(at) }));
  }

  amendmentsOf(userId: number, day: string): DayAmendment[] {
    const rows = this.sql(
      `SELECT a.*, u.name AS actor_name FROM day_amendments a JOIN users u ON u.id = a.actor_id WHERE a.user_id = ? AND a.day = ? ORDER BY a.at, a.id`,
    ).all(userId, day) as Row[];
    return rows.map((row) => ({
      userId: row.user_id as number,
      day: row.day as string,
      at: date(row.at),
      actorId: row.actor_id as number,
      actor: row.actor_name as string,
      via: row.via as string | null,
      what: row.what as string,
      reason: row.reason as string,
    }));
  }

  insertAmendment(a: NewDayAmendment): void {
    this.sql(
      'INSERT INTO day_amendments (user_id, day, at, actor_id, via, what, reason) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(a.userId, a.day, a.at.getTime(), a.actorId, a.via, a.what, a.reason);
  }

  insertDayReport(userId: number, day: string, recordedAt: Date, snapshot: string): void {
    this.sql('INSERT INTO day_reports (user_id, day, recorded_at, snapshot) VALUES (?, ?, ?, ?)').run(
      userId,
      day,
      recordedAt.getTime(),
      snapshot,
    );
  }

  approveDayReport(
    userId: number,
    day: string,
    approverId: number,
    at: Date,
    mark: 'positive' | 'negative',
    comment: string | null,
  ): void {
    this.sql(
      'UPDATE day_reports SET approved_by = ?, approved_at = ?, mark = ?, comment = ? WHERE user_id = ? AND day = ?',
    ).run(approverId, at.getTime(), mark, comment, userId, day);
  }

  openDayRemarksFor(userId: number): DayRemark[] {
    const rows = this.sql(
      `SELECT r.day, r.mark, r.comment, r.approved_at, u.name AS by_name FROM day_reports r JOIN users u ON u.id = r.approved_by
       WHERE r.user_id = ? AND r.approved_by IS NOT NULL AND r.replied_at IS NULL AND (r.mark = 'negative' OR r.comment IS NOT NULL)
       ORDER BY r.day`,
    ).all(userId) as Row[];
    return rows.map((row) => ({
      day: row.day as string,
      mark: row.mark as DayRemark['mark'],
      comment: row.comment as string | null,
      by: row.by_name as string,
      at: date(row.approved_at),
    }));
  }

  replyToDayReport(userId: number, day: string, body: string, at: Date): boolean {
    const info = this.sql(
      'UPDATE day_reports SET reply = ?, replied_at = ? WHERE user_id = ? AND day = ? AND approved_by IS NOT NULL AND replied_at IS NULL',
    ).run(body, at.getTime(), userId, day);
    return info.changes > 0;
  }
}
