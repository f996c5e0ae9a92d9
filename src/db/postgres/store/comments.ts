import type { NewComment, OpenRemark } from '../../../core/store.js';
import type { Comment, ResultParts, Task, TaskResult } from '../../../core/types.js';
import { instant, num, numOrNull } from './base.js';
import { arrayLiteral, SqlParams } from './params.js';
import { PgTasks } from './tasks.js';

type Row = Record<string, unknown>;

/** A comment on a task of someone's, found by period (R29 ratings). */
type TaskComment = { comment: Comment; taskId: number; taskTitle: string; responsibleId: number };

const COMMENT_SELECT =
  'SELECT c.id, c.task_id, c.author_id, c.kind, c.body, c.reply_to_id, c.created_at, u.name AS author_name';

function rowToComment(row: Row): Comment {
  return {
    id: num(row.id),
    taskId: num(row.task_id),
    authorId: num(row.author_id),
    author: row.author_name as string,
    kind: row.kind as Comment['kind'],
    body: row.body as string,
    replyToId: numOrNull(row.reply_to_id),
    createdAt: instant(row.created_at),
  };
}

function rowToTaskComment(row: Row): TaskComment {
  return {
    comment: rowToComment(row),
    taskId: num(row.task_id),
    taskTitle: row.task_title as string,
    responsibleId: num(row.responsible_id),
  };
}

/**
 * The team server's comments (PostgreSQL): the same meaning as src/db/sqlite/comments.ts - comments,
 * results (R27-R33), ratings (R29) and the remarks awaiting an answer (R30).
 */
export abstract class PgComments extends PgTasks {
  insertComment(comment: NewComment): number {
    return this.insertReturningId(
      'INSERT INTO comments (task_id, author_id, kind, body, reply_to_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [
        comment.taskId,
        comment.authorId,
        comment.kind,
        comment.body,
        comment.replyToId,
        comment.createdAt.getTime(),
      ],
    );
  }

  /** The last `limit` comments (all when negative), oldest first. */
  commentsOf(taskId: number, limit = -1): Comment[] {
    return this.rows(
      `SELECT * FROM (${COMMENT_SELECT} FROM comments c JOIN users u ON u.id = c.author_id
         WHERE c.task_id = $1 ORDER BY c.created_at DESC, c.id DESC LIMIT $2) last ORDER BY created_at, id`,
      [taskId, limit < 0 ? null : limit],
    ).map(rowToComment);
  }

  getComment(id: number): Comment | undefined {
    const row = this.row(
      `${COMMENT_SELECT} FROM comments c JOIN users u ON u.id = c.author_id WHERE c.id = $1`,
      [id],
    );
    return row ? rowToComment(row) : undefined;
  }

  openRemarksFor(userId: number): OpenRemark[] {
    // A remark is answered by a reply to it, or by a reply of the responsible written after it.
    return this.rows(
      `${COMMENT_SELECT}, t.title AS task_title
       FROM tasks t JOIN comments c ON c.task_id = t.id JOIN users u ON u.id = c.author_id
       WHERE t.responsible_id = $1 AND c.author_id <> $1
         AND (c.author_id = t.director_id OR c.author_id IN (WITH RECURSIVE chain (id) AS (
               SELECT manager_id FROM users WHERE id = $1
               UNION SELECT m.manager_id FROM users m JOIN chain ON m.id = chain.id WHERE m.manager_id IS NOT NULL)
             SELECT id FROM chain WHERE id IS NOT NULL))
         AND (c.kind = 'comment' OR (c.kind = 'rating' AND c.body ILIKE 'negative:%')) AND t.deleted_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM comments r WHERE r.task_id = c.task_id AND r.kind = 'reply'
               AND (r.reply_to_id = c.id OR (r.reply_to_id IS NULL AND r.id > c.id)))
       ORDER BY c.created_at, c.id`,
      [userId],
    ).map((row) => ({
      comment: rowToComment(row),
      taskId: num(row.task_id),
      taskTitle: row.task_title as string,
    }));
  }

  openRemarksOf(userIds: readonly number[]): (OpenRemark & { userId: number })[] {
    // openRemarksFor's question for every person at once: each person's managers up the chain, then
    // their tasks' remarks in one read (a team report asked it person by person).
    return this.rows(
      `WITH RECURSIVE people (rank, id) AS (
           SELECT min(p.rank), p.id FROM unnest($1::bigint[]) WITH ORDINALITY AS p (id, rank) GROUP BY p.id),
         chain (person, id) AS (
           SELECT u.id, u.manager_id FROM people p JOIN users u ON u.id = p.id
           UNION SELECT chain.person, m.manager_id FROM users m JOIN chain ON m.id = chain.id WHERE m.manager_id IS NOT NULL)
       ${COMMENT_SELECT}, t.title AS task_title, t.responsible_id AS for_user
       FROM people p JOIN tasks t ON t.responsible_id = p.id JOIN comments c ON c.task_id = t.id
         JOIN users u ON u.id = c.author_id
       WHERE c.author_id <> t.responsible_id
         AND (c.author_id = t.director_id
              OR c.author_id IN (SELECT id FROM chain WHERE chain.person = t.responsible_id AND id IS NOT NULL))
         AND (c.kind = 'comment' OR (c.kind = 'rating' AND c.body ILIKE 'negative:%')) AND t.deleted_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM comments r WHERE r.task_id = c.task_id AND r.kind = 'reply'
               AND (r.reply_to_id = c.id OR (r.reply_to_id IS NULL AND r.id > c.id)))
       ORDER BY p.rank, c.created_at, c.id`,
      [arrayLiteral(userIds)],
    ).map((row) => ({
      comment: rowToComment(row),
      taskId: num(row.task_id),
      taskTitle: row.task_title as string,
      userId: num(row.for_user),
    }));
  }

  lastSubmissionOf(taskId: number): Comment | undefined {
    const row = this.row(
      `${COMMENT_SELECT} FROM comments c JOIN users u ON u.id = c.author_id
       WHERE c.task_id = $1 AND c.kind IN ('result', 'progress') ORDER BY c.created_at DESC, c.id DESC LIMIT 1`,
      [taskId],
    );
    return row ? rowToComment(row) : undefined;
  }

  insertResult(commentId: number, parts: ResultParts): void {
    this.rows(
      'INSERT INTO results (comment_id, proposal, abstract, links, explanation, conclusion) VALUES ($1, $2, $3, $4::json, $5, $6)',
      [
        commentId,
        parts.proposal,
        parts.abstract,
        JSON.stringify(parts.links),
        parts.explanation,
        parts.conclusion,
      ],
    );
  }

  setResultExplanation(commentId: number, explanation: string): void {
    this.rows('UPDATE results SET explanation = $1 WHERE comment_id = $2', [explanation, commentId]);
  }

  lastResultOf(taskId: number): TaskResult | undefined {
    const row = this.row(lastResultsSql('c.task_id = $1'), [taskId]);
    return row ? rowToResult(row) : undefined;
  }

  ratingsBetween(userIds: readonly number[], from: Date, to: Date): TaskComment[] {
    return this.ratingsOf(userIds, from, to, '');
  }

  negativeRatingsBetween(userIds: readonly number[], from: Date, to: Date): TaskComment[] {
    return this.ratingsOf(userIds, from, to, "AND c.body ILIKE 'negative%'");
  }

  /** Ratings (R29) given in [from, to) on tasks of these people, oldest first. */
  private ratingsOf(userIds: readonly number[], from: Date, to: Date, andBody: string): TaskComment[] {
    const params = new SqlParams();
    return this.rows(
      `${COMMENT_SELECT}, t.title AS task_title, t.responsible_id FROM comments c
       JOIN tasks t ON t.id = c.task_id JOIN users u ON u.id = c.author_id
       WHERE c.kind = 'rating' ${andBody} AND t.responsible_id = ANY (${params.list(userIds, 'bigint')})
         AND c.created_at >= ${params.add(from.getTime())} AND c.created_at < ${params.add(to.getTime())}
       ORDER BY c.created_at, c.id`,
      params.values,
    ).map(rowToTaskComment);
  }

  closedBetween(
    userIds: readonly number[],
    from: Date,
    to: Date,
  ): { task: Task; result: TaskResult | null }[] {
    // The tasks given a result in the period (resultsMadeBetween's), and each one's last result, in one
    // round trip - both found by the same terms, so neither waits for the other's answer (and a report
    // can send them ahead, readAhead). One query per task was most of a team month on the server.
    const closedIn = `SELECT c.task_id FROM comments c JOIN tasks x ON x.id = c.task_id
       WHERE c.kind = 'result' AND c.created_at >= $1 AND c.created_at < $2
         AND x.responsible_id = ANY ($3::bigint[]) AND x.deleted_at IS NULL`;
    const params = [from.getTime(), to.getTime(), arrayLiteral(userIds)];
    const [taskRows, resultRows] = this.rowsAll([
      this.tasksQuery(
        `WHERE t.id IN (${closedIn}) AND t.deleted_at IS NULL`,
        'ORDER BY t.created_at, t.id',
        '',
        params,
      ),
      { sql: lastResultsSql(`c.task_id IN (${closedIn})`), params },
    ]);
    const results = new Map(resultRows!.map((row) => [num(row.task_id), rowToResult(row)]));
    return this.tasksOf(taskRows!).map((task) => ({ task, result: results.get(task.id) ?? null }));
  }

  resultsMadeBetween(
    userIds: readonly number[],
    from: Date,
    to: Date,
  ): { taskId: number; responsibleId: number; at: Date }[] {
    const params = new SqlParams();
    return this.rows<{ task_id: string; responsible_id: string; created_at: string }>(
      `SELECT c.task_id, t.responsible_id, c.created_at FROM comments c JOIN tasks t ON t.id = c.task_id
       WHERE c.kind = 'result' AND c.created_at >= ${params.add(from.getTime())} AND c.created_at < ${params.add(to.getTime())}
         AND t.responsible_id = ANY (${params.list(userIds, 'bigint')}) AND t.deleted_at IS NULL
       ORDER BY c.created_at, c.id`,
      params.values,
    ).map((r) => ({
      taskId: num(r.task_id),
      responsibleId: num(r.responsible_id),
      at: instant(r.created_at),
    }));
  }
}

/** The last result (R31) of each task `tasks` selects (a condition on c.task_id), by task. */
function lastResultsSql(tasks: string): string {
  return `SELECT DISTINCT ON (c.task_id) c.task_id, c.body, c.created_at, u.name AS author_name, r.* FROM comments c
       JOIN results r ON r.comment_id = c.id JOIN users u ON u.id = c.author_id
       WHERE ${tasks} AND c.kind = 'result' ORDER BY c.task_id, c.created_at DESC, c.id DESC`;
}

function rowToResult(row: Row): TaskResult {
  return {
    commentId: num(row.comment_id),
    result: row.body as string,
    author: row.author_name as string,
    createdAt: instant(row.created_at),
    proposal: row.proposal as string | null,
    abstract: row.abstract as string | null,
    links: row.links as string[],
    explanation: row.explanation as string | null,
    conclusion: row.conclusion as string | null,
  };
}
