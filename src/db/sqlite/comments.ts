import type { NewComment, OpenRemark } from '../../core/store.js';
import type { Comment, ResultParts, Task, TaskResult } from '../../core/types.js';
import { date, type Row, rowToComment } from './rows.js';
import { COMMENT_ROW, insertSql } from './insert-rows.js';
import { SqliteTasks } from './tasks.js';

const INSERT_COMMENT = insertSql(COMMENT_ROW, 1);

/** Comments, results (R27-R33), ratings (R29) and the remarks awaiting an answer (R30). */
export abstract class SqliteComments extends SqliteTasks {
  insertComment(comment: NewComment): number {
    return Number(this.sql(INSERT_COMMENT).run(COMMENT_ROW.values(comment)).lastInsertRowid);
  }

  commentsOf(taskId: number, limit = -1): Comment[] {
    const rows = this.sql(
      `SELECT * FROM (SELECT c.*, u.name AS author_name FROM comments c JOIN users u ON u.id = c.author_id
        WHERE c.task_id = ? ORDER BY c.created_at DESC, c.id DESC LIMIT ?) ORDER BY created_at, id`,
    ).all(taskId, limit) as Row[];
    return rows.map(rowToComment);
  }

  getComment(id: number): Comment | undefined {
    const row = this.sql(
      'SELECT c.*, u.name AS author_name FROM comments c JOIN users u ON u.id = c.author_id WHERE c.id = ?',
    ).get(id) as Row | undefined;
    return row ? rowToComment(row) : undefined;
  }

  openRemarksFor(userId: number): OpenRemark[] {
    // A remark is answered by a reply to it, or by a reply of the responsible written after it.
    // CROSS JOIN keeps SQLite starting from the person's tasks (an index) rather than from all comments.
    const rows = this.sql(
      `SELECT c.*, u.name AS author_name, t.title AS task_title
       FROM tasks t CROSS JOIN comments c ON c.task_id = t.id JOIN users u ON u.id = c.author_id
       WHERE t.responsible_id = @user AND c.author_id <> @user
         AND (c.author_id = t.director_id OR c.author_id IN (WITH RECURSIVE chain (id) AS (
               SELECT manager_id FROM users WHERE id = @user
               UNION SELECT u.manager_id FROM users u JOIN chain ON u.id = chain.id WHERE u.manager_id IS NOT NULL)
             SELECT id FROM chain WHERE id IS NOT NULL))
         AND (c.kind = 'comment' OR (c.kind = 'rating' AND c.body LIKE 'negative:%')) AND t.deleted_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM comments r WHERE r.task_id = c.task_id AND r.kind = 'reply'
               AND (r.reply_to_id = c.id OR (r.reply_to_id IS NULL AND r.id > c.id)))
       ORDER BY c.created_at, c.id`,
    ).all({ user: userId }) as Row[];
    return rows.map((row) => ({
      comment: rowToComment(row),
      taskId: row.task_id as number,
      taskTitle: row.task_title as string,
    }));
  }

  openRemarksOf(userIds: readonly number[]): (OpenRemark & { userId: number })[] {
    // openRemarksFor's question for every person at once: each person's managers up the chain, then
    // their tasks' remarks in one pass (a team report asked it person by person).
    const rows = this.sql(
      `WITH RECURSIVE people (rank, id) AS (SELECT min(key), value FROM json_each(@users) GROUP BY value),
         chain (person, id) AS (
           SELECT u.id, u.manager_id FROM people p JOIN users u ON u.id = p.id
           UNION SELECT chain.person, m.manager_id FROM users m JOIN chain ON m.id = chain.id WHERE m.manager_id IS NOT NULL)
       SELECT c.*, u.name AS author_name, t.title AS task_title, t.responsible_id AS for_user
       FROM people p CROSS JOIN tasks t ON t.responsible_id = p.id CROSS JOIN comments c ON c.task_id = t.id
         JOIN users u ON u.id = c.author_id
       WHERE c.author_id <> t.responsible_id
         AND (c.author_id = t.director_id
              OR c.author_id IN (SELECT id FROM chain WHERE chain.person = t.responsible_id AND id IS NOT NULL))
         AND (c.kind = 'comment' OR (c.kind = 'rating' AND c.body LIKE 'negative:%')) AND t.deleted_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM comments r WHERE r.task_id = c.task_id AND r.kind = 'reply'
               AND (r.reply_to_id = c.id OR (r.reply_to_id IS NULL AND r.id > c.id)))
       ORDER BY p.rank, c.created_at, c.id`,
    ).all({ users: JSON.stringify(userIds) }) as Row[];
    return rows.map((row) => ({
      comment: rowToComment(row),
      taskId: row.task_id as number,
      taskTitle: row.task_title as string,
      userId: row.for_user as number,
    }));
  }

  lastSubmissionOf(taskId: number): Comment | undefined {
    const row = this.sql(
      `SELECT c.*, u.name AS author_name FROM comments c JOIN users u ON u.id = c.author_id
       WHERE c.task_id = ? AND c.kind IN ('result', 'progress') ORDER BY c.created_at DESC, c.id DESC LIMIT 1`,
    ).get(taskId) as Row | undefined;
    return row ? rowToComment(row) : undefined;
  }

  insertResult(commentId: number, parts: ResultParts): void {
    this.sql(
      'INSERT INTO results (comment_id, proposal, abstract, links, explanation, conclusion) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(
      commentId,
      parts.proposal,
      parts.abstract,
      JSON.stringify(parts.links),
      parts.explanation,
      parts.conclusion,
    );
  }

  setResultExplanation(commentId: number, explanation: string): void {
    this.sql('UPDATE results SET explanation = ? WHERE comment_id = ?').run(explanation, commentId);
  }

  lastResultOf(taskId: number): TaskResult | undefined {
    const row = this.sql(
      `SELECT c.id, c.body, c.created_at, u.name AS author_name, r.* FROM comments c
       JOIN results r ON r.comment_id = c.id JOIN users u ON u.id = c.author_id
       WHERE c.task_id = ? AND c.kind = 'result' ORDER BY c.created_at DESC, c.id DESC LIMIT 1`,
    ).get(taskId) as Row | undefined;
    if (!row) return undefined;
    return {
      commentId: row.comment_id as number,
      result: row.body as string,
      author: row.author_name as string,
      createdAt: date(row.created_at),
      proposal: row.proposal as string | null,
      abstract: row.abstract as string | null,
      links: JSON.parse(row.links as string) as string[],
      explanation: row.explanation as string | null,
      conclusion: row.conclusion as string | null,
    };
  }

  ratingsBetween(userIds: readonly number[], from: Date, to: Date) {
    const rows = this.sql(
      `SELECT c.*, u.name AS author_name, t.title AS task_title, t.responsible_id FROM comments c
       JOIN tasks t ON t.id = c.task_id JOIN users u ON u.id = c.author_id
       WHERE c.kind = 'rating' AND t.responsible_id IN (SELECT value FROM json_each(?)) AND c.created_at >= ? AND c.created_at < ? ORDER BY c.created_at, c.id`,
    ).all(JSON.stringify(userIds), from.getTime(), to.getTime()) as Row[];
    return rows.map((row) => ({
      comment: rowToComment(row),
      taskId: row.task_id as number,
      taskTitle: row.task_title as string,
      responsibleId: row.responsible_id as number,
    }));
  }

  negativeRatingsBetween(userIds: readonly number[], from: Date, to: Date) {
    const rows = this.sql(
      `SELECT c.*, u.name AS author_name, t.title AS task_title, t.responsible_id FROM comments c
       JOIN tasks t ON t.id = c.task_id JOIN users u ON u.id = c.author_id
       WHERE c.kind = 'rating' AND c.body LIKE 'negative%' AND t.responsible_id IN (SELECT value FROM json_each(?))
         AND c.created_at >= ? AND c.created_at < ? ORDER BY c.created_at`,
    ).all(JSON.stringify(userIds), from.getTime(), to.getTime()) as Row[];
    return rows.map((row) => ({
      comment: rowToComment(row),
      taskId: row.task_id as number,
      taskTitle: row.task_title as string,
      responsibleId: row.responsible_id as number,
    }));
  }

  closedBetween(
    userIds: readonly number[],
    from: Date,
    to: Date,
  ): { task: Task; result: TaskResult | null }[] {
    const ids = this.sql(
      `SELECT DISTINCT c.task_id FROM comments c JOIN tasks t ON t.id = c.task_id
       WHERE c.kind = 'result' AND c.created_at >= ? AND c.created_at < ? AND t.responsible_id IN (SELECT value FROM json_each(?)) AND t.deleted_at IS NULL`,
    ).all(from.getTime(), to.getTime(), JSON.stringify(userIds)) as { task_id: number }[];
    const tasks = this.findTasks({ ids: ids.map((r) => r.task_id), order: 'created' });
    return tasks.map((task) => ({ task, result: this.lastResultOf(task.id) ?? null }));
  }

  resultsMadeBetween(
    userIds: readonly number[],
    from: Date,
    to: Date,
  ): { taskId: number; responsibleId: number; at: Date }[] {
    const rows = this.sql(
      `SELECT c.task_id, t.responsible_id, c.created_at FROM comments c JOIN tasks t ON t.id = c.task_id
       WHERE c.kind = 'result' AND c.created_at >= ? AND c.created_at < ? AND t.responsible_id IN (SELECT value FROM json_each(?)) AND t.deleted_at IS NULL`,
    )
      .raw()
      .all(from.getTime(), to.getTime(), JSON.stringify(userIds)) as [number, number, number][];
    return rows.map(([taskId, responsibleId, at]) => ({ taskId, responsibleId, at: date(at) }));
  }
}
